"""Round two helper: what ONE rules tree reads, run with the project's venv and cwd = that tree.

    cd RULES_TREE && /work/main/.venv/bin/python /path/to/r2_rules.py OUT.json PAGE.txt...

Writes OUT.json: {"rules": {page path: {field: value}}, "variants": [...], "snippets": [...]}.
"rules" are the tree's `gme extract` records (eligibility.cli.record) of the given pages;
"variants" are the own-words variant tables of that tree's tests/eligibility/test_*.py and
"snippets" its synthetic devset snippets (both as round one's dump.py reads them). Taking the
variant tables from the rules tree keeps them fair: a tree that read a set as its first look
predates every table written from that set's misses.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, os.getcwd())                        # the rules tree first
sys.path.insert(1, str(Path(__file__).resolve().parent))
from eligibility.cli import record
from eligibility.model import FIELDS

import dump


def main() -> None:
    out, paths = Path(sys.argv[1]), sys.argv[2:]
    rules = {}
    for p in paths:
        rec = record(p, Path(p).read_bytes())
        rules[p] = {f: rec[f] for f in FIELDS}
    import importlib.util
    spec = importlib.util.spec_from_file_location("devset", "tests/eligibility/devset.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    snippets = [{"src": "devset:" + it["id"], "text": it["content"], "want": it["expect"]}
                for it in mod.snippet_items()]
    out.write_text(json.dumps({"rules": rules, "variants": dump.variant_tables(set()),
                               "snippets": snippets}))


if __name__ == "__main__":
    main()
