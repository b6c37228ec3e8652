"""The pipeline's codec for the thirteen eligibility fields, built from the field contract.

Values travel as text (staging.page_facts, core.program_facts); core.programs publishes them
typed. Kinds, allowed values and the text form are `eligibility.contract`'s; this module only
maps them onto Polars.
"""

from __future__ import annotations

import polars as pl

from eligibility.contract import BOOL, CONTRACT, CONTRACT_FIELDS, INT, field_spec, fields_of_kind

FIELDS = CONTRACT_FIELDS  # the thirteen CONTRACT fields, in CONTRACT order
BOOL_FIELDS = frozenset(fields_of_kind(BOOL))
INT_FIELDS = frozenset(fields_of_kind(INT))
# Polars type of each field's published column (core.programs); SQL types are the contract's.
POLARS_TYPES: dict[str, pl.DataType] = {
    name: {BOOL: pl.Boolean(), INT: pl.Int32()}.get(spec.kind, pl.String()) for name, spec in CONTRACT.items()
}


def to_text(value: object, field: str | None = None) -> str | None:
    """Canonical text form of a field value (program_facts.value); checked against `field` when given."""
    if field is not None:
        return field_spec(field).to_text(value)
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def from_text(field: str, text: str | None) -> object:
    """Inverse of `to_text` for one field's value (a text not of the field's kind: ValueError)."""
    return field_spec(field).from_text(text)


def typed_columns(frame: pl.DataFrame) -> pl.DataFrame:
    """Cast text-valued field columns to their published types (bool, int, text)."""
    casts = []
    for name in FIELDS:
        if name not in frame.columns:
            continue
        kind = CONTRACT[name].kind
        if kind == BOOL:
            casts.append(
                pl.when(pl.col(name) == "true").then(True).when(pl.col(name) == "false").then(False)
                .otherwise(None).alias(name)
            )
        elif kind == INT:
            casts.append(pl.col(name).cast(POLARS_TYPES[name], strict=False).alias(name))
    return frame.with_columns(casts) if casts else frame
