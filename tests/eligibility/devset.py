"""Load the hand-written dev set: YAML snippets and labelled HTML/text pages under devset/."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

DEVSET = Path(__file__).parent / "devset"


def snippet_items() -> list[dict]:
    items = []
    for path in sorted(DEVSET.glob("snippets_*.yaml")):
        for i, item in enumerate(yaml.safe_load(path.read_text())):
            items.append({"id": f"{path.stem}#{i}", "content": item["text"],
                          "content_type": "text/plain", "expect": item.get("expect") or {},
                          "note": item.get("note")})
    return items


def page_items(folder: str = "pages") -> list[dict]:
    labels = json.loads((DEVSET / folder / "labels.json").read_text())
    items = []
    for name, expect in sorted(labels.items()):
        path = DEVSET / folder / name
        items.append({"id": f"{folder}/{name}", "content": path.read_bytes(),
                      "content_type": None, "expect": expect, "note": None, "path": str(path)})
    return items


def holdout_items() -> list[dict]:
    """Pages written and labelled after the rules, scored before any rule change they caused.

    First looks (micro precision / recall / F1), before the rules were fixed for their misses:
    holdout/  0.980 / 0.893 / 0.935 (56 facts);  holdout2/ 1.000 / 1.000 / 1.000 (52 facts,
    never tuned on);  holdout3/ 0.914 / 0.800 / 0.853 (40 facts, deliberately harder phrasing);
    holdout4/ 1.000 / 0.975 / 0.987 (40 facts, full pages with navigation and mixed sections);
    holdout5/ 0.962 / 0.926 / 0.943 (27 facts, other specialties and distractor pages);
    holdout6/ 1.000 / 0.870 / 0.930 (23 facts, Q/A in definition lists and bold questions).
    Pooled over the six first looks (238 labelled facts): precision 0.978, recall 0.916, F1 0.946.
    After a first look a set is no longer unseen; the test keeps them as regression checks.
    """
    return [item for folder in ("holdout", "holdout2", "holdout3", "holdout4",
                                            "holdout5", "holdout6")
            for item in page_items(folder)]


def all_items() -> list[dict]:
    return snippet_items() + page_items()
