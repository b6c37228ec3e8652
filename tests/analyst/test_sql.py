"""`gme sql` against real published DuckDB files: read-only, one fresh connection per query, one-line errors."""

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import polars as pl
import pytest
from click.testing import CliRunner

from pipelines.cli import main
from warehouse.publish import publish

pytestmark = pytest.mark.slow  # a warehouse built per test and gme processes

REPO = Path(__file__).resolve().parents[2]


def programs(n: int) -> pl.DataFrame:
    return pl.DataFrame({
        "program_id": [f"14{i:08d}" for i in range(n)],
        "name": [f"Program {i}, \"quoted\"" for i in range(n)],
        "state": ["NY"] * n,
        "h1b_visa": ["yes" if i % 2 else None for i in range(n)],
        "min_step2ck": [220 + i for i in range(n)],
        "conflicting_fields": [["h1b_visa"] if i == 0 else [] for i in range(n)],
    })


@pytest.fixture()
def warehouse(tmp_path, monkeypatch):
    path = tmp_path / "warehouse.duckdb"
    publish(path, {"core.programs": programs(3)})
    monkeypatch.setenv("GME_WAREHOUSE", str(path))
    return path


def gme(*args: str):
    return CliRunner().invoke(main, ["sql", *args])


def test_table_csv_json_and_jsonl_carry_the_same_rows(warehouse):
    q = "SELECT program_id, name, h1b_visa, min_step2ck, conflicting_fields FROM core.programs ORDER BY program_id"
    table = gme(q)
    assert table.exit_code == 0, table.output
    assert "(3 rows)" in table.output and "1400000002" in table.output
    rows = list(csv.DictReader(io.StringIO(gme(q, "--format", "csv").output)))
    assert [r["program_id"] for r in rows] == ["1400000000", "1400000001", "1400000002"]
    assert rows[0]["name"] == 'Program 0, "quoted"' and rows[0]["h1b_visa"] == ""
    assert json.loads(rows[0]["conflicting_fields"]) == ["h1b_visa"]
    objects = json.loads(gme(q, "--format", "json").output)
    assert objects[1] == {"program_id": "1400000001", "name": 'Program 1, "quoted"', "h1b_visa": "yes",
                          "min_step2ck": 221, "conflicting_fields": []}
    lines = gme(q, "--format", "jsonl").output.splitlines()
    assert [json.loads(line) for line in lines] == objects


def test_parameters_bind_in_order(warehouse):
    out = gme("SELECT name FROM core.programs WHERE program_id = ? AND state = ?", "--param", "1400000002",
              "--param", "NY", "--format", "jsonl")
    assert out.exit_code == 0, out.output
    assert [json.loads(line)["name"] for line in out.output.splitlines()] == ['Program 2, "quoted"']


@pytest.mark.parametrize("statement, reason", [
    ("DELETE FROM core.programs", "DELETE statements are not allowed"),
    ("INSERT INTO core.programs (program_id) VALUES ('x')", "INSERT statements are not allowed"),
    ("DROP TABLE core.programs", "DROP statements are not allowed"),
    ("CREATE TABLE t AS SELECT 1", "CREATE statements are not allowed"),
    ("SELECT 1; DELETE FROM core.programs", "one statement at a time"),
    ("ATTACH '/tmp/other.duckdb'", "ATTACH statements are not allowed"),
    ("", "empty query"),
    ("SELEC name FROM core.programs", "Parser Error"),
    ("SELECT nope FROM core.programs", "Binder Error"),
    ("SELECT * FROM core.programz", "Catalog Error"),
])
def test_bad_or_writing_statements_exit_2_with_one_line(warehouse, statement, reason):
    out = gme(statement)
    assert out.exit_code == 2
    assert out.output.startswith("gme: sql: ") and out.output.count("\n") == 1, out.output
    assert reason in out.output
    assert gme("SELECT count(*) AS n FROM core.programs", "--format", "csv").output == "n\n3\n"


def test_a_select_cannot_write_or_read_files(warehouse, tmp_path):
    target = tmp_path / "leak.csv"
    out = gme(f"COPY core.programs TO '{target}'")
    assert out.exit_code == 2 and not target.exists()
    secret = tmp_path / "secret.csv"
    secret.write_text("a\n1\n")
    out = gme(f"SELECT * FROM read_csv('{secret}')")
    assert out.exit_code == 2 and "file system operations are disabled" in out.output


def test_each_query_sees_the_newest_publish_even_beside_an_open_connection(warehouse):
    # the instance-cache trap (PITFALLS.md): a process holding the file keeps its old instance
    held = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert gme("SELECT count(*) AS n FROM core.programs", "--format", "csv").output == "n\n3\n"
        publish(warehouse, {"core.programs": programs(5)})
        assert held.sql("SELECT count(*) FROM core.programs").fetchall() == [(3,)]  # the old inode
        assert gme("SELECT count(*) AS n FROM core.programs", "--format", "csv").output == "n\n5\n"
    finally:
        held.close()


def test_comments_are_readable_through_sql(warehouse):
    out = gme("SELECT column_name, comment FROM duckdb_columns() WHERE schema_name = 'core' "
              "AND table_name = 'programs' AND column_name = 'h1b_visa'", "--format", "json")
    assert "H-1B sponsorship" in json.loads(out.output)[0]["comment"]


def test_missing_warehouse_is_one_line(tmp_path):
    env = {**os.environ, "GME_WAREHOUSE": str(tmp_path / "none.duckdb")}
    run = subprocess.run([sys.executable, "-m", "pipelines.cli", "sql", "SELECT 1"], capture_output=True, text=True,
                         env=env, cwd=REPO)
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("gme: ") and "Traceback" not in run.stderr
    assert f"no published warehouse at {tmp_path / 'none.duckdb'}" in lines[0] and "gme refresh" in lines[0]


def test_a_file_that_is_not_a_warehouse_is_one_line(tmp_path, monkeypatch):
    bogus = tmp_path / "w.duckdb"
    bogus.write_text("not a database\n")
    monkeypatch.setenv("GME_WAREHOUSE", str(bogus))
    out = gme("SELECT 1")
    assert out.exit_code == 2 and out.output.count("\n") == 1
    assert "not a DuckDB database file" in out.output or "cannot open" in out.output
