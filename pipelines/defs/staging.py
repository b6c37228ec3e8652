"""Staging layer: typed Polars frames from the raw crawl output, each guarded by a blocking GX suite."""

import time

import dagster as dg
import polars as pl

from pipelines.defs.crawl import latest, raw_directory_pages, raw_pages
from pipelines.resources import Settings, ins
from pipelines.transforms import extraction, staging

LAST_GOOD_CANDIDATE = "pages_last_good.parquet"  # in the run folder; promoted to state/ on publish


@dg.asset(
    key=["staging", "programs"],
    deps=[raw_directory_pages],
    group_name="staging",
    kinds={"polars"},
    description="Directory programs, typed, one row per program, sentinels turned into NULL.",
)
def staging_programs(settings: Settings) -> pl.DataFrame:
    folder = latest(settings, "directory")
    return staging.stage_programs(
        pl.read_parquet(folder / "directory_programs.parquet"),
        pl.read_parquet(folder / "directory_pages.parquet", columns=["url", "fetched_at"]),
    )


@dg.asset(
    key=["staging", "pages"],
    deps=[raw_pages],
    group_name="staging",
    kinds={"polars"},
    description="Latest known state of every program page: this run's fetch, or the last good copy when it failed.",
)
def staging_pages(context: dg.AssetExecutionContext, settings: Settings) -> pl.DataFrame:
    folder = latest(settings, "pages")
    current = pl.read_parquet(folder / "pages.parquet")
    previous_path = settings.state_dir / "pages_last_good.parquet"
    previous = pl.read_parquet(previous_path) if previous_path.exists() else None
    staged, last_good = staging.stage_pages(current, previous)
    last_good.write_parquet(folder / LAST_GOOD_CANDIDATE)
    context.add_output_metadata(
        {
            "fetched": current.height,
            "not_modified": int(current["not_modified"].sum() or 0) if "not_modified" in current.columns else 0,
            "changed": int(staged["changed"].sum() or 0),
            "carried_over_from_earlier_crawls": int(staged["site_failed_this_run"].sum() or 0),
        }
    )
    return staged


@dg.asset(
    key=["staging", "page_facts"],
    ins=ins("staging_pages"),
    group_name="staging",
    kinds={"polars"},
    description="Eligibility facts read from each page; only content not seen before by this extractor version is read.",
)
def staging_page_facts(context: dg.AssetExecutionContext, settings: Settings, staging_pages: pl.DataFrame) -> pl.DataFrame:
    folder = latest(settings, "pages")
    cache_path = settings.state_dir / "extract_cache.parquet"
    cache = pl.read_parquet(cache_path) if cache_path.exists() else None
    with_bodies = pl.read_parquet(folder / LAST_GOOD_CANDIDATE)
    # only the contents of staged program pages (the store also holds robots.txt and sitemaps)
    with_bodies = with_bodies.filter(pl.col("content_hash").is_in(staging_pages["content_hash"].drop_nulls().implode()))
    started = time.perf_counter()
    cache, extracted = extraction.extract_new(with_bodies, cache)
    elapsed = time.perf_counter() - started
    tmp = cache_path.with_suffix(".tmp")
    cache.write_parquet(tmp)
    tmp.replace(cache_path)
    facts = extraction.page_facts(staging_pages, cache)
    context.add_output_metadata(
        {
            "pages_extracted": extracted,
            "pages_from_cache": staging_pages.height - extracted,
            "extract_seconds": round(elapsed, 2),
            "facts": facts.height,
            "extractor_version": extraction.extractor_version(),
        }
    )
    return facts


def _gx_check(table: str, frame: pl.DataFrame) -> dg.AssetCheckResult:
    from expectations import validate

    outcome = validate(table, frame)
    return dg.AssetCheckResult(
        passed=outcome.success,
        severity=dg.AssetCheckSeverity.ERROR,
        description=outcome.summary(),
        metadata={"expectations": outcome.evaluated, "failed": len(outcome.failed), "rows": frame.height},
    )


@dg.asset_check(asset=staging_programs, blocking=True, description="GX suite staging_programs (expectations/suites.py).")
def staging_programs_suite(staging_programs: pl.DataFrame) -> dg.AssetCheckResult:
    return _gx_check("staging.programs", staging_programs)


@dg.asset_check(asset=staging_pages, blocking=True, description="GX suite staging_pages (expectations/suites.py).")
def staging_pages_suite(staging_pages: pl.DataFrame) -> dg.AssetCheckResult:
    return _gx_check("staging.pages", staging_pages)


@dg.asset_check(asset=staging_page_facts, blocking=True, description="GX suite staging_page_facts (expectations/suites.py).")
def staging_page_facts_suite(staging_page_facts: pl.DataFrame) -> dg.AssetCheckResult:
    return _gx_check("staging.page_facts", staging_page_facts)
