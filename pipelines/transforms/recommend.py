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

from datetime import date

import polars as pl

from pipelines.transforms.profile import Profile, ProfileError, load_profile, load_profiles  # noqa: F401 (re-exported)
from pipelines.transforms.verdicts import VERDICT_COLUMNS, as_of_for, empty_verdicts, verdicts

UNKNOWN_INDICATOR = 40.0
RECOMMENDATION_COLUMNS = {
    "applicant_id": pl.String, "program_id": pl.String, "rank": pl.Int32, "tier": pl.String, "score": pl.Float64,
    "reasons": pl.String, "specialty_code": pl.String, "role": pl.String,
}


def empty_facts() -> pl.DataFrame:
    from pipelines.transforms.core import FACT_COLUMNS

    types = {"stale": pl.Boolean, "selected": pl.Boolean, "seen_at": pl.Datetime("us", "UTC")}
    return pl.DataFrame(schema={c: types.get(c, pl.String) for c in FACT_COLUMNS})


def recommend_with_verdicts(
    programs: pl.DataFrame, indicators: pl.DataFrame, profile: Profile, as_of: date | None = None,
    facts: pl.DataFrame | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(marts.recommendations rows, marts.recommendation_verdicts rows of the recommended programs)."""
    as_of = as_of or as_of_for(programs)
    judged = verdicts(programs, facts if facts is not None else empty_facts(), profile, as_of)
    if judged.height == 0:
        return empty_recommendations(), empty_verdicts()
    per_program = judged.group_by("program_id").agg(
        (pl.col("verdict") == "fail").any().alias("_failed"),
        (pl.col("verdict") == "at_limit").any().alias("_at_limit"),
        pl.col("verdict").filter(pl.col("rule") == "visa").first().alias("_visa_verdict"),
    )
    frame = programs.join(per_program.filter(~pl.col("_failed")), on="program_id", how="inner").join(
        indicators.select("program_id", "img_friendliness", pl.col("holistic_review").alias("holistic_score"), "coverage"),
        on="program_id", how="left",
    ).with_columns(pl.col("specialty_code").replace_strict(dict(profile.sections()), default=None).alias("role"))
    if profile.preferences.only:
        frame = frame.filter(_preference_score(profile) == 100.0)
    if frame.height == 0:
        return empty_recommendations(), empty_verdicts()

    # An indicator computed from few known inputs is pulled towards "unknown" by its coverage,
    # so a program that states one favourable thing does not outrank one that states many.
    coverage = pl.col("coverage").fill_null(0.0)
    img = coverage * pl.col("img_friendliness").fill_null(UNKNOWN_INDICATOR) + (1 - coverage) * UNKNOWN_INDICATOR
    hol = coverage * pl.col("holistic_score").fill_null(UNKNOWN_INDICATOR) + (1 - coverage) * UNKNOWN_INDICATOR
    margin = pl.lit(profile.step2ck, dtype=pl.Int32) - pl.col("min_step2ck") if profile.step2ck else pl.lit(None)
    margin_score = pl.when(margin.is_null()).then(50.0).otherwise((50 + 2.5 * margin).clip(0, 100))
    state_score = _preference_score(profile)
    visa = None if profile.visa == "none" else (
        pl.col("_visa_verdict").replace_strict({"pass": 100.0, "conditional": 60.0}, default=30.0, return_dtype=pl.Float64))
    weights = WEIGHTS[("img" if profile.img else "us") + ("_visa" if visa is not None else "")]
    parts = {"img": img, "holistic": hol, "margin": margin_score, "state": state_score, "visa": visa}
    frame = frame.with_columns(
        margin.alias("_margin"),
        pl.sum_horizontal([w * parts[k] for k, w in weights.items()]).round(1).alias("score"),
    )
    low_img = (pl.col("pct_img") < 10) if profile.img else pl.lit(False)
    visa_sure = (pl.col("_visa_verdict") == "pass") if visa is not None else pl.lit(True)
    frame = frame.with_columns(
        pl.when((pl.col("_margin") < 5) | low_img.fill_null(False) | pl.col("_at_limit")).then(pl.lit("reach"))
        .when((pl.col("_margin") >= 15) & (pl.col("img_friendliness") >= 60) & visa_sure).then(pl.lit("safety"))
        .otherwise(pl.lit("target")).alias("tier")
    )
    order = {code: i for i, (code, _) in enumerate(profile.sections())}
    frame = frame.with_columns(pl.col("specialty_code").replace_strict(order, default=99).alias("_section")).sort(
        ["_section", "score", "program_id"], descending=[False, True, False]
    ).group_by("_section", maintain_order=True).head(profile.top)
    frame = frame.with_columns(pl.int_range(1, pl.len() + 1, dtype=pl.Int32).over("_section").alias("rank"))
    kept = judged.join(frame.select("program_id"), on="program_id", how="semi")
    by_program = {pid: rows for (pid,), rows in kept.group_by("program_id")}
    reasons = [_reasons(row, profile, by_program[row["program_id"]]) for row in frame.iter_rows(named=True)]
    recs = frame.select(
        pl.lit(profile.applicant_id).alias("applicant_id"), "program_id", "rank", "tier", "score",
    ).with_columns(pl.Series("reasons", reasons, dtype=pl.String), frame["specialty_code"], frame["role"])
    return recs.select(list(RECOMMENDATION_COLUMNS)), kept.select(list(VERDICT_COLUMNS))


def recommend(programs: pl.DataFrame, indicators: pl.DataFrame, profile: Profile, as_of: date | None = None,
              facts: pl.DataFrame | None = None) -> pl.DataFrame:
    """marts.recommendations rows for one profile (each section best first, at most profile.top each)."""
    return recommend_with_verdicts(programs, indicators, profile, as_of, facts)[0]


def rank_profiles(
    programs: pl.DataFrame, indicators: pl.DataFrame, facts: pl.DataFrame, profiles: list[Profile], as_of: date | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(recommendations, verdicts) for many profiles: the one code path of `gme recommend` and the marts.

    as_of defaults to `as_of_for(programs)`, the date the programs were published, for both.
    """
    as_of = as_of or as_of_for(programs)
    pairs = [recommend_with_verdicts(programs, indicators, p, as_of, facts) for p in profiles]
    recs = pl.concat([r for r, _ in pairs]) if pairs else empty_recommendations()
    judged = pl.concat([v for _, v in pairs]) if pairs else empty_verdicts()
    return recs, judged


# US Census regions (the CONTRACT's four), by state code; territories belong to none.
REGIONS: dict[str, frozenset[str]] = {
    "northeast": frozenset("CT ME MA NH RI VT NJ NY PA".split()),
    "midwest": frozenset("IL IN MI OH WI IA KS MN MO NE ND SD".split()),
    "south": frozenset("DE DC FL GA MD NC SC VA WV AL KY MS TN AR LA OK TX".split()),
    "west": frozenset("AZ CO ID MT NV NM UT WY AK CA HI OR WA".split()),
}
_SETTINGS = {"university": "University-based", "community": "Community-based",
             "community_university_affiliated": "Community-based university affiliated"}


def _preference_score(p: Profile) -> pl.Expr:
    """0-100: the share of the applicant's place and setting preferences a program meets (50 with none given).

    Mission and language preferences are accepted but not scored: no published field states them.
    """
    states = set(p.preferred_states).union(*(REGIONS[r] for r in p.preferences.regions))
    parts = []
    if states:
        parts.append(pl.col("state").is_in(sorted(states)).fill_null(False).cast(pl.Float64))
    if p.preferences.settings:
        wanted = [_SETTINGS[x] for x in p.preferences.settings]
        parts.append(pl.col("setting").is_in(wanted).fill_null(False).cast(pl.Float64))
    if not parts:
        return pl.lit(50.0)
    return pl.sum_horizontal(parts) * (100.0 / len(parts))


# Score weights per kind of applicant (each row sums to 1).
WEIGHTS: dict[str, dict[str, float]] = {
    "img_visa": {"img": 0.30, "visa": 0.20, "holistic": 0.20, "margin": 0.20, "state": 0.10},
    "img": {"img": 0.45, "holistic": 0.25, "margin": 0.20, "state": 0.10},
    "us": {"img": 0.15, "holistic": 0.55, "margin": 0.20, "state": 0.10},
    "us_visa": {"img": 0.10, "visa": 0.20, "holistic": 0.40, "margin": 0.20, "state": 0.10},
}


def _reasons(row: dict, p: Profile, judged: pl.DataFrame) -> str:
    out: list[str] = []
    if row["img_friendliness"] is not None:
        out.append(f"IMG-friendliness {row['img_friendliness']:.0f}/100")
    if row.get("pct_img") is not None and p.img:
        out.append(f"{row['pct_img']:.0f}% IMG residents")
    if row["holistic_review"]:
        out.append("states holistic review")
    by_rule = {r["rule"]: r for r in judged.iter_rows(named=True)}
    score = by_rule.get("min_score")
    if score and score["verdict"] == "pass" and score["program_value"]:
        out.append(f"{score['program_value']} (you: {score['applicant_value']})")
    if score and score["condition"]:
        out.append(score["condition"])  # a preferred score, shown as such: it never excludes
    for rule in ("visa", "graduation", "ecfmg", "usce"):
        r = by_rule.get(rule)
        if r and r["verdict"] in ("conditional", "at_limit"):
            out.append(f"{rule} {r['verdict']}: {r['condition'] or r['program_value']}")
    if p.visa != "none" and by_rule.get("visa", {}).get("verdict") == "pass":
        out.append(by_rule["visa"]["program_value"] or "visa: sponsored")
    unknown = [f"{r['rule']} ({r['condition'] or r['program_value'] or 'not stated'})"
               for r in by_rule.values() if r["verdict"] == "unknown"]
    if unknown:
        out.append("check: " + ", ".join(unknown))
    if row.get("conflicting_fields"):
        out.append("sources disagree on " + ", ".join(row["conflicting_fields"]))
    if row.get("website_facts_stale"):
        out.append("website facts from an earlier crawl")
    return "; ".join(out)


def empty_recommendations() -> pl.DataFrame:
    return pl.DataFrame(schema=RECOMMENDATION_COLUMNS)
