"""The gme-atlas Dagster code location: everything under defs/, plus resources and the progress logger."""

from pathlib import Path

import dagster as dg

from pipelines.progress import progress_logger
from pipelines.resources import PolarsParquetIOManager, Settings
from warehouse.paths import data_dir


@dg.definitions
def defs() -> dg.Definitions:
    return dg.Definitions.merge(
        dg.load_from_defs_folder(path_within_project=Path(__file__).resolve().parent),
        dg.Definitions(
            resources={
                "settings": Settings(),
                "io_manager": PolarsParquetIOManager(),
                # small values passed between the ops inside graph-backed assets (shard folders)
                "op_io_manager": dg.FilesystemIOManager(base_dir=str(data_dir() / "dagster" / "ops")),
                "pipes_subprocess_client": dg.PipesSubprocessClient(),
            },
            loggers={"progress": progress_logger},
        ),
    )
