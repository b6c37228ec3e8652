"""Read-only queries on the published warehouse, one fresh database instance per query.

`duckdb.connect(path, read_only=True)` reuses the process's cached instance of a file it has
already opened, and that instance keeps reading the old file after a publish's `os.replace`
(PITFALLS.md, "DuckDB instance cache"). Each query here opens a new in-memory database and
ATTACHes the published file READ_ONLY into it, so it always reads the newest published file,
and then turns file system access off and locks the configuration: a query can read the
warehouse and nothing else, and can write nothing (no COPY TO, no ATTACH, no extensions).
Only statements that read (SELECT and friends, EXPLAIN, PRAGMA) are accepted.

Used by `gme sql`, `gme changes` and `gme program` (pipelines/analyst.py).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb

from warehouse.paths import warehouse_path

ALIAS = "warehouse"  # the attached published file; queries see its schemas unqualified
READ_STATEMENTS = ("SELECT", "EXPLAIN", "PRAGMA")


class QueryError(ValueError):
    """A query that cannot run (bad SQL, a write, no warehouse): the message is one line."""


@dataclass(frozen=True)
class Result:
    columns: list[str]
    types: list[str]
    rows: list[tuple]


def one_line(exc: BaseException) -> str:
    """DuckDB's message on one line: its first line, plus a "Did you mean" hint if it gives one."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    if not lines:
        return type(exc).__name__
    hint = next((line for line in lines[1:] if line.lower().startswith("did you mean")), None)
    return lines[0] + (f" ({hint})" if hint else "")


@contextlib.contextmanager
def connect(path: Path | str | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A new database instance with the published warehouse attached read-only (closed after use)."""
    path = Path(path) if path is not None else warehouse_path()
    if not path.exists():
        raise QueryError(f"no published warehouse at {path}: run `gme refresh` first")
    if path.is_dir():
        raise QueryError(f"{path} is a directory, not a warehouse file (set GME_WAREHOUSE to the .duckdb file)")
    con = duckdb.connect(":memory:")
    try:
        try:
            con.execute(f"ATTACH {_literal(str(path))} AS {ALIAS} (READ_ONLY)")
        except duckdb.Error as exc:
            raise QueryError(f"cannot open {path} as a DuckDB warehouse: {one_line(exc)}") from None
        con.execute(f"USE {ALIAS}")
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
        yield con
    finally:
        con.close()


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def check_read_only(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Reject anything but one reading statement, with a one-line reason."""
    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryError(one_line(exc)) from None
    if not statements:
        raise QueryError("empty query: give one SELECT statement")
    if len(statements) > 1:
        raise QueryError(f"one statement at a time (got {len(statements)})")
    kind = statements[0].type.name
    if kind not in READ_STATEMENTS:
        raise QueryError(f"read-only: {kind} statements are not allowed (SELECT, EXPLAIN or PRAGMA only)")


def run(sql: str, params: Sequence | None = None, path: Path | str | None = None) -> Result:
    """Run one read-only statement on a fresh read-only connection."""
    with connect(path) as con:
        check_read_only(con, sql)
        try:
            rel = con.sql(sql, params=list(params) if params else None)
            if rel is None:
                return Result([], [], [])
            return Result(list(rel.columns), [str(t) for t in rel.types], rel.fetchall())
        except duckdb.Error as exc:
            raise QueryError(one_line(exc)) from None


def query_frame(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence | None = None):
    """A Polars frame from an open connection (for internal, trusted queries)."""
    return con.sql(sql, params=list(params) if params else None).pl()


# --- output ------------------------------------------------------------------------------

def _plain(value):
    """A JSON-ready value: timestamps as ISO text, decimals as numbers, bytes as hex."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, float | int | str | bool) or value is None:
        return value
    return str(value)


def _cell(value) -> str:
    if value is None:
        return ""
    value = _plain(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def as_json(result: Result) -> str:
    """An array of objects, one per row."""
    return json.dumps([dict(zip(result.columns, map(_plain, row))) for row in result.rows], ensure_ascii=False, indent=1)


def as_jsonl(result: Result) -> str:
    return "".join(json.dumps(dict(zip(result.columns, map(_plain, row))), ensure_ascii=False) + "\n" for row in result.rows)


def as_csv(result: Result) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow([_cell(v) for v in row])
    return buf.getvalue()


def as_table(result: Result, max_width: int = 60) -> str:
    """Aligned columns, long cells cut with an ellipsis, and a row count."""
    def fit(text: str) -> str:
        text = text.replace("\n", " ").replace("\r", " ")
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    header = [fit(c) for c in result.columns]
    body = [[fit(_cell(v)) for v in row] for row in result.rows]
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(header)]
    numeric = [t.split("(")[0] in {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT",
                                   "UINTEGER", "UBIGINT", "FLOAT", "DOUBLE", "DECIMAL"} for t in result.types]

    def line(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) if num else c.ljust(w) for c, w, num in zip(cells, widths, numeric)).rstrip()

    out = [line(header), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in body]
    out.append(f"({len(body)} row{'s' if len(body) != 1 else ''})")
    return "\n".join(out) + "\n"


FORMATS = {"table": as_table, "csv": as_csv, "json": as_json, "jsonl": as_jsonl}


# --- one program's whole story (`gme program`) ---------------------------------------------

def _dicts(con, sql: str, params: list) -> list[dict]:
    rel = con.sql(sql, params=params)
    return [dict(zip(rel.columns, row)) for row in rel.fetchall()]


def _has(con, schema: str, table: str) -> bool:
    return bool(con.sql("SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
                        "AND schema_name = ? AND table_name = ?", params=[schema, table]).fetchall()[0][0])


FACT_KEYS = ("value", "source", "strictness", "condition", "url", "evidence", "stale", "seen_at")


def program_story(con, program_id: str, now: datetime | None = None) -> dict | None:
    """Identity, every field (selected value, its evidence, the other sources' values, conflict),
    indicators with components, website freshness, pages and their history, fact history."""
    from eligibility import FIELDS

    rows = _dicts(con, "SELECT * FROM core.programs WHERE program_id = ?", [program_id])
    if not rows:
        return None
    program = rows[0]
    now = now or datetime.utcnow()
    seen = program.get("website_facts_seen_at")
    age_days = round((now - seen).total_seconds() / 86400, 1) if seen else None
    facts = _dicts(con, f"SELECT field, {', '.join(FACT_KEYS)}, selected FROM core.program_facts "
                        "WHERE program_id = ? ORDER BY field, selected DESC, source DESC, url", [program_id])
    conflicting = set(program.get("conflicting_fields") or [])
    fields = []
    for name in FIELDS:
        mine = [f for f in facts if f["field"] == name]
        chosen = next((f for f in mine if f["selected"]), None)
        fields.append({
            "field": name,
            "value": program.get(name),
            "selected": {k: chosen[k] for k in FACT_KEYS} if chosen else None,
            "others": [{k: f[k] for k in FACT_KEYS} for f in mine if f is not chosen],
            "conflict": name in conflicting,
        })
    indicators = _dicts(con, "SELECT * FROM marts.program_indicators WHERE program_id = ?", [program_id])
    pages = _dicts(con, "SELECT url, page_kind, status, error, content_hash, fetched_at, not_modified FROM staging.pages "
                        "WHERE program_id = ? ORDER BY url", [program_id]) if _has(con, "staging", "pages") else []
    page_history = (_dicts(con, "SELECT url, change, cause, hash_before, hash_after, seen_at, run_id FROM history.page_changes "
                                "WHERE program_id = ? ORDER BY seen_at, url", [program_id])
                    if _has(con, "history", "page_changes") else [])
    fact_history = _dicts(con, "SELECT * EXCLUDE (program_id) FROM history.program_fact_changes WHERE program_id = ? "
                               "ORDER BY changed_at, field", [program_id])
    identity_keys = ("program_id", "name", "specialty_code", "specialty", "institution", "city", "state", "setting",
                     "first_year_positions", "pct_img", "pct_do", "pct_usmd", "website", "basic_listing", "survey_year")
    return {
        "identity": {k: program.get(k) for k in identity_keys},
        "website": {
            "status": program.get("website_status"),
            "facts_seen_at": seen,
            "facts_age_days": age_days,
            "facts_stale": program.get("website_facts_stale"),
            "stale_content": program.get("stale_content"),
        },
        "conflicting_fields": sorted(conflicting),
        "fields": fields,
        "indicators": indicators[0] if indicators else None,
        "pages": pages,
        "page_history": page_history,
        "fact_history": fact_history,
        "updated_at": program.get("updated_at"),
    }
