"""The gme-atlas Dagster code location: everything under defs/, plus resources, the executor and the progress logger."""

from pathlib import Path

import dagster as dg

from pipelines.progress import progress_logger
from pipelines.resources import CrawlSource, PolarsParquetIOManager, Settings, StoreIOManager, store_resource
from pipelines.runner import gme_executor
from warehouse.paths import data_dir


@dg.definitions
def defs() -> dg.Definitions:
    return dg.Definitions.merge(
        dg.load_from_defs_folder(path_within_project=Path(__file__).resolve().parent),
        dg.Definitions(
            resources={
                "source": CrawlSource(),
                "store": store_resource,
                "settings": Settings(),
                "io_manager": PolarsParquetIOManager(),
                "store_io_manager": StoreIOManager(),
                # small values passed between the ops inside graph-backed assets (shard folders)
                "op_io_manager": dg.FilesystemIOManager(base_dir=str(data_dir() / "dagster" / "ops")),
                "pipes_subprocess_client": dg.PipesSubprocessClient(),
            },
            loggers={"progress": progress_logger},
            executor=gme_executor,
        ),
    )
