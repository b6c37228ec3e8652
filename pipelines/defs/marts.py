"""Marts layer: explainable indicators and recommendations for the example applicant profiles."""

from pathlib import Path

import dagster as dg
import polars as pl

from pipelines.defs.core import run_started_at
from pipelines.resources import Settings, ins
from pipelines.transforms.indicators import program_indicators
from pipelines.transforms.recommend import ProfileError, empty_recommendations, load_profile, recommend


@dg.asset(
    key=["marts", "program_indicators"],
    ins=ins("core_programs"),
    group_name="marts",
    kinds={"polars"},
    description="IMG-friendliness and holistic-review indicators (0-100) with components and coverage.",
)
def marts_program_indicators(core_programs: pl.DataFrame) -> pl.DataFrame:
    return program_indicators(core_programs)


@dg.asset(
    key=["marts", "recommendations"],
    ins=ins("core_programs", "marts_program_indicators"),
    group_name="marts",
    kinds={"polars"},
    description="Ranked program lists for every applicant profile in the profiles folder (examples/).",
)
def marts_recommendations(
    context: dg.AssetExecutionContext, settings: Settings, core_programs: pl.DataFrame, marts_program_indicators: pl.DataFrame
) -> pl.DataFrame:
    paths = sorted(Path(settings.profiles_dir).glob("*.yaml"))
    as_of = run_started_at(context).date()
    frames = []
    for path in paths:
        try:
            profile = load_profile(path)
        except ProfileError as exc:
            raise dg.Failure(str(exc)) from None
        frames.append(recommend(core_programs, marts_program_indicators, profile, as_of=as_of))
    result = pl.concat(frames) if frames else empty_recommendations()
    context.add_output_metadata({"profiles": len(paths), "rows": result.height})
    return result
