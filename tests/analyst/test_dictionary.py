"""docs/DATA_DICTIONARY.md is generated from the warehouse's COMMENTs and must be current."""

import duckdb

from warehouse import dictionary
from warehouse.publish import publish
from warehouse.tables import RAW_STAGING_DOCS


def test_the_committed_dictionary_is_current():
    assert dictionary.main(["--check"]) == 0, "run `.venv/bin/python -m warehouse.dictionary` and commit docs/"


def test_check_fails_when_a_comment_changes(tmp_path, monkeypatch):
    out = tmp_path / "DD.md"
    assert dictionary.main(["--out", str(out)]) == 0
    assert dictionary.main(["--check", "--out", str(out)]) == 0
    monkeypatch.setattr(dictionary, "SCHEMA_SQL", dictionary.SCHEMA_SQL.replace(
        "One row per published refresh", "One row per refresh"))
    assert dictionary.main(["--check", "--out", str(out)]) == 1


def test_every_published_table_and_column_is_in_it_with_its_comment(tmp_path):
    path = tmp_path / "w.duckdb"
    publish(path, {})
    con = duckdb.connect(str(path), read_only=True)
    cols = con.sql("SELECT schema_name, table_name, column_name, comment FROM duckdb_columns() "
                   "WHERE schema_name IN ('core', 'marts', 'history', 'meta')").fetchall()
    con.close()
    text = dictionary.render()
    assert len(cols) > 100
    for schema, table, column, comment in cols:
        assert f"### {schema}.{table}" in text
        assert f"| `{column}` |" in text and comment.replace("|", "\\|") in text, (schema, table, column)
    for name, doc in RAW_STAGING_DOCS.items():
        assert f"### {name}" in text and all(c.replace("|", "\\|") in text for c in doc.columns.values())
