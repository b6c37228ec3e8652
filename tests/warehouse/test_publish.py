"""Atomic publishing, comments and exports against real DuckDB files."""

import json
import multiprocessing as mp
import time

import duckdb
import polars as pl
import pytest

from warehouse.export import export
from warehouse.publish import PublishError, connect_readonly, publish


def recs(n: int, applicant: str = "a") -> pl.DataFrame:
    return pl.DataFrame(
        {"applicant_id": [applicant] * n, "program_id": [f"14{i:08d}" for i in range(n)], "rank": list(range(1, n + 1)),
         "tier": ["target"] * n, "score": [50.0] * n, "reasons": ["r"] * n}
    )


def test_every_core_and_marts_table_and_column_has_a_comment(tmp_path):
    path = tmp_path / "w.duckdb"
    publish(path, {})
    con = connect_readonly(path)
    tables = con.sql("SELECT schema_name, table_name FROM duckdb_tables() WHERE schema_name IN ('core','marts')").fetchall()
    assert {t for _, t in tables} >= {"programs", "program_facts", "program_indicators", "recommendations"}
    assert con.sql("SELECT count(*) FROM duckdb_tables() WHERE schema_name IN ('core','marts') AND (comment IS NULL OR comment = '')").fetchall()[0][0] == 0
    missing = con.sql(
        "SELECT schema_name, table_name, column_name FROM duckdb_columns() "
        "WHERE schema_name IN ('core','marts') AND (comment IS NULL OR comment = '')"
    ).fetchall()
    assert missing == []


def test_reader_with_open_connection_keeps_old_data_and_new_readers_see_new(tmp_path):
    path = tmp_path / "w.duckdb"
    publish(path, {"marts.recommendations": recs(3)})
    reader = duckdb.connect(str(path), read_only=True)
    publish(path, {"marts.recommendations": recs(5)})  # must not fail while the reader is open
    assert reader.sql("SELECT count(*) FROM marts.recommendations").fetchall()[0][0] == 3
    reader.close()
    assert connect_readonly(path).sql("SELECT count(*) FROM marts.recommendations").fetchall()[0][0] == 5


def _read_forever(path, stop, errors, reads):
    while not stop.is_set():
        try:
            con = duckdb.connect(path, read_only=True)
            n = con.sql("SELECT count(*) FROM marts.recommendations").fetchall()[0][0]
            con.close()
            if n not in (3, 5):
                errors.value += 1
            reads.value += 1
        except Exception:
            errors.value += 1


@pytest.mark.slow
def test_concurrent_readers_never_see_an_error_or_a_half_table(tmp_path):
    path = str(tmp_path / "w.duckdb")
    publish(tmp_path / "w.duckdb", {"marts.recommendations": recs(3)})
    ctx = mp.get_context("spawn")
    stop, errors, reads = ctx.Event(), ctx.Value("i", 0), ctx.Value("i", 0)
    proc = ctx.Process(target=_read_forever, args=(path, stop, errors, reads))
    proc.start()
    try:
        deadline = time.monotonic() + 60
        while reads.value == 0 and time.monotonic() < deadline:  # the reader is up and reading
            time.sleep(0.01)
        before = reads.value
        for i in range(30):
            publish(tmp_path / "w.duckdb", {"marts.recommendations": recs(5 if i % 2 else 3)})
        during = reads.value - before
    finally:
        stop.set()
        proc.join(30)
    assert errors.value == 0
    assert during > 0  # reads really overlapped the swaps


def test_failed_build_leaves_published_file_untouched(tmp_path):
    path = tmp_path / "w.duckdb"
    publish(path, {"marts.recommendations": recs(2)})
    bad = pl.DataFrame({"applicant_id": ["a"], "program_id": ["1"], "rank": [None], "tier": ["x"], "score": [1.0], "reasons": [""]})
    with pytest.raises(PublishError):
        publish(path, {"marts.recommendations": bad})  # rank is NOT NULL
    assert connect_readonly(path).sql("SELECT count(*) FROM marts.recommendations").fetchall()[0][0] == 2
    assert [p.name for p in tmp_path.iterdir()] == ["w.duckdb"]  # no temp file left behind


def test_raw_and_staging_tables_keep_their_types_values_and_comments(tmp_path):
    """raw/staging tables are typed from their frames (as CREATE TABLE AS would), bodies byte for byte."""
    import gzip
    from datetime import UTC, datetime

    from polars.testing import assert_frame_equal

    bodies = [gzip.compress(f"<html>page {i}</html>".encode() * 50) for i in range(3)] + [None]
    pages = pl.DataFrame({
        "program_id": ["1400000001", "1400000001", "1400000002", "1400000003"], "status": [200, 304, 200, 404],
        "fetched_at": [datetime(2026, 12, 3, 13, i, tzinfo=UTC) for i in range(4)], "body": bodies,
        "not_modified": [False, True, False, None], "tags": [["a"], [], None, ["b", "c"]],
    }, schema_overrides={"status": pl.Int32})
    path = tmp_path / "w.duckdb"
    publish(path, {"raw.pages": pages})
    con = connect_readonly(path)
    expected = duckdb.connect().execute("DESCRIBE SELECT * FROM pages").fetchall()
    assert con.execute("DESCRIBE raw.pages").fetchall() == expected
    back = con.sql("SELECT * FROM raw.pages ORDER BY fetched_at").pl()
    assert_frame_equal(back.with_columns(pl.col("fetched_at").dt.convert_time_zone("UTC")), pages)
    assert con.sql("SELECT comment FROM duckdb_columns() WHERE table_name = 'pages' AND column_name = 'body'"
                   ).fetchall()[0][0]  # raw.pages' columns keep their comments (warehouse/tables.py)


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_export_writes_tables_and_json_schemas(tmp_path, fmt):
    path = tmp_path / "w.duckdb"
    publish(path, {"marts.recommendations": recs(4)})
    written = export(path, tmp_path / "out", fmt)
    names = {p.name for p in written}
    assert f"marts.recommendations.{fmt}" in names and "core.programs.schema.json" in names
    schema = json.loads((tmp_path / "out" / "marts.recommendations.schema.json").read_text())
    assert schema["properties"]["rank"]["type"] == "integer"
    assert "rank" in schema["required"]
    assert schema["properties"]["tier"]["description"].startswith("reach")
    if fmt == "jsonl":
        lines = (tmp_path / "out" / "marts.recommendations.jsonl").read_text().splitlines()
        assert len(lines) == 4 and json.loads(lines[0])["applicant_id"] == "a"
