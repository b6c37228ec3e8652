"""Raw layer: the two crawls, each a Scrapy process launched through Dagster Pipes.

A Twisted reactor cannot restart in one process (PITFALLS.md), so spiders never run inside
the Dagster or pytest process. Each crawl writes Parquet into this run's raw folder and
reports pages, items, errors, bytes and duration as materialization metadata through Pipes;
a `LATEST` pointer names the newest complete crawl for the layers below.
"""


import sys
from pathlib import Path

import dagster as dg

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


def _crawl(context: dg.AssetExecutionContext, pipes: dg.PipesSubprocessClient, args: list[str]) -> dg.MaterializeResult:
    command = [sys.executable, "-m", "scrapers", *args]
    context.log.info("crawl: " + " ".join(command[2:]))
    return pipes.run(command=command, context=context, cwd=str(REPO_ROOT)).get_materialize_result()


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
    result = _crawl(context, pipes_subprocess_client, args)
    _mark_latest(settings, "directory", run_dir)
    return result


@dg.asset(
    key=["raw", "pages"],
    deps=[raw_directory_pages],
    group_name="crawl",
    kinds={"scrapy", "parquet"},
    description="Program website pages that state eligibility, found by link scoring; conditional requests against the last good copy.",
    pool="crawl",
)
def raw_pages(
    context: dg.AssetExecutionContext, settings: Settings, pipes_subprocess_client: dg.PipesSubprocessClient
) -> dg.MaterializeResult:
    run_dir = settings.run_dir(context.run.run_id)
    programs = latest(settings, "directory") / "directory_programs.parquet"
    args = [
        "website", "--out", str(run_dir), "--run-id", context.run.run_id, "--programs", str(programs),
        "--max-pages-per-program", str(settings.max_pages_per_program), *settings.crawl_args(),
    ]
    previous = settings.state_dir / "pages_last_good.parquet"
    if previous.exists():
        args += ["--previous", str(previous)]
    result = _crawl(context, pipes_subprocess_client, args)
    _mark_latest(settings, "pages", run_dir)
    return result
