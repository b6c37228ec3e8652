"""`python -m sampleweb.text [SEED]`: how many phrasings exist per field and value, and one
example program's blocks, to review the prose by eye."""

from __future__ import annotations

import random
import sys

from sampleweb.text import FIELDS, VALUES, consistent_facts, render_blocks
from sampleweb.text.registry import DISTRACTORS, TEMPLATES


def _shown_values(field: str) -> list:
    values = VALUES[field]
    if isinstance(values[0], int) and not isinstance(values[0], bool) and len(values) > 12:
        return [values[0]]  # every score is served by the same phrasings
    if field == "yog_max_years":
        return [0, 1]
    return list(values)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    seed = int(argv[0]) if argv else 1
    print(f"{'field':24} {'phrasings':>9}  per value")
    for field in FIELDS:
        own = [t for t in TEMPLATES if field in t.fields]
        per_value = {v: sum(t.values[field](v) for t in own) for v in _shown_values(field)}
        shown = ", ".join(f"{v}: {n}" for v, n in per_value.items())
        print(f"{field:24} {len(own):>9}  {shown}")
    print(f"distractors: {len(DISTRACTORS)}; templates in all: {len(TEMPLATES)}\n")
    rng = random.Random(seed)
    facts = consistent_facts({f: rng.choice(VALUES[f]) for f in FIELDS if rng.random() < 0.6})
    program = {"name": "Internal Medicine Residency Program", "specialty": "Internal Medicine",
               "institution": "Riverside General Hospital", "city": "Springfield", "state": "IL"}
    print("facts:", facts)
    for b in render_blocks(facts, random.Random(seed), "classic", program):
        print(f"- [{', '.join(sorted(b.fields)) or 'distractor'}] {b.form}/{b.page_hint}: "
              + b.text.replace("\n", " // "))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
