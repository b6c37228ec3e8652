"""An isolated data dir, warehouse and Dagster instance per test module (as tests/integration does)."""

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def isolated_env(tmp_path_factory):
    root = tmp_path_factory.mktemp("gme_analyst")
    home = root / "dagster_home"
    home.mkdir()
    shutil.copyfile(REPO / "dagster.yaml", home / "dagster.yaml")
    env = {"GME_DATA_DIR": str(root / "data"), "GME_WAREHOUSE": str(root / "data" / "warehouse.duckdb"),
           "DAGSTER_HOME": str(home)}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        yield root
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
