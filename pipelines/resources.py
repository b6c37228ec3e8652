"""Dagster resources and IO managers: which web the crawl steps fetch from, the run store, the profiles.

- `source` (CrawlSource): sample or live, and the sample web's URL. Only the crawl steps need it.
  It never starts anything: the run's executor (pipelines/runner.py) starts one sample web per
  run before any step and records its URL in the run's folder, where every step process finds it.
- `store` (RunStore): raw run folders, the newest-complete pointers and the state (warehouse/store.py).
- `settings`: the applicant profiles the marts rank.
- `io_manager`: asset frames as Parquet under the store; `store_io_manager`: raw crawls (their
  value is the crawl's folder; the pointer moves when the crawl completes) and the staged pages store.

Every path comes from one place, `GME_DATA_DIR` (warehouse.paths.data_dir), read at run time.
"""

import contextlib
from collections.abc import Iterator
from typing import Literal

import dagster as dg
import polars as pl

from warehouse.paths import REPO_ROOT
from warehouse.store import DIRECTORY, PAGES, CrawlRun, RunStore, StoreError, write_parquet_atomic


class CrawlSource(dg.ConfigurableResource):
    """Where the crawl steps fetch from. In sample mode with no `sample_web_url`, the run's own sample
    web (started once per run by the executor) is used."""

    source: Literal["sample", "live"] = "sample"
    sample_web_url: str | None = None
    programs: int | None = None  # size of the sample web the run starts; None = full size
    # live mode only: the directory's JSON:API base (FREIDA's public back end)
    live_directory_url: str = "https://freida.ama-assn.org"

    @contextlib.contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext) -> Iterator["CrawlSource"]:
        run = getattr(context, "run", None)
        if self.source == "sample" and not self.sample_web_url and run is not None:
            url = RunStore().sample_web(run.run_id)
            if url:
                yield self.model_copy(update={"sample_web_url": url})
                return
        yield self

    @property
    def needs_sample_web(self) -> bool:
        return self.source == "sample" and not self.sample_web_url

    def crawl_args(self) -> list[str]:
        args = ["--source", self.source]
        if self.source == "sample":
            if not self.sample_web_url:
                raise dg.Failure("no sample web for this run: give source.sample_web_url, or run the job "
                                 "through the gme executor (it starts one)")
            args += ["--sample-web", self.sample_web_url]
        return args

    def directory_args(self) -> list[str]:
        return [] if self.source == "sample" else ["--base-url", self.live_directory_url]


@dg.resource(description="The run store under the data dir (GME_DATA_DIR): raw run folders, pointers, state.")
def store_resource(_context) -> RunStore:
    return RunStore()


class Settings(dg.ConfigurableResource):
    """The applicant profiles the marts rank on every refresh."""

    profiles_dir: str = str(REPO_ROOT / "examples")


class PolarsParquetIOManager(dg.ConfigurableIOManager):
    """Stores each asset's Polars frame under the store (asset keys mirror warehouse paths)."""

    def handle_output(self, context: dg.OutputContext, obj: pl.DataFrame | None) -> None:
        if obj is None:
            return
        path = RunStore().asset_path(*context.asset_key.path)
        write_parquet_atomic(obj, path)
        context.add_output_metadata({"rows": obj.height, "path": str(path)})

    def load_input(self, context: dg.InputContext) -> pl.DataFrame:
        return pl.read_parquet(RunStore().asset_path(*context.asset_key.path))


CRAWL_KINDS = {("raw", "directory_pages"): DIRECTORY, ("raw", "pages"): PAGES}
STAGED_STORE = ("state", "pages_last_good")


class StoreIOManager(dg.ConfigurableIOManager):
    """Raw crawls and the staged pages store, kept by the run store.

    A crawl asset's value is its CrawlRun: storing it moves the newest-complete pointer (reached
    only when the crawl step succeeded); loading it gives the newest complete crawl, so a job that
    does not crawl (incremental's directory, reextract) reads the last one. The staged pages store
    is the candidate that publish promotes.
    """

    def handle_output(self, context: dg.OutputContext, obj) -> None:
        key = tuple(context.asset_key.path)
        store = RunStore()
        if key in CRAWL_KINDS:
            store.mark_complete(CRAWL_KINDS[key], obj.run_id)
        elif key == STAGED_STORE:
            store.stage_candidate(obj)
            context.add_output_metadata({"rows": obj.height})
        else:
            raise StoreError(f"the store keeps no asset {'/'.join(key)}")

    def load_input(self, context: dg.InputContext):
        key = tuple(context.asset_key.path)
        store = RunStore()
        try:
            if key in CRAWL_KINDS:
                return store.latest(CRAWL_KINDS[key])
            if key == STAGED_STORE:
                return store.candidate()
        except StoreError as exc:
            raise dg.Failure(str(exc)) from None
        raise StoreError(f"the store keeps no asset {'/'.join(key)}")


def ins(*names: str) -> dict[str, dg.AssetIn]:
    """Inputs named `<schema>_<table>` for assets keyed [schema, table] (keys mirror warehouse paths)."""
    return {name: dg.AssetIn(key=name.split("_", 1)) for name in names}


__all__ = ["CrawlRun", "CrawlSource", "PolarsParquetIOManager", "Settings", "StoreIOManager", "ins", "store_resource"]
