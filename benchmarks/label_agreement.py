"""How far two labellers of the same real-phrasing pages agree, and the extractor against both.

    .venv/bin/python benchmarks/label_agreement.py tests/eligibility/realphrasing/holdout3b [...]

A set that has a second, blind labelling (`labels_second.json` beside `labels.json`, written by
someone who saw the pages but not the first labels) prints, tables only (no page is named, so
a holdout stays a holdout):

1. agreement: the second labels scored as if they were a prediction of the first (a field
   counts when both say the same non-null value; F1 is the same either way round), and the
   share of (page, field) cells where the two agree, nulls included;
2. the extractor (`gme extract`'s record, plain text, as score_realphrasing.py reads a set) against the first labels, the second,
   and only the cells where both labellers agree (nulls included): the last is the figure with
   the labels' own ambiguity taken out.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from eligibility.model import FIELDS
from eligibility.scoring import Tally
from score_realphrasing import read_set   # the same reading of a set's pages (benchmarks/)


def _load(path: Path) -> dict:
    return {k: (v.get("expect") or {}) for k, v in json.loads(path.read_text()).items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="+", type=Path, help="real-phrasing set folders")
    args = ap.parse_args(argv)
    agree, ex_first, ex_second, ex_agreed = Tally(), Tally(), Tally(), Tally()
    cells = same = pages = 0
    for folder in args.sets:
        first_path, second_path = folder / "labels.json", folder / "labels_second.json"
        if not second_path.exists():
            print(f"{folder}: no labels_second.json", file=sys.stderr)
            return 2
        first, second = _load(first_path), _load(second_path)
        if set(first) != set(second):
            print(f"{folder}: the two labellings cover different pages "
                  f"({len(set(first) ^ set(second))} differ)", file=sys.stderr)
            return 2
        missing = [p for p in first if not (folder / "pages" / f"{p}.txt").exists()]
        if missing:
            print(f"{folder}: {len(missing)} labelled pages have no .txt", file=sys.stderr)
            return 2
        for page_id, a, got in read_set(folder):
            b = second[page_id]
            agree.add(page_id, b, a)
            ex_first.add(page_id, got, a)
            ex_second.add(page_id, got, b)
            both = {f: a.get(f) for f in FIELDS if a.get(f) == b.get(f)}
            ex_agreed.add(page_id, {f: got[f] for f in both}, both)
            cells += len(FIELDS)
            same += len(both)
            pages += 1
    names = ", ".join(f.name for f in args.sets)
    print(f"{names}: {pages} pages, {cells} (page, field) cells\n")
    print(f"1. second labeller vs first (agreement): cells equal {same}/{cells} = {same / cells:.3f}")
    print(agree.table())
    for title, tally in (("2a. extractor vs first labels", ex_first),
                         ("2b. extractor vs second labels", ex_second),
                         (f"2c. extractor on the {same} cells both labellers agree on", ex_agreed)):
        print(f"\n{title}\n{tally.table()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
