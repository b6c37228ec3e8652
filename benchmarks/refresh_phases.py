"""Where one `gme refresh` spends its time: wall and CPU seconds of its main phases, in one process.

Usage (own data dir and Dagster home; a refresh of the same arguments `gme refresh` takes):
    GME_DATA_DIR=/tmp/x/data DAGSTER_HOME=/tmp/x/dh .venv/bin/python benchmarks/refresh_phases.py \\
        refresh --job incremental_refresh --sample-web http://127.0.0.1:8800

Runs the `gme` CLI of this checkout in this process with a timer around each function named in
PHASES (outermost call only, so a recursive or nested call is not counted twice) and prints, on
exit, each phase's calls, wall seconds and this process's CPU seconds, the whole process's wall
and CPU, and the CPU of the children it waited for (the crawl processes). Phases nest (a GX suite
runs inside execute_job): they are not to be added up. Per-step wall seconds are in the run's
event log (`benchmarks/bench_incremental.py --steps`).
"""

from __future__ import annotations

import atexit
import collections
import functools
import importlib
import os
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

# module : attribute (a function, or Class.method) -> the phase's name in the table
PHASES = {
    "pipelines.runner:run_job": "run_job (all of the run)",
    "pipelines.runner:job_named": "load the definitions (job_named)",
    "pipelines.cli:_sample_web_problem": "check --sample-web",
    "dagster._core.storage.event_log.sqlite.sqlite_event_log:SqliteEventLogStorage.store_event":
        "Dagster event log writes (sqlite)",
    "pipelines.defs.crawl:_crawl": "crawl steps (Scrapy child through Pipes; GX import meanwhile)",
    "expectations.suites:validate": "GX suites (import on first use, validate, Data Docs)",
    "expectations.datadocs:record": "  of which Data Docs",
    "pipelines.transforms.extraction:extract_new": "extraction of new pages",
    "warehouse.history:refresh_history": "history tables",
    "warehouse.publish:publish": "DuckDB publish (build + swap)",
    "pipelines.transforms.recommend:rank_batch": "recommendations (rank_batch)",
}

IMPORTS = "imports: the CLI, Dagster, the definitions' modules"
_started = (time.perf_counter(), time.process_time())
_totals: dict[str, list] = collections.defaultdict(lambda: [0, 0.0, 0.0])
_depth: collections.Counter = collections.Counter()


def _wrap(target: str, name: str) -> None:
    module_name, attr = target.split(":")
    owner = importlib.import_module(module_name)
    *path, leaf = attr.split(".")
    for part in path:
        owner = getattr(owner, part)
    fn = getattr(owner, leaf)

    @functools.wraps(fn)
    def timed(*args, **kwargs):
        _depth[name] += 1
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            _depth[name] -= 1
            if _depth[name] == 0:
                total = _totals[name]
                total[0] += 1
                total[1] += time.perf_counter() - wall
                total[2] += time.process_time() - cpu

    setattr(owner, leaf, timed)


def _report() -> None:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, cpu = time.perf_counter() - _started[0], time.process_time() - _started[1]
    print(f"\nrefresh_phases: process wall {wall:.2f} s, own CPU {cpu:.2f} s, children's CPU "
          f"{children.ru_utime + children.ru_stime:.2f} s (load {os.getloadavg()[0]:.1f})", file=sys.stderr)
    print(f"  {'phase':<66} {'calls':>5} {'wall s':>7} {'CPU s':>6}", file=sys.stderr)
    for name in (IMPORTS, *PHASES.values()):
        if name in _totals:
            n, w, c = _totals[name]
            print(f"  {name:<66} {n:>5} {w:7.2f} {c:6.2f}", file=sys.stderr)


def main() -> None:
    timer = (time.perf_counter(), time.process_time())
    import pipelines.cli as cli
    import pipelines.definitions  # noqa: F401  (Dagster, polars, every defs module: a refresh imports them all)

    _totals[IMPORTS] = [1, time.perf_counter() - timer[0], time.process_time() - timer[1]]
    for target, name in PHASES.items():
        _wrap(target, name)
    atexit.register(_report)
    sys.argv = ["gme", *sys.argv[1:]]
    cli.main()


if __name__ == "__main__":
    main()
