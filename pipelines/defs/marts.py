"""Marts layer: explainable indicators, recommendations, their verdicts and application plans for the example profiles."""

from pathlib import Path

import dagster as dg
import polars as pl

from pipelines.defs.core import run_started_at
from pipelines.resources import Settings, ins
from pipelines.transforms.indicators import program_indicators
from pipelines.transforms.recommend import ProfileError, load_profile, load_profiles, rank_batch


@dg.asset(
    key=["marts", "program_indicators"],
    ins=ins("core_programs"),
    group_name="marts",
    kinds={"polars"},
    description="IMG-friendliness and holistic-review indicators (0-100) with components and coverage.",
)
def marts_program_indicators(core_programs: pl.DataFrame) -> pl.DataFrame:
    return program_indicators(core_programs)


def _profiles(settings: Settings) -> list:
    """Every profile in the profiles folder (examples/): YAML files, and JSONL files of many."""
    folder = Path(settings.profiles_dir)
    try:
        profiles = [load_profile(path) for path in sorted(folder.glob("*.yaml"))]
        for path in sorted(folder.glob("*.jsonl")):
            profiles += load_profiles(path)
    except ProfileError as exc:
        raise dg.Failure(str(exc)) from None
    return profiles


@dg.multi_asset(
    outs={
        "marts_recommendations": dg.AssetOut(
            key=["marts", "recommendations"], kinds={"polars"},
            description="Ranked program lists, one section per specialty and role, with the match model's "
                        "match_probability and tier, for every applicant profile in the profiles folder (examples/)."),
        "marts_recommendation_verdicts": dg.AssetOut(
            key=["marts", "recommendation_verdicts"], kinds={"polars"},
            description="Per-rule verdicts (pass/fail/at_limit/conditional/unknown) with evidence for every recommended program."),
        "marts_application_plans": dg.AssetOut(
            key=["marts", "application_plans"], kinds={"polars"},
            description="Per applicant and specialty: how many programs to apply to, the chance if followed, a long-shot "
                        "warning with the backup's plan, and the diversified list."),
    },
    ins=ins("core_programs", "core_program_facts", "marts_program_indicators"),
    group_name="marts",
)
def marts_recommendations(
    context: dg.AssetExecutionContext, settings: Settings, core_programs: pl.DataFrame, core_program_facts: pl.DataFrame,
    marts_program_indicators: pl.DataFrame,
):
    """rank_batch over every profile of the profiles folder: the same call `gme recommend` makes
    (as_of: the date core.programs was published, its updated_at)."""
    profiles = _profiles(settings)
    out = rank_batch(core_programs, marts_program_indicators, core_program_facts, profiles)
    counts = out.verdicts.group_by("verdict").len().sort("verdict")
    context.add_output_metadata({"profiles": len(profiles), "rows": out.recommendations.height},
                                output_name="marts_recommendations")
    context.add_output_metadata({"profiles": len(profiles), "rows": out.verdicts.height,
                                 **{f"verdict_{v}": c for v, c in counts.iter_rows()}},
                                output_name="marts_recommendation_verdicts")
    context.add_output_metadata({"profiles": len(profiles), "rows": out.plans.height,
                                 "long_shots": out.plans.filter(pl.col("warning").is_not_null()).height},
                                output_name="marts_application_plans")
    return out.recommendations, out.verdicts, out.plans
