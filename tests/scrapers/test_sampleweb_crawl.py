"""Both spiders against the project's sample web over loopback HTTP (`none` and `flaky`
profiles), checked against its truth file and access log."""

import json
from pathlib import Path

import pytest

from sampleweb.server import running_sample_web
from scrapers import settings
from tests.scrapers.conftest import directory_outputs, read_rows, run_scrapers

pytestmark = pytest.mark.integration
PROGRAMS = 40


def crawl_sample_web(tmp_path: Path, faults: str):
    log = tmp_path / "access.log"
    with running_sample_web(programs=PROGRAMS, faults=faults, access_log=str(log)) as web:
        truth = web.truth()
        code, directory, stderr = run_scrapers("directory", "--sample-web", web.url, *directory_outputs(tmp_path))
        assert code == 0, stderr[-2000:]
        code, website, stderr = run_scrapers(
            "website", "--sample-web", web.url, "--pages-out", str(tmp_path / "pages.parquet"), "--run-id", "t1",
            "--programs", str(tmp_path / "directory_programs.parquet"), timeout=300)
        assert code == 0, stderr[-2000:]
    entries = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
    return truth, directory, website, read_rows(tmp_path / "pages.parquet"), entries


def fetched_share(truth, rows, programs):
    got = {r[k] for r in rows if r["status"] in (200, 304) for k in ("requested_url", "final_url")}
    need = {u for t in truth if t["program_id"] in programs for urls in t["fact_urls"].values() for u in urls}
    return len(need & got) / len(need)


def robots_violations(truth, entries):
    rules = {t["host"]: t["robots_disallow"] for t in truth}
    return [e for e in entries if e["user_agent"] and e["user_agent"].startswith("gme-atlas")
            and any(e["path"].startswith(d) for d in rules.get(e["host"].split(":")[0].removeprefix("www."), []))]


@pytest.fixture(scope="module")
def clean_crawl(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("none")
    return tmp, *crawl_sample_web(tmp, "none")


def test_directory_gets_every_program_without_person_data(clean_crawl):
    tmp, truth, directory, *_ = clean_crawl
    assert directory["programs"] == directory["expected"] == len(truth)
    programs = read_rows(tmp / "directory_programs.parquet")
    assert {p["program_id"] for p in programs} == {t["program_id"] for t in truth}
    raw = (tmp / "directory_pages.parquet").read_bytes() + (tmp / "directory_programs.parquet").read_bytes()
    assert b"node--person" not in raw and b"field_email" not in raw


def test_directory_values_match_the_truth(clean_crawl):
    tmp, truth, *_ = clean_crawl
    programs = {p["program_id"]: p for p in read_rows(tmp / "directory_programs.parquet")}
    for t in truth:
        row, expected = programs[t["program_id"]], t["directory"]
        for field in ("name", "city", "state", "institution", "setting", "website", "visa_statuses",
                      "min_step1", "min_step2ck", "min_comlex2", "pct_img", "pct_do", "pct_usmd",
                      "yog_max_years", "first_year_positions"):
            if field in expected:
                assert row[field] == expected[field], (t["program_id"], field)


def test_website_crawl_fetches_the_pages_that_state_facts_and_obeys_robots(clean_crawl):
    tmp, truth, _, website, rows, entries = clean_crawl
    listed = {p["program_id"] for p in read_rows(tmp / "directory_programs.parquet") if p["website"]}
    assert fetched_share(truth, rows, listed) >= 0.99
    assert robots_violations(truth, entries) == []
    assert all(r["reason"] for r in rows)


def test_flaky_sample_web_crawl_completes_and_records_every_failure(tmp_path):
    truth, _, website, rows, entries = crawl_sample_web(tmp_path, "flaky")
    listed = {r["program_id"] for r in rows}
    assert fetched_share(truth, rows, listed) >= 0.97
    assert robots_violations(truth, entries) == []
    failed = [r for r in rows if r["status"] not in (200, 304)]
    assert all(r["error"] for r in failed)
    assert website["ok"]
    # per-host politeness as the server saw it (slow hosts hold requests in its handler)
    hosts = {t["host"] for t in truth} | {"www." + t["host"] for t in truth}
    in_flight = [e["host_in_flight"] for e in entries if e["host"].split(":")[0] in hosts]
    assert in_flight and max(in_flight) <= settings.CONCURRENT_REQUESTS_PER_DOMAIN
