"""Data Docs per run: real GX stores and site on disk, opened in headless Chromium; counts from the stored results."""

import shutil
import subprocess
from datetime import datetime, timezone

import polars as pl
import pytest

from expectations import datadocs
from expectations.core_suites import CORE_SUITES

pytestmark = pytest.mark.slow  # GX file-backed contexts and headless chromium

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
T = datetime(2026, 12, 1, tzinfo=timezone.utc)


def facts(rows: list[tuple]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema={"program_id": pl.String, "field": pl.String, "value": pl.String,
                                      "source": pl.String, "url": pl.String, "evidence": pl.String,
                                      "selected": pl.Boolean, "seen_at": pl.Datetime("us", "UTC")}, orient="row")


GOOD = facts([
    ("1400000001", "h1b_visa", "yes", "website", "http://a.test/elig", "We sponsor H-1B visas.", True, T),
    ("1400000001", "h1b_visa", "no", "directory", "http://127.0.0.1/api", "field_visa_status: J-1", False, T),
    ("1400000001", "j1_visa", "yes", "directory", "http://127.0.0.1/api", "field_visa_status: J-1", True, T),
])
# two selected rows for one field, and a website fact without its page
BAD = facts([
    ("1400000001", "h1b_visa", "yes", "website", "http://a.test/elig", "We sponsor H-1B visas.", True, T),
    ("1400000001", "h1b_visa", "no", "directory", "http://127.0.0.1/api", "field_visa_status: J-1", True, T),
    ("1400000002", "usce", "required", "website", None, "US clinical experience is required.", True, T),
])


def dom(path) -> str:
    run = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", path.as_uri()],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout


def test_core_facts_suite_catches_double_selection_and_a_website_fact_without_url(tmp_path):
    suite = CORE_SUITES["core.program_facts"]
    good, _ = datadocs.validate_documented("core.program_facts", GOOD, tmp_path, "run-a", suite_def=suite)
    bad, page = datadocs.validate_documented("core.program_facts", BAD, tmp_path, "run-b", suite_def=suite)
    assert good.success, good.summary()
    assert not bad.success
    failed = {(f["expectation"], f["column"]) for f in bad.failed}
    assert ("expect_compound_columns_to_be_unique", None) in failed
    assert ("expect_column_values_to_not_be_null", "url") in failed
    assert page.exists() and page.suffix == ".html"


@pytest.mark.skipif(not shutil.which(CHROMIUM) and not shutil.os.path.exists(CHROMIUM), reason="no chromium")
def test_the_run_index_lists_every_suite_it_validated_and_counts_match(tmp_path):
    run = "0f6c3a1e-run"
    datadocs.validate_documented("core.program_facts", GOOD, tmp_path, run, suite_def=CORE_SUITES["core.program_facts"])
    datadocs.validate_documented("core.program_facts", BAD, tmp_path, "other-run", suite_def=CORE_SUITES["core.program_facts"])
    programs = pl.DataFrame({"program_id": ["1400000001", "bad"], "name": ["A", "B"], "website_status": ["ok", "ok"],
                             "updated_at": [T, T], "score_minimum_policy": ["stated", None], "usce": [None, None],
                             "conflicting_fields": [["h1b_visa"], []]})
    outcome, _ = datadocs.validate_documented("core.programs", programs, tmp_path, run, suite_def=CORE_SUITES["core.programs"])
    assert not outcome.success  # "bad" is no program id
    summary = datadocs.run_summary(tmp_path, run)
    assert summary.suites == {"core_program_facts": True, "core_programs": False}
    assert (summary.suites_run, summary.suites_passed) == (2, 1)
    assert summary.expectations_run == len(CORE_SUITES["core.program_facts"].build(__import__(
        "great_expectations.expectations", fromlist=["x"]))) + outcome.evaluated
    assert summary.expectations_passed == summary.expectations_run - len(outcome.failed)
    html = dom(summary.index)
    assert "core_program_facts" in html and "core_programs" in html
    # the other run's docs are its own
    assert "core_programs" not in dom(datadocs.index_path(tmp_path, "other-run"))


def test_only_the_newest_runs_are_kept(tmp_path):
    import os
    import time

    for i in range(datadocs.KEEP_RUNS + 2):
        folder = datadocs.run_folder(tmp_path, f"run-{i}")
        folder.mkdir(parents=True)
        os.utime(folder, (time.time() - 100 + i, time.time() - 100 + i))
    removed = datadocs.prune(tmp_path, keep=datadocs.KEEP_RUNS, current="run-0")
    left = sorted(p.name for p in datadocs.docs_root(tmp_path).iterdir())
    assert "run-0" in left and len(removed) == 2
    assert left == sorted(["run-0", *[f"run-{i}" for i in range(3, datadocs.KEEP_RUNS + 2)]])
