"""The published warehouse's freshness policy, evaluated by a real Dagster daemon (issue 14).

`dagster-daemon run` on our code location (as `gme ui` runs it inside `dagster dev`) evaluates
the FreshnessPolicy on warehouse/published: before anything was published the asset is not
fresh; right after a refresh it is (the policy's window is the last 04:00-06:00 UTC deadline, and
a publish now is after it). The daemon's interval is cut to 1 s for the test."""

import os
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import pytest

from pipelines.runner import run_job
from sampleweb.server import running_sample_web

pytestmark = [pytest.mark.integration, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
PUBLISHED = dg.AssetKey(["warehouse", "published"])


def freshness(instance: dg.DagsterInstance) -> str | None:
    record = instance.get_freshness_state_records([PUBLISHED]).get(PUBLISHED)
    return None if record is None else record.freshness_state.value


def wait_for(instance: dg.DagsterInstance, predicate, daemon: subprocess.Popen, seconds: float = 90) -> str | None:
    deadline = time.monotonic() + seconds
    state = freshness(instance)
    while not predicate(state) and time.monotonic() < deadline:
        assert daemon.poll() is None, "dagster-daemon exited (its output is in the test's tmp dir)"
        time.sleep(0.5)
        state = freshness(instance)
    return state


def test_the_daemon_finds_no_fresh_warehouse_before_a_refresh_and_a_fresh_one_after(isolated_env, capsys):
    instance = dg.DagsterInstance.get()
    env = dict(os.environ, FRESHNESS_DAEMON_INTERVAL_SECONDS="1", PYTHONPATH=str(REPO))
    log = (isolated_env / "daemon.log").open("w")  # a file, not a pipe nobody reads (it would fill and block)
    daemon = subprocess.Popen([str(Path(sys.executable).with_name("dagster-daemon")), "run", "-m", "pipelines.definitions"],
                              cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        before = wait_for(instance, lambda s: s is not None, daemon)
        assert before is not None, "the daemon never evaluated warehouse/published"
        assert before != "PASS", before  # nothing published yet: not fresh
        with running_sample_web(programs=20) as web:
            outcome = run_job("refresh", {"sample_web_url": web.url}, instance=instance)
        assert outcome.success, outcome.failure
        after = wait_for(instance, lambda s: s == "PASS", daemon)
        assert after == "PASS", (before, after)
        with capsys.disabled():
            print(f"\n  freshness of warehouse/published by dagster-daemon: {before} before any publish, {after} after")
    finally:
        os.killpg(daemon.pid, 15)
        daemon.wait(timeout=30)
        log.close()
