"""benchmarks/label_agreement.py: two labellings of one set compared, and the extractor on the
cells both agree on (issue 9). A tiny set written here: two pages, labels that differ in one field."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import label_agreement


def _set(tmp_path: Path, second: dict | None) -> Path:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "page_alpha.txt").write_text(
        "Eligibility\nWe sponsor J-1 visas only; we do not sponsor H-1B visas.\n")
    (tmp_path / "pages" / "page_beta.txt").write_text("Our residents enjoy the city's parks.\n")
    first = {"page_alpha": {"expect": {"j1_visa": "yes", "h1b_visa": "no"}, "note": ""},
             "page_beta": {"expect": {}, "note": ""}}
    (tmp_path / "labels.json").write_text(json.dumps(first))
    if second is not None:
        (tmp_path / "labels_second.json").write_text(json.dumps(second))
    return tmp_path


def test_agreement_and_the_agreed_cells(tmp_path, capsys):
    # the second labeller also calls page_beta a J-1 page (a disagreement in one cell)
    folder = _set(tmp_path, {"page_alpha": {"expect": {"j1_visa": "yes", "h1b_visa": "no"}},
                             "page_beta": {"expect": {"j1_visa": "yes"}}})
    assert label_agreement.main([str(folder)]) == 0
    out = capsys.readouterr().out
    assert "cells equal 25/26 = 0.962" in out
    # agreement: 2 shared positives, 1 the second labeller adds -> P 0.667 R 1.000
    agreement = out.split("2a.")[0]
    assert "MICRO                     2    1    0  0.667  1.000  0.800" in agreement
    # the extractor reads page_alpha's two facts: against the agreed cells it is exact, against the
    # second labels it misses page_beta's disputed J-1
    second = out.split("2b.")[1].split("2c.")[0]
    agreed = out.split("2c.")[1]
    assert "MICRO                     2    0    1  1.000  0.667  0.800" in second
    assert "on the 25 cells" in agreed
    assert "MICRO                     2    0    0  1.000  1.000  1.000" in agreed
    assert "page_alpha" not in out and "page_beta" not in out  # tables only: no page named


def test_missing_or_mismatched_second_labels_fail_in_one_line(tmp_path, capsys):
    folder = _set(tmp_path, None)
    assert label_agreement.main([str(folder)]) == 2
    assert "no labels_second.json" in capsys.readouterr().err
    (folder / "labels_second.json").write_text(json.dumps({"page_alpha": {"expect": {}}}))
    assert label_agreement.main([str(folder)]) == 2
    assert "cover different pages (1 differ)" in capsys.readouterr().err
    (folder / "labels_second.json").write_text(json.dumps({"page_alpha": {"expect": {}},
                                                           "page_beta": {"expect": {}}}))
    (folder / "pages" / "page_beta.txt").unlink()
    assert label_agreement.main([str(folder)]) == 2
    assert "1 labelled pages have no .txt" in capsys.readouterr().err
