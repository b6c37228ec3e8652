"""A 1 MB single-paragraph page in the crawl does not fail the refresh (issue 13): the page is
recorded as over the extractor's budget, its facts left unknown, and every other page is read."""

import dagster as dg
import pytest

from pipelines.runner import run_job
from sampleweb.server import running_sample_web
from tests.integration.runs import latest_materialization
from tests.integration.warehouse_query import query

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def test_a_one_megabyte_paragraph_is_named_as_oversize_and_the_refresh_publishes(isolated_env):
    instance = dg.DagsterInstance.get()
    with running_sample_web(programs=12, long_paragraph=1_000_000) as web:
        outcome = run_job("refresh", {"sample_web_url": web.url}, instance=instance)
        first = web.truth()[0]["program_id"]
    assert outcome.success, outcome.failure
    _, meta = latest_materialization(instance, "staging", "page_facts")
    assert meta["pages_oversize"] == 1, meta
    # the long page is the first program's home page; its other pages and every other program still count
    assert query("SELECT count(DISTINCT program_id) FROM core.program_facts WHERE source = 'website'")[0][0] >= 10
    assert query("SELECT count(*) FROM core.program_facts WHERE program_id = ? AND source = 'website'", [first])[0][0] > 0
