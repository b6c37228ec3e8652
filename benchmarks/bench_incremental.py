"""No-change incremental refresh vs full refresh, wall time: `gme refresh` then, right after,
`gme refresh --job incremental_refresh` on the same unchanged sample web (median of N pairs).

Usage: .venv/bin/python benchmarks/bench_incremental.py [--programs 300] [--pairs 3] [--baseline DIR]

Each pair runs in a fresh temporary data dir, warehouse and Dagster home, against one sample web
started here for the whole benchmark (so neither command pays for starting one). With
`--baseline DIR` (a checkout of another commit, e.g. `git worktree add /tmp/base <commit>`), the
pairs alternate between that code (run with PYTHONPATH=DIR) and this checkout, so both are
measured in one sitting under the same load. Prints one line per pair and the medians.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def timed_refresh(code: Path, env: dict, *args: str) -> float:
    env = dict(env, PYTHONPATH=str(code))
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pipelines.cli", "refresh", *args], env=env, cwd=str(code),
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    took = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"bench_incremental: `gme refresh {' '.join(args)}` failed ({code}): "
                         + (proc.stderr.strip().splitlines() or ["no message"])[-1])
    return took


def one_pair(code: Path, url: str, programs: int) -> tuple[float, float]:
    root = Path(tempfile.mkdtemp(prefix="gme-bench-inc-"))
    try:
        env = dict(os.environ, GME_DATA_DIR=str(root / "data"), GME_WAREHOUSE=str(root / "data" / "warehouse.duckdb"),
                   DAGSTER_HOME=str(root / "dagster_home"), DAGSTER_DISABLE_TELEMETRY="true")
        full = timed_refresh(code, env, "--programs", str(programs), "--sample-web", url)
        incremental = timed_refresh(code, env, "--job", "incremental_refresh", "--sample-web", url)
        return full, incremental
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--programs", type=int, default=300)
    ap.add_argument("--pairs", type=int, default=3)
    ap.add_argument("--baseline", type=Path, default=None, help="another checkout to measure in the same sitting")
    args = ap.parse_args()
    from sampleweb.server import running_sample_web

    codes = {"this": REPO}
    if args.baseline is not None:
        if not (args.baseline / "pipelines" / "cli.py").is_file():
            print(f"bench_incremental: {args.baseline} is no gme-atlas checkout", file=sys.stderr)
            return 2
        codes = {"baseline": args.baseline.resolve(), "this": REPO}
    ratios: dict[str, list[float]] = {name: [] for name in codes}
    walls: dict[str, list[tuple[float, float]]] = {name: [] for name in codes}
    with running_sample_web(programs=args.programs) as web:
        print(f"sample web {web.url}, {args.programs} programs, {args.pairs} pairs per code, {os.cpu_count()} cores")
        for i in range(args.pairs):
            for name, code in codes.items():
                full, incremental = one_pair(code, web.url, args.programs)
                ratios[name].append(incremental / full)
                walls[name].append((full, incremental))
                load = os.getloadavg()[0]
                print(f"pair {i + 1} {name:<8} full {full:6.1f} s  incremental {incremental:6.1f} s  "
                      f"ratio {incremental / full:6.1%}  (load {load:.1f})", flush=True)
    for name in codes:
        full = statistics.median(f for f, _ in walls[name])
        inc = statistics.median(i for _, i in walls[name])
        print(f"{name:<8} median full {full:.1f} s, median incremental {inc:.1f} s, "
              f"median ratio {statistics.median(ratios[name]):.1%} ({', '.join(f'{r:.1%}' for r in ratios[name])})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
