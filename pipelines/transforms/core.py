"""Core transforms: reconcile directory and website facts into core.program_facts and core.programs.

Precedence, per program and field (documented in README "How facts are chosen"):
1. The program's own website beats the directory when the website states the field: the
   website is the program's own current words, while the directory survey is filled once a
   year and lags (DOMAIN.md: visa data disagree in 6-8% of programs). Both rows stay in
   core.program_facts, and the field is listed in core.programs.conflicting_fields.
2. Among website statements: hard wording before preferred, non-stale before stale, then by
   page kind (a dedicated eligibility page beats an IMG/visa page, then FAQ, application
   page, PDF, home page, other pages, and news last), then by URL for determinism.
"""

from __future__ import annotations

from datetime import datetime

import polars as pl

from pipelines.transforms.fields import FIELDS, typed_columns

PAGE_KIND_RANK = {"eligibility": 0, "img": 1, "faq": 2, "apply": 3, "pdf": 4, "home": 5, "other": 6, "news": 7}

FACT_COLUMNS = (
    "program_id", "field", "value", "strictness", "condition", "source", "url", "evidence", "stale",
    "selected", "seen_at",
)

_VISA_LABELS = {"j1_visa": "J-1 through ECFMG", "h1b_visa": "H-1B"}
_DIRECTORY_NUMBERS = {
    "min_step2ck": "field_usmle_step_2_minimum_score",
    "min_step1": "field_usmle_step_1_minimum_score",
    "min_comlex2": "field_comlex_level_2_minimum_score",
    "yog_max_years": "field_years_since_graduation",
}


def directory_facts(programs: pl.DataFrame) -> pl.DataFrame:
    """Facts the directory survey states, in program_facts shape (source = directory).

    An empty visa list means "not given" (unknown), never "no"; a non-empty list that leaves
    a visa out says the program does not take it.
    """
    base = programs.select("program_id", pl.col("source_url").alias("url"), pl.col("fetched_at").alias("seen_at"))
    parts: list[pl.DataFrame] = []
    listed = programs.filter(pl.col("visa_statuses").list.len() > 0)
    for field, label in _VISA_LABELS.items():
        parts.append(
            listed.select(
                "program_id",
                pl.lit(field).alias("field"),
                pl.when(pl.col("visa_statuses").list.contains(label)).then(pl.lit("yes")).otherwise(pl.lit("no")).alias("value"),
                pl.concat_str(pl.lit("field_visa_status: "), pl.col("visa_statuses").list.join(", ")).alias("evidence"),
            )
        )
    for field, source_field in _DIRECTORY_NUMBERS.items():
        parts.append(
            programs.filter(pl.col(field).is_not_null()).select(
                "program_id",
                pl.lit(field).alias("field"),
                pl.col(field).cast(pl.String).alias("value"),
                pl.concat_str(pl.lit(f"{source_field}: "), pl.col(field).cast(pl.String)).alias("evidence"),
            )
        )
    scores = [pl.col(f).is_not_null() for f in ("min_step2ck", "min_step1", "min_comlex2")]
    parts.append(
        programs.filter(pl.any_horizontal(scores)).select(
            "program_id",
            pl.lit("score_minimum_policy").alias("field"),
            pl.lit("stated").alias("value"),
            pl.lit("a minimum score is given in the directory survey").alias("evidence"),
        )
    )
    facts = pl.concat(parts).join(base, on="program_id", how="left")
    return facts.select(
        "program_id", "field", "value",
        pl.lit("hard").alias("strictness"),
        pl.lit(None, dtype=pl.String).alias("condition"),
        pl.lit("directory").alias("source"),
        "url", "evidence",
        pl.lit(False).alias("stale"),
        pl.lit(False).alias("selected"),
        pl.col("seen_at").cast(pl.Datetime("us", "UTC")),
    )


def website_facts(page_facts: pl.DataFrame) -> pl.DataFrame:
    """Page facts in program_facts shape (source = website), unselected."""
    text = [pl.col(c).cast(pl.String) for c in ("program_id", "field", "value", "strictness", "condition")]
    return page_facts.select(
        *text,
        pl.lit("website").alias("source"),
        pl.col("url").cast(pl.String),
        pl.col("evidence").cast(pl.String),
        pl.col("stale").cast(pl.Boolean).fill_null(False),
        pl.lit(False).alias("selected"),
        pl.col("fetched_at").cast(pl.Datetime("us", "UTC")).alias("seen_at"),
        pl.col("page_kind").cast(pl.String),
    )


def program_facts(directory: pl.DataFrame, website: pl.DataFrame) -> pl.DataFrame:
    """All facts, with `selected` marking the one row per (program, field) that core.programs uses."""
    ranked = pl.concat(
        [
            website.with_columns(
                pl.lit(0).alias("_source_rank"),
                pl.col("page_kind").replace_strict(PAGE_KIND_RANK, default=6, return_dtype=pl.Int32).alias("_kind_rank"),
            ).drop("page_kind"),
            directory.with_columns(pl.lit(1).alias("_source_rank"), pl.lit(0, dtype=pl.Int32).alias("_kind_rank")),
        ],
        how="vertical_relaxed",
    ).with_row_index("_row")
    ordered = ranked.sort(
        "program_id", "field", "_source_rank",
        pl.col("strictness") != "hard", "stale", "_kind_rank", "url", "_row",
    )
    first = ordered.group_by("program_id", "field", maintain_order=True).agg(pl.col("_row").first())["_row"]
    return ordered.with_columns(pl.col("_row").is_in(first.implode()).alias("selected")).select(FACT_COLUMNS)


def programs_table(
    staged: pl.DataFrame,
    facts: pl.DataFrame,
    site_status: pl.DataFrame,
    staged_pages: pl.DataFrame,
    published_at: datetime,
) -> pl.DataFrame:
    """core.programs: directory identity + selected facts + crawl freshness and conflict flags."""
    chosen = facts.filter(pl.col("selected")).pivot(on="field", index="program_id", values="value")
    for f in FIELDS:
        if f not in chosen.columns:
            chosen = chosen.with_columns(pl.lit(None, dtype=pl.String).alias(f))
    # Conflicts: fields where the directory and the website state different values.
    dir_vals = facts.filter(pl.col("source") == "directory").select("program_id", "field", pl.col("value").alias("d"))
    web_sel = facts.filter(pl.col("source") == "website").sort("selected", descending=True).group_by(
        "program_id", "field", maintain_order=True
    ).agg(pl.col("value").first().alias("w"))
    conflicts = dir_vals.join(web_sel, on=["program_id", "field"]).filter(pl.col("d") != pl.col("w")).group_by(
        "program_id"
    ).agg(pl.col("field").sort().alias("conflicting_fields"))
    freshness = staged_pages.group_by("program_id").agg(
        pl.col("fetched_at").max().alias("website_facts_seen_at"),
        pl.col("site_failed_this_run").any().alias("website_facts_stale"),
    )
    stale_content = facts.filter(pl.col("source") == "website").group_by("program_id").agg(
        pl.col("stale").any().alias("stale_content")
    )
    out = (
        # the directory's own score/YOG columns are superseded by the reconciled facts
        staged.drop([f for f in FIELDS if f in staged.columns])
        .join(chosen.select("program_id", *FIELDS), on="program_id", how="left")
        .join(site_status, on="program_id", how="left")
        .join(freshness, on="program_id", how="left")
        .join(stale_content, on="program_id", how="left")
        .join(conflicts, on="program_id", how="left")
    )
    out = typed_columns(out).with_columns(
        pl.col("website_facts_stale").fill_null(False),
        pl.col("stale_content").fill_null(False),
        pl.col("conflicting_fields").fill_null([]),
        pl.lit(published_at).cast(pl.Datetime("us", "UTC")).alias("updated_at"),
    )
    return out.select(
        "program_id", "name", "specialty_code", "specialty", "institution", "city", "state", "setting",
        "first_year_positions", "pct_img", "pct_do", "pct_usmd", "website", *FIELDS, "basic_listing",
        "survey_year", "website_status", "website_facts_seen_at", "website_facts_stale", "stale_content",
        "conflicting_fields", "updated_at",
    ).sort("program_id")


def fact_changes(previous: pl.DataFrame | None, current: pl.DataFrame, changed_at: datetime, run_id: str) -> pl.DataFrame:
    """Rows for history.program_fact_changes: every field whose published value changed."""
    schema = {"program_id": pl.String, "field": pl.String, "old_value": pl.String, "new_value": pl.String,
              "changed_at": pl.Datetime("us", "UTC"), "run_id": pl.String}
    if previous is None or previous.height == 0:
        return pl.DataFrame(schema=schema)

    def long(frame: pl.DataFrame, name: str) -> pl.DataFrame:
        return frame.select("program_id", *[pl.col(f).cast(pl.String) for f in FIELDS]).unpivot(
            index="program_id", variable_name="field", value_name=name
        )

    joined = long(previous, "old_value").join(long(current, "new_value"), on=["program_id", "field"], how="full", coalesce=True)
    changed = joined.filter(pl.col("old_value").ne_missing(pl.col("new_value")))
    return changed.select(
        "program_id", "field", "old_value", "new_value",
        pl.lit(changed_at).cast(pl.Datetime("us", "UTC")).alias("changed_at"),
        pl.lit(run_id).alias("run_id"),
    )
