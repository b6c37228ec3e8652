"""Live crawl progress: a real website crawl of the sample web prints whole progress lines
(done/total programs, rate, ETA) at the interval, never a carriage return."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sampleweb.server import running_sample_web
from scrapers.progress import counted, eta_text, progress_line

REPO = Path(__file__).resolve().parents[2]
LINE = re.compile(r"^progress website: ([\d,]+)/([\d,]+) pages \(\d+%\), [\d.]+ pages/s, ETA (\d+m)?\d+s, "
                  r"([\d,]+)/([\d,]+) programs finished, [\d,]+ responses$")


def test_progress_line_and_eta():
    assert progress_line("website", 30, 120, "programs", 10.0, "x") == \
        "progress website: 30/120 programs (25%), 3.0 programs/s, ETA 30s, x"
    assert progress_line("website", 0, 120, "programs", 10.0).endswith("ETA ?")
    assert eta_text(75) == "ETA 1m15s" and eta_text(None) == "ETA ?"


@pytest.mark.integration
def test_a_crawl_reports_progress_lines_at_the_interval(tmp_path):
    with running_sample_web(programs=300) as web:
        truth = web.truth()
        programs = tmp_path / "programs.parquet"
        pq.write_table(pa.table({"program_id": [t["program_id"] for t in truth],
                                 "website": [t["home_url"] for t in truth]}), programs)
        env = {k: v for k, v in os.environ.items() if not k.startswith("DAGSTER_PIPES")}
        env.update({"PYTHONPATH": str(REPO), "GME_PROGRESS_INTERVAL": "0.5"})
        run = subprocess.run([sys.executable, "-m", "scrapers", "website", "--sample-web", web.url, "--programs",
                              str(programs), "--pages-out", str(tmp_path / "out" / "pages.parquet"), "--log-level", "CRITICAL"],
                             capture_output=True, text=True, env=env, cwd=REPO, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "\r" not in run.stderr
    lines = [line for line in run.stderr.splitlines() if line.startswith("progress ")]
    assert len(lines) >= 2, run.stderr[-2000:]
    done = []
    for line in lines:
        m = LINE.match(line)
        assert m, line
        done.append(int(m.group(1).replace(",", "")))
        assert int(m.group(5).replace(",", "")) == 300
        assert int(m.group(1).replace(",", "")) <= int(m.group(2).replace(",", ""))
    assert done == sorted(done) and done[-1] > 0


def test_counted_reports_at_the_interval_and_at_the_end():
    ticks = iter(range(100))
    lines = []
    items = list(counted(range(10), 10, "extraction", "pages", lines.append, interval=3, clock=lambda: next(ticks)))
    assert items == list(range(10))
    assert [line.split(":")[1].split(",")[0].strip() for line in lines] == \
        ["3/10 pages (30%)", "6/10 pages (60%)", "9/10 pages (90%)", "10/10 pages (100%)"]
    quiet = []
    list(counted(range(3), 3, "extraction", "pages", quiet.append, interval=60))
    assert quiet == []  # a short loop says nothing
