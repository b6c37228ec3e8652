"""The sample web a process starts (`running_sample_web`, which `gme refresh` uses) ends when that
process dies, even by kill -9 (issue 13: it used to keep serving)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

PARENT = """
import sys, time
from sampleweb.server import running_sample_web
with running_sample_web(programs=5) as web:
    print(web.url, flush=True)
    time.sleep(120)
"""


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid and stat[0] not in ("Z", "X"):
                out.append(int(entry))
    return out


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


@pytest.mark.slow
def test_sample_web_ends_when_its_parent_is_killed():
    parent = subprocess.Popen([sys.executable, "-c", PARENT], cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        url = parent.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        webs = _children(parent.pid)
        assert len(webs) == 1 and "sampleweb" in Path(f"/proc/{webs[0]}/cmdline").read_text()
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        deadline = time.monotonic() + 5
        while _alive(webs[0]) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(webs[0]), "the sample web outlived the process that started it"
    finally:
        parent.kill()
        for pid in _children(parent.pid):
            os.kill(pid, signal.SIGKILL)
