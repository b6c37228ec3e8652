"""Import what later steps of this process need while a crawl step waits for its Scrapy process.

A run on the in-process executor (`gme refresh`, one crawl shard) validates every staged and
core table with Great Expectations in the same process, and importing GX costs about 3 s of
CPU (PITFALLS.md). The crawl steps spend their time waiting for a child process: the imports
are done in a thread meanwhile, and the thread is joined before the crawl step ends, so no
other step's code ever runs beside it (and nothing else imports at the same time but Dagster's
Pipes reader, which only reads the crawl's messages). The imports are the ones the first
suite would do anyway: nothing is imported that the run would not import, and a failed import
is left to the step that needs it to raise.

A step process of the multiprocess executor validates nothing after its crawl, so there the
imports are not done.
"""

from __future__ import annotations

import contextlib
import importlib
import sys
import threading
from collections.abc import Iterator, Sequence

# the checks' own modules first: they set GX's environment (analytics off) before GX is imported
AFTER_CRAWL = ("expectations.suites", "expectations.datadocs", "great_expectations", "great_expectations.expectations")


def in_process_run(run_config: dict) -> bool:
    """Does this run execute all its steps in one process (run config `execution: {config: {in_process: {}}}`)?"""
    execution = (run_config.get("execution") or {}).get("config") or {}
    return "in_process" in execution


def _import_all(modules: Sequence[str]) -> None:
    for name in modules:
        with contextlib.suppress(Exception):  # the step that needs the module raises it itself
            importlib.import_module(name)


@contextlib.contextmanager
def importing_meanwhile(modules: Sequence[str] = AFTER_CRAWL, enabled: bool = True) -> Iterator[threading.Thread | None]:
    """Import `modules` in a thread while the body runs; joined on the way out (the body's
    error, if any, is raised after the join)."""
    if not enabled or all(name in sys.modules for name in modules):
        yield None
        return
    thread = threading.Thread(target=_import_all, args=(tuple(modules),), name="gme-imports-meanwhile", daemon=True)
    thread.start()
    try:
        yield thread
    finally:
        thread.join()
