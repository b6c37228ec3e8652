"""Application plans: how many programs to apply to, which ones (diversified), the chance if followed, and `gme calibrate`.

`plans_from_scored` is the core: scored (applicant section, program) pairs (match_model.score_pairs,
one integer `_k` per section) give each section's list and plan. recommend.rank_batch feeds it
the pairs judged by the real per-rule verdicts (verdicts.batch_codes): the path of `gme recommend`
and of marts.application_plans. `plans_and_lists` pairs a program frame with the applicants
itself, with verdicts given per applicant and program (`verdict_summary` of verdict rows) or the
vectorised stand-in `screen_pairs` (score minimum, visa, IMGs: the simulated national pool of
`gme calibrate` and the tests on the sample web's program set, which has no facts).
"""

from __future__ import annotations

import polars as pl

from pipelines.transforms import match_model as mm
from pipelines.transforms.profile import STATE_CODES

REGIONS = {
    "northeast": "CT ME MA NH RI VT NJ NY PA",
    "midwest": "IL IN MI OH WI IA KS MN MO NE ND SD",
    "south": "DE DC FL GA MD NC SC VA WV AL KY MS TN AR LA OK TX PR",
    "west": "AZ CO ID MT NV NM UT WY AK CA HI OR WA",
}
STATE_REGION = {s: r for r, states in REGIONS.items() for s in states.split()}
SETTINGS = {"University-based": "university", "Community-based": "community",
            "Community-based university affiliated": "community_university_affiliated"}

PLAN_COLUMNS = {
    "applicant_id": pl.String, "specialty_code": pl.String, "role": pl.String, "applicant_type": pl.String,
    "eligible_programs": pl.Int32, "fully_stated_programs": pl.Int32, "suggested_applications": pl.Int32,
    "p_match_if_followed": pl.Float64, "p_match_at_max": pl.Float64, "max_applications": pl.Int32,
    "target": pl.Float64, "warning": pl.String, "inputs": pl.String, "program_ids": pl.List(pl.String),
}


def sample_program_set(programs: int | None = None) -> pl.DataFrame:
    """A core.programs-like frame from the sample web's truth (website over directory), no crawl."""
    from sampleweb.facts import program_facts
    from sampleweb.world import build_world

    world = build_world(programs=programs)
    rows = []
    for p in world.programs:
        f = program_facts(world, p)
        d, w = f.directory, f.website
        rows.append({
            "program_id": p.program_id, "name": p.name, "specialty_code": p.specialty_code,
            "specialty": p.specialty, "institution": p.institution or p.name, "city": p.city,
            "state": p.state, "setting": d.get("setting") or p.setting or None,
            "first_year_positions": d.get("first_year_positions"), "pct_img": d.get("pct_img"),
            "pct_do": d.get("pct_do"), "website": d.get("website"),
            "min_step2ck": w.get("min_step2ck") if w.get("min_step2ck") is not None else d.get("min_step2ck"),
            "j1_visa": w.get("j1_visa") or d.get("j1_visa"), "h1b_visa": w.get("h1b_visa") or d.get("h1b_visa"),
            "accepts_imgs": w.get("accepts_imgs"),
        })
    return pl.DataFrame(rows, infer_schema_length=None)


def screen_pairs(pairs: pl.LazyFrame) -> pl.LazyFrame:
    """Stand-in verdicts from core.programs columns: a stated Step 2 CK minimum above the score,
    a visa the program says it does not give, or 'no IMGs' fail; an unstated visa is unknown."""
    needs = pl.col("visa")
    j1, h1 = pl.col("j1_visa"), pl.col("h1b_visa")
    visa_ok = (pl.when(needs == "none").then(pl.lit(None, dtype=pl.String))
               .when(needs == "j1").then(pl.when(j1 == "yes").then(pl.lit("pass")).when(j1 == "no").then(pl.lit("fail")).otherwise(pl.lit("unknown")))
               .when(needs == "h1b").then(pl.when(h1 == "yes").then(pl.lit("pass")).when(h1 == "conditional").then(pl.lit("conditional"))
                                          .when(h1 == "no").then(pl.lit("fail")).otherwise(pl.lit("unknown")))
               .otherwise(pl.when((j1 == "yes") | (h1 == "yes")).then(pl.lit("pass")).when((j1 == "no") & (h1 == "no")).then(pl.lit("fail"))
                          .when(h1 == "conditional").then(pl.lit("conditional")).otherwise(pl.lit("unknown"))))
    fail = ((pl.col("min_step2ck") > pl.col("step2")).fill_null(False)
            | (pl.col("atype").is_in(["us_img", "non_us_img"]) & (pl.col("accepts_imgs") == False).fill_null(False)))  # noqa: E712
    return pairs.with_columns(visa_ok.alias("visa_verdict")).with_columns(
        (~fail & (pl.col("visa_verdict") != "fail").fill_null(True)).alias("eligible"),
        (pl.col("visa_verdict") == "unknown").fill_null(False).cast(pl.Int32).alias("n_unknown"))


def verdict_summary(verdict_rows: pl.DataFrame) -> pl.DataFrame:
    """Per applicant and program: eligible, visa_verdict, n_conditional, n_at_limit, n_unknown, from
    marts.recommendation_verdicts rows (pipelines.transforms.verdicts)."""
    v = pl.col("verdict")
    return verdict_rows.group_by("applicant_id", "program_id").agg(
        (~(v == "fail").any()).alias("eligible"),
        pl.col("verdict").filter(pl.col("rule") == "visa").first().alias("visa_verdict"),
        ((v == "conditional") & (pl.col("rule") != "visa")).sum().cast(pl.Int32).alias("n_conditional"),
        (v == "at_limit").sum().cast(pl.Int32).alias("n_at_limit"),
        (v == "unknown").sum().cast(pl.Int32).alias("n_unknown"),
    )


# Preferences as bit masks (a program's state, region and setting as one bit each): a
# preference hit is one AND per pair, no join or list lookup.
STATE_BITS = {s: 1 << i for i, s in enumerate(sorted(STATE_CODES))}
REGION_BITS = {r: 1 << i for i, r in enumerate(REGIONS)}
SETTING_BITS = {c: 1 << i for i, c in enumerate(SETTINGS.values())}


def applicants_frame(profiles: list, cal: dict | None = None) -> pl.DataFrame:
    """One row per (profile, specialty, role) from pipelines.transforms.profile.Profile objects;
    `_k` numbers the rows (the section key every window of the plan code runs over)."""
    cal = cal or mm.calibration()
    default_max = int(mm.value(cal["plan"]["default_max_applications"]))
    rows = []
    for p in profiles:
        prefs = getattr(p, "preferences", None)
        states = set(getattr(prefs, "states", []) or []) | set(getattr(p, "states", []) or [])
        regions = set(getattr(prefs, "regions", []) or [])
        settings = set(getattr(prefs, "settings", []) or [])
        base = {
            "applicant_id": p.applicant_id, "atype": mm.applicant_type(p.img, p.degree, p.visa), "visa": p.visa,
            "step2": mm.step2_equivalent(p.step2ck, getattr(p, "comlex2", None), cal),
            "failed_attempts": p.failed_attempts,
            "max_applications": p.max_applications or default_max,
            "_state_mask": sum(STATE_BITS[x] for x in states), "_region_mask": sum(REGION_BITS[x] for x in regions),
            "_setting_mask": sum(SETTING_BITS[x] for x in settings), "_n_prefs": len(states) + len(regions) + len(settings),
            "only": bool(getattr(prefs, "only", False)),
        }
        for role, codes in (("primary", p.specialties), ("backup", getattr(p, "backup_specialties", []) or [])):
            for code in codes:
                rows.append({**base, "specialty_code": code, "role": role})
    schema = {"applicant_id": pl.String, "atype": pl.String, "visa": pl.String, "step2": pl.Float64,
              "failed_attempts": pl.Int32, "max_applications": pl.Int32, "_state_mask": pl.UInt64,
              "_region_mask": pl.UInt8, "_setting_mask": pl.UInt8, "_n_prefs": pl.Int32, "only": pl.Boolean,
              "specialty_code": pl.String, "role": pl.String}
    return pl.DataFrame(rows, schema=schema, orient="row").with_row_index("_k")


def program_bits(programs: pl.DataFrame) -> pl.DataFrame:
    """programs plus region, setting_code, the bits of their state, region and setting, `_pid`
    (program_id's rank: breaks ties) and `_inst` (the institution's number; a program whose
    institution is not stated is its own)."""
    return programs.with_columns(
        pl.col("state").replace_strict(STATE_REGION, default=None, return_dtype=pl.String).alias("region"),
        pl.col("setting").replace_strict(SETTINGS, default=None, return_dtype=pl.String).alias("setting_code"),
        pl.col("program_id").rank("dense").cast(pl.UInt32).alias("_pid"),
        pl.coalesce(pl.col("institution"), pl.lit("program ") + pl.col("program_id")).rank("dense").cast(pl.UInt32)
        .alias("_inst"),
    ).with_columns(
        pl.col("state").replace_strict(STATE_BITS, default=0, return_dtype=pl.UInt64).alias("_state_bit"),
        pl.col("region").replace_strict(REGION_BITS, default=0, return_dtype=pl.UInt8).alias("_region_bit"),
        pl.col("setting_code").replace_strict(SETTING_BITS, default=0, return_dtype=pl.UInt8).alias("_setting_bit"),
    )


def pair(applicants: pl.DataFrame, programs: pl.DataFrame, summary: pl.DataFrame | None = None) -> pl.LazyFrame:
    """(applicant, specialty, program) pairs, with verdicts (given per applicant_id and program_id, or the stand-in)."""
    if "_state_bit" not in programs.columns:
        programs = program_bits(programs)
    lf = applicants.lazy().join(programs.lazy(), on="specialty_code", how="inner")
    if summary is None:
        return screen_pairs(lf)
    # a visa verdict matters (and costs) only to an applicant who needs a visa
    return lf.join(summary.lazy(), on=["applicant_id", "program_id"], how="left").with_columns(
        pl.col("eligible").fill_null(True), pl.col("n_unknown").fill_null(0),
        pl.when(pl.col("visa") == "none").then(None).otherwise(pl.col("visa_verdict")).alias("visa_verdict"))


def best_first(frame: pl.DataFrame) -> pl.DataFrame:
    """Rows of each section best chance first (program_id breaks ties: the same list every run)."""
    return frame.sort(["_k", "match_probability", "_pid"], descending=[False, True, False])


def _nth(*over: str) -> pl.Expr:
    """1, 2, ... within each group of `over`, in the current row order (fast on `_k` alone: rows are grouped by it)."""
    return pl.int_range(1, pl.len() + 1, dtype=pl.Int32).over(list(over))


def ordinal(frame: pl.DataFrame, keys: list[str]) -> pl.Series:
    """1, 2, ... within each group of `keys`, in the frame's row order: `_nth` for keys with many
    small groups (a stable sort and a run-length count instead of a hash per group)."""
    import numpy as np

    n = frame.height
    if n == 0:
        return pl.Series(values=[], dtype=pl.Int32)
    order = frame.select(pl.arg_sort_by(keys, maintain_order=True)).to_series().to_numpy()
    grouped = frame.select(keys)[order]
    first = grouped.select(pl.any_horizontal([pl.col(k) != pl.col(k).shift() for k in keys]).fill_null(True)) \
        .to_series().to_numpy()
    idx = np.arange(n)
    out = np.empty(n, dtype=np.int32)
    out[order] = idx - np.maximum.accumulate(np.where(first, idx, 0)) + 1
    return pl.Series(values=out)


def diversified(ranked: pl.DataFrame, cal: dict | None = None) -> pl.DataFrame:
    """Order each section's eligible programs for the list (`ranked`: rows of each `_k` best
    first, `best_first`): best chance first, at most 3 per institution, no state above 40% of
    any prefix of 3+ (unless the applicant asked: states with only: true), a reach share, and the
    best program of each preferred region and setting first."""
    cal = cal or mm.calibration()
    plan = cal["plan"]
    cap, share = int(mm.value(plan["institution_cap"])), mm.value(plan["state_cap_share"])
    frame = ranked.filter(pl.col("eligible"))
    frame = frame.filter(ordinal(frame, ["_k", "_inst"]) <= cap)
    frame = frame.with_columns(
        ((pl.col("_state_mask") & pl.col("_state_bit")) != 0).alias("pref_state_hit"),
        ((pl.col("_region_mask") & pl.col("_region_bit")) != 0).alias("pref_region_hit"),
        ((pl.col("_setting_mask") & pl.col("_setting_bit")) != 0).alias("pref_setting_hit"))
    pref = pl.col("pref_state_hit") | pl.col("pref_region_hit") | pl.col("pref_setting_hit")
    # preferences shape the list; with only: true they also exclude (CONTRACT, applicant profiles)
    frame = frame.filter(~pl.col("only") | pref | (pl.col("_n_prefs") == 0))
    frame = frame.with_columns(
        pl.when(pref).then(ordinal(frame, ["_k", "_region_bit", "_setting_bit"])).otherwise(None).alias("_cover"),
        _nth("_k").alias("_p_rank"), ordinal(frame, ["_k", "_state_bit"]).alias("_state_rank"),
        _nth("_k", "tier").alias("_tier_rank"),
    )
    # The k-th program of one state may enter no earlier than position ceil(k / share): every
    # prefix then keeps each state near or under the cap. Preferred cover goes first; a few
    # reach programs are pulled forward to keep a tier mix.
    reach_every = max(1, round(1 / max(mm.value(plan["reach_share"]), 1e-9)))
    asked = pl.col("only") & pl.col("pref_state_hit")
    earliest = pl.when(asked).then(1.0).otherwise((pl.col("_state_rank") / share).ceil())
    slot = pl.max_horizontal(pl.col("_p_rank").cast(pl.Float64), earliest)
    slot = pl.when(pl.col("_cover") == 1).then(0.0).when(
        (pl.col("tier") == "reach") & (pl.col("_tier_rank") <= 3)).then(
        pl.max_horizontal(pl.col("_tier_rank").cast(pl.Float64) * reach_every, earliest)).otherwise(slot)
    frame = frame.with_columns(slot.alias("_slot")).sort(["_k", "_slot", "match_probability", "_pid"],
                                                         descending=[False, False, True, False])
    frame = frame.with_columns(_nth("_k").alias("list_position"))
    # enforce the state cap exactly on the order we got (a program that would break it moves out)
    for _ in range(2):
        in_state = ordinal(frame, ["_k", "_state_bit"])
        ok = asked | (in_state <= pl.max_horizontal(pl.lit(1), (pl.col("list_position") * share).floor()))
        frame = frame.filter(ok).with_columns(_nth("_k").alias("list_position"))
    return frame.drop("_cover", "_p_rank", "_state_rank", "_tier_rank", "_slot")


CHUNK = 2000  # profile-specialty rows per pass: bounds peak memory for many profiles


def plans_and_lists(applicants: pl.DataFrame, programs: pl.DataFrame, summary: pl.DataFrame | None = None,
                    cal: dict | None = None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(marts.application_plans rows, list rows) for all applicants, in chunks of whole applicants."""
    if applicants.height <= CHUNK:
        return _plans_and_lists(applicants, programs, summary, cal)
    ids = applicants["applicant_id"].unique(maintain_order=True)
    per = max(1, int(CHUNK * ids.len() / applicants.height))
    outs = [_plans_and_lists(applicants.filter(pl.col("applicant_id").is_in(ids[i:i + per].implode())), programs,
                             None if summary is None else summary.filter(pl.col("applicant_id").is_in(ids[i:i + per].implode())),
                             cal) for i in range(0, ids.len(), per)]
    return pl.concat([o[0] for o in outs]), pl.concat([o[1] for o in outs], how="diagonal_relaxed")


PLAN_INPUTS = ("_k", "_pid", "program_id", "applicant_id", "specialty_code", "role", "eligible", "n_unknown",
               "match_probability", "p_interview", "tier", "_inst", "_state_bit", "_region_bit", "_setting_bit",
               "_state_mask", "_region_mask", "_setting_mask", "_n_prefs", "only", "max_applications", "visa_verdict",
               "region", "setting_code", "state", "institution", "atype", "step2", "pct_img", "pct_do", "min_step2ck",
               "preferred_step2ck")
SCORING = ("program_id", "specialty_code", "institution", "state", "setting", "pct_img", "pct_do",
           "first_year_positions", "min_step2ck", "preferred_step2ck", "j1_visa", "h1b_visa", "accepts_imgs")


def _plans_and_lists(applicants: pl.DataFrame, programs: pl.DataFrame, summary: pl.DataFrame | None = None,
                     cal: dict | None = None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(marts.application_plans rows, list rows with the programs' columns) for all applicants at once."""
    cal = cal or mm.calibration()
    scoring = [c for c in SCORING if c in programs.columns]
    scored = mm.score_pairs(pair(applicants, programs.select(scoring), summary), cal)
    plans, lists = plans_from_scored(applicants, scored, cal)
    display = [c for c in programs.columns if c not in scoring or c == "program_id"]
    return plans, lists.join(programs.select(display), on="program_id", how="left")


def plans_from_scored(applicants: pl.DataFrame, scored: pl.LazyFrame | pl.DataFrame, cal: dict | None = None
                      ) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(marts.application_plans rows, list rows) from scored pairs (`mm.score_pairs` over `pair`,
    one `_k` per row of `applicants`). List rows run to max_applications in list order with
    p_list (the chance with that many applications); `in_plan` marks the suggested list."""
    cal = cal or mm.calibration()
    plan = cal["plan"]
    target, gain = mm.value(plan["target"]), mm.value(plan["min_gain_per_application"])
    long_shot = mm.value(plan["long_shot_below"])
    r = mm.rho(cal)
    scored = scored.collect() if isinstance(scored, pl.LazyFrame) else scored
    # only what the list and its display read travels through the sorts below
    scored = scored.select([c for c in PLAN_INPUTS if c in scored.columns])
    counts = scored.lazy().group_by("_k").agg(
        pl.col("eligible").sum().cast(pl.Int32).alias("eligible_programs"),
        (pl.col("eligible") & (pl.col("n_unknown") == 0)).sum().cast(pl.Int32).alias("fully_stated_programs"))
    # Candidates for the list: the best 1.5 x budget + 30 eligible programs (the caps drop a few;
    # preferred programs are covered from these), all of them when the applicant said only: true.
    limit = (1.5 * pl.col("max_applications")).ceil() + 30
    # a rank with ties kept cuts most rows before the sort; the exact cut follows on the sorted rows
    ranked = scored.lazy().filter(pl.col("eligible")).filter(
        pl.col("only") | (pl.col("match_probability").rank("min", descending=True).over("_k") <= limit)).collect()
    ranked = best_first(ranked).filter(pl.col("only") | (_nth("_k") <= limit))
    ordered = diversified(ranked, cal).lazy().filter(pl.col("list_position") <= pl.col("max_applications"))
    n = pl.col("list_position")
    ordered = ordered.with_columns(
        (1 - pl.col("match_probability")).clip(lower_bound=1e-9).log().cum_sum().over("_k").alias("_lms"))
    ordered = ordered.with_columns(mm.list_probability(pl.col("_lms"), n, r).alias("p_list"))
    ordered = ordered.with_columns((pl.col("p_list") - pl.col("p_list").shift(1).over("_k").fill_null(0.0)).alias("_gain"))
    ordered = ordered.collect().lazy()  # used three times below: compute once
    # suggested size: the first n reaching the target, else the last n where one more still helped
    sizes = ordered.group_by("_k").agg(
        n.filter(pl.col("p_list") >= target).min().alias("_hit"),
        n.filter(pl.col("_gain") >= gain).max().alias("_useful"),
        pl.col("p_list").max().alias("p_match_at_max"))
    sizes = sizes.with_columns(pl.coalesce("_hit", "_useful", pl.lit(1)).cast(pl.Int32).alias("suggested_applications"))
    # every row up to max_applications stays (the report draws the whole curve); in_plan marks the list
    ordered = ordered.join(sizes.select("_k", "suggested_applications"), on="_k").with_columns(
        (n <= pl.col("suggested_applications")).alias("in_plan"))
    # a join keeps no row order: the list order is list_position, said explicitly
    ordered = ordered.sort("_k", "list_position")
    followed = ordered.filter(pl.col("in_plan")).group_by("_k").agg(
        pl.col("p_list").sort_by("list_position").last().alias("p_match_if_followed"),
        pl.col("program_id").sort_by("list_position").alias("program_ids"))
    plans = (applicants.lazy().join(counts, on="_k", how="left").join(sizes, on="_k", how="left")
             .join(followed, on="_k", how="left")
             .with_columns(pl.col("eligible_programs").fill_null(0), pl.col("fully_stated_programs").fill_null(0),
                           pl.col("suggested_applications").fill_null(0), pl.col("p_match_if_followed").fill_null(0.0),
                           pl.col("p_match_at_max").fill_null(0.0), pl.lit(target).alias("target"),
                           pl.col("program_ids").fill_null([]), pl.col("atype").alias("applicant_type"))
             .sort("_k").collect())
    plans = _warnings(plans, long_shot)
    plans = plans.with_columns(pl.format("type={}; step2ck={}; failed_attempts={}; visa={}; max_applications={}; rho={}",
                                         "atype", pl.col("step2").round(0), "failed_attempts", "visa",
                                         "max_applications", pl.lit(r)).alias("inputs"))
    lists = ordered.with_columns(pl.col("list_position").cast(pl.Int32).alias("rank")).drop("_lms", "_gain").collect()
    return plans.select([pl.col(c).cast(t) for c, t in PLAN_COLUMNS.items()]), lists


def _warnings(plans: pl.DataFrame, long_shot: float) -> pl.DataFrame:
    """A primary specialty whose plan reaches under `long_shot` gets a warning naming the backup's plan."""
    backups = plans.filter(pl.col("role") == "backup").group_by("applicant_id").agg(
        pl.format("backup {}: {} applications, {}%", "specialty_code", "suggested_applications",
                  (pl.col("p_match_if_followed") * 100).round(0)).str.join("; ").alias("_backup"))
    plans = plans.join(backups, on="applicant_id", how="left")
    low = (pl.col("role") == "primary") & (pl.col("p_match_if_followed") < long_shot)
    text = pl.format("long shot: {}% chance even with {} applications in {}", (pl.col("p_match_if_followed") * 100).round(0),
                     "suggested_applications", "specialty_code")
    return plans.with_columns(
        pl.when(low & pl.col("_backup").is_not_null()).then(pl.format("{}; see the backup plan ({})", text, "_backup"))
        .when(low).then(pl.format("{}; add a backup specialty (backup_specialties) and apply to it in parallel", text))
        .otherwise(None).alias("warning")).drop("_backup")


def why(row: dict) -> str:
    """One row's reason for being on the list, in plain words."""
    parts = [f"{row['tier']}: {row['match_probability']:.0%} chance of matching here if you apply "
             f"(interview about {row['p_interview']:.0%})"]
    if row.get("pct_img") is not None and row["atype"] in ("us_img", "non_us_img"):
        parts.append(f"{row['pct_img']:.0f}% IMG residents")
    if row.get("pct_do") is not None and row["atype"] == "us_do":
        parts.append(f"{row['pct_do']:.0f}% DO residents")
    if row.get("visa_verdict") in ("pass", "conditional", "unknown"):
        parts.append(f"visa: {row['visa_verdict']}")
    if row.get("pref_state_hit"):
        parts.append(f"in a state you prefer ({row['state']})")
    elif row.get("pref_region_hit"):
        parts.append(f"in your preferred region ({row['region']})")
    if row.get("pref_setting_hit"):
        parts.append(f"a {row['setting_code'].replace('_', '-')} program, as you prefer")
    if row.get("n_unknown"):
        parts.append(f"{row['n_unknown']} rule(s) to verify")
    return "; ".join(parts)


def with_preferred_scores(programs: pl.DataFrame, facts: pl.DataFrame) -> pl.DataFrame:
    """core.programs plus preferred_step2ck: the highest Step 2 CK a program says it prefers
    (core.program_facts rows with strictness 'preferred')."""
    pref = (facts.filter((pl.col("field") == "min_step2ck") & (pl.col("strictness") == "preferred"))
            .with_columns(pl.col("value").cast(pl.Float64, strict=False).alias("preferred_step2ck"))
            .group_by("program_id").agg(pl.col("preferred_step2ck").max()))
    return programs.join(pref, on="program_id", how="left")


def plans_for(profiles: list, tables: dict[str, pl.DataFrame], judged: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Plans and lists from the published tables (recommend_view.load_tables) and the per-rule
    verdicts of the same profiles (recommend_view.rank): the thin adapter to issue 10's verdicts.
    A program the verdicts did not judge (outside the profile's specialties) does not occur."""
    programs = with_preferred_scores(tables["programs"], tables["facts"])
    summary = verdict_summary(judged) if judged.height else None
    applicants = applicants_frame(profiles)
    if summary is not None:  # only judged programs are candidates
        programs = programs.join(summary.select("program_id").unique(), on="program_id", how="semi")
    return plans_and_lists(applicants, programs, summary)


def program_probabilities(profiles: list, tables: dict[str, pl.DataFrame], judged: pl.DataFrame) -> pl.DataFrame:
    """match_probability, p_interview and tier per (applicant, specialty, role, program) judged, for
    marts.recommendations (join on applicant_id, specialty_code, role, program_id)."""
    programs = with_preferred_scores(tables["programs"], tables["facts"])
    summary = verdict_summary(judged) if judged.height else None
    scored = mm.score_pairs(pair(applicants_frame(profiles),
                                 programs, summary))
    return scored.select("applicant_id", "specialty_code", "role", "program_id", "p_interview",
                         "match_probability", "tier").collect()


# ---------------------------------------------------------------- gme calibrate

def simulate_pool(programs: pl.DataFrame, per_type: int = 3000, seed: int = 7, cal: dict | None = None) -> pl.DataFrame:
    """A national applicant pool by type: Step 2 CK ~ N(mean, sd), failed attempts, visa needs,
    one specialty each (drawn in proportion to the positions open to the type), N applications
    drawn at random among that specialty's programs. Returns one row per simulated applicant
    with p_match (its chance over its list)."""
    import numpy as np

    cal = cal or mm.calibration()
    rng = np.random.default_rng(seed)
    img_share, img_default = mm.per_specialty(cal, "specialty_img_share")
    do_share, do_default = mm.per_specialty(cal, "specialty_do_share")
    pos = programs.group_by("specialty_code").agg(pl.col("first_year_positions").fill_null(4).sum().alias("pos"))
    codes = pos["specialty_code"].to_list()
    positions = np.array(pos["pos"].to_list(), dtype=float)
    frames = []
    for t in mm.TYPES:
        sd = cal["score_distribution"][t]
        if t in ("us_img", "non_us_img"):
            w = np.array([img_share.get(c, img_default) for c in codes])
        elif t == "us_do":
            w = np.array([do_share.get(c, do_default) for c in codes])
        else:
            w = np.array([max(0.05, 1 - img_share.get(c, img_default) - do_share.get(c, do_default)) for c in codes])
        w = positions * w
        spec = rng.choice(codes, size=per_type, p=w / w.sum())
        needs = rng.random(per_type) < mm.value(cal["needs_visa_share"][t])
        visa = np.where(needs, rng.choice(["j1", "h1b", "j1_or_h1b"], size=per_type, p=[0.5, 0.15, 0.35]), "none")
        frames.append(pl.DataFrame({
            "applicant_id": [f"{t}-{i}" for i in range(per_type)], "atype": t, "specialty_code": spec,
            "step2": np.clip(rng.normal(sd["mean"], sd["sd"], per_type), 214, 290).round(0),
            "failed_attempts": (rng.random(per_type) < mm.value(cal["failed_attempt_share"][t])).astype(int),
            "visa": visa, "n_apps": int(mm.value(cal["applications_per_applicant"][t])),
        }))
    pool = pl.concat(frames)
    lf = screen_pairs(pool.lazy().join(programs.lazy(), on="specialty_code"))
    lf = lf.with_columns(pl.int_range(pl.len()).shuffle(seed).over("applicant_id").alias("_draw")).filter(
        pl.col("_draw") < pl.col("n_apps"))
    scored = mm.score_pairs(lf, cal)
    r = mm.rho(cal)
    per = scored.group_by("applicant_id", "atype").agg(
        (1 - pl.col("match_probability")).clip(lower_bound=1e-9).log().sum().alias("lms"), pl.len().alias("n"))
    return per.with_columns(mm.list_probability(pl.col("lms"), pl.col("n"), r).alias("p_match")).collect()


FITTED = ("3 parameters fitted to 3 of the 4 rates: interview.intercept (us_md), interview.type_offset for IMGs "
          "(us_img, shared by non_us_img), interview.visa_needed_offset (non_us_img); us_do is not fitted")


def calibrate(programs: pl.DataFrame, per_type: int = 3000, cal: dict | None = None) -> list[dict]:
    """Predicted against published 2025 match rates, one dict per applicant type."""
    cal = cal or mm.calibration()
    pool = simulate_pool(programs, per_type, cal=cal)
    rates = pool.group_by("atype").agg((pl.col("p_match").mean() * 100).alias("predicted"))
    predicted = dict(zip(rates["atype"], rates["predicted"]))
    out = []
    for t in mm.TYPES:
        pub = cal["published_match_rates_2025"][t]
        p = round(float(predicted.get(t, 0.0)), 1)
        out.append({"applicant_type": t, "predicted": p, "published": pub["value"],
                    "difference": round(p - pub["value"], 1), "within_5": abs(p - pub["value"]) <= 5,
                    "source": pub["source"], "simulated_applicants": per_type,
                    "fitted": FITTED})
    return out


def fit(programs: pl.DataFrame, per_type: int = 2000) -> dict:
    """Fit the three free parameters by bisection, in turn: the intercept to the US MD rate, the
    IMG offset (shared by US and non-US IMGs) to the US-IMG rate, the cost of needing a visa to
    the non-US-IMG rate (US IMGs need none, so the second fit stands). The DO rate is left out
    of the fit as a check. Returns the fitted values; the
    calibration file is edited by hand with them (so every change is reviewed)."""
    import copy

    cal = copy.deepcopy(mm.calibration())
    iv = cal["interview"]

    def rate(t: str) -> float:
        pool = simulate_pool(programs.filter(pl.lit(True)), per_type, cal=cal)
        return float(pool.filter(pl.col("atype") == t)["p_match"].mean() * 100)

    def bisect(setter, t: str, lo: float, hi: float) -> float:
        goal = cal["published_match_rates_2025"][t]["value"]
        for _ in range(18):
            mid = (lo + hi) / 2
            setter(mid)
            lo, hi = (mid, hi) if rate(t) < goal else (lo, mid)
        setter((lo + hi) / 2)
        return (lo + hi) / 2

    def set_intercept(v):
        iv["intercept"]["value"] = v

    def set_img(v):
        iv["type_offset"]["us_img"]["value"] = v
        iv["type_offset"]["non_us_img"]["value"] = v

    def set_visa(v):
        iv["visa_needed_offset"]["value"] = v

    a = bisect(set_intercept, "us_md", -6.0, 3.0)
    b = bisect(set_img, "us_img", -6.0, 2.0)
    c = bisect(set_visa, "non_us_img", -6.0, 1.0)  # US IMGs need no visa: b stays fitted
    return {"interview.intercept": round(a, 4), "interview.type_offset.us_img": round(b, 4),
            "interview.visa_needed_offset": round(c, 4)}
