"""Dump training units and rule outputs from ONE baseline checkout (run with cwd = that tree,
with the project's venv, which has the extractor's deps).

    cd /tmp/mlprobe/base1e && /work/main/.venv/bin/python DUMP.py A OUT_DIR
    cd /tmp/mlprobe/base6e && /work/main/.venv/bin/python DUMP.py B OUT_DIR

Writes OUT_DIR/train_X.json (what may train for eval set X) and OUT_DIR/eval_X.json (the eval
pages' text, labels and the baseline rules' record; the rules' scoring of the eval set is done
here, once). Eval pages are read from EVAL_ROOT (main's tests/eligibility/realphrasing), because
the baseline trees predate some of them.
"""
from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, os.getcwd())
from eligibility.cli import record
from eligibility.model import FIELDS

EVAL_ROOT = Path("/work/main/tests/eligibility/realphrasing")
SETS = {
    # eval set -> (training realphrasing folders in the baseline tree, eval folders, forbidden tests)
    "A": (["dev", "holdout", "holdout2a", "holdout2b"], ["holdout3a"],
          {"test_holdout3_phrasings.py"}),
    "B": (["dev", "holdout"], ["holdout2a", "holdout2b"],
          {"test_holdout2_phrasings.py", "test_holdout3_phrasings.py"}),
}


def html_text(data: bytes | str) -> str:
    from selectolax.lexbor import LexborHTMLParser as HTMLParser
    tree = HTMLParser(data)
    for tag in ("script", "style"):
        for n in tree.css(tag):
            n.decompose()
    root = tree.body or tree.root
    return root.text(separator="\n") if root else ""


def variant_tables(forbidden: set[str]) -> list[dict]:
    out = []
    for path in sorted(Path("tests/eligibility").glob("test_*.py")):
        if path.name in forbidden or "realphrasing" in path.name:
            continue
        spec = importlib.util.spec_from_file_location(f"v_{path.stem}", path)
        mod = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(mod)
        except ImportError as exc:                    # test_devset.py imports its sibling
            print("skip", path.name, exc, file=sys.stderr)
            continue
        seen = set()
        for name, val in vars(mod).items():
            if not isinstance(val, list) or id(val) in seen:
                continue
            seen.add(id(val))
            for item in val:
                if (isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str)
                        and isinstance(item[1], dict) and set(item[1]) <= set(FIELDS) and item[1]):
                    text = item[0]
                    if text.lstrip().startswith("<"):
                        text = html_text(text)
                    out.append({"src": f"{path.name}:{name}", "text": text, "want": item[1]})
    # dedupe (the same table can be bound to two names)
    uniq = {}
    for v in out:
        uniq.setdefault((v["text"], json.dumps(v["want"], sort_keys=True)), v)
    return list(uniq.values())


def devset_items() -> list[dict]:
    spec = importlib.util.spec_from_file_location("devset", "tests/eligibility/devset.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    out = []
    for it in mod.snippet_items():
        out.append({"src": "devset:" + it["id"], "text": it["content"], "want": it["expect"]})
    pages = mod.page_items() + mod.holdout_items()
    for it in pages:
        data = it["content"]
        text = html_text(data) if it["id"].endswith(".html") else data.decode("utf-8", "replace")
        rec = record(it["id"], data)
        out.append({"src": "devsetpage:" + it["id"], "text": text, "label": it["expect"],
                    "rules": {f: rec[f] for f in FIELDS}, "evidence": rec["evidence"]})
    return out


def pages(root: Path, folders: list[str]) -> list[dict]:
    out = []
    for folder in folders:
        labels = json.loads((root / folder / "labels.json").read_text())
        for pid, lab in sorted(labels.items()):
            path = root / folder / "pages" / f"{pid}.txt"
            if not path.exists():
                continue
            data = path.read_bytes()
            rec = record(str(path), data)
            out.append({"src": f"{folder}/{pid}", "text": data.decode("utf-8"),
                        "label": lab.get("expect") or {},
                        "rules": {f: rec[f] for f in FIELDS}, "evidence": rec["evidence"]})
    return out


def main() -> None:
    which, out_dir = sys.argv[1], Path(sys.argv[2])
    out_dir.mkdir(parents=True, exist_ok=True)
    train_folders, eval_folders, forbidden = SETS[which]
    train = {"variants": variant_tables(forbidden), "devset": devset_items(),
             "pages": pages(Path("tests/eligibility/realphrasing"), train_folders)}
    (out_dir / f"train_{which}.json").write_text(json.dumps(train))
    ev = {"pages": pages(EVAL_ROOT, eval_folders)}
    (out_dir / f"eval_{which}.json").write_text(json.dumps(ev))
    print(which, "variants", len(train["variants"]), "devset", len(train["devset"]),
          "train pages", len(train["pages"]), "eval pages", len(ev["pages"]))


if __name__ == "__main__":
    main()
