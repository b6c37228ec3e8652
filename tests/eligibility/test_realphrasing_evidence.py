"""The hand-marked evidence of the real-phrasing development sets (issue 9): for every labelled
fact, the passage(s) of the page that carry it (`realphrasing/<set>/evidence.<annotator>.json`,
{page_id: {field: [{"quote", "context"}]}}). A sentence model trained on them must be able to find
each quote in its page, and a label changed or added without its evidence must show here.
The held-out sets (holdout3b, holdout4b) have none: nobody reads them that closely."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parent / "realphrasing"
MARKED = ["dev", "holdout", "holdout2a", "holdout2b", "holdout3a", "holdout4a"]
HELD_OUT = ["holdout3b", "holdout4b"]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _evidence(folder: Path) -> dict:
    merged: dict = {}
    for path in sorted(folder.glob("evidence*.json")):
        part = json.loads(path.read_text())
        assert not set(part) & set(merged), f"{path.name}: pages marked twice"
        merged.update(part)
    return merged


@pytest.mark.parametrize("name", MARKED)
def test_every_labelled_fact_has_a_quote_found_in_its_page(name):
    folder = ROOT / name
    labels = json.loads((folder / "labels.json").read_text())
    evidence = _evidence(folder)
    assert set(evidence) == set(labels), f"{name}: pages without evidence or evidence without a page"
    problems = []
    for page_id, label in labels.items():
        want = {f for f, v in (label.get("expect") or {}).items() if v is not None}
        marked = evidence[page_id]
        if set(marked) != want:
            problems.append(f"{page_id}: fields labelled {sorted(want)} but marked {sorted(marked)}")
        page = _flat((folder / "pages" / f"{page_id}.txt").read_text())
        for field, passages in marked.items():
            if not passages:
                problems.append(f"{page_id}: {field} has no passage")
            for p in passages:
                for key in ("quote", "context"):
                    text = _flat(p.get(key) or "")
                    if (key == "quote" and not text) or text not in page:
                        problems.append(f"{page_id}: {field} {key} not in the page: {text[:60]!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", HELD_OUT)
def test_held_out_sets_carry_no_evidence(name):
    assert not list((ROOT / name).glob("evidence*.json"))
