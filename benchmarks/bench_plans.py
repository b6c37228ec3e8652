"""Benchmark: recommendations, per-rule verdicts and application plans for 10,000 profiles and for one, with peak memory.

    GME_WAREHOUSE=/path/to/full.duckdb POLARS_MAX_THREADS=2 .venv/bin/python benchmarks/bench_plans.py [--profiles N] [--cli]

Reads the published warehouse (core.programs, core.program_facts, marts.program_indicators; a
full-size `gme refresh` for the real figure) and runs `recommend.rank_batch`, the code path of
`gme recommend` and of the marts assets, WITH the real verdicts of every rule (verdicts.batch_codes
for every profile x program pair; texts and evidence for the recommended rows). Profiles are
random but valid, seeded (`random_profiles`). Printed: the tables' load and preparation (once per
process), one profile (median of 20, each ranked alone on the prepared tables), N profiles in one
call (wall and CPU seconds, peak RSS = the process's max RSS). --cli also times the command a
user runs, `gme recommend --profiles FILE.jsonl --out DIR`, in a child process (wall, peak RSS).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipelines.transforms.profile import profile_from_dict  # noqa: E402

CODES = ["140", "120", "320", "400", "110", "220", "440", "040", "260", "080", "420", "180", "300"]


def random_profiles(n: int, seed: int = 1) -> list:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        img = rng.random() < 0.35
        visa = rng.choice(["none", "j1", "h1b", "j1_or_h1b"]) if img else "none"
        primary = rng.choice(CODES)
        data = {"applicant_id": f"bench-{i}", "specialties": [primary], "img": img,
                "degree": "DO" if (not img and rng.random() < 0.25) else "MD", "visa": visa,
                "step2ck": rng.randint(222, 270), "step2ck_date": "2026-05-01",
                "graduation_date": "2027-05-20" if not img else f"{rng.randint(2016, 2025)}-06-30",
                "failed_attempts": int(rng.random() < 0.08), "max_applications": rng.choice([30, 60, 80, 120])}
        if img:
            data.update(usce_months=rng.choice([0, 3, 6]), ecfmg_certified=rng.random() < 0.7)
        if rng.random() < 0.4:
            data["backup_specialties"] = [rng.choice([c for c in ("140", "120", "320") if c != primary])]
        if rng.random() < 0.3:
            data["preferences"] = {"regions": [rng.choice(["northeast", "midwest", "south", "west"])]}
        out.append(profile_from_dict(data, "bench"))
    return out


def peak_mb(who=resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> int:
    from pipelines.recommend_view import load_tables
    from pipelines.transforms.recommend import prepare, rank_batch
    from warehouse.paths import warehouse_path

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--profiles", type=int, default=10_000)
    ap.add_argument("--cli", action="store_true", help="also time `gme recommend --profiles FILE --out DIR`")
    ap.add_argument("--asset", action="store_true",
                    help="also time the marts multi-asset (recommendations, verdicts, plans) on a profiles folder "
                         "holding the N profiles as one JSONL file (invoked directly: no IO manager)")
    args = ap.parse_args()
    path = warehouse_path()
    t = time.perf_counter()
    try:
        tables = load_tables(path)
    except FileNotFoundError as exc:
        print(f"bench_plans: {exc}", file=sys.stderr)
        return 2
    prep = prepare(tables["programs"], tables["indicators"], tables["facts"])
    print(f"warehouse {path}: {tables['programs'].height} programs, {tables['facts'].height} facts; "
          f"loaded and prepared in {time.perf_counter() - t:.2f} s (once per process); load avg {os.getloadavg()[0]:.1f}")
    profiles = random_profiles(args.profiles)
    one = lambda p: rank_batch(tables["programs"], tables["indicators"], tables["facts"], [p], prepared=prep)  # noqa: E731
    one(profiles[0])  # warm-up (imports, caches)
    times = []
    for p in profiles[:20]:
        t = time.perf_counter()
        one(p)
        times.append(time.perf_counter() - t)
    print(f"one profile: median {1000 * statistics.median(times):.1f} ms, max {1000 * max(times):.1f} ms "
          f"(20 profiles one at a time, verdicts + recommendations + plan); peak RSS {peak_mb():.0f} MB")
    wall, cpu = time.perf_counter(), time.process_time()
    out = rank_batch(tables["programs"], tables["indicators"], tables["facts"], profiles, prepared=prep)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{len(profiles)} profiles in one call: {wall:.1f} s wall, {cpu:.1f} s CPU ({out.plans.height} plans, "
          f"{out.recommendations.height} recommendations, {out.verdicts.height} verdicts); peak RSS {peak_mb():.0f} MB; "
          f"load avg {os.getloadavg()[0]:.1f}")
    if args.asset:
        import dagster as dg

        from pipelines.defs.marts import marts_recommendations
        from pipelines.resources import Settings

        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "profiles.jsonl").write_text(
                "".join(json.dumps(p.model_dump(mode="json")) + "\n" for p in profiles), encoding="utf-8")
            t = time.perf_counter()
            recs, verdicts, plans = marts_recommendations(
                context=dg.build_asset_context(), settings=Settings(profiles_dir=tmp), core_programs=tables["programs"],
                core_program_facts=tables["facts"], marts_program_indicators=tables["indicators"])
            print(f"marts asset on {len(profiles)} profiles: {time.perf_counter() - t:.1f} s wall (profile validation "
                  f"and ranking; {plans.height} plans); peak RSS {peak_mb():.0f} MB; load avg {os.getloadavg()[0]:.1f}")
    if args.cli:
        with tempfile.TemporaryDirectory() as tmp:
            jsonl = Path(tmp) / "profiles.jsonl"
            jsonl.write_text("".join(json.dumps(p.model_dump(mode="json")) + "\n" for p in profiles), encoding="utf-8")
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "pipelines.cli", "recommend", "--profiles", str(jsonl), "--out",
                            str(Path(tmp) / "out")], cwd=REPO, check=True)
            print(f"gme recommend --profiles ({len(profiles)}) --out DIR: {time.perf_counter() - t:.1f} s wall "
                  f"(process start, profile validation, ranking, three Parquet files); child peak RSS "
                  f"{peak_mb(resource.RUSAGE_CHILDREN):.0f} MB; load avg {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
