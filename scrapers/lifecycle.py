"""How a crawl process ends: with its parent, and within seconds of SIGTERM or SIGINT
(issue 13: a crawl that only the parent's signal reached used to idle on and outlive it)."""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import os
import signal
import sys
import threading

PR_SET_PDEATHSIG = 1  # linux/prctl.h
STOP_GRACE_S = float(os.environ.get("GME_CRAWL_STOP_GRACE", "5"))


def die_with_parent(parent_pid: int | None = None) -> str:
    """Make this process receive SIGTERM when its parent dies, so a crawl never outlives the
    step (or refresh) that launched it, even after a kill -9. Linux: prctl(PR_SET_PDEATHSIG);
    elsewhere a daemon thread that watches the parent pid. Returns the mechanism used."""
    parent = parent_pid if parent_pid is not None else os.getppid()
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) == 0:
            # the parent may have died before prctl ran: then we were already re-parented
            if os.getppid() != parent:
                os.kill(os.getpid(), signal.SIGTERM)
            return "prctl"

    def watch() -> None:
        while True:
            if os.getppid() != parent:
                os.kill(os.getpid(), signal.SIGTERM)
                return
            threading.Event().wait(1.0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
    return "watch"


def stop_on_signals(crawler, grace_s: float = STOP_GRACE_S) -> None:
    """First SIGTERM/SIGINT: close the spider gracefully (it writes what it fetched as an
    incomplete crawl and the process exits 1); if that takes longer than `grace_s` (downloads
    in flight up to DOWNLOAD_TIMEOUT), or on a second signal, exit at once with 128+signal.
    Must be called from inside the running event loop (the crawler's)."""
    loop = asyncio.get_running_loop()
    state = {"stopping": False}

    def hard_exit(signum: int) -> None:
        sys.stderr.write(f"error: crawl stopped by {signal.Signals(signum).name} (not closed within {grace_s:g} s)\n")
        sys.stderr.flush()
        os._exit(128 + signum)

    def on_signal(signum: int) -> None:
        if state["stopping"]:
            hard_exit(signum)
        state["stopping"] = True
        crawler.stats.set_value("gme/stopped_by", signal.Signals(signum).name)
        loop.call_later(grace_s, hard_exit, signum)
        if crawler.engine is not None and crawler.engine.running:
            loop.create_task(crawler.engine.close_spider_async(reason="shutdown"))

    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, on_signal, signum)
