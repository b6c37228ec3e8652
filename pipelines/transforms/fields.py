"""The thirteen eligibility fields (CONTRACT.md) and how their values are typed and written as text."""

from __future__ import annotations

import polars as pl

FIELDS: tuple[str, ...] = (
    "accepts_imgs",
    "j1_visa",
    "h1b_visa",
    "min_step2ck",
    "min_step1",
    "min_comlex2",
    "score_minimum_policy",
    "attempts_policy",
    "yog_max_years",
    "usce",
    "ecfmg_cert_required",
    "holistic_review",
    "comlex_accepted",
)

BOOL_FIELDS = frozenset({"accepts_imgs", "holistic_review", "comlex_accepted"})
INT_FIELDS = frozenset({"min_step2ck", "min_step1", "min_comlex2", "yog_max_years"})

# Allowed values of the categorical fields; integer fields are range-checked instead.
CATEGORIES: dict[str, frozenset[str]] = {
    "accepts_imgs": frozenset({"true", "false"}),
    "j1_visa": frozenset({"yes", "no"}),
    "h1b_visa": frozenset({"yes", "no", "conditional"}),
    "score_minimum_policy": frozenset({"stated", "none"}),
    "usce": frozenset({"required", "preferred", "not_required"}),
    "ecfmg_cert_required": frozenset({"by_application", "by_rank", "by_start", "required_unspecified"}),
    "holistic_review": frozenset({"true"}),
    "comlex_accepted": frozenset({"true", "false"}),
}
ATTEMPTS_PATTERN = r"^(first_attempt_only|no_limit|max_attempts_[1-9][0-9]?)$"
INT_RANGES: dict[str, tuple[int, int]] = {
    "min_step2ck": (180, 300),
    "min_step1": (180, 300),
    "min_comlex2": (300, 900),
    "yog_max_years": (0, 60),
}


def to_text(value: object) -> str | None:
    """Canonical text form of a field value (program_facts.value)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def from_text(field: str, text: str | None) -> object:
    """Inverse of `to_text` for one field's value."""
    if text is None:
        return None
    if field in BOOL_FIELDS:
        return text == "true"
    if field in INT_FIELDS:
        return int(text)
    return text


def typed_columns(frame: pl.DataFrame) -> pl.DataFrame:
    """Cast text-valued field columns to their published types (bool, int, text)."""
    casts = []
    for name in FIELDS:
        if name not in frame.columns:
            continue
        if name in BOOL_FIELDS:
            casts.append(
                pl.when(pl.col(name) == "true").then(True).when(pl.col(name) == "false").then(False)
                .otherwise(None).alias(name)
            )
        elif name in INT_FIELDS:
            casts.append(pl.col(name).cast(pl.Int32, strict=False).alias(name))
    return frame.with_columns(casts) if casts else frame
