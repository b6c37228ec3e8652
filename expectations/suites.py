"""The expectation suites for staging.programs, staging.pages and staging.page_facts, and a runner."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field

import polars as pl

from eligibility.contract import CONTRACT_FIELDS as FIELDS
from eligibility.contract import INT, SPECS

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

US_STATES = [
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC",
    "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
    "PR", "GU", "VI", "AS", "MP",
]
PROGRAM_ID = r"^(?:[0-9]{10}|M[0-9]{9})$"  # non-capturing: pandas warns on match groups
# Every (field, value) pair an extractor may legitimately produce, as "field=value": built from
# the field contract (eligibility/contract.py), so a value outside it fails the page_facts suite.
FIELD_VALUE = "^(?:" + "|".join(f"{s.name}={s.text_pattern()}" for s in SPECS) + ")$"
INT_SPECS = tuple(s for s in SPECS if s.kind == INT)


def _field_ranges(gxe, column: Callable[[str], str]) -> list:
    """A between-expectation per integer field, on `column(field name)`, with the contract's bounds."""
    return [gxe.ExpectColumnValuesToBeBetween(column=column(s.name), min_value=s.minimum, max_value=s.maximum)
            for s in INT_SPECS]


def _programs(gxe) -> list:
    return [
        gxe.ExpectTableRowCountToBeBetween(min_value=1),
        gxe.ExpectColumnValuesToNotBeNull(column="program_id"),
        gxe.ExpectColumnValuesToBeUnique(column="program_id"),
        gxe.ExpectColumnValuesToMatchRegex(column="program_id", regex=PROGRAM_ID),
        gxe.ExpectColumnValuesToNotBeNull(column="name"),
        gxe.ExpectColumnValuesToMatchRegex(column="specialty_code", regex=r"^[0-9]{3}$"),
        gxe.ExpectColumnValuesToBeInSet(column="state", value_set=US_STATES, mostly=0.99),
        gxe.ExpectColumnValuesToBeBetween(column="pct_img", min_value=0, max_value=100),
        gxe.ExpectColumnValuesToBeBetween(column="pct_do", min_value=0, max_value=100),
        gxe.ExpectColumnValuesToBeBetween(column="pct_usmd", min_value=0, max_value=100),
        gxe.ExpectColumnValuesToBeBetween(column="first_year_positions", min_value=0, max_value=400),
        # the directory's own minimums and graduation limit, within the contract's bounds
        *_field_ranges(gxe, lambda name: name),
        gxe.ExpectColumnValuesToBeInSet(
            column="setting",
            value_set=[
                "University-based", "Community-based", "Community-based university affiliated", "Military-based", "Other",
            ],
        ),
        gxe.ExpectColumnValuesToMatchRegex(column="website", regex=r"^https?://", mostly=0.99),
    ]


def _pages(gxe) -> list:
    return [
        gxe.ExpectColumnValuesToMatchRegex(column="program_id", regex=PROGRAM_ID),
        gxe.ExpectColumnValuesToNotBeNull(column="url"),
        gxe.ExpectColumnValuesToBeBetween(column="status", min_value=100, max_value=599),
        gxe.ExpectColumnValuesToNotBeNull(column="content_hash"),
        gxe.ExpectColumnValuesToMatchRegex(column="content_hash", regex=r"^[0-9a-f]{64}$"),
        gxe.ExpectColumnValuesToNotBeNull(column="fetched_at"),
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["program_id", "url"]),
    ]


def _page_facts(gxe) -> list:
    return [
        gxe.ExpectColumnValuesToMatchRegex(column="program_id", regex=PROGRAM_ID),
        gxe.ExpectColumnValuesToBeInSet(column="field", value_set=list(FIELDS)),
        gxe.ExpectColumnValuesToBeInSet(column="strictness", value_set=["hard", "preferred"]),
        gxe.ExpectColumnValuesToNotBeNull(column="evidence"),
        gxe.ExpectColumnValuesToNotBeNull(column="value"),
        # bool and enum fields take only their contract values; integer ones are integers...
        gxe.ExpectColumnValuesToMatchRegex(column="field_value", regex=FIELD_VALUE),
        # ...within their contract bounds
        *_field_ranges(gxe, _value_column),
    ]


def _value_column(name: str) -> str:
    return f"{name}_value"


def _page_facts_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """Derived columns that let a column expectation check a (field, value) pair."""
    return frame.with_columns(
        pl.concat_str(pl.col("field"), pl.lit("="), pl.col("value")).alias("field_value"),
        *[pl.when(pl.col("field") == s.name).then(pl.col("value").cast(pl.Int64, strict=False)).alias(_value_column(s.name))
          for s in INT_SPECS],
    )


@dataclass(frozen=True)
class Suite:
    name: str
    build: Callable  # (gx.expectations module) -> list of expectations
    prepare: Callable[[pl.DataFrame], pl.DataFrame] = lambda f: f


SUITES: dict[str, Suite] = {
    "staging.programs": Suite("staging_programs", _programs),
    "staging.pages": Suite("staging_pages", _pages),
    "staging.page_facts": Suite("staging_page_facts", _page_facts, _page_facts_frame),
}


@dataclass
class SuiteOutcome:
    table: str
    success: bool
    evaluated: int
    failed: list[dict] = field(default_factory=list)  # expectation type, column, unexpected count/sample

    def summary(self) -> str:
        if self.success:
            return f"{self.table}: {self.evaluated} expectations passed"
        lines = [f"{self.table}: {len(self.failed)} of {self.evaluated} expectations failed"]
        lines += [f"  - {f['expectation']}({f.get('column') or ''}): {f.get('detail', '')}" for f in self.failed]
        return "\n".join(lines)


def validate(table: str, frame: pl.DataFrame, suite_def: Suite | None = None,
             keep: Callable | None = None) -> SuiteOutcome:
    """Run the suite for `table` (or `suite_def`) on a pandas copy of `frame` with an ephemeral GX context.

    `keep(suite, result)`, if given, receives the GX suite and its validation result (Data Docs:
    expectations/datadocs.py).
    """
    import great_expectations as gx
    import great_expectations.expectations as gxe

    suite_def = suite_def or SUITES[table]
    data = suite_def.prepare(frame)
    # GX on pandas cannot hash list columns; drop them (no expectation reads them).
    data = data.select([c for c, t in data.schema.items() if not isinstance(t, (pl.List, pl.Struct))])
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    batch = (
        context.data_sources.add_pandas(f"{suite_def.name}_source")
        .add_dataframe_asset(suite_def.name)
        .add_batch_definition_whole_dataframe("whole")
        .get_batch(batch_parameters={"dataframe": data.to_pandas()})
    )
    suite = gx.ExpectationSuite(name=suite_def.name, expectations=suite_def.build(gxe))
    result = batch.validate(suite)
    if keep is not None:
        keep(suite, result)
    failed = []
    for r in result.results:
        if r.success:
            continue
        cfg = r.expectation_config
        res = r.result or {}
        detail = (
            f"{res.get('unexpected_count')} unexpected, e.g. {res.get('partial_unexpected_list', [])[:3]}"
            if "unexpected_count" in res
            else (str(r.exception_info.get("exception_message")) if r.exception_info.get("raised_exception") else str(res)[:200])
        )
        failed.append({"expectation": cfg.type, "column": cfg.kwargs.get("column"), "detail": detail})
    return SuiteOutcome(table=table, success=bool(result.success), evaluated=len(result.results), failed=failed)
