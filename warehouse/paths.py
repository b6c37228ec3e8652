"""Where the warehouse and the pipeline's state live on disk (overridable by environment)."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def data_dir() -> Path:
    """Root of everything the pipeline writes: `GME_DATA_DIR`, default `<repo>/data`."""
    return Path(os.environ.get("GME_DATA_DIR") or REPO_ROOT / "data").resolve()


def warehouse_path() -> Path:
    """The published warehouse file: `GME_WAREHOUSE`, default `<data dir>/warehouse.duckdb`."""
    env = os.environ.get("GME_WAREHOUSE")
    return Path(env).resolve() if env else data_dir() / "warehouse.duckdb"
