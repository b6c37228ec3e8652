"""Per-field precision/recall of `gme extract` on real-phrasing sets, tables only.

    .venv/bin/python benchmarks/score_realphrasing.py tests/eligibility/realphrasing/holdout3b [...]
    cd OLD_TREE && PYTHONPATH=. /work/main/.venv/bin/python /work/main/benchmarks/score_realphrasing.py DIR

Prints one table per form (.txt, the hidden set's form, and .html) for the sets given together.
It names no page, so it can score a held-out set without showing what to tune on. With
PYTHONPATH set to another checkout, that checkout's extractor reads the pages (a first look at an
older commit: `git archive REV | tar -x -C OLD_TREE`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import eligibility
from eligibility.cli import record
from eligibility.model import FIELDS
from eligibility.scoring import Tally


def read_set(folder: Path, suffix: str = ".txt", labels_file: str = "labels.json"):
    """Each labelled page of a set read by `gme extract` (eligibility.cli.record, the code behind
    `gme extract --format jsonl`): (page_id, its label's `expect`, the thirteen fields read), in
    page order; `folder/<labels_file>` is {page_id: {"expect": {field: value}}} (an omitted field
    expects null), the page `folder/pages/<page_id><suffix>`; a page without a file is skipped."""
    labels_path = Path(folder) / labels_file
    labels = json.loads(labels_path.read_text()) if labels_path.exists() else {}
    for page_id, label in sorted(labels.items()):
        path = Path(folder) / "pages" / f"{page_id}{suffix}"
        if path.exists():
            rec = record(str(path), path.read_bytes())
            yield page_id, label.get("expect") or {}, {f: rec[f] for f in FIELDS}


def score_folder(folder: Path, suffix: str = ".txt") -> tuple[Tally, int]:
    """Tally of `gme extract` on every labelled page of a set, and the number of pages read.
    (Only APIs older checkouts have too, so a first look at one can use it.)"""
    tally, n = Tally(), 0
    for page_id, expect, got in read_set(folder, suffix):
        tally.add(page_id, got, expect)
        n += 1
    return tally, n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="+", type=Path, help="real-phrasing set folders (labels.json, pages/)")
    args = ap.parse_args(argv)
    for folder in args.sets:
        if not (folder / "labels.json").exists():
            print(f"{folder}: no labels.json", file=sys.stderr)
            return 2
    print(f"extractor: {Path(eligibility.__file__).resolve().parent}")
    for suffix in (".txt", ".html"):
        total, pages = Tally(), 0
        for folder in args.sets:
            tally, n = score_folder(folder, suffix)
            for counts, more in ((total.tp, tally.tp), (total.fp, tally.fp), (total.fn, tally.fn)):
                for f, k in more.items():
                    counts[f] += k
            pages += n
        print(f"\n{', '.join(f.name for f in args.sets)} ({suffix}): {pages} pages\n{total.table()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
