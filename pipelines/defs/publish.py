"""Publish: write every layer into a new DuckDB file and swap it in atomically, then carry state forward.

Only reached when every blocking GX check of the run passed; a failed suite leaves the
published warehouse (and the state the next run starts from) exactly as they were.
"""

import shutil

import dagster as dg
import polars as pl

from pipelines.defs.core import run_started_at
from pipelines.defs.crawl import latest
from pipelines.defs.staging import LAST_GOOD_CANDIDATE
from pipelines.resources import Settings, ins
from pipelines.transforms.core import fact_changes
from warehouse.history import refresh_history
from warehouse.publish import publish

SUITES_GUARDING_PUBLISH = 3  # staging.programs, staging.pages, staging.page_facts


def _read_state(settings: Settings, name: str) -> pl.DataFrame | None:
    path = settings.state_dir / name
    return pl.read_parquet(path) if path.exists() else None


def _write_state(settings: Settings, name: str, frame: pl.DataFrame) -> None:
    path = settings.state_dir / name
    tmp = path.with_suffix(".tmp")
    frame.write_parquet(tmp)
    tmp.replace(path)


@dg.asset(
    key=["warehouse", "published"],
    ins=ins(
        "staging_programs", "staging_pages", "staging_page_facts", "core_program_facts", "core_programs",
        "marts_program_indicators", "marts_recommendations", "marts_recommendation_verdicts",
    ),
    group_name="publish",
    kinds={"duckdb"},
    description="The published DuckDB warehouse (raw, staging, core, marts, history, meta), swapped in atomically.",
)
def published_warehouse(
    context: dg.AssetExecutionContext,
    settings: Settings,
    staging_programs: pl.DataFrame,
    staging_pages: pl.DataFrame,
    staging_page_facts: pl.DataFrame,
    core_program_facts: pl.DataFrame,
    core_programs: pl.DataFrame,
    marts_program_indicators: pl.DataFrame,
    marts_recommendations: pl.DataFrame,
    marts_recommendation_verdicts: pl.DataFrame,
) -> dg.MaterializeResult:
    published_at = run_started_at(context)
    directory_dir, pages_dir = latest(settings, "directory"), latest(settings, "pages")
    raw_pages = pl.read_parquet(pages_dir / "pages.parquet")
    previous_programs = _read_state(settings, "published_programs.parquet")
    changes = fact_changes(previous_programs, core_programs, published_at, context.run.run_id)
    # history.* (fact changes with their quotes, page and program changes): warehouse/history.py
    logged = refresh_history(lambda name: _read_state(settings, name), changes, staging_pages, core_programs,
                             core_program_facts, previous_programs, context.run.run_id, published_at)
    refresh = pl.DataFrame(
        {
            "run_id": [context.run.run_id],
            "published_at": [published_at],
            "source": [settings.source],
            "programs": [core_programs.height],
            "pages": [raw_pages.height],
            "checks_passed": [SUITES_GUARDING_PUBLISH],
        }
    )
    refreshes = pl.concat([r for r in (_read_state(settings, "refreshes.parquet"), refresh) if r is not None], how="vertical_relaxed")
    tables = {
        "raw.directory_pages": pl.read_parquet(directory_dir / "directory_pages.parquet"),
        "raw.pages": raw_pages,
        "staging.programs": staging_programs,
        "staging.pages": staging_pages.drop("site_failed_this_run"),
        "staging.page_facts": staging_page_facts,
        "core.programs": core_programs,
        "core.program_facts": core_program_facts,
        "marts.program_indicators": marts_program_indicators,
        "marts.recommendations": marts_recommendations,
        "marts.recommendation_verdicts": marts_recommendation_verdicts,
        **logged.tables,
        "meta.refreshes": refreshes,
    }
    result = publish(settings.warehouse_path, tables)
    # State moves forward only once the warehouse it describes is published.
    shutil.copyfile(pages_dir / LAST_GOOD_CANDIDATE, settings.state_dir / "pages_last_good.parquet")
    _write_state(settings, "published_programs.parquet", core_programs)
    for name, frame in logged.state.items():
        _write_state(settings, name, frame)
    _write_state(settings, "refreshes.parquet", refreshes)
    return dg.MaterializeResult(
        metadata={
            "warehouse": dg.MetadataValue.path(str(result.path)),
            **{f"rows.{name}": count for name, count in result.row_counts.items()},
            **logged.counts,
        }
    )
