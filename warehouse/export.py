"""Export the published consumer tables (core, marts) with a JSON Schema per table, for front ends."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from warehouse.check import check_warehouse, exported_tables
from warehouse.publish import connect_readonly

EXPORTED_SCHEMAS = ("core", "marts")
FORMATS = ("parquet", "csv", "jsonl")

_JSON_TYPES = {
    "VARCHAR": {"type": ["string", "null"]},
    "BOOLEAN": {"type": ["boolean", "null"]},
    "INTEGER": {"type": ["integer", "null"]},
    "BIGINT": {"type": ["integer", "null"]},
    "DOUBLE": {"type": ["number", "null"]},
    "TIMESTAMP": {"type": ["string", "null"], "format": "date-time"},
    "VARCHAR[]": {"type": ["array", "null"], "items": {"type": "string"}},
}


def json_schema(con, schema: str, table: str) -> dict:
    rows = con.sql(
        "SELECT column_name, data_type, comment, is_nullable FROM duckdb_columns() "
        "WHERE schema_name = ? AND table_name = ? ORDER BY column_index",
        params=[schema, table],
    ).fetchall()
    comment = con.sql(
        "SELECT comment FROM duckdb_tables() WHERE schema_name = ? AND table_name = ?", params=[schema, table]
    ).fetchall()[0][0]
    properties = {}
    for name, data_type, col_comment, nullable in rows:
        prop = dict(_JSON_TYPES.get(data_type, {}))
        if not nullable and "type" in prop:
            prop["type"] = prop["type"][0]
        properties[name] = {**prop, "description": col_comment}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"{schema}.{table}",
        "description": comment,
        "type": "object",
        "properties": properties,
        "required": [name for name, _, _, nullable in rows if not nullable],
    }


def export(warehouse: Path, out_dir: Path, fmt: str = "parquet") -> list[Path]:
    """Write every core and marts table to `out_dir` as `<schema>.<table>.<fmt>` plus `<schema>.<table>.schema.json`."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    # an empty DuckDB file or one without our tables used to export nothing and exit 0 (issue 13)
    check_warehouse(warehouse, exported_tables())
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    con = connect_readonly(warehouse)
    try:
        tables = con.sql(
            "SELECT schema_name, table_name FROM duckdb_tables() WHERE schema_name IN ('core', 'marts') ORDER BY ALL"
        ).fetchall()
        for schema, table in tables:
            frame = con.sql(f'SELECT * FROM "{schema}"."{table}"').pl()
            target = out_dir / f"{schema}.{table}.{fmt}"
            if fmt == "parquet":
                frame.write_parquet(target)
            elif fmt == "csv":
                # CSV has no lists: write list columns as JSON arrays
                frame = frame.with_columns(
                    pl.col(c).map_elements(lambda v: json.dumps(v.to_list()), return_dtype=pl.String)
                    for c, t in frame.schema.items()
                    if t.is_nested()
                )
                frame.write_csv(target)
            else:
                frame.write_ndjson(target)
            schema_path = out_dir / f"{schema}.{table}.schema.json"
            schema_path.write_text(json.dumps(json_schema(con, schema, table), indent=2) + "\n")
            written += [target, schema_path]
    finally:
        con.close()
    return written
