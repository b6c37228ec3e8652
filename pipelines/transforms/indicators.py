"""marts.program_indicators: explainable 0-100 indicators, each a weighted mean of known components.

Unknown is not "bad": a component the program does not state is left out of the mean and
lowers `coverage` instead. Components (0-1) and weights:

IMG-friendliness                          | Holistic review
  img_share 0.30  min(pct_img / 50, 1)    |   holistic_statement 0.50  1 if stated
  visa      0.25  H-1B yes 1; J-1 yes and |   score_screen       0.30  no minimum 1, minimum 0
                  H-1B conditional 0.8;   |   attempts           0.20  (as left)
                  J-1 yes 0.7; H-1B       |
                  conditional 0.4; none 0 |
  img_policy 0.15 considers IMGs 1, no 0  |
  yog       0.10  no limit 1, else min(N,10)/10
  usce      0.10  not required 1, preferred 0.6, required 0.2
  attempts  0.10  no limit 1, max N 0.5, first attempt only 0

coverage = mean over both indicators of (known weight / total weight).
"""

from __future__ import annotations

import polars as pl

IMG_WEIGHTS = {"img_share": 0.30, "visa": 0.25, "img_policy": 0.15, "yog": 0.10, "usce": 0.10, "attempts": 0.10}
HOLISTIC_WEIGHTS = {"holistic_statement": 0.50, "score_screen": 0.30, "attempts": 0.20}


def _components() -> dict[str, pl.Expr]:
    j1, h1b = pl.col("j1_visa"), pl.col("h1b_visa")
    attempts = pl.col("attempts_policy")
    return {
        "img_share": (pl.col("pct_img") / 50).clip(0, 1),
        "visa": pl.when(h1b == "yes").then(1.0)
        .when((j1 == "yes") & (h1b == "conditional")).then(0.8)
        .when(j1 == "yes").then(0.7)
        .when(h1b == "conditional").then(0.4)
        .when((j1 == "no") | (h1b == "no")).then(0.0),
        "img_policy": pl.when(pl.col("accepts_imgs")).then(1.0).when(pl.col("accepts_imgs").not_()).then(0.0),
        "yog": pl.when(pl.col("yog_max_years") == 0).then(1.0)
        .otherwise(pl.col("yog_max_years").clip(0, 10).cast(pl.Float64) / 10),
        "usce": pl.col("usce").replace_strict(
            {"not_required": 1.0, "preferred": 0.6, "required": 0.2}, default=None, return_dtype=pl.Float64
        ),
        "attempts": pl.when(attempts == "no_limit").then(1.0)
        .when(attempts.str.starts_with("max_attempts_")).then(0.5)
        .when(attempts == "first_attempt_only").then(0.0),
        "holistic_statement": pl.when(pl.col("holistic_review")).then(1.0),
        "score_screen": pl.when(pl.col("score_minimum_policy") == "none").then(1.0)
        .when(pl.col("score_minimum_policy") == "stated").then(0.0),
    }


def _weighted(weights: dict[str, float]) -> tuple[pl.Expr, pl.Expr]:
    known = [pl.when(pl.col(f"{k}_component").is_not_null()).then(w).otherwise(0.0) for k, w in weights.items()]
    total = [pl.col(f"{k}_component").fill_null(0.0) * w for k, w in weights.items()]
    known_weight = pl.sum_horizontal(known)
    score = pl.when(known_weight > 0).then(100 * pl.sum_horizontal(total) / known_weight)
    return score.round(1), known_weight / sum(weights.values())


def _explain(row: dict) -> str:
    parts = []
    for name in dict.fromkeys([*IMG_WEIGHTS, *HOLISTIC_WEIGHTS]):
        value = row[f"{name}_component"]
        parts.append(f"{name}={'unknown' if value is None else format(value, '.2f')}")
    return "; ".join(parts)


def program_indicators(programs: pl.DataFrame) -> pl.DataFrame:
    comps = _components()
    frame = programs.select(
        "program_id", *[expr.cast(pl.Float64).alias(f"{k}_component") for k, expr in comps.items()]
    )
    img, img_cov = _weighted(IMG_WEIGHTS)
    hol, hol_cov = _weighted(HOLISTIC_WEIGHTS)
    frame = frame.with_columns(
        img.alias("img_friendliness"),
        hol.alias("holistic_review"),
        ((img_cov + hol_cov) / 2).round(3).alias("coverage"),
    )
    frame = frame.with_columns(
        pl.struct(pl.all()).map_elements(_explain, return_dtype=pl.String).alias("explanation")
    )
    return frame.select(
        "program_id", "img_friendliness", "holistic_review",
        "img_share_component", "visa_component", "img_policy_component", "yog_component",
        "usce_component", "attempts_component", "holistic_statement_component", "score_screen_component",
        "coverage", "explanation",
    )
