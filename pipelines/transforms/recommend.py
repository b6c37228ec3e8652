"""Rank programs for one applicant profile: hard screens first, then an explainable fit score.

A program is left out only when something it states rules the applicant out (a hard score
minimum above the applicant's score, no visa of the kind needed, a graduation-year limit,
first-attempt-only with a failed attempt, required US clinical experience the applicant lacks,
ECFMG certification required to apply...). Unknown policies never exclude: they lower the
score a little and show up in `reasons` as things to check.

score (0-100) is a weighted sum of IMG-friendliness, holistic review (each pulled towards
40/100 by how little of its inputs the program states: `coverage`), the margin over a stated
Step 2 CK minimum, a preferred state and, for applicants who need a visa, how surely the
program sponsors it (stated yes 100, conditional H-1B 60, unknown 30); weights in WEIGHTS.
Tier: `safety` when the applicant clears a stated minimum by 15+ points, the program's
IMG-friendliness is 60+ and (if needed) it states it sponsors the visa; `reach` when the
program states a minimum the applicant clears by less than 5 points, or (for IMGs) when fewer
than 10% of its residents are IMGs; `target` otherwise.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

import polars as pl
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

UNKNOWN_INDICATOR = 40.0


class ProfileError(ValueError):
    """A profile that cannot be used, with where and why."""


class Profile(BaseModel):
    """An applicant profile (examples/*.yaml)."""

    model_config = ConfigDict(extra="forbid")

    applicant_id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_.-]+$")
    description: str | None = None
    specialties: list[str] = Field(min_length=1, description="ACGME specialty codes, e.g. ['140', '120']")
    img: bool = Field(description="international medical graduate")
    degree: Literal["MD", "DO"] = "MD"
    visa: Literal["none", "j1", "h1b", "j1_or_h1b"] = "none"
    step2ck: int | None = Field(default=None, ge=180, le=300)
    comlex2: int | None = Field(default=None, ge=200, le=999)
    failed_attempts: int = Field(default=0, ge=0, le=10)
    graduation_year: int = Field(ge=1960, le=2035)
    usce_months: float = Field(default=0, ge=0, le=120)
    ecfmg_certified: bool = False
    states: list[str] = Field(default_factory=list, description="preferred states (two-letter codes)")
    top: int = Field(default=25, ge=1, le=1000)

    @field_validator("specialties")
    @classmethod
    def _codes(cls, value: list[str]) -> list[str]:
        out = []
        for code in value:
            code = str(code).strip().zfill(3)
            if not (len(code) == 3 and code.isdigit()):
                raise ValueError(f"{code!r} is not a 3-digit ACGME specialty code")
            out.append(code)
        return out

    @field_validator("states")
    @classmethod
    def _states(cls, value: list[str]) -> list[str]:
        for s in value:
            if not (len(s) == 2 and s.isalpha()):
                raise ValueError(f"{s!r} is not a two-letter state code")
        return [s.upper() for s in value]


def load_profile(path: str | Path) -> Profile:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProfileError(f"{path}: no such profile file") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise ProfileError(f"{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(data, dict):
        raise ProfileError(f"{path}: a profile is a YAML mapping of fields, got {type(data).__name__}")
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(profile)"
        raise ProfileError(f"{path}: {where}: {first['msg']}") from None


def _exclusions(p: Profile, years_since: int) -> list[tuple[pl.Expr, str]]:
    """(condition, reason) pairs: a program matching the condition is ruled out for this applicant."""
    rules: list[tuple[pl.Expr, str]] = []
    if p.img:
        rules.append((pl.col("accepts_imgs") == False, "does not consider IMGs"))  # noqa: E712
        if not p.ecfmg_certified:
            rules.append((pl.col("ecfmg_cert_required") == "by_application", "ECFMG certificate needed to apply"))
    if p.visa == "j1":
        rules.append((pl.col("j1_visa") == "no", "does not take J-1"))
    elif p.visa == "h1b":
        rules.append((pl.col("h1b_visa") == "no", "does not sponsor H-1B"))
    elif p.visa == "j1_or_h1b":
        rules.append(((pl.col("j1_visa") == "no") & (pl.col("h1b_visa") == "no"), "sponsors neither J-1 nor H-1B"))
    if p.step2ck is not None:
        rules.append((pl.col("min_step2ck") > p.step2ck, "Step 2 CK below the stated minimum"))
    elif p.degree == "DO" and p.comlex2 is not None:
        rules.append((pl.col("comlex_accepted") == False, "requires USMLE; no Step 2 CK score"))  # noqa: E712
        rules.append((pl.col("min_comlex2") > p.comlex2, "COMLEX Level 2-CE below the stated minimum"))
    if p.failed_attempts > 0:
        rules.append((pl.col("attempts_policy") == "first_attempt_only", "first-attempt passes only"))
        max_n = pl.col("attempts_policy").str.extract(r"^max_attempts_(\d+)$").cast(pl.Int32)
        rules.append((max_n < p.failed_attempts + 1, "more attempts than the program allows"))
    rules.append(((pl.col("yog_max_years") > 0) & (pl.col("yog_max_years") < years_since), "graduated too long ago"))
    if p.usce_months == 0:
        rules.append((pl.col("usce") == "required", "US clinical experience required"))
    return rules


def recommend(programs: pl.DataFrame, indicators: pl.DataFrame, profile: Profile, as_of: date | None = None) -> pl.DataFrame:
    """marts.recommendations rows for one profile (best first, at most profile.top)."""
    as_of = as_of or date.today()
    years_since = as_of.year - profile.graduation_year
    frame = programs.filter(pl.col("specialty_code").is_in(profile.specialties)).join(
        indicators.select("program_id", "img_friendliness", pl.col("holistic_review").alias("holistic_score"), "coverage"),
        on="program_id", how="left",
    )
    for condition, reason in _exclusions(profile, years_since):
        frame = frame.filter(~condition.fill_null(False))
    if frame.height == 0:
        return empty_recommendations()

    # An indicator computed from few known inputs is pulled towards "unknown" by its coverage,
    # so a program that states one favourable thing does not outrank one that states many.
    coverage = pl.col("coverage").fill_null(0.0)
    img = coverage * pl.col("img_friendliness").fill_null(UNKNOWN_INDICATOR) + (1 - coverage) * UNKNOWN_INDICATOR
    hol = coverage * pl.col("holistic_score").fill_null(UNKNOWN_INDICATOR) + (1 - coverage) * UNKNOWN_INDICATOR
    margin = pl.lit(profile.step2ck, dtype=pl.Int32) - pl.col("min_step2ck") if profile.step2ck else pl.lit(None)
    margin_score = pl.when(margin.is_null()).then(50.0).otherwise((50 + 2.5 * margin).clip(0, 100))
    state_score = pl.when(pl.col("state").is_in(profile.states)).then(100.0).otherwise(0.0) if profile.states else pl.lit(50.0)
    visa = _visa_fit(profile)
    weights = WEIGHTS[("img" if profile.img else "us") + ("_visa" if visa is not None else "")]
    parts = {"img": img, "holistic": hol, "margin": margin_score, "state": state_score, "visa": visa}
    frame = frame.with_columns(
        margin.alias("_margin"),
        (visa if visa is not None else pl.lit(None, dtype=pl.Float64)).alias("_visa_fit"),
        pl.sum_horizontal([w * parts[k] for k, w in weights.items()]).round(1).alias("score"),
    )
    low_img = (pl.col("pct_img") < 10) if profile.img else pl.lit(False)
    visa_sure = (pl.col("_visa_fit") == 100) if visa is not None else pl.lit(True)
    frame = frame.with_columns(
        pl.when((pl.col("_margin") < 5) | low_img.fill_null(False)).then(pl.lit("reach"))
        .when((pl.col("_margin") >= 15) & (pl.col("img_friendliness") >= 60) & visa_sure).then(pl.lit("safety"))
        .otherwise(pl.lit("target")).alias("tier")
    )
    frame = frame.sort(["score", "program_id"], descending=[True, False]).head(profile.top)
    reasons = [_reasons(row, profile) for row in frame.iter_rows(named=True)]
    return frame.select(
        pl.lit(profile.applicant_id).alias("applicant_id"),
        "program_id",
        pl.int_range(1, frame.height + 1, dtype=pl.Int32).alias("rank"),
        "tier", "score",
    ).with_columns(pl.Series("reasons", reasons, dtype=pl.String))


# Score weights per kind of applicant (each row sums to 1).
WEIGHTS: dict[str, dict[str, float]] = {
    "img_visa": {"img": 0.30, "visa": 0.20, "holistic": 0.20, "margin": 0.20, "state": 0.10},
    "img": {"img": 0.45, "holistic": 0.25, "margin": 0.20, "state": 0.10},
    "us": {"img": 0.15, "holistic": 0.55, "margin": 0.20, "state": 0.10},
    "us_visa": {"img": 0.10, "visa": 0.20, "holistic": 0.40, "margin": 0.20, "state": 0.10},
}


def _visa_fit(p: Profile) -> pl.Expr | None:
    """0-100: how surely the program sponsors the visa the applicant needs (None: needs none)."""
    j1, h1b = pl.col("j1_visa"), pl.col("h1b_visa")
    if p.visa == "none":
        return None
    if p.visa == "j1":
        return pl.when(j1 == "yes").then(100.0).otherwise(30.0)
    if p.visa == "h1b":
        return pl.when(h1b == "yes").then(100.0).when(h1b == "conditional").then(60.0).otherwise(30.0)
    return pl.when((j1 == "yes") | (h1b == "yes")).then(100.0).when(h1b == "conditional").then(60.0).otherwise(30.0)


def _reasons(row: dict, p: Profile) -> str:
    out: list[str] = []
    if row["img_friendliness"] is not None:
        out.append(f"IMG-friendliness {row['img_friendliness']:.0f}/100")
    if row.get("pct_img") is not None and p.img:
        out.append(f"{row['pct_img']:.0f}% IMG residents")
    if row["holistic_review"]:
        out.append("states holistic review")
    if row["score_minimum_policy"] == "none":
        out.append("says it has no score cutoff")
    if row["min_step2ck"] is not None and p.step2ck is not None:
        out.append(f"Step 2 CK minimum {row['min_step2ck']} (you: {p.step2ck})")
    if p.visa != "none":
        out.append(f"J-1: {row['j1_visa'] or 'unknown'}, H-1B: {row['h1b_visa'] or 'unknown'}")
    unknown = [f for f in ("attempts_policy", "yog_max_years", "usce") if row.get(f) is None]
    if unknown:
        out.append("check: " + ", ".join(unknown) + " not stated")
    if row.get("website_facts_stale"):
        out.append("website facts from an earlier crawl")
    return "; ".join(out)


def empty_recommendations() -> pl.DataFrame:
    return pl.DataFrame(
        schema={"applicant_id": pl.String, "program_id": pl.String, "rank": pl.Int32, "tier": pl.String,
                "score": pl.Float64, "reasons": pl.String}
    )
