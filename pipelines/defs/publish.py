"""Publish: write every layer into a new DuckDB file and swap it in atomically, then carry state forward.

Only reached when every blocking GX check of the run passed; a failed suite leaves the
published warehouse (and the state the next run starts from) exactly as they were.
"""

from datetime import UTC, datetime

import dagster as dg
import polars as pl

from expectations.datadocs import validation_columns
from pipelines.defs.automation import PUBLISHED_FRESHNESS
from pipelines.defs.core import run_started_at
from pipelines.resources import ins
from pipelines.transforms.core import fact_changes
from warehouse.history import refresh_history
from warehouse.paths import warehouse_path
from warehouse.publish import publish
from warehouse.store import KEEP_RUNS, CrawlRun, RunStore


def checks_passed(context: dg.AssetExecutionContext) -> int:
    """Asset checks of this run that passed (every blocking one did, or publish would not run)."""
    records = context.instance.get_records_for_run(
        context.run.run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION, limit=1000
    ).records
    return sum(1 for r in records if r.event_log_entry.dagster_event.event_specific_data.passed)


def source_of(context: dg.AssetExecutionContext) -> str:
    """sample or live, as this run was configured (publish needs no crawl source of its own)."""
    resources = context.run.run_config.get("resources") or {}
    return ((resources.get("source") or {}).get("config") or {}).get("source", "sample")


@dg.asset(
    key=["warehouse", "published"],
    ins={
        **ins(
            "raw_directory_pages", "raw_pages", "staging_programs", "staging_pages", "staging_page_facts",
            "core_program_facts", "core_programs", "marts_program_indicators", "marts_recommendations",
            "marts_recommendation_verdicts", "marts_application_plans",
        ),
        # promoted by the store (a rename) once the warehouse is swapped in, not loaded here
        "state_pages_last_good": dg.AssetIn(key=["state", "pages_last_good"], dagster_type=dg.Nothing),
    },
    group_name="publish",
    kinds={"duckdb"},
    description="The published DuckDB warehouse (raw, staging, core, marts, history, meta), swapped in atomically.",
    freshness_policy=PUBLISHED_FRESHNESS,
)
def published_warehouse(
    context: dg.AssetExecutionContext,
    store: dg.ResourceParam[RunStore],
    raw_directory_pages: CrawlRun,
    raw_pages: CrawlRun,
    staging_programs: pl.DataFrame,
    staging_pages: pl.DataFrame,
    staging_page_facts: pl.DataFrame,
    core_program_facts: pl.DataFrame,
    core_programs: pl.DataFrame,
    marts_program_indicators: pl.DataFrame,
    marts_recommendations: pl.DataFrame,
    marts_recommendation_verdicts: pl.DataFrame,
    marts_application_plans: pl.DataFrame,
) -> dg.MaterializeResult:
    # when this publish built the new warehouse (it is swapped in right after; every table of the
    # publish says the same time), not the run's start, which core.programs.updated_at keeps
    published_at = datetime.now(UTC)
    pages = raw_pages.pages()
    previous_programs = store.published_programs()
    changes = fact_changes(previous_programs, core_programs, published_at, context.run.run_id)
    # history.* (fact changes with their quotes, page and program changes): warehouse/history.py
    logged = refresh_history(store.read_state, changes, staging_pages, core_programs,
                             core_program_facts, previous_programs, context.run.run_id, published_at)
    refresh = pl.DataFrame(
        {
            "run_id": [context.run.run_id],
            "published_at": [published_at],
            "source": [source_of(context)],
            "programs": [core_programs.height],
            "pages": [pages.height],
            "checks_passed": [checks_passed(context)],
            **validation_columns(store.root, context.run.run_id),
        }
    )
    refreshes = pl.concat([r for r in (store.refreshes(), refresh) if r is not None], how="vertical_relaxed")
    tables = {
        "raw.directory_pages": raw_directory_pages.directory_pages(),
        "raw.pages": pages,
        "staging.programs": staging_programs,
        "staging.pages": staging_pages.drop("site_failed_this_run"),
        "staging.page_facts": staging_page_facts,
        "core.programs": core_programs,
        "core.program_facts": core_program_facts,
        "marts.program_indicators": marts_program_indicators,
        "marts.recommendations": marts_recommendations,
        "marts.recommendation_verdicts": marts_recommendation_verdicts,
        "marts.application_plans": marts_application_plans,
        **logged.tables,
        "meta.refreshes": refreshes,
    }
    result = publish(warehouse_path(), tables)
    # State moves forward only once the warehouse it describes is published.
    store.commit_publish(core_programs, refreshes, logged.state)
    pruned = store.prune(keep=KEEP_RUNS)
    return dg.MaterializeResult(
        metadata={
            "warehouse": dg.MetadataValue.path(str(result.path)),
            **{f"rows.{name}": count for name, count in result.row_counts.items()},
            **logged.counts,
            "raw_runs_pruned": len(pruned),
        }
    )
