"""Staging layer: typed Polars frames from the raw crawl output, each guarded by a blocking GX suite."""

import time

import dagster as dg
import polars as pl

from pipelines.resources import ins
from pipelines.transforms import extraction, staging
from warehouse.store import CrawlRun, RunStore


@dg.asset(
    key=["staging", "programs"],
    ins={"raw_directory_pages": dg.AssetIn(key=["raw", "directory_pages"])},
    group_name="staging",
    kinds={"polars"},
    description="Directory programs, typed, one row per program, sentinels turned into NULL.",
)
def staging_programs(raw_directory_pages: CrawlRun) -> pl.DataFrame:
    return staging.stage_programs(
        raw_directory_pages.directory_programs(), raw_directory_pages.directory_pages(columns=["url", "fetched_at"])
    )


@dg.multi_asset(
    outs={
        "staging_pages": dg.AssetOut(
            key=["staging", "pages"], kinds={"polars"},
            description="Latest known state of every program page: this run's fetch, or the last good copy when it failed.",
        ),
        "staging_website_status": dg.AssetOut(
            key=["staging", "website_status"], kinds={"polars"},
            description="Per program, how this run's website crawl went: ok / not_modified / failed:<reason> / no_website.",
        ),
        "state_pages_last_good": dg.AssetOut(
            key=["state", "pages_last_good"], io_manager_key="store_io_manager", kinds={"parquet"},
            description="The last good copy of every page with its body, as this run staged it; publish makes it "
                        "the store the next crawl and staging start from.",
        ),
    },
    ins={"raw_pages": dg.AssetIn(key=["raw", "pages"]), "staging_programs": dg.AssetIn(key=["staging", "programs"])},
    group_name="staging",
)
def staging_pages(context: dg.AssetExecutionContext, store: dg.ResourceParam[RunStore], raw_pages: CrawlRun,
                  staging_programs: pl.DataFrame):
    current = raw_pages.pages()
    staged, last_good = staging.stage_pages(current, store.last_good())
    status = staging.website_status(current, staging_programs)
    yield dg.Output(staged, output_name="staging_pages", metadata={
        "fetched": current.height,
        "not_modified": int(current["not_modified"].sum() or 0),  # answered 304
        "skipped": int(current["skipped"].sum() or 0) if "skipped" in current.columns else 0,
        "changed": int(staged["changed"].sum() or 0),
        "carried_over_from_earlier_crawls": int(staged["site_failed_this_run"].sum() or 0),
    })
    yield dg.Output(status, output_name="staging_website_status")
    yield dg.Output(last_good, output_name="state_pages_last_good")


@dg.asset(
    key=["staging", "page_facts"],
    ins=ins("staging_pages", "state_pages_last_good"),
    group_name="staging",
    kinds={"polars"},
    description="Eligibility facts read from each page; only content not seen before by this extractor version is read.",
)
def staging_page_facts(context: dg.AssetExecutionContext, store: dg.ResourceParam[RunStore], staging_pages: pl.DataFrame,
                       state_pages_last_good: pl.DataFrame) -> pl.DataFrame:
    # only the contents of staged program pages (the store also holds robots.txt and sitemaps)
    with_bodies = state_pages_last_good.filter(
        pl.col("content_hash").is_in(staging_pages["content_hash"].drop_nulls().implode())
    )
    started = time.perf_counter()
    previous = store.extract_cache()
    cache, extracted = extraction.extract_new(with_bodies, previous, progress=context.log.info)
    elapsed = time.perf_counter() - started
    # nothing read and nothing dropped (an older extractor's rows): the stored cache is this one
    if extracted or previous is None or cache.height != previous.height:
        store.write_extract_cache(cache)
    facts = extraction.page_facts(staging_pages, cache)
    # pages over the per-page budget (issue 13): read as unknown, named here so nobody has to guess
    over = staging_pages.join(extraction.oversize_pages(cache), on="content_hash").select("program_id", "url", "reason")
    for row in over.head(20).iter_rows(named=True):
        context.log.warning(f"page over the extractor's budget, its facts left unknown: {row['program_id']} "
                            f"{row['url']} ({row['reason']})")
    context.add_output_metadata(
        {
            "pages_oversize": over.height,
            "pages_extracted": extracted,
            "pages_from_cache": staging_pages.height - extracted,
            "extract_seconds": round(elapsed, 2),
            "facts": facts.height,
            "extractor_version": extraction.extractor_version(),
        }
    )
    return facts


def _gx_check(context: dg.AssetCheckExecutionContext, store: RunStore, table: str, frame: pl.DataFrame,
              suite_def=None) -> dg.AssetCheckResult:
    """Run a GX suite and record it in this run's Data Docs (expectations/datadocs.py)."""
    from expectations.datadocs import index_path, validate_documented

    outcome, page = validate_documented(table, frame, store.root, context.run.run_id, suite_def=suite_def)
    return dg.AssetCheckResult(
        passed=outcome.success,
        severity=dg.AssetCheckSeverity.ERROR,
        description=outcome.summary(),
        metadata={"expectations": outcome.evaluated, "failed": len(outcome.failed), "rows": frame.height,
                  "data_docs": dg.MetadataValue.path(str(index_path(store.root, context.run.run_id))),
                  **({"data_docs_page": dg.MetadataValue.path(str(page))} if page else {})},
    )


@dg.asset_check(asset=staging_programs, blocking=True, description="GX suite staging_programs (expectations/suites.py).")
def staging_programs_suite(context: dg.AssetCheckExecutionContext, store: dg.ResourceParam[RunStore],
                           staging_programs: pl.DataFrame) -> dg.AssetCheckResult:
    return _gx_check(context, store, "staging.programs", staging_programs)


@dg.asset_check(asset=dg.AssetKey(["staging", "pages"]), blocking=True, description="GX suite staging_pages (expectations/suites.py).")
def staging_pages_suite(context: dg.AssetCheckExecutionContext, store: dg.ResourceParam[RunStore],
                        staging_pages: pl.DataFrame) -> dg.AssetCheckResult:
    return _gx_check(context, store, "staging.pages", staging_pages)


@dg.asset_check(asset=staging_page_facts, blocking=True, description="GX suite staging_page_facts (expectations/suites.py).")
def staging_page_facts_suite(context: dg.AssetCheckExecutionContext, store: dg.ResourceParam[RunStore],
                             staging_page_facts: pl.DataFrame) -> dg.AssetCheckResult:
    return _gx_check(context, store, "staging.page_facts", staging_page_facts)
