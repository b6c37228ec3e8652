"""Check a warehouse file before reading it, so every reader command fails in one line that says
what is wrong and what to run (issue 13: a truncated, empty, random, text or directory
"warehouse", or a DuckDB file without our tables, used to end in a traceback).

`check_warehouse(path, tables)` raises `WarehouseError` (a `ValueError`: bad input, exit 2)
when the file is missing, a directory, empty, not a DuckDB file, truncated (shorter than its
own block count says), unreadable by this DuckDB, or lacks one of `tables` or one of their
columns as declared in warehouse/schema.sql (a warehouse built by an older gme-atlas).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from pathlib import Path

import duckdb

# a DuckDB database file: a 4 KiB main header whose bytes 8..11 are b"DUCK", two 4 KiB database
# headers, then fixed-size blocks (`PRAGMA database_size` gives their size and count)
MAGIC = b"DUCK"
MAGIC_OFFSET = 8
HEADERS_SIZE = 3 * 4096

# what each reader command reads
RECOMMEND_TABLES = ("core.programs", "core.program_facts", "marts.program_indicators")
PROGRAM_TABLES = ("core.programs", "core.program_facts", "marts.program_indicators")
CALIBRATE_TABLES = ("core.programs",)
SQL_TABLES = ("core.programs",)
REFRESH = "run `gme refresh` to build it"
ALIAS = "checked"


class WarehouseError(ValueError):
    """The warehouse file cannot be read; the message is one line naming the file, why and what to run."""


@functools.lru_cache(maxsize=1)
def declared_columns() -> dict[str, tuple[str, ...]]:
    """{schema.table: columns} of the tables warehouse/schema.sql declares (core, marts, history, meta)."""
    from warehouse.publish import SCHEMA_SQL

    con = duckdb.connect(":memory:")
    try:
        con.execute(SCHEMA_SQL)
        rows = con.sql(
            "SELECT schema_name || '.' || table_name, list(column_name ORDER BY column_index) FROM duckdb_columns() "
            "WHERE database_name = current_database() GROUP BY ALL"
        ).fetchall()
    finally:
        con.close()
    return {name: tuple(cols) for name, cols in rows}


def exported_tables() -> tuple[str, ...]:
    """The declared core and marts tables (what `gme export` writes)."""
    return tuple(sorted(t for t in declared_columns() if t.split(".", 1)[0] in ("core", "marts")))


def _sql_string(path: Path) -> str:
    return str(path).replace("'", "''")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def check_file(path: Path) -> None:
    """The file itself: exists, a regular file, not empty, a DuckDB file."""
    path = Path(path)
    if not path.exists():
        raise WarehouseError(f"no published warehouse at {path}: {REFRESH}")
    if path.is_dir():
        raise WarehouseError(f"{path} is a directory, not a warehouse file: set GME_WAREHOUSE to the .duckdb file "
                             f"or {REFRESH}")
    if not path.is_file():
        raise WarehouseError(f"{path} is not a regular file: set GME_WAREHOUSE to the .duckdb file or {REFRESH}")
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(MAGIC_OFFSET + len(MAGIC))
    except OSError as exc:
        raise WarehouseError(f"cannot read the warehouse {path}: {exc.strerror or exc}") from None
    if size == 0:
        raise WarehouseError(f"the warehouse {path} is empty (0 bytes): {REFRESH} again")
    if head[MAGIC_OFFSET:] != MAGIC:
        raise WarehouseError(f"{path} is not a DuckDB database file ({size:,} bytes, no DuckDB header): "
                             f"set GME_WAREHOUSE to the warehouse file or {REFRESH}")


def check_warehouse(path: Path, tables: Iterable[str] = RECOMMEND_TABLES) -> None:
    """Raise WarehouseError unless `path` is a whole DuckDB warehouse with `tables` and their declared columns."""
    path = Path(path)
    check_file(path)
    # a fresh in-memory instance with the file attached: never a cached instance of an older file
    con = duckdb.connect(":memory:")
    try:
        try:
            con.execute(f"ATTACH '{_sql_string(path)}' AS {ALIAS} (READ_ONLY)")
        except duckdb.Error as exc:
            if "read enough bytes" in str(exc):  # cut before its last block
                raise WarehouseError(f"the warehouse {path} is truncated ({path.stat().st_size:,} bytes, DuckDB "
                                     f"could not read past the end): {REFRESH} again") from None
            raise WarehouseError(f"cannot open the warehouse {path} with DuckDB {duckdb.__version__}: "
                                 f"{_first_line(exc)}; {REFRESH} again") from None
        try:
            sizes = {row[0]: row for row in con.sql("PRAGMA database_size").fetchall()}
            _, _, block_size, total_blocks, *_ = sizes[ALIAS]
            expected = HEADERS_SIZE + int(block_size) * int(total_blocks)
            size = path.stat().st_size
            if size < expected:
                raise WarehouseError(f"the warehouse {path} is truncated ({size:,} of {expected:,} bytes): {REFRESH} again")
            present = {
                name: set(cols) for name, cols in con.sql(
                    "SELECT schema_name || '.' || table_name, list(column_name) FROM duckdb_columns() "
                    f"WHERE database_name = '{ALIAS}' GROUP BY ALL").fetchall()
            }
        except duckdb.Error as exc:
            raise WarehouseError(f"cannot read the warehouse {path}: {_first_line(exc)}; {REFRESH} again") from None
    finally:
        con.close()
    wanted = list(tables)
    missing = [t for t in wanted if t not in present]
    if missing:
        ours = [t for t in declared_columns() if t in present]
        what = "has none of gme-atlas's tables" if not ours else "lacks " + ", ".join(missing)
        raise WarehouseError(f"{path} {what}: not a gme-atlas warehouse (or built by another version); {REFRESH}")
    declared = declared_columns()
    for table in wanted:
        lacking = [c for c in declared.get(table, ()) if c not in present[table]]
        if lacking:
            raise WarehouseError(
                f"{path} was built by another gme-atlas version ({table} lacks column{'s' if len(lacking) > 1 else ''} "
                f"{', '.join(lacking[:5])}{' ...' if len(lacking) > 5 else ''}): run `gme refresh` to rebuild it")


def debug() -> bool:
    """GME_DEBUG=1 makes `gme` show the traceback instead of the one-line message."""
    return os.environ.get("GME_DEBUG", "").strip() not in ("", "0", "false", "no")
