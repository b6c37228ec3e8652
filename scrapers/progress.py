"""Live progress of a crawl: one plain line every 4 s (done/total, rate, ETA).

Lines go through Dagster Pipes to the launching step's log (and so to `gme refresh` and the UI)
or to stderr for a plain run. They are whole lines, never carriage-return redraws, so a log
file stays readable. Started on the engine's start by `run_crawl` (scrapers/__main__.py).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

INTERVAL_S = 4.0  # seconds (GME_PROGRESS_INTERVAL overrides; tests use a short one): a loaded loop and
# the Pipes relay add up to ~0.3 s, and a line must come at least every 5 s


def default_interval() -> float:
    try:
        return max(0.1, float(os.environ.get("GME_PROGRESS_INTERVAL") or INTERVAL_S))
    except ValueError:
        return INTERVAL_S
PREFIX = "progress"


def eta_text(seconds: float | None) -> str:
    if seconds is None:
        return "ETA ?"
    seconds = max(0, int(round(seconds)))
    return f"ETA {seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"ETA {seconds}s"


def progress_line(label: str, done: int, total: int, unit: str, elapsed: float, extra: str = "") -> str:
    """`progress <label>: 120/300 programs (40%), 2.4 programs/s, ETA 1m15s, <extra>`."""
    rate = done / elapsed if elapsed > 0 else 0.0
    eta = (total - done) / rate if rate > 0 else None
    pct = f" ({100 * done / total:.0f}%)" if total else ""
    parts = [f"{done:,}/{total:,} {unit}{pct}", f"{rate:.1f} {unit}/s", eta_text(eta if done < total else 0)]
    if extra:
        parts.append(extra)
    return f"{PREFIX} {label}: " + ", ".join(parts)


def website_counts(spider) -> tuple[int, int, int, int]:
    """(programs finished, programs, pages requested and answered, pages known so far) of a website spider.

    The crawl interleaves all sites, so most programs finish near the end: the pages are the
    measure of progress; their total is the pages requested plus those queued within each
    site's budget, which grows as links are found (hence "known so far").
    """
    crawls = getattr(spider, "crawls", {}) or {}
    done = pages_done = pages_known = 0
    for c in crawls.values():
        idle = c.in_flight == 0 and not c.sitemaps_pending
        if idle and c.released > 0 and (not c.frontier or c.released >= c.budget):
            done += 1
        pages_done += c.released - c.in_flight
        pages_known += min(c.budget, c.released + len(c.frontier))
    total = len(getattr(spider, "programs", ()) or ()) or len(crawls)
    return done, total, pages_done, pages_known


class CrawlProgress:
    """Emits a progress line for a running spider every `interval` seconds (on the crawl's event loop)."""

    def __init__(self, spider, emit: Callable[[str], None], interval: float | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.spider, self.emit, self.clock = spider, emit, clock
        self.interval = interval if interval is not None else default_interval()
        self.started = clock()
        self.handle = None

    def line(self) -> str:
        metrics = self.spider.metrics
        elapsed = self.clock() - self.started
        pages = f"{metrics.pages:,} pages ({metrics.pages / elapsed if elapsed > 0 else 0:.0f}/s)"
        if hasattr(self.spider, "crawls"):
            done, total, pages_done, pages_known = website_counts(self.spider)
            return progress_line(self.spider.name, pages_done, max(pages_known, pages_done), "pages", elapsed,
                                 f"{done:,}/{total:,} programs finished, {metrics.pages:,} responses")
        return f"{PREFIX} {self.spider.name}: {pages}, {metrics.items:,} items"

    def tick(self) -> None:
        try:
            self.emit(self.line())
        except Exception:  # progress must never break a crawl
            pass

    def start(self) -> CrawlProgress:
        """Tick on the crawl's asyncio loop (Scrapy runs here without a Twisted reactor)."""
        import asyncio

        loop = asyncio.get_event_loop()
        self.started = self.clock()

        def again() -> None:
            self.tick()
            self.handle = loop.call_later(self.interval, again)

        self.handle = loop.call_later(self.interval, again)
        return self

    def stop(self) -> None:
        if self.handle is not None:
            self.handle.cancel()
            self.handle = None


def counted(items, total: int, label: str, unit: str, emit: Callable[[str], None], interval: float | None = None,
            clock: Callable[[], float] = time.monotonic):
    """Yield `items` unchanged, emitting a progress line whenever `interval` seconds passed since
    the last one (checked between items, so a line can be late by one item's time), and a last
    line at the end when any was emitted. For in-process loops such as the extraction."""
    interval = interval if interval is not None else default_interval()
    started = last = clock()
    done = 0
    for item in items:
        yield item
        done += 1
        now = clock()
        if now - last >= interval:
            last = now
            emit(progress_line(label, done, total, unit, now - started))
    if last != started:
        emit(progress_line(label, done, total, unit, clock() - started))
