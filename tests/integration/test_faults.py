"""A hostile web after a healthy one: the refresh completes, failures are recorded per program,
and a site that is down keeps its last good facts, flagged stale with when they were seen."""

import dagster as dg
import pytest

from pipelines.runner import run_job
from sampleweb.server import running_sample_web
from tests.integration.warehouse_query import query

pytestmark = pytest.mark.integration
PROGRAMS = 30


@pytest.fixture(scope="module")
def healthy_then_hostile(isolated_env):
    instance = dg.DagsterInstance.get()
    with running_sample_web(programs=PROGRAMS) as web:
        first = run_job("refresh", {"sample_web_url": web.url}, instance=instance)
    before = {
        pid: (facts, seen)
        for pid, facts, seen in query(
            "SELECT program_id, list(field || '=' || value ORDER BY field, value), max(seen_at) "
            "FROM core.program_facts WHERE source = 'website' AND selected GROUP BY ALL"
        )
    }
    with running_sample_web(programs=PROGRAMS, faults="hostile") as web:
        second = run_job("refresh", {"sample_web_url": web.url}, instance=instance)
        truth = {t["program_id"]: t for t in web.truth()}
    return first, second, before, truth


def test_refresh_completes_on_a_hostile_web(healthy_then_hostile):
    first, second, _, _ = healthy_then_hostile
    assert first.success, first.failure
    assert second.success, second.failure


def test_a_site_that_is_down_keeps_its_last_good_facts_flagged_stale(healthy_then_hostile):
    _, _, before, truth = healthy_then_hostile
    down = [pid for pid, t in truth.items() if "site_down" in t["faults"]]
    assert down
    for pid in down:
        status, stale, seen_at = query(
            "SELECT website_status, website_facts_stale, website_facts_seen_at FROM core.programs WHERE program_id = ?",
            [pid],
        )[0]
        assert status.startswith("failed:")
        assert stale is True
        facts = query(
            "SELECT list(field || '=' || value ORDER BY field, value), max(seen_at) FROM core.program_facts "
            "WHERE program_id = ? AND source = 'website' AND selected",
            [pid],
        )[0]
        assert facts[0] == before[pid][0]  # the same facts as the healthy crawl
        assert facts[1] == before[pid][1]  # with the time they were seen then
        second_run_started = query("SELECT max(published_at) FROM meta.refreshes")[0][0]
        assert seen_at < second_run_started  # the site was last seen by the first crawl


def test_healthy_sites_are_not_marked_stale(healthy_then_hostile):
    _, _, _, truth = healthy_then_hostile
    healthy = [pid for pid, t in truth.items() if not t["faults"]]
    rows = query("SELECT program_id, website_facts_stale, website_status FROM core.programs")
    assert all(not stale for pid, stale, _ in rows if pid in healthy)
    assert all(status in ("ok", "not_modified", "no_website") for pid, _, status in rows if pid in healthy)
