"""`gme calibrate` from the command line: four applicant types, predicted beside published with sources."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # runs gme calibrate in a child process

GME = [str(Path(sys.executable).with_name("gme"))]


def test_calibrate_jsonl_has_four_types_within_five_points():
    proc = subprocess.run(GME + ["calibrate", "--format", "jsonl", "--per-type", "1200"], capture_output=True,
                          text=True, timeout=120, check=True)
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["applicant_type"] for r in rows] == ["us_md", "us_do", "us_img", "non_us_img"]
    assert [r["published"] for r in rows] == [93.5, 92.6, 67.8, 58.0]
    for r in rows:
        assert abs(r["predicted"] - r["published"]) <= 5 and r["source"].startswith("https://")


def test_calibrate_without_a_warehouse_is_one_clear_line(tmp_path):
    proc = subprocess.run(GME + ["calibrate", "--programs-from", "warehouse"], capture_output=True, text=True,
                          timeout=60, env={"GME_WAREHOUSE": str(tmp_path / "none.duckdb"), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "no published warehouse" in proc.stderr
