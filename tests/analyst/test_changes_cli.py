"""`gme changes` reads history.* of a real published DuckDB file: sites down and back, new and
removed programs, --last vs --since, and a warehouse whose first refresh is the baseline."""

import json
from datetime import datetime

import polars as pl
import pytest
from click.testing import CliRunner

from pipelines.cli import main
from warehouse.publish import publish

T1, T2 = datetime(2026, 12, 1, 4), datetime(2026, 12, 2, 4)


def frame(rows, schema):
    return pl.DataFrame(rows, schema=schema, orient="row")


@pytest.fixture()
def warehouse(tmp_path, monkeypatch):
    path = tmp_path / "w.duckdb"
    tables = {
        "core.programs": frame([("1400000001", "Alpha", "140"), ("1400000003", "Gamma", "140")],
                               {"program_id": pl.String, "name": pl.String, "specialty_code": pl.String}),
        "meta.refreshes": frame([("r1", T1), ("r2", T2)], {"run_id": pl.String, "published_at": pl.Datetime("us")}),
        "history.program_fact_changes": frame(
            [("1400000001", "usce", "required", "preferred", T1, "r1", "website", "http://a.test/e", "USCE preferred."),
             ("1400000003", "h1b_visa", None, "yes", T2, "r2", "website", "http://c.test/v", "We sponsor H-1B.")],
            {"program_id": pl.String, "field": pl.String, "old_value": pl.String, "new_value": pl.String,
             "changed_at": pl.Datetime("us"), "run_id": pl.String, "source": pl.String, "url": pl.String,
             "evidence": pl.String}),
        "history.page_changes": frame(
            [("1400000001", "http://a.test/", "gone", "h", None, "site_down", T2, "r2"),
             ("1400000003", "http://c.test/v", "new", None, "x", None, T2, "r2"),
             ("1400000004", "http://d.test/", "changed", "a", "b", None, T2, "r2")],
            {"program_id": pl.String, "url": pl.String, "change": pl.String, "hash_before": pl.String,
             "hash_after": pl.String, "cause": pl.String, "seen_at": pl.Datetime("us"), "run_id": pl.String}),
        "history.program_changes": frame(
            [("1400000003", "new", "Gamma", "140", T2, "r2"), ("1400000002", "removed", "Beta", "140", T2, "r2")],
            {"program_id": pl.String, "change": pl.String, "name": pl.String, "specialty_code": pl.String,
             "changed_at": pl.Datetime("us"), "run_id": pl.String}),
    }
    publish(path, tables)
    monkeypatch.setenv("GME_WAREHOUSE", str(path))
    return path


def changes(*args):
    result = CliRunner().invoke(main, ["changes", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_last_lists_site_down_new_and_removed_programs(warehouse):
    rows = {r["program_id"]: r for r in map(json.loads, changes("--last", "--format", "jsonl").splitlines())}
    assert set(rows) == {"1400000001", "1400000002", "1400000003"}  # 004: pages only, not listed
    assert rows["1400000001"]["site"] == "down" and rows["1400000001"]["facts"] == []
    assert rows["1400000002"]["program"] == "removed" and rows["1400000002"]["name"] == "Beta"
    gamma = rows["1400000003"]
    assert gamma["program"] == "new" and gamma["facts"][0]["new"] == "yes" and gamma["facts"][0]["url"] == "http://c.test/v"
    assert gamma["changes"] == ["program_new", "facts", "pages"]
    table = changes("--last")
    assert "site DOWN" in table and "removed from the directory" in table and "h1b_visa: unknown -> yes" in table


def test_pages_flag_and_since(warehouse):
    with_pages = [json.loads(line)["program_id"] for line in changes("--last", "--pages", "--format", "jsonl").splitlines()]
    assert "1400000004" in with_pages
    since = [json.loads(line) for line in changes("--since", "2026-11-30", "--format", "jsonl").splitlines()]
    alpha = next(r for r in since if r["program_id"] == "1400000001")
    assert [f["field"] for f in alpha["facts"]] == ["usce"] and alpha["site"] == "down"


@pytest.mark.parametrize("args, words", [(["--since", "yesterday"], "--since wants a date"),
                                         (["--last", "--since", "2026-12-01"], "not both")])
def test_bad_options_are_one_line(warehouse, args, words):
    result = CliRunner().invoke(main, ["changes", *args])
    assert result.exit_code == 2 and result.output.count("\n") == 1 and words in result.output
