"""Dagster resources: where the pipeline reads and writes, which web it crawls, and the Parquet IO manager."""

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import dagster as dg
import polars as pl

from warehouse.paths import REPO_ROOT, data_dir, warehouse_path


NO_CRAWL_JOBS = frozenset({"reextract"})  # jobs that fetch nothing: no sample web to start


class Settings(dg.ConfigurableResource):
    """Run settings. In sample mode with no `sample_web_url`, a local sample web is started for the run."""

    source: Literal["sample", "live"] = "sample"
    sample_web_url: str | None = None
    programs: int | None = None  # sample web size; None = full size
    specialties: list[str] | None = None  # limit the directory crawl to these specialty codes
    data_dir: str = ""
    warehouse: str = ""
    profiles_dir: str = str(REPO_ROOT / "examples")
    max_pages_per_program: int = 12
    # website crawl shards (whole specialties each); they run in parallel on a multiprocess or
    # distributed executor, one after another in-process
    crawl_shards: int = 1
    # live mode only: the directory's JSON:API base (FREIDA's public back end)
    live_directory_url: str = "https://freida.ama-assn.org"

    @contextlib.contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext) -> Iterator["Settings"]:
        run = getattr(context, "run", None)
        crawls = run is None or run.job_name not in NO_CRAWL_JOBS
        if self.source == "sample" and not self.sample_web_url and crawls:
            from sampleweb.server import running_sample_web

            with running_sample_web(programs=self.programs) as web:
                context.log.info(f"started the local sample web at {web.url}")
                yield self.model_copy(update={"sample_web_url": web.url})
        else:
            yield self

    @property
    def data_path(self) -> Path:
        return Path(self.data_dir).resolve() if self.data_dir else data_dir()

    @property
    def warehouse_path(self) -> Path:
        return Path(self.warehouse).resolve() if self.warehouse else warehouse_path()

    @property
    def state_dir(self) -> Path:
        """Files that carry over between runs: last good pages, extraction cache, history."""
        path = self.data_path / "state"
        path.mkdir(parents=True, exist_ok=True)
        return path

    def run_dir(self, run_id: str) -> Path:
        path = self.data_path / "raw" / "runs" / run_id
        path.mkdir(parents=True, exist_ok=True)
        return path

    def crawl_args(self) -> list[str]:
        args = ["--source", self.source]
        if self.source == "sample":
            args += ["--sample-web", self.sample_web_url or ""]
        return args

    def directory_args(self) -> list[str]:
        return [] if self.source == "sample" else ["--base-url", self.live_directory_url]


class PolarsParquetIOManager(dg.ConfigurableIOManager):
    """Stores each asset's Polars frame as `<base>/<key path>.parquet` (asset keys mirror warehouse paths)."""

    base_dir: str = ""

    def _path(self, key: dg.AssetKey) -> Path:
        base = Path(self.base_dir) if self.base_dir else data_dir() / "assets"
        return base.joinpath(*key.path).with_suffix(".parquet")

    def handle_output(self, context: dg.OutputContext, obj: pl.DataFrame | None) -> None:
        if obj is None:
            return
        path = self._path(context.asset_key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".parquet.tmp")
        obj.write_parquet(tmp)
        tmp.replace(path)
        context.add_output_metadata({"rows": obj.height, "path": str(path)})

    def load_input(self, context: dg.InputContext) -> pl.DataFrame:
        return pl.read_parquet(self._path(context.asset_key))


def ins(*names: str) -> dict[str, dg.AssetIn]:
    """Inputs named `<schema>_<table>` for assets keyed [schema, table] (keys mirror warehouse paths)."""
    return {name: dg.AssetIn(key=name.split("_", 1)) for name in names}
