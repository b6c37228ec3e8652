"""Great Expectations suites for core.program_facts and core.programs (asset checks in pipelines/defs/core.py).

core_program_facts runs on the *selected* facts (the rows core.programs uses): exactly one per
program and field, each with a value, a known source and evidence, and every website fact with
the page it came from. core_programs checks identity and the crawl outcome columns.
"""

from __future__ import annotations

import polars as pl

from eligibility import FIELDS
from expectations.suites import PROGRAM_ID, Suite



def website():
    """Rows whose source is the program's website (a GX row condition)."""
    from great_expectations.expectations.row_conditions import Column

    return Column("source") == "website"


def _selected_facts(gxe) -> list:
    return [
        gxe.ExpectTableRowCountToBeBetween(min_value=1),
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["program_id", "field"]),
        gxe.ExpectColumnValuesToMatchRegex(column="program_id", regex=PROGRAM_ID),
        gxe.ExpectColumnValuesToBeInSet(column="field", value_set=list(FIELDS)),
        gxe.ExpectColumnValuesToBeInSet(column="source", value_set=["directory", "website"]),
        gxe.ExpectColumnValuesToNotBeNull(column="value"),
        gxe.ExpectColumnValuesToNotBeNull(column="evidence"),
        gxe.ExpectColumnValuesToNotBeNull(column="url", row_condition=website()),
        gxe.ExpectColumnValuesToMatchRegex(column="url", regex=r"^https?://", row_condition=website()),
        gxe.ExpectColumnValuesToNotBeNull(column="seen_at", row_condition=website()),
    ]


def _only_selected(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.filter(pl.col("selected").fill_null(False))


def _programs(gxe) -> list:
    return [
        gxe.ExpectTableRowCountToBeBetween(min_value=1),
        gxe.ExpectColumnValuesToNotBeNull(column="program_id"),
        gxe.ExpectColumnValuesToBeUnique(column="program_id"),
        gxe.ExpectColumnValuesToMatchRegex(column="program_id", regex=PROGRAM_ID),
        gxe.ExpectColumnValuesToNotBeNull(column="name"),
        gxe.ExpectColumnValuesToNotBeNull(column="website_status"),
        gxe.ExpectColumnValuesToMatchRegex(column="website_status", regex=r"^(?:ok|not_modified|no_website|failed:.+)$"),
        gxe.ExpectColumnValuesToNotBeNull(column="updated_at"),
        gxe.ExpectColumnValuesToBeInSet(column="score_minimum_policy", value_set=["stated", "none"]),
        gxe.ExpectColumnValuesToBeInSet(column="usce", value_set=["required", "preferred", "not_required"]),
        gxe.ExpectColumnValuesToBeBetween(column="conflict_count", min_value=0, max_value=len(FIELDS)),
    ]


def _programs_frame(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(pl.col("conflicting_fields").list.len().alias("conflict_count"))


CORE_SUITES: dict[str, Suite] = {
    "core.program_facts": Suite("core_program_facts", _selected_facts, _only_selected),
    "core.programs": Suite("core_programs", _programs, _programs_frame),
}
