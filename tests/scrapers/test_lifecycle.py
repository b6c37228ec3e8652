"""How a crawl process ends (issue 13): a crawl that raises exits 1, SIGTERM/SIGINT stop it
within seconds, and it dies with its parent even after a kill -9 of the parent."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

from tests.scrapers.conftest import REPO, run_scrapers, write_programs

pytestmark = pytest.mark.slow  # real crawl processes, signals and timeouts


@pytest.fixture
def hanging_web():
    """A loopback server that accepts connections and never answers: a crawl waits on it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    held, stop = [], threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    server.close()


def crawl_command(tmp_path, web: str) -> list[str]:
    programs = write_programs(tmp_path / "programs.parquet", {"1400000001": "prog.test"})
    return [sys.executable, "-m", "scrapers", "website", "--sample-web", web, "--programs", str(programs),
            "--pages-out", str(tmp_path / "out" / "pages.parquet"), "--log-level", "CRITICAL", "-s", "DOWNLOAD_TIMEOUT=600"]


def env() -> dict:
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("DAGSTER_PIPES")}
    return {**inherited, "PYTHONPATH": str(REPO)}


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie (exited, not yet reaped) counts as gone
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split(")")[-1].split()[0] != "Z"


def test_a_crawl_that_raises_exits_1_with_the_reason(tmp_path):
    programs = write_programs(tmp_path / "programs.parquet", {"1400000001": "prog.test"})
    code, metrics, stderr = run_scrapers("website", "--source", "live", "-s", "GME_RESOLVER=scrapers.nope.Resolver",
                                         "--programs", str(programs), "--pages-out", str(tmp_path / "out" / "pages.parquet"))
    assert code == 1
    assert metrics["ok"] is False and "crawl raised" in metrics["problem"]
    assert "error: crawl raised" in stderr
    assert not (tmp_path / "out" / "pages.parquet").exists()


def test_an_unusable_sample_web_url_is_bad_input(tmp_path):
    programs = write_programs(tmp_path / "programs.parquet", {"1400000001": "prog.test"})
    code, _, stderr = run_scrapers("website", "--sample-web", "http://no-such-host.invalid:8765",
                                   "--programs", str(programs), "--pages-out", str(tmp_path / "out" / "pages.parquet"))
    assert code == 2 and stderr.strip().startswith("error: --sample-web")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_a_hung_crawl_within_seconds(tmp_path, hanging_web, signum):
    proc = subprocess.Popen(crawl_command(tmp_path, hanging_web), cwd=REPO, env=env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(3)  # started and waiting on the silent server (600 s download timeout)
    assert proc.poll() is None
    sent = time.monotonic()
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=30)
    assert time.monotonic() - sent < 8
    assert proc.returncode != 0
    assert not (tmp_path / "out" / "pages.parquet").exists()  # never published as complete


def test_the_crawl_dies_with_its_parent_after_kill_9(tmp_path, hanging_web):
    # the parent launches the crawl, prints its pid and waits; we kill -9 the parent only
    parent_code = ("import subprocess, sys, time\n"
                   f"p = subprocess.Popen({crawl_command(tmp_path, hanging_web)!r})\n"
                   "print(p.pid, flush=True)\n"
                   "time.sleep(600)\n")
    parent = subprocess.Popen([sys.executable, "-c", parent_code], cwd=REPO, env=env(),
                              stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    try:
        time.sleep(3)
        assert alive(child)
        parent.kill()
        parent.wait()
        deadline = time.monotonic() + 10
        while alive(child) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not alive(child)
    finally:
        if alive(child):
            os.kill(child, signal.SIGKILL)
