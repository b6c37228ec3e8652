"""Turn a filled-in phrasing into an HTML fragment and its plain text, in a site style's markup.

Templates may mark emphasis as **words**; it becomes <strong> in HTML and plain words in text.
The plain text keeps exactly the words of the HTML (so a PDF copy says the same thing).
"""

from __future__ import annotations

import html
import re
import zlib

_BOLD = re.compile(r"\*\*(.+?)\*\*")


def plain(s: str) -> str:
    return _BOLD.sub(r"\1", s)


def rich(s: str) -> str:
    """Escape text for HTML, then turn **x** into <strong>x</strong>."""
    return _BOLD.sub(r"<strong>\1</strong>", html.escape(s, quote=False))


def style_index(style: str, salt: str) -> int:
    # crc32, not hash(): Python salts str hashes per process, and the web must be reproducible.
    return zlib.crc32(f"{salt}:{style}".encode())


def qa(style: str, question: str, answer: str) -> tuple[str, str]:
    q, a = rich(question), rich(answer)
    tq, ta = plain(question), plain(answer)
    variant = style_index(style, "qa") % 5
    if variant == 0:
        return f'<dl class="faq"><dt>{q}</dt><dd>{a}</dd></dl>', f"{tq}\n{ta}"
    if variant == 1:
        return f'<div class="faq-item"><h3>{q}</h3><p>{a}</p></div>', f"{tq}\n{ta}"
    if variant == 2:
        return (
            f'<div class="qa"><p><strong>Q:</strong> {q}</p><p><strong>A:</strong> {a}</p></div>',
            f"Q: {tq}\nA: {ta}",
        )
    if variant == 3:
        return f"<details><summary>{q}</summary><p>{a}</p></details>", f"{tq}\n{ta}"
    return (
        f'<div class="question"><h4>{q}</h4><div class="answer"><p>{a}</p></div></div>',
        f"{tq}\n{ta}",
    )


def bullet(style: str, sentence: str) -> tuple[str, str]:
    return f"<li>{rich(sentence)}</li>", plain(sentence)


def labelled_bullet(style: str, label: str, cell: str) -> tuple[str, str]:
    if style_index(style, "lb") % 2:
        return (f"<li><strong>{rich(label)}:</strong> {rich(cell)}</li>",
                f"{plain(label)}: {plain(cell)}")
    return (f"<li><b>{rich(label)}</b> \u2013 {rich(cell)}</li>",
            f"{plain(label)} \u2013 {plain(cell)}")


def prose(style: str, sentence: str) -> tuple[str, str]:
    cls = ("", ' class="lead"', ' class="body-text"')[style_index(style, "p") % 3]
    return f"<p{cls}>{rich(sentence)}</p>", plain(sentence)


def heading_section(style: str, heading: str, sentence: str) -> tuple[str, str]:
    level = (2, 3, 4)[style_index(style, "h") % 3]
    return (
        f"<section><h{level}>{rich(heading)}</h{level}><p>{rich(sentence)}</p></section>",
        f"{plain(heading)}\n{plain(sentence)}",
    )


def table_row(style: str, label: str, cell: str) -> tuple[str, str]:
    scope = ' scope="row"' if style_index(style, "tr") % 2 else ""
    return (f"<tr><th{scope}>{rich(label)}</th><td>{rich(cell)}</td></tr>",
            f"{plain(label)}\t{plain(cell)}")
