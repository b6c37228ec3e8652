"""The match model: an explainable chance of an interview and of a match at each program, and over a list.

Every constant is in pipelines/data/calibration.yaml, with its source and terms. The model, per
applicant type (us_md, us_do, us_img, non_us_img):
- logit P(interview at program) = intercept + type offset + score slope x (Step 2 CK - the
  specialty's matched centre) / 10 + share slope x ln((the program's share of the applicant's
  type + 1) / (the specialty's share + 1)) - a penalty below a stated preferred score + offsets
  for needing a visa at all, conditional / at-limit / unknown-visa verdicts and failed attempts + a positions term;
- P(match | k interviews) = 1 - (1 - q)^k, q per type; so P(match at program) = P(interview) x q;
- P(match | list) = 1 - exp(sum ln(1 - p_j) / (1 + rho (n - 1))): independence with shrinkage
  (a Kish design effect: n correlated applications count as n / (1 + rho (n - 1)) independent
  ones, at most 1 / rho), so more applications stop helping.
A program with a `fail` verdict has probability 0 and is never listed. Vectorised with polars:
one frame of (applicant, program) pairs.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

import polars as pl
import yaml

CALIBRATION_FILE = Path(__file__).resolve().parents[1] / "data" / "calibration.yaml"
TYPES = ("us_md", "us_do", "us_img", "non_us_img")


@lru_cache(maxsize=4)
def _load(path: str) -> dict:
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def calibration(path: str | Path | None = None) -> dict:
    """The calibration file as a dict (cached; copy before changing)."""
    return _load(str(path or CALIBRATION_FILE))


def value(entry) -> float:
    return float(entry["value"]) if isinstance(entry, dict) else float(entry)


def per_specialty(cal: dict, key: str) -> tuple[dict[str, float], float]:
    table = cal[key]
    return {k: value(v) for k, v in table.items() if k != "default"}, value(table["default"])


def applicant_type(img: bool, degree: str = "MD", visa: str = "none") -> str:
    """us_md / us_do / us_img / non_us_img. An IMG who needs no visa is counted as a US IMG
    (the profile has no citizenship field; a permanent resident is treated the same way)."""
    if not img:
        return "us_do" if degree == "DO" else "us_md"
    return "us_img" if visa == "none" else "non_us_img"


def step2_equivalent(step2ck: int | None, comlex2: int | None, cal: dict) -> float | None:
    """Step 2 CK, or for a COMLEX-only DO a Step 2 CK equivalent shrunk towards the mean by r."""
    if step2ck is not None:
        return float(step2ck)
    if comlex2 is None:
        return None
    c = cal["comlex_to_step2"]
    z = (comlex2 - c["comlex_mean"]) / c["comlex_sd"]
    return c["step2_mean"] + c["r"] * z * c["step2_sd"]


def _map(col: str, table: dict[str, float], default: float) -> pl.Expr:
    return pl.col(col).replace_strict(table, default=default, return_dtype=pl.Float64)


def score_pairs(pairs: pl.DataFrame | pl.LazyFrame, cal: dict | None = None) -> pl.LazyFrame:
    """Add p_interview, match_probability and tier to (applicant, program) pairs.

    Needs: atype, step2 (float, may be null), failed_attempts, specialty_code, pct_img, pct_do,
    first_year_positions, eligible (bool: no `fail` verdict); optional preferred_step2ck,
    visa_verdict (pass/conditional/unknown/None = not needed), n_conditional, n_at_limit.
    """
    cal = cal or calibration()
    lf = pairs.lazy()
    names = lf.collect_schema().names()
    for col, dtype in (("preferred_step2ck", pl.Float64), ("visa_verdict", pl.String),
                       ("n_conditional", pl.Int32), ("n_at_limit", pl.Int32)):
        if col not in names:
            lf = lf.with_columns(pl.lit(None, dtype=dtype).alias(col))
    iv = cal["interview"]
    centre, centre_default = per_specialty(cal, "specialty_center")
    img_share, img_default = per_specialty(cal, "specialty_img_share")
    do_share, do_default = per_specialty(cal, "specialty_do_share")
    offsets = {t: value(iv["type_offset"][t]) for t in TYPES}
    q = {t: value(cal["per_interview_match"][t]) for t in TYPES}
    is_img = pl.col("atype").is_in(["us_img", "non_us_img"])
    spec_img = _map("specialty_code", {k: 100 * v for k, v in img_share.items()}, 100 * img_default)
    spec_do = _map("specialty_code", {k: 100 * v for k, v in do_share.items()}, 100 * do_default)
    # a program that states no mix is taken to have its specialty's mix (the log term is 0)
    prog_img = pl.col("pct_img").cast(pl.Float64).fill_null(spec_img)
    prog_do = pl.col("pct_do").cast(pl.Float64).fill_null(spec_do)
    share_term = (pl.when(is_img).then(((prog_img + 1) / (spec_img + 1)).log())
                  .when(pl.col("atype") == "us_do").then(((prog_do + 1) / (spec_do + 1)).log())
                  .otherwise(0.0))
    # no score given: the specialty's centre minus one SD, an honest "we don't know, assume below average"
    score = pl.col("step2").cast(pl.Float64).fill_null(_map("specialty_code", centre, centre_default) - 15)
    below_pref = (pl.col("preferred_step2ck").cast(pl.Float64) - score).clip(lower_bound=0).fill_null(0.0)
    positions = pl.col("first_year_positions").cast(pl.Float64).fill_null(8.0).clip(lower_bound=1)
    z = (value(iv["intercept"])
         + _map("atype", offsets, 0.0)
         + value(iv["score_slope"]) * (score - _map("specialty_code", centre, centre_default)) / 10
         + value(iv["share_slope"]) * share_term
         - value(iv["preferred_penalty"]) * below_pref / 10
         + value(iv["failed_attempt_offset"]) * pl.col("failed_attempts").cast(pl.Float64).clip(upper_bound=3)
         + value(iv["conditional_offset"]) * (pl.col("n_conditional").fill_null(0)
                                               + (pl.col("visa_verdict") == "conditional").fill_null(False).cast(pl.Int32))
         + value(iv["at_limit_offset"]) * pl.col("n_at_limit").fill_null(0)
         + pl.when(pl.col("visa_verdict") == "unknown").then(value(iv["unknown_visa_offset"])).otherwise(0.0)
         + pl.when(pl.col("visa_verdict").is_not_null()).then(value(iv["visa_needed_offset"])).otherwise(0.0)
         + value(iv["positions_slope"]) * (positions / 8).log())
    p_int = (1 / (1 + (-z).exp())).clip(upper_bound=value(iv["max_probability"]))
    p_int = pl.when(pl.col("eligible")).then(p_int).otherwise(0.0)
    t = cal["tiers"]
    return lf.with_columns(p_int.alias("p_interview")).with_columns(
        (pl.col("p_interview") * _map("atype", q, 0.13)).alias("match_probability")
    ).with_columns(
        pl.when(pl.col("match_probability") >= value(t["safety_min"])).then(pl.lit("safety"))
        .when(pl.col("match_probability") >= value(t["target_min"])).then(pl.lit("target"))
        .otherwise(pl.lit("reach")).alias("tier")
    )


def list_probability(log_miss_sum: pl.Expr | float, n: pl.Expr | int, rho: float) -> pl.Expr | float:
    """P(match | list) from sum(ln(1 - p_j)) over the list and its length n (shrinkage rho)."""
    if isinstance(log_miss_sum, (int, float)) and isinstance(n, (int, float)):
        return 1 - math.exp(log_miss_sum / (1 + rho * max(n - 1, 0))) if n else 0.0
    n = pl.lit(n) if isinstance(n, int) else n
    return 1 - (log_miss_sum / (1 + rho * (n - 1).clip(lower_bound=0))).exp()


def rho(cal: dict | None = None) -> float:
    return value((cal or calibration())["shrinkage_rho"])


def tier_legend(cal: dict | None = None) -> list[tuple[str, str]]:
    """(tier, plain-language band) for reports."""
    t = (cal or calibration())["tiers"]
    s, g = value(t["safety_min"]), value(t["target_min"])
    return [("safety", f"{s:.0%} or more chance of matching at this program if you apply"),
            ("target", f"{g:.0%} to {s:.0%}"),
            ("reach", f"under {g:.0%}: apply only alongside targets and safeties")]
