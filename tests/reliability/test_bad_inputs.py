"""Every bad input a user can give `gme` ends in one line naming what and why, with exit 2 (bad input)
or 1 (a run that failed), and never a traceback (issue 13). Real `gme` processes, real broken files."""

import atexit
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.reliability.cases import bad_input_cases, build_fixtures, run_case

pytestmark = pytest.mark.slow  # 171 real gme processes, about a minute

pytestmark = pytest.mark.integration  # about 170 real gme processes: 1-5 min on 2 cores

ROOT = Path(tempfile.mkdtemp(prefix="gme-bad-inputs-"))
atexit.register(shutil.rmtree, ROOT, ignore_errors=True)
FIXTURES = build_fixtures(ROOT)
CASES = bad_input_cases(ROOT, FIXTURES)
ENV = {"GME_DATA_DIR": str(ROOT / "data"), "DAGSTER_HOME": str(ROOT / "dagster_home")}


def test_there_are_at_least_100_bad_inputs():
    assert len(CASES) >= 100


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_one_line_and_no_traceback(case):
    outcome = run_case(case, ROOT, ENV)
    assert not outcome.traceback, outcome.message
    assert outcome.code in case.exits, f"exit {outcome.code}: {outcome.message}"
    assert outcome.lines == 1, f"{outcome.lines} message lines, last: {outcome.message}"
    assert outcome.message.startswith("gme") or outcome.message.startswith("Error: "), outcome.message


def test_a_good_warehouse_passes_the_check():
    """The checks refuse broken files only: the complete (empty) warehouse they are built beside is read."""
    from warehouse.check import check_warehouse, exported_tables

    check_warehouse(FIXTURES["good"], exported_tables())


def test_gme_debug_shows_the_traceback(tmp_path):
    """GME_DEBUG=1 shows where an unexpected error came from (here: export into a directory DuckDB cannot read)."""
    import os
    import subprocess

    from tests.reliability.cases import GME_CMD

    env = {**os.environ, **ENV, "GME_WAREHOUSE": str(FIXTURES["good"]), "GME_DEBUG": "1"}
    target = tmp_path / "f"
    target.write_text("x")
    proc = subprocess.run([*GME_CMD, "export", str(target / "sub")], env=env, capture_output=True, text=True)
    assert proc.returncode != 0 and "Traceback (most recent call last)" in proc.stderr
    env.pop("GME_DEBUG")
    proc = subprocess.run([*GME_CMD, "export", str(target / "sub")], env=env, capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
