"""One real published warehouse per test session (`gme refresh --programs 300` on the sample web),
shared by tests/recommend and tests/plans: built by the first test that asks for it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
GME = [sys.executable, "-m", "pipelines.cli"]


def published_env(tmp_path_factory) -> dict[str, str]:
    root = tmp_path_factory.getbasetemp() / "gme-published-300"
    home = root / "dagster_home"
    env = {**os.environ, "GME_DATA_DIR": str(root / "data"), "GME_WAREHOUSE": str(root / "w.duckdb"),
           "DAGSTER_HOME": str(home)}
    if not (root / "published").exists():
        shutil.rmtree(root, ignore_errors=True)
        home.mkdir(parents=True)
        shutil.copyfile(REPO / "dagster.yaml", home / "dagster.yaml")
        subprocess.run([*GME, "refresh", "--programs", "300"], cwd=REPO, env=env, check=True, capture_output=True,
                       timeout=900)
        (root / "published").touch()
    return env
