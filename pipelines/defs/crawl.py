"""Raw layer: the directory crawl and the sharded website crawl, each a Scrapy process launched through Dagster Pipes.

A Twisted reactor cannot restart in one process (PITFALLS.md), so spiders never run inside
the Dagster or pytest process. Each crawl writes Parquet into this run's raw folder and
reports pages, items, errors, bytes and duration as metadata through Pipes. Each crawl asset's
value is its run folder (warehouse/store.py's CrawlRun); the store IO manager moves the
newest-complete pointer when that value is stored, which happens only when the step succeeded,
and the layers below take the crawl as an input.
"""

import contextlib
import os
import signal
import subprocess
import sys
import warnings
from pathlib import Path

import dagster as dg
import polars as pl

from pipelines.resources import CrawlSource
from pipelines.warmup import importing_meanwhile, in_process_run
from warehouse.paths import REPO_ROOT
from warehouse.store import CrawlRun, RunStore, Shard


class DirectoryCrawlConfig(dg.Config):
    specialties: list[str] | None = None  # limit the directory crawl to these specialty codes


class ShardPlanConfig(dg.Config):
    # website crawl shards (whole specialties each), each crawled by its own Scrapy process
    shards: int = 1
    # shards per crawl step: 0 = all of them in one step, their Scrapy processes at once (no step
    # process to start per shard: what `gme refresh --crawl-shards N` runs); 1 = a step per shard,
    # for a multiprocess or distributed executor that puts each step on its own worker
    shards_per_step: int = 0


class WebsiteCrawlConfig(dg.Config):
    max_pages_per_program: int = 12


def _crawl(context, pipes: dg.PipesSubprocessClient, args: list[str]):
    """Run `python -m scrapers <args>` through Pipes; returns the completed invocation (a crawl
    that exits non-zero raises here, so its step fails and no pointer moves)."""
    command = [sys.executable, "-m", "scrapers", *args]
    context.log.info("crawl: " + " ".join(command[2:]))
    _quiet_pipes_preview_warning()
    # while this process waits for the crawl, it imports what its later steps validate with (GX)
    with importing_meanwhile(enabled=in_process_run(context.run.run_config)):
        return pipes.run(command=command, context=context, cwd=str(REPO_ROOT))


def _quiet_pipes_preview_warning() -> None:
    # Dagster's own Pipes session calls one of its preview APIs and warns about it on every crawl
    # step (dagster 1.13): noise in `gme refresh`'s output, nothing for us to act on. Set in the
    # step (loading the definitions runs inside Dagster's own catch_warnings, which would drop a
    # filter set at import), and for good, not in a catch_warnings block around the crawl: that
    # would drop, on its way out, the filters the imports done meanwhile add (and it is not
    # thread-safe). filterwarnings replaces an identical filter, so they do not pile up.
    warnings.filterwarnings("ignore", category=dg.PreviewWarning, module=r"dagster\._core\.pipes")


def _crawl_at_once(context, pipes: dg.PipesSubprocessClient, arg_lists: list[list[str]]) -> list[list]:
    """Run several `python -m scrapers` processes side by side, each in its own Pipes session (what
    `pipes.run` does for one, with the client's environment and stop settings); returns each crawl's
    Pipes results. A crawl that exits non-zero fails the step once the others have ended; an
    interrupted step (SIGTERM, SIGINT) passes SIGINT to every crawl still running, as Pipes does."""
    commands = [[sys.executable, "-m", "scrapers", *args] for args in arg_lists]
    if len(commands) == 1:
        return [list(_crawl(context, pipes, arg_lists[0]).get_results())]
    sessions, procs = [], []
    _quiet_pipes_preview_warning()
    with importing_meanwhile(enabled=in_process_run(context.run.run_config)), contextlib.ExitStack() as opened:
        try:
            for command in commands:
                context.log.info("crawl: " + " ".join(command[2:]))
                session = opened.enter_context(dg.open_pipes_session(
                    context=context, context_injector=dg.PipesTempFileContextInjector(),
                    message_reader=dg.PipesTempFileMessageReader()))
                sessions.append(session)
                procs.append(subprocess.Popen(command, cwd=str(REPO_ROOT),
                                              env={**os.environ, **pipes.env, **session.get_bootstrap_env_vars()}))
            codes = [proc.wait() for proc in procs]
        except BaseException:
            for proc in procs:
                if proc.poll() is None:
                    proc.send_signal(signal.SIGINT)
            for proc in procs:
                try:
                    proc.wait(timeout=pipes.termination_timeout_seconds)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            raise
        failed = [f"{args[0]} crawl {i} exited with code {code}" for i, (args, code) in enumerate(zip(arg_lists, codes, strict=True))
                  if code != 0]
        if failed:
            raise RuntimeError("; ".join(failed) + " (an incomplete crawl is never published)")
    # read once every session is closed: its reader has handed over the crawl's last messages
    return [list(session.get_results()) for session in sessions]


@dg.asset(
    key=["raw", "directory_pages"],
    group_name="crawl",
    kinds={"scrapy", "parquet"},
    io_manager_key="store_io_manager",
    description="Directory API pages (FREIDA-style JSON:API) crawled by the directory spider; person nodes dropped at parse time.",
    pool="crawl",
)
def raw_directory_pages(
    context: dg.AssetExecutionContext, config: DirectoryCrawlConfig, source: CrawlSource,
    store: dg.ResourceParam[RunStore], pipes_subprocess_client: dg.PipesSubprocessClient,
) -> dg.Output[CrawlRun]:
    run_id = context.run.run_id
    run = store.crawl_run(run_id)  # the store names the files; the crawl writes where it is told
    args = ["directory", "--pages-out", str(run.directory_pages_path), "--programs-out", str(run.directory_programs_path),
            "--run-id", run_id, *source.crawl_args(), *source.directory_args()]
    if config.specialties:
        args += ["--specialties", ",".join(config.specialties)]
    result = _crawl(context, pipes_subprocess_client, args).get_materialize_result()
    # the store IO manager moves the newest-complete pointer once this output is stored
    return dg.Output(run, metadata=dict(result.metadata or {}))


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
    out=dg.DynamicOut(list, io_manager_key="op_io_manager"),
    description="Split this run's website crawl into specialty shards (config: shards), and the shards into "
                "crawl steps (config: shards_per_step; default all in one step).",
)
def plan_website_shards(context: dg.OpExecutionContext, config: ShardPlanConfig, store: dg.ResourceParam[RunStore],
                        directory: CrawlRun):
    programs = directory.directory_programs()
    folders = []
    for i, programs_of_shard in enumerate(shard_programs(programs, max(1, config.shards))):
        shard = store.shard(context.run.run_id, i)
        shard.write_programs(programs_of_shard)
        codes = ",".join(sorted(programs_of_shard["specialty_code"].unique().to_list()))
        context.log.info(f"shard {i}: {programs_of_shard.height} programs, specialties {codes}")
        folders.append(str(shard.folder))
    per_step = config.shards_per_step if config.shards_per_step > 0 else len(folders)
    for start in range(0, len(folders), per_step):
        indices = range(start, min(start + per_step, len(folders)))
        # shard_0 for one shard, shard_0_1 for two crawled side by side in one step
        yield dg.DynamicOutput([folders[i] for i in indices], mapping_key="shard_" + "_".join(map(str, indices)))


@dg.op(
    out=dg.Out(list, io_manager_key="op_io_manager"),
    description="Crawl shards' program websites, each shard in its own Scrapy process, side by side (Dagster Pipes).",
    pool="crawl",
)
def crawl_website_shard(
    context: dg.OpExecutionContext, config: WebsiteCrawlConfig, source: CrawlSource, store: dg.ResourceParam[RunStore],
    pipes_subprocess_client: dg.PipesSubprocessClient, folders: list,
) -> dg.Output:
    shards = [Shard(Path(f)) for f in folders]
    arg_lists = []
    for shard in shards:
        args = [
            "website", "--pages-out", str(shard.pages_path), "--run-id", context.run.run_id,
            "--programs", str(shard.programs_path),
            "--max-pages-per-program", str(config.max_pages_per_program), "--asset-key", "raw/pages",
            *source.crawl_args(),
        ]
        if store.last_good_path is not None:
            args += ["--previous", str(store.last_good_path)]
        arg_lists.append(args)
    # each shard's own metrics go to the run's logs and, for merge_website_shards to add up into
    # the whole crawl's materialization, to a file beside its pages (shards exchange files by path)
    for shard, results in zip(shards, _crawl_at_once(context, pipes_subprocess_client, arg_lists), strict=True):
        metrics: dict = {}
        for result in results:
            metrics.update({k: v.value for k, v in (result.metadata or {}).items()})
        context.log.info(f"{shard.folder.name}: " + ", ".join(f"{k}={v}" for k, v in metrics.items()))
        shard.write_metrics(metrics)
    return dg.Output(list(folders))


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


@dg.op(
    out=dg.Out(CrawlRun, io_manager_key="store_io_manager"),
    description="Join the shards' pages into this run's raw pages file (the store marks it the newest complete crawl).",
)
def merge_website_shards(context: dg.OpExecutionContext, store: dg.ResourceParam[RunStore], folders: list) -> CrawlRun:
    # one list of shard folders per crawl step
    shards = sorted((Shard(Path(f)) for step in folders for f in step), key=lambda s: s.folder.name)
    shard_metrics = [s.metrics() for s in shards]
    pages = store.join_shards(context.run.run_id, shards)
    # pages: fetches that got an answer; items: rows stored (carried-over copies included);
    # skipped: pages not requested at all, the site's sitemap showed them unchanged
    context.add_output_metadata(
        {"shards": len(shards), "programs": pages["program_id"].n_unique(), **crawl_metadata(shard_metrics)}
    )
    return store.crawl_run(context.run.run_id)


@dg.graph_asset(
    key=["raw", "pages"],
    ins={"directory": dg.AssetIn(key=["raw", "directory_pages"])},
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
