"""Benchmark: application plans and diversified lists for one profile and for 10,000 profiles, with peak memory.

Run: POLARS_MAX_THREADS=2 .venv/bin/python benchmarks/bench_plans.py [--profiles N]
Programs: the sample web's full program set (built in process, not timed). Verdicts: the
vectorised stand-in screens of plans.screen_pairs (score minimum, visa, IMGs); the per-rule
verdicts of pipelines.transforms.verdicts are not part of this figure. Profiles are random but
valid (pipelines.transforms.profile), seeded. Peak memory is the process's max RSS
(resource.getrusage), measured after the one-profile run and again after the big run.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipelines.transforms import plans as P  # noqa: E402
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
        if rng.random() < 0.4:
            data["backup_specialties"] = [rng.choice([c for c in ("140", "120", "320") if c != primary])]
        if rng.random() < 0.3:
            data["preferences"] = {"regions": [rng.choice(["northeast", "midwest", "south", "west"])]}
        out.append(profile_from_dict(data, "bench"))
    return out


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--profiles", type=int, default=10_000)
    args = ap.parse_args()
    programs = P.sample_program_set()
    profiles = random_profiles(args.profiles)
    print(f"programs: {programs.height}, profiles: {len(profiles)}, baseline peak RSS {peak_mb():.0f} MB")
    P.plans_and_lists(P.applicants_frame(profiles[:1]), programs)  # warm-up (imports, caches)
    times = []
    for p in profiles[:20]:
        t = time.perf_counter()
        P.plans_and_lists(P.applicants_frame([p]), programs)
        times.append(time.perf_counter() - t)
    times.sort()
    print(f"one profile: median {1000 * times[len(times) // 2]:.1f} ms, max {1000 * times[-1]:.1f} ms "
          f"(20 profiles one at a time); peak RSS {peak_mb():.0f} MB")
    t = time.perf_counter()
    applicants = P.applicants_frame(profiles)
    plans, lists = P.plans_and_lists(applicants, programs)
    took = time.perf_counter() - t
    print(f"{len(profiles)} profiles in one call: {took:.1f} s ({applicants.height} profile-specialty plans, "
          f"{lists.filter('in_plan').height} listed programs); peak RSS {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
