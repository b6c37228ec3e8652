"""Marts layer: explainable indicators and recommendations for the example applicant profiles."""

from pathlib import Path

import dagster as dg
import polars as pl

from pipelines.defs.core import run_started_at
from pipelines.resources import Settings, ins
from pipelines.transforms.indicators import program_indicators
from pipelines.transforms.recommend import ProfileError, load_profile, rank_profiles


@dg.asset(
    key=["marts", "program_indicators"],
    ins=ins("core_programs"),
    group_name="marts",
    kinds={"polars"},
    description="IMG-friendliness and holistic-review indicators (0-100) with components and coverage.",
)
def marts_program_indicators(core_programs: pl.DataFrame) -> pl.DataFrame:
    return program_indicators(core_programs)


def _example_rankings(settings: Settings, programs: pl.DataFrame, indicators: pl.DataFrame, facts: pl.DataFrame):
    """rank_profiles over every profile in the profiles folder (the same call `gme recommend` makes)."""
    paths = sorted(Path(settings.profiles_dir).glob("*.yaml"))
    try:
        profiles = [load_profile(path) for path in paths]
    except ProfileError as exc:
        raise dg.Failure(str(exc)) from None
    # as_of: the date core.programs was published (its updated_at), as in `gme recommend`
    return len(paths), *rank_profiles(programs, indicators, facts, profiles)


@dg.asset(
    key=["marts", "recommendations"],
    ins=ins("core_programs", "core_program_facts", "marts_program_indicators"),
    group_name="marts",
    kinds={"polars"},
    description="Ranked program lists, one section per specialty and role, for every applicant profile in the profiles folder (examples/).",
)
def marts_recommendations(
    context: dg.AssetExecutionContext, settings: Settings, core_programs: pl.DataFrame, core_program_facts: pl.DataFrame,
    marts_program_indicators: pl.DataFrame,
) -> pl.DataFrame:
    n, result, _ = _example_rankings(settings, core_programs, marts_program_indicators, core_program_facts)
    context.add_output_metadata({"profiles": n, "rows": result.height})
    return result


@dg.asset(
    key=["marts", "recommendation_verdicts"],
    ins=ins("core_programs", "core_program_facts", "marts_program_indicators"),
    group_name="marts",
    kinds={"polars"},
    description="Per-rule verdicts (pass/fail/at_limit/conditional/unknown) with evidence for every recommended program.",
)
def marts_recommendation_verdicts(
    context: dg.AssetExecutionContext, settings: Settings, core_programs: pl.DataFrame, core_program_facts: pl.DataFrame,
    marts_program_indicators: pl.DataFrame,
) -> pl.DataFrame:
    n, _, result = _example_rankings(settings, core_programs, marts_program_indicators, core_program_facts)
    counts = result.group_by("verdict").len().sort("verdict")
    context.add_output_metadata({"profiles": n, "rows": result.height,
                                 **{f"verdict_{v}": c for v, c in counts.iter_rows()}})
    return result
