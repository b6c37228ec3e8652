"""The whole job end to end on the real stack: loopback HTTP crawl -> GX -> DuckDB publish -> recommendations.

Runs the `refresh` job twice in one pytest process (crawls run in their own processes, so the
Twisted reactor is never restarted here), then proves a failing expectation suite blocks
publishing and leaves the published warehouse exactly as it was.
"""

import hashlib
import os
from pathlib import Path

import dagster as dg
import polars as pl
import pytest

from pipelines.runner import run_job
from pipelines.transforms import staging as staging_transforms
from sampleweb.server import running_sample_web
from tests.integration.runs import latest_materialization
from tests.integration.warehouse_query import query
from warehouse.store import RunStore

pytestmark = pytest.mark.integration
PROGRAMS = 24
EXAMPLES = sorted(p.stem for p in (Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))


@pytest.fixture(scope="module")
def web(isolated_env):
    with running_sample_web(programs=PROGRAMS) as running:
        yield running


@pytest.fixture(scope="module")
def two_refreshes(isolated_env, web):
    instance = dg.DagsterInstance.get()
    first = run_job("refresh", {"sample_web_url": web.url}, instance=instance)
    snapshot = query("SELECT program_id, j1_visa, h1b_visa, min_step2ck, usce FROM core.programs ORDER BY ALL")
    second = run_job("refresh", {"sample_web_url": web.url}, instance=instance)
    return first, second, snapshot, instance


def test_both_runs_succeed_and_are_recorded_in_the_instance(two_refreshes):
    first, second, _, instance = two_refreshes
    assert first.success, first.failure
    assert second.success, second.failure
    assert first.checks_passed == first.checks_total == 6  # 5 GX suites (3 staging, 2 core) + core/programs no-minimum check
    runs = instance.get_run_records()
    assert {r.dagster_run.run_id for r in runs} >= {first.run_id, second.run_id}
    assert query("SELECT count(*), count(DISTINCT run_id) FROM meta.refreshes") == [(2, 2)]


def test_crawls_report_pages_items_errors_bytes_and_duration_as_materialization_metadata(two_refreshes):
    _, second, _, instance = two_refreshes
    reported = {}
    for name in ("directory_pages", "pages"):
        run_id, reported[name] = latest_materialization(instance, "raw", name)
        assert run_id == second.run_id
    for metadata in reported.values():
        assert {"pages", "items", "errors_by_kind", "bytes", "duration_s"} <= set(metadata), sorted(metadata)
        assert metadata["pages"] > 0 and metadata["duration_s"] > 0
    website = reported["pages"]
    # every stored row is an item; the programs the directory lists without a website are errors
    assert website["items"] == query("SELECT count(*) FROM raw.pages")[0][0]
    no_website = query("SELECT count(*) FROM core.programs WHERE website IS NULL")[0][0]
    assert website["errors_by_kind"].get("no_website", 0) == no_website
    # the second crawl revalidated: its 304s carry no body, so it received far fewer bytes
    records = instance.fetch_materializations(dg.AssetKey(["raw", "pages"]), limit=10).records
    first = next(r for r in records if r.run_id == two_refreshes[0].run_id)
    first_bytes = first.asset_materialization.metadata["bytes"].value
    assert website["not_modified"] > 0 and website["bytes"] < first_bytes / 2


def test_core_programs_holds_exactly_the_directory_programs(two_refreshes, web):
    truth = {t["program_id"]: t for t in web.truth()}
    rows = query("SELECT program_id, state, name FROM core.programs")
    assert len(rows) == len(truth) == PROGRAMS  # the second run replaced the first, no duplicates
    for program_id, state, name in rows:
        assert state == truth[program_id]["directory"]["state"]
        assert name == truth[program_id]["directory"]["name"]


def test_second_refresh_replaces_the_first_cleanly(two_refreshes):
    _, _, snapshot, _ = two_refreshes
    # same sample web, same epoch: the second run publishes the same facts
    assert query("SELECT program_id, j1_visa, h1b_visa, min_step2ck, usce FROM core.programs ORDER BY ALL") == snapshot


def test_program_facts_carry_source_url_and_evidence(two_refreshes, web):
    hosts = {t["program_id"]: t["host"] for t in web.truth()}
    rows = query("SELECT program_id, field, value, url, evidence, source FROM core.program_facts WHERE source = 'website'")
    assert rows, "no website facts were extracted"
    for program_id, field, value, url, evidence, _ in rows:
        assert hosts[program_id] in url
        assert evidence and value is not None
    # exactly one selected row per program and field
    assert query(
        "SELECT count(*) FROM (SELECT program_id, field FROM core.program_facts WHERE selected "
        "GROUP BY ALL HAVING count(*) > 1)"
    ) == [(0,)]


def test_selected_website_facts_agree_with_the_sample_web_truth(two_refreshes, web):
    truth = {t["program_id"]: t["website"] for t in web.truth()}
    rows = query("SELECT program_id, field, value FROM core.program_facts WHERE source = 'website' AND selected")
    agree = sum(1 for pid, field, value in rows if str(truth[pid].get(field)).lower() == value)
    # precision of what we publish from websites; a wrong "yes" costs an applicant a year
    assert len(rows) >= PROGRAMS  # the extractor reads something from most sites
    assert agree / len(rows) >= 0.85, f"{agree}/{len(rows)} published website facts match the truth"


def test_indicators_and_recommendations_are_published(two_refreshes):
    assert query("SELECT count(*) FROM marts.program_indicators") == [(PROGRAMS,)]
    assert query("SELECT count(*) FROM marts.program_indicators WHERE img_friendliness NOT BETWEEN 0 AND 100") == [(0,)]
    by_profile = dict(query("SELECT applicant_id, count(*) FROM marts.recommendations GROUP BY ALL"))
    assert set(by_profile) <= set(EXAMPLES) and by_profile, by_profile
    ranks_ok = query(
        "SELECT bool_and(ranks = list_sort(ranks) AND ranks[1] = 1 AND len(ranks) = max_rank) FROM ("
        "SELECT applicant_id, specialty_code, role, list(rank ORDER BY score DESC, program_id) ranks, max(rank) max_rank "
        "FROM marts.recommendations GROUP BY ALL)"  # each specialty section is ranked on its own
    )
    assert ranks_ok == [(True,)]


def test_failing_suite_blocks_publishing_and_keeps_the_published_warehouse(two_refreshes, web, monkeypatch):
    warehouse = Path(os.environ["GME_WAREHOUSE"])
    state = RunStore().last_good_path
    before = hashlib.sha256(warehouse.read_bytes()).hexdigest()
    state_before = hashlib.sha256(state.read_bytes()).hexdigest()
    real = staging_transforms.stage_programs

    def corrupt(*args, **kwargs):  # a directory row with a malformed program number
        frame = real(*args, **kwargs)
        return frame.with_columns(pl.when(pl.int_range(pl.len()) == 0).then(pl.lit("12-34")).otherwise(pl.col("program_id")).alias("program_id"))

    monkeypatch.setattr(staging_transforms, "stage_programs", corrupt)
    outcome = run_job("refresh", {"sample_web_url": web.url}, instance=two_refreshes[3])
    assert not outcome.success
    assert "staging_programs_suite" in outcome.failure
    assert hashlib.sha256(warehouse.read_bytes()).hexdigest() == before
    assert hashlib.sha256(state.read_bytes()).hexdigest() == state_before
    assert query("SELECT count(*) FROM meta.refreshes") == [(2,)]
    assert not query("SELECT count(*) FROM core.programs WHERE program_id = '12-34'")[0][0]


def test_no_person_data_reaches_the_warehouse(two_refreshes):
    # the directory API serves director and coordinator nodes; the crawler drops them at parse time
    rows = query("SELECT body FROM raw.directory_pages")
    assert rows
    for (body,) in rows:
        assert "node--person" not in body
        assert "field_email" not in body and "field_phone" not in body
        assert "field_program_director" not in body and "field_program_coordinator" not in body
    assert query("SELECT count(*) FROM duckdb_columns() WHERE column_name ILIKE '%director%' OR column_name ILIKE '%email%'") == [(0,)]


def test_incremental_refresh_revalidates_websites_on_the_last_directory_snapshot(two_refreshes, web):
    directory_before = RunStore().latest("directory").folder
    refreshes_before = query("SELECT count(*) FROM meta.refreshes")[0][0]
    outcome = run_job("incremental_refresh", {"sample_web_url": web.url}, instance=two_refreshes[3])
    assert outcome.success, outcome.failure
    assert RunStore().latest("directory").folder == directory_before  # no directory crawl
    assert query("SELECT count(*) FROM meta.refreshes")[0][0] == refreshes_before + 1
    assert query("SELECT count(*) FROM core.programs") == [(PROGRAMS,)]
    revalidated = query("SELECT count(*) FILTER (WHERE not_modified OR skipped), count(*) FROM raw.pages WHERE kind = 'page'")[0]
    others = query("SELECT requested_url, final_url, status, error, reason FROM raw.pages "
                   "WHERE kind = 'page' AND NOT (not_modified OR skipped)")
    # the same web: unchanged pages answer 304, or are not asked for (the sitemap vouched)
    assert revalidated[0] / revalidated[1] >= 0.9, others[:10]
    # not_modified means answered 304 only: never on a page that was not requested
    assert query("SELECT count(*) FROM raw.pages WHERE not_modified AND skipped") == [(0,)]
    assert query("SELECT count(*) FROM raw.pages WHERE not_modified AND status <> 304") == [(0,)]
