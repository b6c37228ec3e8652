"""Random but valid applicant profiles that vary every field the verdicts read (seeded)."""

from __future__ import annotations

import random

from pipelines.transforms.profile import profile_from_dict

EXAMS = ["step1", "step2ck", "step3", "comlex1", "comlex2"]


def rich_profiles(n: int, codes: list[str], seed: int = 11) -> list:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        img = rng.random() < 0.5
        degree = "DO" if (not img and rng.random() < 0.4) else "MD"
        d: dict = {"applicant_id": f"rand-{i}", "specialties": [rng.choice(codes)], "img": img, "degree": degree,
                   "visa": rng.choice(["none", "j1", "h1b", "j1_or_h1b"]) if img else rng.choice(["none"] * 9 + ["h1b"]),
                   "step1": rng.choice(["pass", "fail_then_pass", "not_taken", None, rng.randint(200, 260)]),
                   "step3": rng.choice(["passed", "scheduled", "not_taken"]), "transfer": rng.random() < 0.15,
                   "ecfmg_certified": rng.random() < 0.5, "top": rng.choice([5, 25, 60])}
        if degree == "DO" and rng.random() < 0.7:
            d["comlex2"] = rng.randint(420, 750)
        if degree == "MD" or rng.random() < 0.5:
            if rng.random() < 0.9:
                d["step2ck"], d["step2ck_date"] = rng.randint(214, 275), "2025-06-01"
        if rng.random() < 0.4:
            d["failed_attempts"] = rng.randint(1, 4)
            d["failed_exams"] = rng.sample(EXAMS, rng.randint(0, min(3, d["failed_attempts"])))
        if rng.random() < 0.5:
            d["graduation_date"] = f"{rng.randint(2008, 2027)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        else:
            d["graduation_year"] = rng.randint(2008, 2027)
        if rng.random() < 0.6:
            d["usce_months"] = rng.choice([0, 0.5, 2, 4, 12])
            d["usce_kind"] = rng.choice(["hands_on", "observership", "research", None])
        if not d["ecfmg_certified"] and rng.random() < 0.5:
            d["ecfmg_expected"] = f"{rng.randint(2026, 2027)}-{rng.randint(1, 12):02d}-15"
        others = [c for c in codes if c != d["specialties"][0]]
        if others and rng.random() < 0.4:
            d["backup_specialties"] = [rng.choice(others)]
        if rng.random() < 0.3:
            d["preferences"] = {"states": rng.sample(["NY", "CA", "TX", "PA", "OH"], 2),
                                "settings": rng.sample(["university", "community"], 1), "only": rng.random() < 0.3}
        out.append(profile_from_dict(d, "random"))
    return out
