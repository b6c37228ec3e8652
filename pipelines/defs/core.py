"""Core layer: every fact with its source and evidence, and one reconciled row per program."""

from datetime import datetime, timezone

import dagster as dg
import polars as pl

from pipelines.resources import ins
from pipelines.transforms import core
from warehouse.store import RunStore


def run_started_at(context: dg.AssetExecutionContext) -> datetime:
    record = context.instance.get_run_record_by_id(context.run.run_id)
    start = record.start_time if record and record.start_time else None
    return datetime.fromtimestamp(start, tz=timezone.utc) if start else datetime.now(timezone.utc)


@dg.asset(
    key=["core", "program_facts"],
    ins=ins("staging_programs", "staging_page_facts"),
    group_name="core",
    kinds={"polars"},
    description="Every eligibility fact per program, field and source page, with evidence; `selected` marks the value used.",
)
def core_program_facts(
    context: dg.AssetExecutionContext, store: dg.ResourceParam[RunStore], staging_programs: pl.DataFrame,
    staging_page_facts: pl.DataFrame,
) -> pl.DataFrame:
    # staleness is decided as of the run's start (one date for every step of a run), not the page's first read
    as_of = run_started_at(context).date()
    # a program whose merge input is what it was (same facts, same staleness, same code) keeps its merge
    previous = store.merge_cache()
    website, cache = core.website_facts_cached(staging_page_facts, as_of, previous)
    if previous is None or not cache.equals(previous):
        store.write_merge_cache(cache)
    reused = 0 if previous is None else cache.join(previous, on=["program_id", "input_hash"], how="semi")["program_id"].n_unique()
    context.add_output_metadata({"programs_merged": cache["program_id"].n_unique() - reused,
                                 "programs_merge_reused": reused})
    return core.program_facts(core.directory_facts(staging_programs), website)


@dg.asset(
    key=["core", "programs"],
    ins=ins("staging_programs", "core_program_facts", "staging_pages", "staging_website_status"),
    group_name="core",
    kinds={"polars"},
    description="One row per program: directory identity plus the thirteen reconciled eligibility fields.",
)
def core_programs(
    context: dg.AssetExecutionContext,
    staging_programs: pl.DataFrame,
    core_program_facts: pl.DataFrame,
    staging_pages: pl.DataFrame,
    staging_website_status: pl.DataFrame,
) -> pl.DataFrame:
    programs = core.programs_table(staging_programs, core_program_facts, staging_website_status, staging_pages,
                                   run_started_at(context))
    context.add_output_metadata(
        {
            "programs": programs.height,
            "with_website_facts": int((programs["website_status"].is_in(["ok", "not_modified"])).sum()),
            "stale_website_facts": int(programs["website_facts_stale"].sum()),
            "with_conflicts": int((programs["conflicting_fields"].list.len() > 0).sum()),
        }
    )
    return programs


@dg.asset_check(asset=core_programs, blocking=True,
                description='No published program says "no minimum score" beside a selected numeric minimum (issue 10).')
def no_minimum_beside_a_minimum_check(core_programs: pl.DataFrame) -> dg.AssetCheckResult:
    spliced = core.no_minimum_beside_a_minimum(core_programs)
    return dg.AssetCheckResult(
        passed=spliced.height == 0,
        metadata={"programs": spliced.height, "examples": ", ".join(spliced["program_id"].head(5).to_list())},
    )


@dg.asset_check(asset=["core", "program_facts"], blocking=True,
                description="GX suite core_program_facts (expectations/core_suites.py): one selected row per program "
                            "and field, each with value and evidence; every selected website fact has its URL.")
def core_program_facts_suite(context: dg.AssetCheckExecutionContext, store: dg.ResourceParam[RunStore],
                             core_program_facts: pl.DataFrame) -> dg.AssetCheckResult:
    from expectations.core_suites import CORE_SUITES
    from pipelines.defs.staging import _gx_check

    return _gx_check(context, store, "core.program_facts", core_program_facts, CORE_SUITES["core.program_facts"])


@dg.asset_check(asset=core_programs, blocking=True,
                description="GX suite core_programs (expectations/core_suites.py): identity, crawl outcome, field values.")
def core_programs_suite(context: dg.AssetCheckExecutionContext, store: dg.ResourceParam[RunStore],
                        core_programs: pl.DataFrame) -> dg.AssetCheckResult:
    from expectations.core_suites import CORE_SUITES
    from pipelines.defs.staging import _gx_check

    return _gx_check(context, store, "core.programs", core_programs, CORE_SUITES["core.programs"])
