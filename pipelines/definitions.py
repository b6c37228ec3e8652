"""The gme-atlas Dagster code location: everything under defs/, plus resources and the progress logger."""


from pathlib import Path

import dagster as dg

from pipelines.progress import progress_logger
from pipelines.resources import PolarsParquetIOManager, Settings


@dg.definitions
def defs() -> dg.Definitions:
    return dg.Definitions.merge(
        dg.load_from_defs_folder(path_within_project=Path(__file__).resolve().parent),
        dg.Definitions(
            resources={
                "settings": Settings(),
                "io_manager": PolarsParquetIOManager(),
                "pipes_subprocess_client": dg.PipesSubprocessClient(),
            },
            loggers={"progress": progress_logger},
        ),
    )
