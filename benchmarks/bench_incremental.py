"""No-change incremental refresh vs full refresh, wall time: `gme refresh` then, right after,
`gme refresh --job incremental_refresh` on the same unchanged sample web (median of N pairs).

Usage: .venv/bin/python benchmarks/bench_incremental.py [--programs 300] [--pairs 3] [--baseline DIR] [--steps] [--own-cpu]

Each pair runs in a fresh temporary data dir, warehouse and Dagster home, against one sample web
started here for the whole benchmark (so neither command pays for starting one). With
`--baseline DIR` (a checkout of another commit, e.g. `git worktree add /tmp/base <commit>`), the
pairs alternate between that code (run with PYTHONPATH=DIR) and this checkout, so both are
measured in one sitting under the same load. Prints one line per pair and the medians.

Beside each wall time it prints the run's CPU seconds: the `gme refresh` process and every child
it waited for (its crawl processes), from getrusage(RUSAGE_CHILDREN); the shared sample web is
not in it. On a loaded machine the CPU figures are the steadier ones. `--steps` also prints each
step's median wall seconds (from the runs' Dagster event logs), full and incremental side by side.
`--own-cpu` runs each refresh through the code's `benchmarks/refresh_phases.py` and splits its CPU
into the refresh process's own (Dagster, transforms, GX, publish) and its crawl children's.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


OWN_CPU = re.compile(r"refresh_phases: process wall [0-9.]+ s, own CPU ([0-9.]+) s, children's CPU ([0-9.]+) s")


def timed_refresh(code: Path, env: dict, *args: str, own_cpu: bool = False) -> tuple[float, ...]:
    """(wall seconds, CPU seconds of the refresh and its crawl children) of one `gme refresh`;
    with `own_cpu`, also (the refresh process's own CPU, its children's CPU) from refresh_phases."""
    env = dict(env, PYTHONPATH=str(code))
    cpu_before = _children_cpu()
    started = time.perf_counter()
    entry = [str(code / "benchmarks" / "refresh_phases.py")] if own_cpu else ["-m", "pipelines.cli"]
    proc = subprocess.run([sys.executable, *entry, "refresh", *args], env=env, cwd=str(code),
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    took = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"bench_incremental: `gme refresh {' '.join(args)}` failed ({code}): "
                         + (proc.stderr.strip().splitlines() or ["no message"])[-1])
    if not own_cpu:
        return took, _children_cpu() - cpu_before
    split = OWN_CPU.search(proc.stderr)
    if split is None:
        raise SystemExit(f"bench_incremental: no refresh_phases line from {code}")
    return took, _children_cpu() - cpu_before, float(split[1]), float(split[2])


def _steps(home: Path, job: str) -> dict[str, float]:
    from pipelines.runner import step_seconds  # (this checkout's) reads the pair's Dagster event log

    return step_seconds(str(home), job)


def one_pair(code: Path, url: str, programs: int, steps: bool = False, own_cpu: bool = False) -> dict:
    root = Path(tempfile.mkdtemp(prefix="gme-bench-inc-"))
    try:
        env = dict(os.environ, GME_DATA_DIR=str(root / "data"), GME_WAREHOUSE=str(root / "data" / "warehouse.duckdb"),
                   DAGSTER_HOME=str(root / "dagster_home"), DAGSTER_DISABLE_TELEMETRY="true")
        full = timed_refresh(code, env, "--programs", str(programs), "--sample-web", url, own_cpu=own_cpu)
        incremental = timed_refresh(code, env, "--job", "incremental_refresh", "--sample-web", url, own_cpu=own_cpu)
        pair = {"full": full, "incremental": incremental}
        if steps:
            pair["steps"] = {job: _steps(root / "dagster_home", job) for job in ("refresh", "incremental_refresh")}
        return pair
    finally:
        shutil.rmtree(root, ignore_errors=True)


def print_steps(name: str, pairs: list[dict]) -> None:
    full = [p["steps"]["refresh"] for p in pairs]
    inc = [p["steps"]["incremental_refresh"] for p in pairs]
    keys = list(dict.fromkeys([k for run in full + inc for k in run]))

    def med(runs: list[dict], key: str) -> str:
        values = [r[key] for r in runs if key in r]
        return f"{statistics.median(values):6.2f}" if values else "     -"

    print(f"{name}: median wall seconds per step (full | incremental)")
    for key in keys:
        print(f"  {med(full, key)} | {med(inc, key)}  {key}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--programs", type=int, default=300)
    ap.add_argument("--pairs", type=int, default=3)
    ap.add_argument("--baseline", type=Path, default=None, help="another checkout to measure in the same sitting")
    ap.add_argument("--steps", action="store_true", help="also print each step's median wall seconds")
    ap.add_argument("--own-cpu", action="store_true",
                    help="split each run's CPU into the refresh process's own and its crawl children's")
    args = ap.parse_args()
    from sampleweb.server import running_sample_web

    codes = {"this": REPO}
    if args.baseline is not None:
        if not (args.baseline / "pipelines" / "cli.py").is_file():
            print(f"bench_incremental: {args.baseline} is no gme-atlas checkout", file=sys.stderr)
            return 2
        codes = {"baseline": args.baseline.resolve(), "this": REPO}
    pairs: dict[str, list[dict]] = {name: [] for name in codes}
    with running_sample_web(programs=args.programs) as web:
        print(f"sample web {web.url}, {args.programs} programs, {args.pairs} pairs per code, {os.cpu_count()} cores")
        for i in range(args.pairs):
            for name, code in codes.items():
                pair = one_pair(code, web.url, args.programs, steps=args.steps, own_cpu=args.own_cpu)
                pairs[name].append(pair)
                (full, full_cpu, *full_own), (inc, inc_cpu, *inc_own) = pair["full"], pair["incremental"]
                load = os.getloadavg()[0]
                own = (f"  own CPU full {full_own[0]:5.1f} s (crawls {full_own[1]:5.1f}), incremental {inc_own[0]:5.1f} s "
                       f"(crawls {inc_own[1]:5.1f})" if args.own_cpu else "")
                print(f"pair {i + 1} {name:<8} full {full:6.1f} s ({full_cpu:5.1f} s CPU)  incremental {inc:6.1f} s "
                      f"({inc_cpu:5.1f} s CPU)  ratio {inc / full:6.1%}, CPU {inc_cpu / full_cpu:6.1%}  (load {load:.1f})"
                      + own, flush=True)
    for name in codes:
        walls = [(p["full"][0], p["incremental"][0]) for p in pairs[name]]
        cpus = [(p["full"][1], p["incremental"][1]) for p in pairs[name]]
        ratios = [i / f for f, i in walls]
        cpu_ratios = [i / f for f, i in cpus]
        if args.own_cpu:
            own = [(p["full"][2], p["incremental"][2]) for p in pairs[name]]
            print(f"{name:<8} median own CPU (the refresh process, no crawl): full {statistics.median(f for f, _ in own):.1f} s, "
                  f"incremental {statistics.median(i for _, i in own):.1f} s")
        print(f"{name:<8} median full {statistics.median(f for f, _ in walls):.1f} s "
              f"({statistics.median(f for f, _ in cpus):.1f} s CPU), median incremental "
              f"{statistics.median(i for _, i in walls):.1f} s ({statistics.median(i for _, i in cpus):.1f} s CPU), "
              f"median ratio {statistics.median(ratios):.1%} ({', '.join(f'{r:.1%}' for r in ratios)}), "
              f"CPU {statistics.median(cpu_ratios):.1%} ({', '.join(f'{r:.1%}' for r in cpu_ratios)})")
    if args.steps:
        for name in codes:
            print_steps(name, pairs[name])
    return 0


if __name__ == "__main__":
    sys.exit(main())
