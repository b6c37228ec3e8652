"""Crawl metrics reported to Dagster Pipes (or printed as one JSON line without Pipes)."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class CrawlMetrics:
    spider: str
    run_id: str
    started: float = field(default_factory=time.monotonic)
    # CPU seconds of this process over the same window (steadier than wall time on a shared machine)
    cpu_started: float = field(default_factory=time.process_time)
    cpu_finished: float | None = None
    pages: int = 0  # fetches that got an HTTP response (any status)
    items: int = 0  # rows written (raw pages / directory programs)
    bytes: int = 0  # response body bytes received
    not_modified: int = 0
    skipped: int = 0  # previous pages not requested: the site's sitemap showed them unchanged
    changed: int = 0
    errors: Counter = field(default_factory=Counter)
    extra: dict = field(default_factory=dict)
    ok: bool = True
    problem: str | None = None
    finished: float | None = None

    def error(self, kind: str) -> None:
        self.errors[kind] += 1

    def as_metadata(self) -> dict:
        duration = (self.finished or time.monotonic()) - self.started
        return {
            "spider": self.spider,
            "run_id": self.run_id,
            "ok": self.ok,
            "problem": self.problem,
            "pages": self.pages,
            "items": self.items,
            "errors": sum(self.errors.values()),
            "errors_by_kind": dict(sorted(self.errors.items())),
            "bytes": self.bytes,
            "not_modified": self.not_modified,
            "skipped": self.skipped,
            "changed": self.changed,
            "duration_s": round(duration, 3),
            "pages_per_s": round(self.pages / duration, 1) if duration > 0 else None,
            "cpu_s": round((self.cpu_finished or time.process_time()) - self.cpu_started, 3),
            **self.extra,
        }
