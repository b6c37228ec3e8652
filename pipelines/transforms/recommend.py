"""Rank programs for one applicant profile: per-rule verdicts first, then an explainable fit score.

A program is left out only when a verdict is `fail` (pipelines/transforms/verdicts.py): something
it states rules the applicant out (a hard score minimum above the applicant's score, no visa of
the kind needed or an H-1B condition the applicant cannot meet, a graduation limit passed,
first-attempt-only with a failed attempt, required US clinical experience the applicant lacks,
ECFMG certification required to apply, USMLE required of a COMLEX-only DO, IMGs not considered).
Unknown, conditional and at-limit verdicts never exclude: they are shown, lower the score a
little and become the "check:" list of `reasons`.

Each (specialty, role) of the profile is its own section, ranked separately (rank 1.. per
section, at most profile.top rows each); primary and backup specialties never share a ranking.

score (0-100) is a weighted sum of IMG-friendliness, holistic review (each pulled towards
40/100 by how little of its inputs the program states: `coverage`), the margin over a stated
Step 2 CK minimum, the place and setting preferences met (`_preference_score`; with
`preferences.only` the programs that miss one are left out) and, for applicants who need a visa, how surely the
program sponsors it (pass 100, conditional 60, unknown 30); weights in WEIGHTS.
Tier: `safety` when the applicant clears a stated minimum by 15+ points, the program's
IMG-friendliness is 60+, the visa (if needed) passes and no rule is at its limit; `reach` when
the program states a minimum the applicant clears by less than 5 points, a rule is at its
limit, or (for IMGs) fewer than 10% of its residents are IMGs; `target` otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from pipelines.transforms import match_model as mm
from pipelines.transforms import plans as P
from pipelines.transforms import verdicts as V
from pipelines.transforms.profile import Profile, ProfileError, load_profile, load_profiles  # noqa: F401 (re-exported)
from pipelines.transforms.verdicts import VERDICT_COLUMNS, as_of_for, empty_verdicts  # noqa: F401 (re-exported)

UNKNOWN_INDICATOR = 40.0
RECOMMENDATION_COLUMNS = {
    "applicant_id": pl.String, "program_id": pl.String, "rank": pl.Int32, "tier": pl.String, "score": pl.Float64,
    "reasons": pl.String, "specialty_code": pl.String, "role": pl.String, "match_probability": pl.Float64,
    "p_interview": pl.Float64,
}
CHUNK_PROFILES = 1000  # profiles per pass: bounds the (profile, program) pairs held at once (10,000 on the full warehouse: 2,000 -> 1,000 cut peak RSS 1.73 -> 1.43 GB, CPU 19.4 -> 17.7 s)


def empty_facts() -> pl.DataFrame:
    from pipelines.transforms.core import FACT_COLUMNS

    types = {"stale": pl.Boolean, "selected": pl.Boolean, "seen_at": pl.Datetime("us", "UTC")}
    return pl.DataFrame(schema={c: types.get(c, pl.String) for c in FACT_COLUMNS})


def empty_recommendations() -> pl.DataFrame:
    return pl.DataFrame(schema=RECOMMENDATION_COLUMNS)


@dataclass(frozen=True)
class Ranked:
    """What `rank_batch` gives: the three published tables' rows and the plans' list rows."""

    recommendations: pl.DataFrame  # marts.recommendations (RECOMMENDATION_COLUMNS)
    verdicts: pl.DataFrame  # marts.recommendation_verdicts of the recommended programs (VERDICT_COLUMNS)
    plans: pl.DataFrame  # marts.application_plans (plans.PLAN_COLUMNS)
    lists: pl.DataFrame | None  # every plan's list rows to max_applications (in_plan marks the suggested list)


@dataclass(frozen=True)
class Prepared:
    """The published tables read once for any number of profiles."""

    codes: pl.DataFrame  # per program: what the verdict codes, the fit score and the match model read
    codes_cat: pl.DataFrame  # the same, short strings as categoricals (what the pairs carry)
    texts: pl.DataFrame  # per program: what the verdict texts and the reasons read
    chosen: pl.DataFrame  # the selected fact per program and field (evidence)
    programs: pl.DataFrame  # core.programs as given (display columns for lists)
    as_of: date


def prepare(programs: pl.DataFrame, indicators: pl.DataFrame, facts: pl.DataFrame | None,
            as_of: date | None = None) -> Prepared:
    facts = facts if facts is not None else empty_facts()
    for col, dtype in (("pct_img", pl.Float64), ("pct_do", pl.Float64), ("first_year_positions", pl.Int64),
                       ("institution", pl.String), ("setting", pl.String), ("state", pl.String)):
        if col not in programs.columns:  # a frame without them (tests): the model's defaults apply
            programs = programs.with_columns(pl.lit(None, dtype=dtype).alias(col))
    inputs = V.program_inputs(programs, facts)
    inputs = P.program_bits(P.with_preferred_scores(inputs, facts)).join(
        indicators.select("program_id", "img_friendliness", pl.col("holistic_review").alias("holistic_score"), "coverage"),
        on="program_id", how="left")
    scoring = [c for c in P.SCORING if c in inputs.columns and c not in V.CODE_INPUTS]
    extra = ["img_friendliness", "holistic_score", "coverage", "region", "setting_code", "_pid", "_inst", "_state_bit",
             "_region_bit", "_setting_bit"]
    codes = inputs.select(list(dict.fromkeys([*V.CODE_INPUTS, *scoring, *extra])))
    for col, dtype in (("holistic_review", pl.Boolean),
                       ("conflicting_fields", pl.List(pl.String)), ("website_facts_stale", pl.Boolean)):
        if col not in inputs.columns:  # a frame without them (tests): nothing to say
            inputs = inputs.with_columns(pl.lit(None, dtype=dtype).alias(col))
    texts = inputs.select("program_id", *V.TEXT_INPUTS, "pct_img", "holistic_review", "conflicting_fields",
                          "website_facts_stale")
    codes_cat = codes.with_columns(pl.col(pl.String).exclude("program_id", "specialty_code").cast(pl.Categorical))
    return Prepared(codes, codes_cat, texts, V.chosen_facts(facts), programs, as_of or as_of_for(programs))


def _applicants(profiles: list[Profile], as_of: date, offset: int) -> pl.DataFrame:
    """One row per (profile, section): verdict inputs (verdicts.applicant_frame), plan inputs
    (plans.applicants_frame) and the fit score's (top, place and setting preference masks, weights)."""
    a = V.applicant_frame(profiles, as_of)
    b = P.applicants_frame(profiles)
    assert a["applicant_id"].equals(b["applicant_id"]) and a["specialty_code"].equals(b["specialty_code"])
    rows = []
    for p in profiles:
        states = set(p.preferred_states).union(*(REGIONS[r] for r in p.preferences.regions))
        settings = set(p.preferences.settings)
        kind = ("img" if p.img else "us") + ("" if p.visa == "none" else "_visa")
        row = {"a_top": p.top, "a_only": p.preferences.only, "a_kind": kind,
               "a_rec_states": sum(P.STATE_BITS[s] for s in states), "a_rec_has_states": bool(states),
               "a_rec_settings": sum(P.SETTING_BITS[s] for s in settings), "a_rec_has_settings": bool(settings)}
        rows += [row] * len(p.sections())
    c = pl.DataFrame(rows, schema={"a_top": pl.Int32, "a_only": pl.Boolean, "a_kind": pl.String, "a_rec_states": pl.UInt64,
                                   "a_rec_has_states": pl.Boolean, "a_rec_settings": pl.UInt8,
                                   "a_rec_has_settings": pl.Boolean}, orient="row")
    b = b.drop("applicant_id", "specialty_code", "role").with_columns(pl.col("_k") + offset)
    return pl.concat([a, b, c], how="horizontal")


_TEXT_APPLICANT = ("a_grad_text", "a_usce_text", "a_ecfmg_text", "a_attempts_text", "a_score_text")
_KEYS = ("_k", "_applicant", "_section", "applicant_id", "role")


def _fit_score() -> pl.Expr:
    """The 0-100 fit score each section is ranked by (module docstring)."""
    coverage = pl.col("coverage").fill_null(0.0)
    img = coverage * pl.col("img_friendliness").fill_null(UNKNOWN_INDICATOR) + (1 - coverage) * UNKNOWN_INDICATOR
    hol = coverage * pl.col("holistic_score").fill_null(UNKNOWN_INDICATOR) + (1 - coverage) * UNKNOWN_INDICATOR
    margin = pl.col("a_step2ck") - pl.col("min_step2ck")
    margin_score = pl.when(margin.is_null()).then(50.0).otherwise((50 + 2.5 * margin).clip(0, 100))
    parts = {"img": img, "holistic": hol, "margin": margin_score, "state": _preference_score(),
             "visa": pl.col("v_visa").replace_strict({"pass": 100.0, "conditional": 60.0}, default=30.0,
                                                     return_dtype=pl.Float64)}
    score = pl.lit(None, dtype=pl.Float64)
    for kind, weights in WEIGHTS.items():
        score = pl.when(pl.col("a_kind") == kind).then(pl.sum_horizontal([w * parts[k] for k, w in weights.items()])) \
            .otherwise(score)
    return score.round(1)


def _preference_score() -> pl.Expr:
    """0-100: the share of the applicant's place and setting preferences a program meets (50 with none given).

    Mission and language preferences are accepted but not scored: no published field states them.
    """
    state = ((pl.col("a_rec_states") & pl.col("_state_bit")) != 0).cast(pl.Float64)
    setting = ((pl.col("a_rec_settings") & pl.col("_setting_bit")) != 0).cast(pl.Float64)
    has_s, has_t = pl.col("a_rec_has_states"), pl.col("a_rec_has_settings")
    return (pl.when(has_s & has_t).then((state + setting) * 50.0).when(has_s).then(state * 100.0)
            .when(has_t).then(setting * 100.0).otherwise(50.0))


def _reasons() -> pl.Expr:
    """Why a recommended program is listed and what to check, from its verdicts (wide columns `rule.part`)."""
    c = pl.col
    v = lambda rule, part: c(f"{rule}.{part}")  # noqa: E731
    parts = [
        pl.when(c("img_friendliness").is_not_null()).then(pl.format("IMG-friendliness {}/100",
                                                                    c("img_friendliness").round(0).cast(pl.Int64))),
        pl.when(c("pct_img").is_not_null() & c("a_img")).then(pl.format("{}% IMG residents",
                                                                        c("pct_img").round(0).cast(pl.Int64))),
        pl.when(c("holistic_review").fill_null(False)).then(pl.lit("states holistic review")),
        pl.when((v("min_score", "verdict") == "pass") & v("min_score", "program_value").is_not_null()).then(
            pl.format("{} (you: {})", v("min_score", "program_value"), v("min_score", "applicant_value"))),
        v("min_score", "condition"),  # a preferred score, shown as such: it never excludes
        *[pl.when(v(r, "verdict").is_in(["conditional", "at_limit"])).then(pl.format(
            "{} {}: {}", pl.lit(r), v(r, "verdict"), pl.coalesce(v(r, "condition"), v(r, "program_value"))))
          for r in ("visa", "graduation", "ecfmg", "usce")],
        pl.when((c("a_visa") != "none") & (v("visa", "verdict") == "pass")).then(
            pl.coalesce(v("visa", "program_value"), pl.lit("visa: sponsored"))),
    ]
    unknown = pl.concat_str([pl.when(v(r, "verdict") == "unknown").then(pl.format(
        "{} ({})", pl.lit(r), pl.coalesce(v(r, "condition"), v(r, "program_value"), pl.lit("not stated"))))
        for r in V.RULES], separator=", ", ignore_nulls=True)
    parts.append(pl.when(unknown != "").then(pl.lit("check: ") + unknown))
    parts.append(pl.when(c("conflicting_fields").list.len() > 0).then(
        pl.lit("sources disagree on ") + c("conflicting_fields").list.join(", ")))
    parts.append(pl.when(c("website_facts_stale").fill_null(False)).then(pl.lit("website facts from an earlier crawl")))
    return pl.concat_str(parts, separator="; ", ignore_nulls=True)


def _rank_chunk(prep: Prepared, profiles: list[Profile], offset: int, lists: bool, cal: dict):
    applicants = _applicants(profiles, prep.as_of, offset)
    # pairs carry short strings as categoricals (compared many times over, copied by every join)
    codes_in = applicants.drop(*_TEXT_APPLICANT, "applicant_id", "role", "_applicant", "_section").with_columns(
        pl.col(pl.String).exclude("specialty_code").cast(pl.Categorical))
    mine = prep.codes_cat.filter(pl.col("specialty_code").is_in(codes_in["specialty_code"].unique().implode()))
    pairs = V.batch_codes(codes_in.lazy().join(mine.lazy(), on="specialty_code", how="inner"), prep.as_of)
    pairs = pairs.with_columns(
        (~pl.col("failed")).alias("eligible"),
        # a visa verdict matters (and costs) only to an applicant who needs a visa
        pl.when(pl.col("visa") == "none").then(None).otherwise(pl.col("v_visa")).alias("visa_verdict"))
    scored = mm.score_pairs(pairs, cal).collect()
    plan_rows, list_rows = P.plans_from_scored(applicants, scored, cal)
    # recommendations: each section's eligible programs by fit score, at most `top`; preferences.only
    # leaves out programs that miss one (ranked on a narrow frame, then the shown rows gathered)
    scored = scored.with_row_index("_row")
    fit = scored.lazy().filter(pl.col("eligible")).filter(~pl.col("a_only") | (_preference_score() == 100.0)) \
        .select("_row", "_k", "_pid", "a_top", _fit_score().alias("score")) \
        .sort(["_k", "score", "_pid"], descending=[False, True, False]) \
        .with_columns(P._nth("_k").alias("rank")).filter(pl.col("rank") <= pl.col("a_top")).collect()
    shown = scored[fit["_row"]].with_columns(fit["score"], fit["rank"], pl.col(pl.Categorical, pl.Enum).cast(pl.String))
    top = shown.lazy().join(applicants.lazy().select(*_KEYS, *_TEXT_APPLICANT), on="_k") \
        .join(prep.texts.lazy(), on="program_id", how="left")
    wide = V.batch_wide(top, prep.as_of).with_columns(_reasons().alias("reasons")).collect()
    recs = wide.sort("_applicant", "_section", "rank").select(
        [pl.col(c).cast(t) for c, t in RECOMMENDATION_COLUMNS.items()])
    judged = V.batch_rows(wide, prep.chosen)
    plan_rows = plan_rows.with_columns(pl.col(pl.Categorical, pl.Enum).cast(pl.String))
    if lists:
        list_rows = list_rows.with_columns(pl.col(pl.Categorical, pl.Enum).cast(pl.String)).drop("applicant_id", "specialty_code", "role", strict=False).join(
            applicants.select("_k", "applicant_id", "specialty_code", "role"), on="_k", how="left")
    return recs, judged, plan_rows, (list_rows if lists else None)


def rank_batch(programs: pl.DataFrame, indicators: pl.DataFrame, facts: pl.DataFrame | None, profiles: list[Profile],
               as_of: date | None = None, *, lists: bool = False, prepared: Prepared | None = None,
               chunk: int = CHUNK_PROFILES) -> Ranked:
    """Recommendations, their verdicts, application plans (and list rows) for many profiles at once.

    The one code path of `gme recommend` and the marts: verdicts for every (profile section,
    program of its specialty) pair as Polars expressions (verdicts.batch_codes), the match model
    on the eligible pairs (match_model.score_pairs), each section ranked by fit score with its tier
    from the model's probability bands, the plans from the same probabilities
    (plans.plans_from_scored), and verdict texts and evidence only for the rows shown.
    as_of defaults to `as_of_for(programs)`, the date the programs were published.
    """
    prep = prepared or prepare(programs, indicators, facts, as_of)
    cal = mm.calibration()
    outs, offset = [], 0
    for i in range(0, len(profiles), chunk):
        part = profiles[i:i + chunk]
        outs.append(_rank_chunk(prep, part, offset, lists, cal))
        offset += sum(len(p.sections()) for p in part)
    if not outs:
        return Ranked(empty_recommendations(), empty_verdicts(), pl.DataFrame(schema=P.PLAN_COLUMNS), None)
    cat = lambda k: pl.concat([o[k] for o in outs], how="vertical_relaxed")  # noqa: E731
    return Ranked(cat(0), cat(1), cat(2), pl.concat([o[3] for o in outs], how="diagonal_relaxed") if lists else None)


def recommend_with_verdicts(
    programs: pl.DataFrame, indicators: pl.DataFrame, profile: Profile, as_of: date | None = None,
    facts: pl.DataFrame | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(marts.recommendations rows, marts.recommendation_verdicts rows of the recommended programs)."""
    out = rank_batch(programs, indicators, facts, [profile], as_of)
    return out.recommendations, out.verdicts


def recommend(programs: pl.DataFrame, indicators: pl.DataFrame, profile: Profile, as_of: date | None = None,
              facts: pl.DataFrame | None = None) -> pl.DataFrame:
    """marts.recommendations rows for one profile (each section best first, at most profile.top each)."""
    return recommend_with_verdicts(programs, indicators, profile, as_of, facts)[0]


def rank_profiles(
    programs: pl.DataFrame, indicators: pl.DataFrame, facts: pl.DataFrame, profiles: list[Profile], as_of: date | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(recommendations, verdicts) for many profiles: `rank_batch`, the one code path of `gme recommend` and the marts."""
    out = rank_batch(programs, indicators, facts, profiles, as_of)
    return out.recommendations, out.verdicts


# US Census regions (the CONTRACT's four), by state code; territories belong to none.
REGIONS: dict[str, frozenset[str]] = {
    "northeast": frozenset("CT ME MA NH RI VT NJ NY PA".split()),
    "midwest": frozenset("IL IN MI OH WI IA KS MN MO NE ND SD".split()),
    "south": frozenset("DE DC FL GA MD NC SC VA WV AL KY MS TN AR LA OK TX".split()),
    "west": frozenset("AZ CO ID MT NV NM UT WY AK CA HI OR WA".split()),
}
_SETTINGS = {"university": "University-based", "community": "Community-based",
             "community_university_affiliated": "Community-based university affiliated"}


# Score weights per kind of applicant (each row sums to 1).
WEIGHTS: dict[str, dict[str, float]] = {
    "img_visa": {"img": 0.30, "visa": 0.20, "holistic": 0.20, "margin": 0.20, "state": 0.10},
    "img": {"img": 0.45, "holistic": 0.25, "margin": 0.20, "state": 0.10},
    "us": {"img": 0.15, "holistic": 0.55, "margin": 0.20, "state": 0.10},
    "us_visa": {"img": 0.10, "visa": 0.20, "holistic": 0.40, "margin": 0.20, "state": 0.10},
}


def verdicts_for(prep: Prepared, profiles: list[Profile], wanted: pl.DataFrame) -> pl.DataFrame:
    """marts.recommendation_verdicts rows for the (applicant_id, program_id) pairs in `wanted`
    (e.g. a plan's list, for the report), by the same expressions as `rank_batch`."""
    if wanted.height == 0 or not profiles:
        return empty_verdicts()
    applicants = _applicants(profiles, prep.as_of, 0)
    pairs = applicants.lazy().join(prep.codes.lazy(), on="specialty_code", how="inner") \
        .join(wanted.lazy().select("applicant_id", "program_id").unique(), on=["applicant_id", "program_id"], how="semi") \
        .join(prep.texts.lazy(), on="program_id", how="left")
    return V.batch_rows(V.batch_wide(pairs, prep.as_of).collect(), prep.chosen)
