"""Round two: the rules' own cost on the same pages as r2_speed.py, one core, CPU time.

    cd RULES_TREE && taskset -c 0 /work/main/.venv/bin/python /path/to/r2_rules_speed.py

extract_page on (1) benchmarks/bench_extract.py's synthetic 20 KB text pages and (2) real-density
20 KB pages (consecutive real-phrasing pages of the six sets joined until 20,000 characters),
each set read three times after one warm-up page.
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, os.getcwd())
sys.path.insert(1, os.path.join(os.getcwd(), "benchmarks"))
import bench_extract
from eligibility import extract_page

RP = Path("tests/eligibility/realphrasing")
SIX = ("dev", "holdout", "holdout2a", "holdout2b", "holdout3a", "holdout4a")


def real_pages(size: int = 20_000) -> list[bytes]:
    texts = []
    for s in SIX:
        for pid in sorted(json.loads((RP / s / "labels.json").read_text())):
            p = RP / s / "pages" / f"{pid}.txt"
            if p.exists():
                texts.append(p.read_text())
    pages, cur = [], ""
    for t in texts:
        cur += t + "\n\n"
        if len(cur) >= size:
            pages.append(cur.encode())
            cur = ""
    return pages


def main() -> None:
    for name, ps in (("bench synthetic 20 KB text", bench_extract.synthetic_text_pages(202)),
                     ("real-density 20 KB", real_pages())):
        extract_page(ps[0], "text/plain")
        t0 = time.process_time()
        for _ in range(3):
            for p in ps:
                extract_page(p, "text/plain")
        per = (time.process_time() - t0) / (3 * len(ps))
        print(f"rules ({os.getcwd()}): {name}: {len(ps)} pages, {per * 1000:.2f} ms CPU/page = "
              f"{1 / per:,.0f} pages/s; load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
