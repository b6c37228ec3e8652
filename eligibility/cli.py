"""`gme extract [--format jsonl|table] PATH...`: eligibility facts from saved pages.

One JSON object per input path, in input order: "source" (the path as given), the thirteen
CONTRACT fields at the top level (null = the page does not say) and "evidence" (field ->
exact page text, for non-null fields), plus "oversize" (why) for a page over the per-page
size or time budget, which is not read (every field null). HTML, plain text and PDF are
told apart by content.
Bad input exits non-zero with a one-line reason on stderr, before anything is printed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from eligibility.extract import extract_page, looks_like_html
from eligibility.model import FIELDS


class _Usage(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:      # one line, not argparse's usage block
        raise _Usage(message)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="gme extract",
                description="Extract eligibility facts from saved program pages.")
    p.add_argument("--format", choices=("jsonl", "table"), default="jsonl")
    p.add_argument("paths", nargs="+", metavar="PATH")
    return p


def _content_type(data: bytes) -> str:
    if data[:5] == b"%PDF-":
        return "application/pdf"
    if looks_like_html(data):
        return "text/html"
    if b"\x00" in data[:4096]:
        raise ValueError("not HTML, plain text or PDF (binary content)")
    return "text/plain"


def record(source: str, data: bytes) -> dict:
    """The `gme extract` JSON object for one input."""
    result = extract_page(data, _content_type(data))
    out: dict = {"source": source}
    out.update({f: result.values[f] for f in FIELDS})
    out["evidence"] = result.evidence()
    if result.oversize:      # over the per-page budget: not read, every field unknown
        out["oversize"] = result.oversize
    return out


def _table(records: list[dict]) -> str:
    short = {"accepts_imgs": "imgs", "j1_visa": "j1", "h1b_visa": "h1b", "min_step2ck": "step2ck",
             "min_step1": "step1", "min_comlex2": "comlex2", "score_minimum_policy": "score_min",
             "attempts_policy": "attempts", "yog_max_years": "yog", "usce": "usce",
             "ecfmg_cert_required": "ecfmg", "holistic_review": "holistic",
             "comlex_accepted": "comlex_ok"}
    cols = ["source"] + list(FIELDS)
    rows = [[("-" if r[c] is None else str(r[c]).lower() if isinstance(r[c], bool) else str(r[c]))
             for c in cols] for r in records]
    heads = ["source"] + [short[f] for f in FIELDS]
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(heads)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(heads, widths))]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)) for row in rows]
    return "\n".join(line.rstrip() for line in lines)


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except _Usage as exc:
        print(f"gme extract: {exc}", file=sys.stderr)
        return 2
    inputs: list[tuple[str, bytes]] = []
    for source in args.paths:
        path = Path(source)
        try:
            if path.is_dir():
                raise IsADirectoryError("is a directory")
            data = path.read_bytes()
        except FileNotFoundError:
            print(f"gme extract: {source}: no such file", file=sys.stderr)
            return 2
        except (IsADirectoryError, PermissionError, OSError) as exc:
            reason = exc.strerror if getattr(exc, "strerror", None) else str(exc)
            print(f"gme extract: {source}: cannot read ({reason})", file=sys.stderr)
            return 2
        inputs.append((source, data))
    records = []
    for source, data in inputs:
        try:
            records.append(record(source, data))
        except Exception as exc:  # a broken PDF or binary file: say which input and why
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            print(f"gme extract: {source}: {reason}", file=sys.stderr)
            return 2  # bad input, as every gme command (issue 13)
    if args.format == "table":
        print(_table(records))
    else:
        for rec in records:
            print(json.dumps(rec, ensure_ascii=False))
    for rec in records:     # a page over the per-page budget is reported, not silently empty
        if rec.get("oversize"):
            print(f"gme extract: {rec['source']}: not read, over the per-page budget "
                  f"({rec['oversize']})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
