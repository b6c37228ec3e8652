"""`reextract`: a better extractor reaches the warehouse from the raw store, without a crawl.

One refresh against the sample web, then the sample web is stopped and `reextract` runs
twice: with the same extractor (nothing is re-read, the published facts stay the same) and
with a changed one (every stored page content is read again, and what the new extractor says
is what gets published). No crawl step runs and no new raw folder appears.
"""

import dagster as dg
import pytest

import eligibility
from pipelines.runner import run_job
from pipelines.transforms import extraction
from sampleweb.server import running_sample_web
from tests.integration.runs import latest_materialization
from tests.integration.warehouse_query import query

pytestmark = pytest.mark.integration
PROGRAMS = 30
FACTS = "SELECT program_id, field, value, url FROM core.program_facts WHERE source = 'website' ORDER BY ALL"


def last_extraction(instance: dg.DagsterInstance) -> dict:
    return latest_materialization(instance, "staging", "page_facts")[1]


def raw_folders(root) -> set[str]:
    return {p.name for p in (root / "data" / "raw").iterdir()}


@pytest.fixture(scope="module")
def refreshed(isolated_env):
    instance = dg.DagsterInstance.get()
    with running_sample_web(programs=PROGRAMS) as web:
        outcome = run_job("refresh", {"sample_web_url": web.url}, instance=instance)
    assert outcome.success, outcome.failure
    return instance, isolated_env


def test_reextract_with_the_same_extractor_reads_nothing_and_changes_nothing(refreshed):
    instance, root = refreshed
    facts_before, folders_before = query(FACTS), raw_folders(root)
    outcome = run_job("reextract", {}, instance=instance)  # no sample web is running
    assert outcome.success, outcome.failure
    assert last_extraction(instance)["pages_extracted"] == 0
    assert query(FACTS) == facts_before
    assert raw_folders(root) == folders_before
    steps = {e.step_key for e in instance.all_logs(outcome.run_id) if e.step_key}
    assert steps and not any(s.startswith(("raw", "crawl", "plan_website")) for s in steps), steps


def test_a_changed_extractor_rereads_every_stored_page_and_publishes_what_it_says(refreshed, monkeypatch):
    instance, root = refreshed
    contents = {r[0] for r in query("SELECT DISTINCT content_hash FROM staging.pages WHERE content_hash IS NOT NULL")}
    assert query("SELECT count(*) FROM core.program_facts WHERE source = 'website' AND field = 'usce'")[0][0] > 0

    original = eligibility.extract_page
    read = []

    def forgets_usce(content, **kwargs):  # a "new extractor" that no longer reads US clinical experience
        result = original(content, **kwargs)
        read.append(kwargs.get("url"))
        result.facts = [f for f in result.facts if f.field != "usce"]
        result.values["usce"] = None
        return result

    monkeypatch.setattr(eligibility, "extract_page", forgets_usce)
    monkeypatch.setattr(extraction, "extractor_version", lambda: "test-new-extractor")
    folders_before = raw_folders(root)
    outcome = run_job("reextract", {}, instance=instance)
    assert outcome.success, outcome.failure
    assert last_extraction(instance)["pages_extracted"] == len(contents) == len(read)
    assert query("SELECT count(*) FROM core.program_facts WHERE source = 'website' AND field = 'usce'")[0][0] == 0
    assert query("SELECT count(*) FROM core.programs WHERE usce IS NOT NULL")[0][0] == 0
    assert query("SELECT count(*) FROM core.program_facts WHERE source = 'website'")[0][0] > 0
    assert raw_folders(root) == folders_before
