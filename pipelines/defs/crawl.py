"""Raw layer: the directory crawl and the sharded website crawl, each a Scrapy process launched through Dagster Pipes.

A Twisted reactor cannot restart in one process (PITFALLS.md), so spiders never run inside
the Dagster or pytest process. Each crawl writes Parquet into this run's raw folder and
reports pages, items, errors, bytes and duration as metadata through Pipes; a `LATEST`
pointer names the newest complete crawl for the layers below.
"""

import json
import sys
import warnings
from pathlib import Path

import dagster as dg
import polars as pl

from pipelines.resources import Settings
from warehouse.paths import REPO_ROOT


def latest(settings: Settings, kind: str) -> Path:
    """The run folder of the newest complete crawl of `kind` (directory or pages)."""
    pointer = settings.data_path / "raw" / f"{kind}.LATEST"
    if not pointer.exists():
        raise dg.Failure(f"no complete {kind} crawl yet: materialize raw/{kind} first ({pointer} missing)")
    return Path(pointer.read_text().strip())


def _mark_latest(settings: Settings, kind: str, run_dir: Path) -> None:
    pointer = settings.data_path / "raw" / f"{kind}.LATEST"
    tmp = pointer.with_suffix(".tmp")
    tmp.write_text(str(run_dir))
    tmp.replace(pointer)


def _crawl(context, pipes: dg.PipesSubprocessClient, args: list[str]):
    """Run `python -m scrapers <args>` through Pipes; returns the completed invocation."""
    command = [sys.executable, "-m", "scrapers", *args]
    context.log.info("crawl: " + " ".join(command[2:]))
    with warnings.catch_warnings():
        # Dagster's own Pipes session calls one of its preview APIs and warns about it on every
        # crawl step (dagster 1.13): noise in `gme refresh`'s output, nothing for us to act on
        warnings.filterwarnings("ignore", category=dg.PreviewWarning, module=r"dagster\._core\.pipes")
        return pipes.run(command=command, context=context, cwd=str(REPO_ROOT))


@dg.asset(
    key=["raw", "directory_pages"],
    group_name="crawl",
    kinds={"scrapy", "parquet"},
    description="Directory API pages (FREIDA-style JSON:API) crawled by the directory spider; person nodes dropped at parse time.",
    pool="crawl",
)
def raw_directory_pages(
    context: dg.AssetExecutionContext, settings: Settings, pipes_subprocess_client: dg.PipesSubprocessClient
) -> dg.MaterializeResult:
    run_dir = settings.run_dir(context.run.run_id)
    args = ["directory", "--out", str(run_dir), "--run-id", context.run.run_id, *settings.crawl_args(), *settings.directory_args()]
    if settings.specialties:
        args += ["--specialties", ",".join(settings.specialties)]
    result = _crawl(context, pipes_subprocess_client, args).get_materialize_result()
    _mark_latest(settings, "directory", run_dir)
    return result


def shard_programs(programs: pl.DataFrame, shards: int) -> list[pl.DataFrame]:
    """Split the programs into `shards` groups of whole specialties, balanced by program count.

    A program's site belongs to exactly one shard, so per-host politeness holds across shards.
    """
    sizes = programs.group_by("specialty_code").len().sort(["len", "specialty_code"], descending=[True, False])
    loads = [0] * shards
    groups: list[list[str]] = [[] for _ in range(shards)]
    for code, size in sizes.iter_rows():
        i = loads.index(min(loads))  # largest specialty first onto the lightest shard
        groups[i].append(code)
        loads[i] += size
    return [programs.filter(pl.col("specialty_code").is_in(g)) for g in groups if g]


@dg.op(
    ins={"directory": dg.In(dg.Nothing)},
    out=dg.DynamicOut(str, io_manager_key="op_io_manager"),
    description="Split this run's website crawl into specialty shards (settings.crawl_shards).",
)
def plan_website_shards(context: dg.OpExecutionContext, settings: Settings):
    run_dir = settings.run_dir(context.run.run_id)
    programs = pl.read_parquet(latest(settings, "directory") / "directory_programs.parquet")
    for i, shard in enumerate(shard_programs(programs, max(1, settings.crawl_shards))):
        folder = run_dir / f"shard_{i}"
        folder.mkdir(parents=True, exist_ok=True)
        shard.write_parquet(folder / "programs.parquet")
        codes = ",".join(sorted(shard["specialty_code"].unique().to_list()))
        context.log.info(f"shard {i}: {shard.height} programs, specialties {codes}")
        yield dg.DynamicOutput(str(folder), mapping_key=f"shard_{i}")


@dg.op(
    out=dg.Out(str, io_manager_key="op_io_manager"),
    description="Crawl one shard's program websites in its own Scrapy process (Dagster Pipes).",
    pool="crawl",
)
def crawl_website_shard(
    context: dg.OpExecutionContext, settings: Settings, pipes_subprocess_client: dg.PipesSubprocessClient, folder: str
) -> dg.Output:
    args = [
        "website", "--out", folder, "--run-id", context.run.run_id, "--programs", str(Path(folder) / "programs.parquet"),
        "--max-pages-per-program", str(settings.max_pages_per_program), "--asset-key", "raw/pages", *settings.crawl_args(),
    ]
    previous = settings.state_dir / "pages_last_good.parquet"
    if previous.exists():
        args += ["--previous", str(previous)]
    # the shard's own metrics go to the run's logs and, for merge_website_shards to add up into
    # the whole crawl's materialization, to a file beside its pages (shards exchange files by path)
    metrics: dict = {}
    for result in _crawl(context, pipes_subprocess_client, args).get_results():
        metrics.update({k: v.value for k, v in (result.metadata or {}).items()})
    context.log.info(f"{Path(folder).name}: " + ", ".join(f"{k}={v}" for k, v in metrics.items()))
    (Path(folder) / SHARD_METRICS).write_text(json.dumps(metrics, sort_keys=True, default=str))
    return dg.Output(folder)


SHARD_METRICS = "metrics.json"
SUMMED = ("pages", "items", "bytes", "not_modified", "skipped", "changed", "errors")


def crawl_metadata(shard_metrics: list[dict]) -> dict:
    """The whole website crawl from its shards' Pipes metrics: counts add up, errors by kind
    too; the shards run side by side, so the crawl took as long as the slowest one."""
    total = {key: sum(int(m.get(key) or 0) for m in shard_metrics) for key in SUMMED}
    errors: dict[str, int] = {}
    for m in shard_metrics:
        for kind, n in (m.get("errors_by_kind") or {}).items():
            errors[kind] = errors.get(kind, 0) + int(n)
    duration = max((float(m.get("duration_s") or 0) for m in shard_metrics), default=0.0)
    return {
        **total,
        "errors_by_kind": dg.MetadataValue.json(dict(sorted(errors.items()))),
        "duration_s": round(duration, 3),
        "pages_per_s": round(total["pages"] / duration, 1) if duration > 0 else 0.0,
    }


@dg.op(description="Join the shards' pages into this run's raw pages file and mark it the latest crawl.")
def merge_website_shards(context: dg.OpExecutionContext, settings: Settings, folders: list[str]) -> dg.Output:
    run_dir = settings.run_dir(context.run.run_id)
    frames = [pl.read_parquet(Path(f) / "pages.parquet") for f in sorted(folders)]
    pages = pl.concat(frames, how="diagonal_relaxed")
    pages.write_parquet(run_dir / "pages.parquet")
    _mark_latest(settings, "pages", run_dir)
    shard_metrics = [json.loads((Path(f) / SHARD_METRICS).read_text()) for f in sorted(folders)]
    # pages: fetches that got an answer; items: rows stored (carried-over copies included);
    # skipped: pages not requested at all, the site's sitemap showed them unchanged
    return dg.Output(
        None,
        metadata={"shards": len(folders), "programs": pages["program_id"].n_unique(), **crawl_metadata(shard_metrics)},
    )


@dg.graph_asset(
    key=["raw", "pages"],
    ins={"directory": dg.AssetIn(key=["raw", "directory_pages"], dagster_type=dg.Nothing)},
    group_name="crawl",
    kinds={"scrapy", "parquet"},
    description=(
        "Program website pages that state eligibility, found by link scoring; conditional requests against "
        "the last good copy. Crawled in specialty shards that run in parallel on a multiprocess or "
        "distributed executor."
    ),
)
def raw_pages(directory):
    return merge_website_shards(plan_website_shards(directory).map(crawl_website_shard).collect())
