"""The same real-phrasing dev pages, re-laid-out, read (almost) the same (issue 9's structure).

Plain text reaches us in many layouts: hard-wrapped at a column (PDF, e-mail copies), without
blank lines, with each question and its answer on one line. Each variant is made mechanically
from the dev .txt pages and scored against the same labels; its micro F1 may not fall more
than 0.02 below the original layout's. The figures print with `-s`.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from eligibility import extract_page
from eligibility.scoring import Tally

DEV = Path(__file__).parent / "realphrasing" / "dev"
MAX_DROP = 0.02


def wrapped(text: str, width: int = 72) -> str:
    out: list[str] = []
    for line in text.split("\n"):
        out.extend(textwrap.wrap(line, width) if len(line) > width else [line])
    return "\n".join(out)


def without_blank_lines(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if line.strip())


def question_and_answer_on_one_line(text: str) -> str:
    lines, out, i = text.split("\n"), [], 0
    while i < len(lines):
        line = lines[i].strip()
        if line.endswith("?") and i + 1 < len(lines) and lines[i + 1].strip():
            out.append(f"{line} {lines[i + 1].strip()}")
            i += 2
        else:
            out.append(lines[i])
            i += 1
    return "\n".join(out)


def _f1(layout) -> float:
    labels = json.loads((DEV / "labels.json").read_text())
    tally = Tally()
    for page_id, label in sorted(labels.items()):
        text = (DEV / "pages" / f"{page_id}.txt").read_text()
        tally.add(page_id, extract_page(layout(text), "text/plain").values, label.get("expect") or {})
    return tally.micro()[2]


@pytest.mark.slow
def test_layouts_of_the_same_pages_score_alike():
    base = _f1(lambda t: t)
    figures = {name: _f1(layout) for name, layout in (
        ("wrapped at 72 columns", wrapped), ("no blank lines", without_blank_lines),
        ("question and answer on one line", question_and_answer_on_one_line))}
    print(f"\ndev micro F1: original {base:.3f}; " +
          "; ".join(f"{name} {f1:.3f}" for name, f1 in figures.items()))
    for name, f1 in figures.items():
        assert f1 >= base - MAX_DROP, (name, round(f1, 3), round(base, 3))
