"""Sample web truth, end to end over loopback: per-field precision and recall stay >= 0.99.

The same measurement as `benchmarks/bench_extract.py` (which runs 300+ programs): start the
sample web, fetch each program's fact pages, home page and PDF with its Host header, read
them with `extract_page`, merge per program and score against the truth file.
"""

import sys
from pathlib import Path

import pytest

from eligibility import extract_page, merge_program
from eligibility.model import FIELDS
from eligibility.scoring import Tally

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from bench_extract import _fetch  # noqa: E402

PROGRAMS = 300      # 120 missed a regression two sites of 300 showed
FLOOR = 0.99


@pytest.mark.integration
def test_sample_web_truth_per_field_at_least_099():
    from sampleweb.server import running_sample_web

    tally = Tally()
    with running_sample_web(programs=PROGRAMS) as web:
        for rec in web.truth():
            urls = {u for us in rec["fact_urls"].values() for u in us}
            urls |= {u for u in (rec.get("home_url"), rec.get("pdf_url")) if u}
            results = []
            for url in sorted(urls):
                got = _fetch(web.port, url)
                if got is not None:
                    results.append((url, None, extract_page(got[0], got[1], url=url)))
            tally.add(rec["program_id"], merge_program(results).values, rec["website"])
    print(f"\nsample web truth, {PROGRAMS} programs\n{tally.table()}")
    for field in FIELDS:
        p, r, _ = tally.field_scores(field)
        assert p >= FLOOR and r >= FLOOR, (field, round(p, 3), round(r, 3))
