"""How the thirteen eligibility fields (CONTRACT.md) are typed in the warehouse and written as text."""

from __future__ import annotations

import polars as pl

from eligibility import FIELDS  # the thirteen CONTRACT fields, in CONTRACT order

BOOL_FIELDS = frozenset({"accepts_imgs", "holistic_review", "comlex_accepted"})
INT_FIELDS = frozenset({"min_step2ck", "min_step1", "min_comlex2", "yog_max_years"})


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
