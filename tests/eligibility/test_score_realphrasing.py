"""benchmarks/score_realphrasing.py: the tables of `gme extract` on labelled real-phrasing sets,
summed over the sets given, naming no page (issue 9)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import score_realphrasing


def _set(root: Path, name: str, text: str, expect: dict) -> Path:
    folder = root / name
    (folder / "pages").mkdir(parents=True)
    (folder / "pages" / "page_alpha.txt").write_text(text)
    (folder / "pages" / "page_alpha.html").write_text(f"<html><body><p>{text}</p></body></html>")
    (folder / "labels.json").write_text(json.dumps({"page_alpha": {"expect": expect}}))
    return folder


def test_two_sets_are_summed_in_each_form(tmp_path, capsys):
    one = _set(tmp_path, "one", "We sponsor J-1 visas only; we do not sponsor H-1B visas.",
               {"j1_visa": "yes", "h1b_visa": "no"})
    two = _set(tmp_path, "two", "Our residents enjoy the city's parks.", {"usce": "required"})
    assert score_realphrasing.main([str(one), str(two)]) == 0
    out = capsys.readouterr().out
    for form in (".txt", ".html"):
        table = out.split(f"one, two ({form}): 2 pages")[1]
        # two facts read, the second set's USCE rule is not on its page: a miss
        assert "MICRO                     2    0    1  1.000  0.667  0.800" in table.split("\n\n")[0]
    assert "page_alpha" not in out


def test_a_folder_without_labels_fails_in_one_line(tmp_path, capsys):
    assert score_realphrasing.main([str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip().endswith("no labels.json")
