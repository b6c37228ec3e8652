"""Incremental refresh end to end: epoch 2 of the sample web changes ~5% of programs; only those are re-read.

Two refreshes, the second against `--epoch 2`: unchanged pages answer 304 (or are skipped by
hash), only pages whose content changed reach the extractor, and history records exactly
the fields that changed, all on programs the sample web changed.
"""


import dagster as dg
import pytest

from pipelines.runner import run_job
from sampleweb.server import running_sample_web
from sampleweb.world import version_of
from tests.integration.runs import latest_materialization
from tests.integration.warehouse_query import query

pytestmark = pytest.mark.integration
PROGRAMS = 80


def extracted_pages(instance: dg.DagsterInstance) -> int:
    return latest_materialization(instance, "staging", "page_facts")[1]["pages_extracted"]


@pytest.fixture(scope="module")
def epochs(isolated_env):
    instance = dg.DagsterInstance.get()
    with running_sample_web(programs=PROGRAMS, epoch=1) as web1:
        first = run_job("refresh", {"sample_web_url": web1.url}, instance=instance)
        truth1 = {t["program_id"]: t for t in web1.truth()}
    hashes1 = dict(query("SELECT url, content_hash FROM staging.pages"))
    with running_sample_web(programs=PROGRAMS, epoch=2) as web2:
        second = run_job("refresh", {"sample_web_url": web2.url}, instance=instance)
        truth2 = {t["program_id"]: t for t in web2.truth()}
    assert first.success and second.success, (first.failure, second.failure)
    changed = {pid for pid in truth1 if version_of(0, pid, 2) == 2}
    return instance, hashes1, truth1, truth2, changed


def test_the_sample_changes_some_programs(epochs):
    _, _, truth1, truth2, changed = epochs
    assert changed, "pick a program count whose epoch 2 changes at least one program"
    assert {pid for pid in truth1 if truth1[pid]["website"] != truth2[pid]["website"]} <= changed


def test_unchanged_pages_are_revalidated_not_refetched(epochs):
    _, _, _, _, changed = epochs
    rows = query(
        "SELECT program_id, not_modified, changed, skipped FROM raw.pages WHERE error IS NULL AND kind IN ('page', 'pdf')"
    )
    unchanged_programs = [r for r in rows if r[0] not in changed]
    reused = sum(1 for r in unchanged_programs if r[1] or r[3])  # 304, or not asked: the sitemap vouched
    assert reused / len(unchanged_programs) >= 0.9
    assert not any(r[1] and r[3] for r in rows)  # not_modified is a 304 only, never a page not asked for
    # sites with a sitemap were not asked about their pages at all
    assert any(r[3] for r in unchanged_programs)
    assert not any(r[2] for r in rows if r[3])  # a skipped page is never new content


def test_only_the_changed_programs_are_re_extracted(epochs):
    instance, hashes1, _, _, changed = epochs
    now = query("SELECT program_id, url, content_hash FROM staging.pages")
    new_content = {(pid, url) for pid, url, h in now if hashes1.get(url) != h}
    unexpected = sorted((pid, url, hashes1.get(url, "new")[:8]) for pid, url in new_content if pid not in changed)
    assert {pid for pid, _ in new_content} == changed, f"re-read on unchanged programs: {unexpected[:8]}"
    assert extracted_pages(instance) == len({h for _, _, h in now if h not in set(hashes1.values())})


def test_history_records_only_changes_of_changed_programs(epochs):
    _, _, truth1, truth2, changed = epochs
    rows = query("SELECT DISTINCT program_id FROM history.program_fact_changes")
    assert {r[0] for r in rows} <= changed
    facts_changed = {pid for pid in truth1 if truth1[pid]["website"] != truth2[pid]["website"]}
    assert {r[0] for r in rows} & facts_changed, "no change of a changed program reached history"

