"""Program facts: what the directory API serves and what the program's own website states.

`program_facts(world, program)` returns the directory survey (with FREIDA's sentinels and
basic listings), the directory truth (CONTRACT names, null = not given), and the website truth
(the thirteen CONTRACT fields). Real FREIDA values are kept for the 689 Internal Medicine rows;
everything else is drawn from distributions calibrated on ../shared/docs/DOMAIN.md:
IM: 63.7% accept J-1, 34.5% of those also H-1B, community programs less (JGME 2022);
IMG share by specialty (NRMP 2024); ~25% basic listings and 6-8% website/directory visa
disagreement (Cureus 2021); Step 2 CK pass 214, mean ~246, SD ~15.

Website facts follow these invariants, which the prose module relies on:
- a numeric minimum (min_step2ck / min_step1 / min_comlex2) implies score_minimum_policy "stated";
  score_minimum_policy "none" implies no numeric minimum;
- comlex_accepted False implies no min_comlex2;
- accepts_imgs False implies no j1/h1b "yes"/"conditional" and no ecfmg_cert_required.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sampleweb.text import FIELDS, consistent_facts  # the phrasing module owns the field list
from sampleweb.world import EPOCH_CHANGE_RATE, SeedProgram, World, unit, website_url

J1, H1B, F1 = "J-1 through ECFMG", "H-1B", "F-1"
SENTINEL_SMALL, SENTINEL_BIG = 99, 999

# IMG share of first-year positions by specialty (NRMP 2024 where known, else a guess in the
# same range: competitive surgical fields low, primary care and pathology high).
IMG_SHARE = {
    "140": 0.43, "120": 0.32, "300": 0.37, "180": 0.30, "185": 0.25, "320": 0.20, "400": 0.28,
    "999": 0.15, "700": 0.12, "340": 0.15, "040": 0.08, "110": 0.06, "220": 0.08, "440": 0.10,
    "420": 0.10, "430": 0.08, "080": 0.03, "160": 0.06, "260": 0.02, "280": 0.02, "362": 0.02,
    "451": 0.06, "461": 0.05, "416": 0.06, "186": 0.25, "200": 0.30, "275": 0.02, "380": 0.20,
}
POSITIONS = {"120": 8, "140": 14, "320": 12, "400": 8, "110": 10, "440": 6, "220": 6,
             "040": 12, "999": 10, "300": 4, "180": 5, "420": 6, "080": 4, "260": 5}
LENGTH = {"140": 3, "120": 3, "320": 3, "999": 1, "110": 3, "300": 4, "400": 4, "180": 4,
          "440": 5, "260": 5, "280": 5, "160": 7, "362": 6, "700": 4}
COMPETITIVE = {"080", "260", "280", "362", "160", "416", "430", "461"}

EPOCH1_DATE = datetime(2025, 6, 2, 8, 0, tzinfo=timezone.utc)


@dataclass(frozen=True)
class ProgramFacts:
    survey: dict          # directory survey attributes as served (sentinels, gaps)
    survey_year: int
    basic_listing: bool
    changed: str          # directory `changed` timestamp
    directory: dict       # CONTRACT names, null = not given
    website: dict         # the 13 fields, null = the site does not state it
    disagreements: dict   # field -> {"directory": v, "website": v}
    last_modified: datetime  # the website's pages, from the program's version (epoch)


def img_share(p: SeedProgram) -> float:
    return IMG_SHARE.get(p.specialty_code, 0.10)


def _setting(p: SeedProgram, rng: random.Random) -> str:
    if p.setting:
        return p.setting
    academic = any(w in p.institution for w in ("University", "School of Medicine",
                                                "College of Medicine"))
    if academic:
        return rng.choices(["University-based", "Community-based university affiliated"],
                           [0.7, 0.3])[0]
    return rng.choices(["Community-based", "Community-based university affiliated",
                        "Military-based"], [0.53, 0.45, 0.02])[0]


def _visas(p: SeedProgram, setting: str, rng: random.Random) -> tuple[str, ...]:
    """FREIDA's list for real rows; else J-1 ~ IMG share, H-1B for ~a third of J-1 programs."""
    if p.source == "freida":
        return p.visa_statuses
    if rng.random() < 0.26:  # none listed, as for 185/689 real IM programs
        return ()
    community = setting.startswith("Community-based") and "university" not in setting
    p_j1 = min(0.9, 0.25 + 1.2 * img_share(p)) * (0.8 if community else 1.0)
    out = []
    if rng.random() < p_j1:
        out.append(J1)
        if rng.random() < 0.345:
            out.append(H1B)
    elif rng.random() < 0.05:
        out.append(H1B)
    if rng.random() < 0.15:
        out.append(F1)
    return tuple(out)


def _mix(p: SeedProgram, setting: str, rng: random.Random) -> tuple[float, float, float]:
    if p.pct_img is not None:
        return p.pct_img, p.pct_do or 0.0, p.pct_usmd or 0.0
    share = img_share(p) * (1.4 if setting == "Community-based" else 0.8)
    img = round(min(95.0, max(0.0, rng.gauss(share * 100, 12))), 1)
    do = round(min(100 - img, max(0.0, rng.gauss(18, 10))), 1)
    return img, do, round(100 - img - do, 1)


def _step2_floor(p: SeedProgram, rng: random.Random) -> int:
    """A Step 2 CK floor: between the pass mark (214) and about the national mean (246)."""
    base = 232 if p.specialty_code in COMPETITIVE else 220
    return int(min(250, max(214, round(rng.gauss(base, 7) / 5) * 5)))


def directory_truth(p: SeedProgram, survey: dict, website: str) -> dict:
    visas = survey.get("field_visa_status")

    def visa(kind: str):
        if not visas:  # missing or [] = none listed = unknown
            return None
        return "yes" if kind in visas else "no"

    def val(key, sentinel):
        v = survey.get(key)
        return None if v is None or v == sentinel else v

    return {
        "name": p.name, "city": p.city, "state": p.state,
        "institution": p.institution or None, "website": website,
        "setting": survey.get("field_program_best_described_as"),
        "j1_visa": visa(J1), "h1b_visa": visa(H1B),
        "visa_statuses": list(visas) if visas is not None else None,
        "min_step2ck": val("field_usmle_step_2_minimum_score", SENTINEL_BIG),
        "min_step1": val("field_usmle_step_1_minimum_score", SENTINEL_BIG),
        "min_comlex2": val("field_comlex_level_2_minimum_score", SENTINEL_BIG),
        "yog_max_years": val("field_years_since_graduation", SENTINEL_SMALL),
        "pct_img": val("field_pct_img", SENTINEL_BIG),
        "pct_do": val("field_pct_do", SENTINEL_BIG),
        "pct_usmd": val("field_pct_usmd", SENTINEL_BIG),
        "first_year_positions": val("field_first_year_positions", SENTINEL_BIG),
    }


def _survey(p: SeedProgram, rng: random.Random) -> tuple[dict, bool, str]:
    setting = _setting(p, rng)
    visas = _visas(p, setting, rng)
    img, do, usmd = _mix(p, setting, rng)
    positions = p.first_year_positions
    if positions is None:
        typical = POSITIONS.get(p.specialty_code, 4)
        positions = max(1, int(round(typical * rng.uniform(0.5, 2.0))))
        if p.source == "freida":  # FREIDA left it blank: served as the "not given" sentinel
            positions = SENTINEL_BIG
    step2 = _step2_floor(p, rng) if rng.random() < 0.30 else SENTINEL_BIG
    full = {
        "field_visa_status": list(visas),
        "field_pct_img": img, "field_pct_do": do, "field_pct_usmd": usmd,
        "field_usmle_step_2_minimum_score": step2,
        "field_usmle_step_1_minimum_score": (
            int(rng.choice([200, 205, 210, 215, 220])) if rng.random() < 0.08 else SENTINEL_BIG),
        "field_comlex_level_2_minimum_score": (
            int(rng.choice([450, 475, 500, 525])) if rng.random() < 0.15 else SENTINEL_BIG),
        "field_years_since_graduation": (
            int(rng.choice([1, 2, 3, 3, 5, 5, 5, 7, 10])) if rng.random() < 0.35
            else SENTINEL_SMALL),
        "field_program_best_described_as": setting,
        "field_first_year_positions": positions,
        "field_interviews_conducted": (p.interviews_conducted if p.interviews_conducted
                                       is not None else (positions % SENTINEL_BIG or 10)
                                       * rng.randint(8, 14)),
        "field_participates_in_eras": (p.participates_in_eras if p.participates_in_eras
                                       is not None else rng.random() < 0.97),
        "field_accepting_applications": (p.accepting_applications if p.accepting_applications
                                         is not None else rng.random() < 0.98),
    }
    if p.source == "freida" and not p.setting:  # blank in FREIDA: not served
        del full["field_program_best_described_as"]
    # Survey answers FREIDA has beyond the pipeline's needs, from their own random stream:
    # duty hours, start dates, accredited length.
    extra = random.Random(f"survey-extra|{p.program_id}")
    full["field_avg_hours_on_duty_y1"] = extra.randint(52, 76)
    full["field_program_start_dates"] = extra.choices([["July"], ["June", "July"], ["June"]],
                                                      [0.8, 0.15, 0.05])[0]
    full["field_accredited_length"] = LENGTH.get(p.specialty_code, 4)
    # Basic listings: FREIDA rows without a trainee mix are the real basic listings; elsewhere
    # 25% of programs. Their survey keeps only a few fields, or none.
    basic = (p.pct_img is None) if p.source == "freida" else rng.random() < 0.25
    if basic:
        k = rng.choice([0, 0, 1, 2, 3])
        keep = set(rng.sample(sorted(full), min(k, 2) if p.source == "freida" else k))
        if p.source == "freida":  # the real file has every IM program's visa list
            keep.add("field_visa_status")
        full = {k: v for k, v in full.items() if k in keep}
        # a basic listing shows no trainee mix: the sentinel where the key is still present
        for k in ("field_pct_img", "field_pct_do", "field_pct_usmd"):
            if k in full:
                full[k] = SENTINEL_BIG
    return full, basic, setting


def _website(p: SeedProgram, d: dict, rng: random.Random) -> dict:
    """The 13 fields as the program's own pages state them (agreeing with the directory)."""
    share = img_share(p)
    w: dict = dict.fromkeys(FIELDS)
    imgs_welcome = d["j1_visa"] == "yes" or (d["pct_img"] or 0) > 5 or rng.random() < share + 0.35
    if rng.random() < 0.7:
        w["accepts_imgs"] = imgs_welcome
    if imgs_welcome:
        if d["j1_visa"] is not None:
            if rng.random() < 0.75:
                w["j1_visa"] = d["j1_visa"]
        elif rng.random() < 0.55:
            w["j1_visa"] = "yes" if rng.random() < 0.64 else "no"
        if d["h1b_visa"] == "yes":
            if rng.random() < 0.75:
                w["h1b_visa"] = "conditional" if rng.random() < 0.35 else "yes"
        elif d["h1b_visa"] == "no":
            if rng.random() < 0.55:
                w["h1b_visa"] = "no"
        elif rng.random() < 0.45:
            w["h1b_visa"] = rng.choices(["yes", "no", "conditional"], [0.3, 0.5, 0.2])[0]
        if rng.random() < 0.5:
            w["ecfmg_cert_required"] = rng.choices(
                ["by_rank", "by_application", "by_start", "required_unspecified"],
                [0.4, 0.2, 0.2, 0.2])[0]
        if rng.random() < 0.5:
            w["usce"] = rng.choices(["required", "preferred", "not_required"], [0.45, 0.4, 0.15])[0]
    else:
        if rng.random() < 0.3:
            w["j1_visa"] = "no"
        if rng.random() < 0.3:
            w["h1b_visa"] = "no"
    # scores
    if d["min_step2ck"] is not None and rng.random() < 0.8:
        w["min_step2ck"] = d["min_step2ck"]
    elif d["min_step2ck"] is None and rng.random() < 0.2:
        w["min_step2ck"] = _step2_floor(p, rng)
    if d["min_step1"] is not None and rng.random() < 0.6:
        w["min_step1"] = d["min_step1"]  # a stale legacy minimum, kept from an old page
    if rng.random() < 0.55:
        w["comlex_accepted"] = rng.random() < 0.8
    if w["comlex_accepted"] is not False:
        if d["min_comlex2"] is not None and rng.random() < 0.7:
            w["min_comlex2"] = d["min_comlex2"]
        elif (d["min_comlex2"] is None and w["min_step2ck"] is not None
              and w["comlex_accepted"] and rng.random() < 0.4):
            w["min_comlex2"] = int(rng.choice([450, 475, 500, 525]))
    if any(w[k] is not None for k in ("min_step2ck", "min_step1", "min_comlex2")):
        w["score_minimum_policy"] = "stated"
    else:
        r = rng.random()
        w["score_minimum_policy"] = "none" if r < 0.25 else ("stated" if r < 0.33 else None)
    if rng.random() < 0.45:
        w["attempts_policy"] = rng.choices(
            ["first_attempt_only", "max_attempts_2", "max_attempts_3", "no_limit"],
            [0.6, 0.2, 0.08, 0.12])[0]
    if d["yog_max_years"] is not None and rng.random() < 0.75:
        w["yog_max_years"] = d["yog_max_years"]
    elif d["yog_max_years"] is None and rng.random() < 0.3:
        w["yog_max_years"] = rng.choice([0, 0, 3, 5, 5, 7])
    if rng.random() < 0.4:
        w["holistic_review"] = True
    return w


def _disagree(d: dict, w: dict, rng: random.Random) -> dict:
    """Make the website contradict the directory on one field it states (visa mostly)."""
    options = []
    if d["j1_visa"] is not None:
        options.append(("j1_visa", "no" if d["j1_visa"] == "yes" else "yes"))
    if d["h1b_visa"] is not None:
        options.append(("h1b_visa", "no" if d["h1b_visa"] == "yes" else "yes"))
    if d["min_step2ck"] is not None:
        options.append(("min_step2ck", d["min_step2ck"] + rng.choice([-10, -5, 5, 10])))
    if not options:
        return {}
    field, value = rng.choice(options)
    w[field] = value
    if field in ("j1_visa", "h1b_visa") and value == "yes" and w["accepts_imgs"] is False:
        w["accepts_imgs"] = True
    if field == "min_step2ck":
        w["score_minimum_policy"] = "stated"
    return {field: {"directory": d[field], "website": value}}


def program_facts(world: World, p: SeedProgram) -> ProgramFacts:
    version = world.version(p.program_id)
    rng = random.Random(f"{world.seed}|facts|{p.program_id}")
    survey, basic, setting = _survey(p, rng)
    directory = directory_truth(p, survey, website_url(world.seed, p))
    w = _website(p, directory, rng)
    # ~7% of all programs: 14% of draws, about half of which have a directory value to contradict
    if unit(world.seed, "disagrees", p.program_id) < 0.14:
        _disagree(directory, w, rng)
    year = 2025 if rng.random() < 0.7 else (2024 if rng.random() < 0.85 else 2023)
    if p.data_last_updated:
        changed = p.data_last_updated
    else:
        base = datetime(year, 3, 1, tzinfo=timezone.utc) + timedelta(
            days=rng.randint(0, 200), seconds=rng.randint(0, 86399))
        changed = base.isoformat()
    site_date = EPOCH1_DATE - timedelta(days=rng.randint(20, 900), seconds=rng.randint(0, 86399))
    for e in range(2, version + 1):
        # at each epoch where the program changed, one of its rules was rewritten
        if _changed_at(world, p.program_id, e):
            _mutate(p, w, random.Random(f"{world.seed}|mutate|{p.program_id}|{e}"))
    w = implied(w)
    disagreements = conflicts(directory, w)
    if version > 1:
        site_date = epoch_date(version) + timedelta(seconds=int(unit(p.program_id, version) * 80000))
        changed = site_date.isoformat()
    return ProgramFacts(survey, year, basic, changed, directory, w, disagreements, site_date)


def conflicts(directory: dict, website: dict) -> dict:
    """Fields both sources state with different values (an H-1B "conditional" on the site is
    compatible with the directory's "H-1B" listing)."""
    out = {}
    for k in ("j1_visa", "h1b_visa", "min_step2ck", "min_step1", "min_comlex2", "yog_max_years"):
        d, w = directory.get(k), website.get(k)
        if d is None or w is None or d == w or (k == "h1b_visa" and (d, w) == ("yes",
                                                                           "conditional")):
            continue
        out[k] = {"directory": d, "website": w}
    return out


def implied(w: dict) -> dict:
    """The 13 fields with what stating the others implies (a numeric minimum states
    score_minimum_policy "stated"; an ECFMG rule states accepts_imgs True), as the prose
    module requires; null stays null."""
    out = consistent_facts(w)
    return {k: out.get(k) for k in FIELDS}


def _changed_at(world: World, pid: str, e: int) -> bool:
    return unit(world.seed, "epoch-change", pid, e) < EPOCH_CHANGE_RATE


def epoch_date(epoch: int) -> datetime:
    return EPOCH1_DATE + timedelta(days=30 * (epoch - 1))


def _mutate(p: SeedProgram, w: dict, rng: random.Random) -> None:
    """An epoch's edit: a new Step 2 CK floor, YOG window, USCE rule or attempts rule."""
    choice = rng.choice(["min_step2ck", "yog_max_years", "usce", "attempts_policy"])
    if choice == "min_step2ck":
        w["min_step2ck"] = _step2_floor(p, rng) + 5
        w["score_minimum_policy"] = "stated"
    elif choice == "yog_max_years":
        w["yog_max_years"] = rng.choice([3, 5, 7, 10])
    elif choice == "usce":
        w["usce"] = rng.choice(["required", "preferred", "not_required"])
    else:
        w["attempts_policy"] = rng.choice(["first_attempt_only", "max_attempts_2", "no_limit"])
