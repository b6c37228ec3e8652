"""The seams between the layers, on the real stack: one sample web per run, assets that take their
inputs from the run store, and a refresh lock that keeps a second refresh out.

- A `refresh` launched the way the UI and schedules launch it (multiprocess executor, every step
  its own process, no sample-web URL given) starts exactly one sample web, and every crawl
  process fetches from it.
- `dg.materialize` of staging -> core on the temporary data dir reads the crawls from the store
  (nothing re-crawled, no pointer moved).
- Two `gme refresh` processes on one data dir: the second exits 2 naming the first; one with
  `--wait` waits, then runs.
"""

import os
import re
import subprocess
import sys
import time

import dagster as dg
import polars as pl
import pytest

from pipelines.runner import run_job
from tests.integration.warehouse_query import query
from warehouse.store import RunStore

pytestmark = pytest.mark.integration
PROGRAMS = 24
GME = [sys.executable, "-m", "pipelines.cli"]  # the `gme` entry point, without relying on the venv's script


def run_messages(instance: dg.DagsterInstance, run_id: str) -> list[str]:
    return [e.message or "" for e in instance.all_logs(run_id)]


@pytest.fixture(scope="module")
def multiprocess_run(isolated_env):
    instance = dg.DagsterInstance.get()
    outcome = run_job("refresh", {"programs": PROGRAMS, "crawl_shards": 2}, instance=instance, parallel=2)
    assert outcome.success, outcome.failure
    return instance, outcome


def test_a_multiprocess_run_without_a_url_starts_exactly_one_sample_web(multiprocess_run):
    instance, outcome = multiprocess_run
    messages = run_messages(instance, outcome.run_id)
    started = [m for m in messages if "started the local sample web at" in m]
    assert len(started) == 1, started
    url = re.search(r"http://127\.0\.0\.1:\d+", started[0]).group(0)
    # every crawl process (the directory and both website shards, each in its own step process)
    # was handed that one web
    crawls = [m for m in messages if m.startswith("crawl: ")]
    used = {re.search(r"--sample-web (\S+)", m).group(1) for m in crawls}
    assert len(crawls) == 3 and used == {url}, crawls
    pids = {e.dagster_event.pid for e in instance.all_logs(outcome.run_id)
            if e.dagster_event and e.dagster_event.event_type_value == "STEP_START" and "crawl_website_shard" in e.step_key}
    assert len(pids) == 2  # the shards really ran in two step processes
    assert query("SELECT count(*) FROM core.programs") == [(PROGRAMS,)]
    assert RunStore().sample_web(outcome.run_id) is None  # the run's web is gone with the run


def test_meta_refreshes_reports_the_checks_that_ran_and_the_publish_time(multiprocess_run):
    instance, outcome = multiprocess_run
    (checks, published_at), = query("SELECT checks_passed, published_at FROM meta.refreshes WHERE run_id = ?",
                                    [outcome.run_id])
    assert checks == outcome.checks_passed == outcome.checks_total > 0
    start = instance.get_run_record_by_id(outcome.run_id).start_time
    assert published_at.timestamp() > start + 1  # the publish time, not the run's start


def test_materialize_staging_to_core_reads_the_crawls_from_the_store(multiprocess_run):
    from pipelines.definitions import defs

    store = RunStore()
    pointers = (store.latest("directory").folder, store.latest("pages").folder)
    runs_before = sorted(p.name for p in store.runs_dir.iterdir())
    d = defs()
    graph = d.get_repository_def().asset_graph
    wanted = [k for k in graph.get_all_asset_keys() if k.path[0] in ("staging", "state", "core")]
    assets = [a for a in d.assets if isinstance(a, dg.AssetsDefinition)]
    result = dg.materialize(assets, selection=wanted, resources=d.resources, instance=dg.DagsterInstance.get())
    assert result.success
    done = {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}
    assert done == {k.to_user_string() for k in wanted}
    programs = pl.read_parquet(store.asset_path("core", "programs"))
    assert programs.height == PROGRAMS and programs["website_status"].null_count() == 0
    assert (store.latest("directory").folder, store.latest("pages").folder) == pointers
    assert sorted(p.name for p in store.runs_dir.iterdir()) == runs_before  # nothing crawled


def _gme_refresh(*args: str) -> subprocess.Popen:
    return subprocess.Popen([*GME, "refresh", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ))


def test_a_second_concurrent_refresh_exits_2_naming_the_first_and_one_that_waits_runs_after(multiprocess_run):
    store = RunStore()
    refreshes_before = query("SELECT count(*) FROM meta.refreshes")[0][0]
    first = _gme_refresh("--programs", str(PROGRAMS))
    try:
        deadline = time.monotonic() + 60
        while f"pid {first.pid} " not in store.lock_holder():
            assert first.poll() is None and time.monotonic() < deadline, "the first refresh never took the lock"
            time.sleep(0.1)
        second = _gme_refresh("--programs", str(PROGRAMS))
        out, err = second.communicate(timeout=60)
        assert second.returncode == 2, (out, err)
        assert err.count("\n") == 1 and f"pid {first.pid} " in err and "--wait" in err, err
        waiting = _gme_refresh("--job", "reextract", "--wait")
        time.sleep(1)
        assert waiting.poll() is None  # waits for the first
        assert first.wait(timeout=300) == 0, first.stderr.read()
        out, err = waiting.communicate(timeout=300)
        assert waiting.returncode == 0, err
    finally:
        for proc in (first,):
            if proc.poll() is None:
                proc.kill()
    rows = query("SELECT run_id FROM meta.refreshes ORDER BY published_at")
    assert len(rows) == refreshes_before + 2  # the first and the waiting one; the refused one wrote nothing
