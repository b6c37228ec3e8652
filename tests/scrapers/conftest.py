"""Fixtures for the scrapers' tests: a loopback mock web and a helper that runs a crawl in
its own process (a crawl owns its event loop; PITFALLS.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.scrapers.mockweb import MockWeb, running

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def mockweb():
    with running(MockWeb(programs=3)) as web:
        yield web


def write_programs(path: Path, websites: dict[str, str | None]) -> Path:
    pq.write_table(pa.table({"program_id": list(websites), "website": list(websites.values())}), path)
    return path


def run_scrapers(*args: str, env: dict | None = None, timeout: int = 120) -> tuple[int, dict | None, str]:
    """`python -m scrapers ...` in a child process: (exit code, metrics JSON, stderr)."""
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("DAGSTER_PIPES")}
    full_env = {**inherited, "PYTHONPATH": str(REPO), **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "scrapers", *args], cwd=REPO, env=full_env,
        capture_output=True, text=True, timeout=timeout,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    return proc.returncode, json.loads(lines[-1]) if lines else None, proc.stderr


def directory_outputs(folder: Path) -> list[str]:
    """The directory crawl's two output options, files in `folder`."""
    return ["--pages-out", str(folder / "directory_pages.parquet"),
            "--programs-out", str(folder / "directory_programs.parquet")]


def read_rows(path: Path) -> list[dict]:
    return pq.read_table(path).to_pylist()
