"""Publish a complete warehouse atomically: build a new DuckDB file beside the live one, swap it in.

DuckDB lets one process write a file and an open reader locks writers out (PITFALLS.md), so the
published file is never written in place: the new warehouse is built in a temporary file in
the same directory, checkpointed and closed, then `os.replace`d over the published one. A
reader sees either the old warehouse or the new one, never half of either, and an analyst's
open read-only connection keeps reading the old file's inode until it reconnects.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import duckdb
import polars as pl

from warehouse.tables import RAW_STAGING_DOCS

SCHEMA_SQL = resources.files("warehouse").joinpath("schema.sql").read_text(encoding="utf-8")
DECLARED_SCHEMAS = ("core", "marts", "history", "meta")


class PublishError(RuntimeError):
    """The new warehouse could not be built; the published one is untouched."""


@dataclass(frozen=True)
class PublishResult:
    path: Path
    row_counts: dict[str, int]


def _quote(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def _ident(name: str) -> str:
    return ".".join('"' + part.replace('"', '""') + '"' for part in name.split("."))


def _columns(con: duckdb.DuckDBPyConnection) -> str:
    """Column definitions of the registered `_frame`, as `CREATE TABLE AS` would type them.

    Page bodies (BLOB) are stored as they come: they are compressed already (`body_codec`), so
    DuckDB's own compression only spends time analysing them to save nothing."""
    columns = con.execute("DESCRIBE SELECT * FROM _frame").fetchall()
    return ", ".join(
        f"{_ident(column)} {sql_type}" + (" USING COMPRESSION uncompressed" if sql_type == "BLOB" else "")
        for column, sql_type, *_ in columns
    )


def build(path: Path, tables: Mapping[str, pl.DataFrame]) -> dict[str, int]:
    """Write every table into a new DuckDB file at `path` (which must not exist)."""
    counts: dict[str, int] = {}
    con = duckdb.connect(str(path))
    try:
        # one transaction for the whole build (not a commit per statement); the file is not
        # published until it is checkpointed, closed and swapped in below anyway
        con.execute("BEGIN TRANSACTION")
        con.execute(SCHEMA_SQL)
        for name, frame in tables.items():
            schema = name.split(".", 1)[0]
            con.register("_frame", frame.to_arrow())
            if schema in DECLARED_SCHEMAS:
                con.execute(f"INSERT INTO {_ident(name)} BY NAME SELECT * FROM _frame")
            else:
                con.execute(f"CREATE TABLE {_ident(name)} ({_columns(con)})")
                con.execute(f"INSERT INTO {_ident(name)} SELECT * FROM _frame")
                doc = RAW_STAGING_DOCS.get(name)
                if doc is not None:
                    con.execute(f"COMMENT ON TABLE {_ident(name)} IS {_quote(doc.comment)}")
                    for column in frame.columns:
                        if column in doc.columns:
                            con.execute(
                                f"COMMENT ON COLUMN {_ident(name)}.{_ident(column)} IS {_quote(doc.columns[column])}"
                            )
            con.unregister("_frame")
            counts[name] = frame.height
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return counts


def publish(target: Path, tables: Mapping[str, pl.DataFrame]) -> PublishResult:
    """Build the warehouse beside `target` and atomically replace `target` with it."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.building")
    try:
        counts = build(tmp, tables)
        os.replace(tmp, target)
    except Exception as exc:  # leave the published warehouse as it was
        raise PublishError(f"could not build the new warehouse beside {target}: {exc}") from exc
    finally:
        for leftover in (tmp, Path(str(tmp) + ".wal")):
            leftover.unlink(missing_ok=True)
    return PublishResult(path=target, row_counts=counts)


def connect_readonly(path: Path) -> duckdb.DuckDBPyConnection:
    """A short-lived read-only connection (readers should connect per query, not hold it)."""
    if not Path(path).exists():
        raise FileNotFoundError(f"no published warehouse at {path}: run `gme refresh` first")
    return duckdb.connect(str(path), read_only=True)


def remove_leftovers(target: Path) -> list[Path]:
    """Remove half-built warehouses (and their WAL) a killed publish left beside `target`.

    Call only while holding the refresh lock: a running publish owns its `.building` file."""
    target = Path(target)
    if not target.parent.exists():
        return []
    removed = []
    for pattern in (f".{target.name}.*.building", f".{target.name}.*.building.wal"):
        for path in target.parent.glob(pattern):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
