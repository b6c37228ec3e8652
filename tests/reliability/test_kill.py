"""kill -9 of `gme refresh` in the middle of the website crawl (issue 13): the published warehouse keeps
its inode and row counts, nothing the refresh started outlives it (sample web, crawl), and the next
refresh succeeds, leaving no run marked as running and no build leftovers. Real processes, real
signals, a small sample web; the full matrix is benchmarks/bench_reliability.py."""

import importlib.util
import signal
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("bench_reliability", REPO / "benchmarks" / "bench_reliability.py")
bench = importlib.util.module_from_spec(_spec)
sys.modules["bench_reliability"] = bench  # dataclasses look their module up there
_spec.loader.exec_module(bench)

PROGRAMS = 40
pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    ws = bench.Workspace(tmp_path_factory.mktemp("kill"), "ws")
    first = bench.run_refresh(ws, ["--programs", str(PROGRAMS)])
    assert first.code == 0, first.text[-2000:]
    return ws


def test_kill_9_of_the_refresh_during_the_crawl(workspace):
    ws = workspace
    before = bench.fingerprint(ws.warehouse)
    refresh = bench.Refresh(ws, ["--programs", str(PROGRAMS)])
    try:
        deadline = time.monotonic() + 180
        while not bench.crawl_pids(refresh.tag, "website"):
            assert refresh.running(), "the refresh ended before its website crawl started:\n" + refresh.text[-2000:]
            assert time.monotonic() < deadline, "no website crawl within 180 s"
            time.sleep(0.05)
        children = bench.tagged(refresh.tag)
        assert any("sampleweb" in bench.cmdline(p) for p in children), "the refresh's own sample web is running"
        bench.os.kill(refresh.proc.pid, signal.SIGKILL)
        assert refresh.wait(30) == -signal.SIGKILL
        deadline = time.monotonic() + bench.ORPHAN_GRACE_S
        while bench.tagged(refresh.tag) and time.monotonic() < deadline:
            time.sleep(0.1)
        orphans = [bench.cmdline(p) for p in bench.tagged(refresh.tag)]
        assert orphans == [], f"still running {bench.ORPHAN_GRACE_S:.0f} s after the refresh died: {orphans}"
    finally:
        refresh.kill_tree()
    after = bench.fingerprint(ws.warehouse)
    assert after["readable"] and after["inode"] == before["inode"] and after["rows"] == before["rows"]

    following = bench.run_refresh(ws, ["--programs", str(PROGRAMS)])
    assert following.code == 0, following.text[-2000:]
    assert ws.leftovers() == []
    assert ws.live_runs() == [], "the killed run is still marked as running after the next refresh"
