"""The field contract (eligibility/contract.py) and everything that must agree with it.

The warehouse schema, the sample web's truth vocabulary, the GX suites and the pipeline codec
are each held to the one contract here, so a field or value added in one place and not the
others fails this fast test instead of a refresh.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from importlib import resources

import duckdb
import polars as pl
import pytest

import eligibility
from eligibility.contract import BOOL, CONTRACT, CONTRACT_FIELDS, ENUM, INT, SPECS, field_spec
from expectations.suites import FIELD_VALUE
from pipelines.transforms import core
from pipelines.transforms.fields import POLARS_TYPES, from_text, to_text, typed_columns

SEEN = datetime(2026, 11, 1, tzinfo=timezone.utc)
# Polars published type -> the DuckDB type the publish step creates from it
DUCKDB_OF_POLARS = {pl.Boolean(): "BOOLEAN", pl.Int32(): "INTEGER", pl.String(): "VARCHAR"}


def _family(value: str) -> str:
    """How a comment writes a value family: max_attempts_3 -> max_attempts_N."""
    return re.sub(r"_[0-9]+$", "_N", value)


@pytest.fixture(scope="module")
def schema_columns() -> dict[str, tuple[str, str]]:
    """core.programs column -> (DuckDB type, COMMENT), from warehouse/schema.sql run in DuckDB."""
    sql = resources.files("warehouse").joinpath("schema.sql").read_text(encoding="utf-8")
    con = duckdb.connect()
    try:
        con.execute(sql)
        rows = con.sql(
            "SELECT column_name, data_type, comment FROM duckdb_columns() "
            "WHERE schema_name = 'core' AND table_name = 'programs'"
        ).fetchall()
    finally:
        con.close()
    return {name: (dtype, comment or "") for name, dtype, comment in rows}


def test_the_extractor_fields_are_the_contract_fields_in_order():
    assert eligibility.FIELDS == CONTRACT_FIELDS
    assert len(CONTRACT_FIELDS) == 13


@pytest.mark.parametrize("name", CONTRACT_FIELDS)
def test_schema_sql_types_each_field_column_as_the_contract(schema_columns, name):
    assert name in schema_columns, f"core.programs has no column {name}"
    assert schema_columns[name][0] == CONTRACT[name].sql_type


@pytest.mark.parametrize("name", [s.name for s in SPECS if s.kind == ENUM])
def test_schema_comment_names_every_value_of_an_enum_field(schema_columns, name):
    comment = schema_columns[name][1]
    for family in {_family(v) for v in CONTRACT[name].values}:
        assert family in comment, f"core.programs.{name} COMMENT does not mention {family!r}"
    # and lists no value outside the contract ("yes / no / conditional / NULL")
    listed = re.findall(r"[\w-]+(?=\s+/\s)", comment) + re.findall(r"(?<=\s/\s)[\w-]+", comment)
    assert listed, f"core.programs.{name} COMMENT lists no values"
    outside = set(listed) - {_family(v) for v in CONTRACT[name].values} - {"NULL"}
    assert not outside, f"core.programs.{name} COMMENT lists {sorted(outside)}, not contract values"


@pytest.mark.parametrize("name", [s.name for s in SPECS if s.kind == BOOL])
def test_schema_comment_of_a_bool_field_says_what_true_means(schema_columns, name):
    assert "TRUE" in schema_columns[name][1]


def test_published_polars_types_match_the_schema():
    for name, spec in CONTRACT.items():
        assert DUCKDB_OF_POLARS[POLARS_TYPES[name]] == spec.sql_type, name
    text = pl.DataFrame({name: [to_text(_a_value(spec), name)] for name, spec in CONTRACT.items()})
    typed = typed_columns(text)
    for name in CONTRACT_FIELDS:
        assert typed.schema[name] == POLARS_TYPES[name], name
        assert typed[name][0] == _a_value(CONTRACT[name]), name


def _a_value(spec):
    return spec.minimum if spec.kind == INT else spec.values[-1]


def _allowed(spec) -> list:
    return [spec.minimum, spec.maximum, (spec.minimum + spec.maximum) // 2] if spec.kind == INT else list(spec.values)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_codec_round_trips_every_allowed_value(spec):
    for value in _allowed(spec):
        assert spec.allows(value)
        text = to_text(value, spec.name)
        assert isinstance(text, str)
        assert from_text(spec.name, text) == value and type(from_text(spec.name, text)) is type(value)
        assert re.fullmatch(spec.text_pattern(), text), (spec.name, text)
    assert to_text(None, spec.name) is None and from_text(spec.name, None) is None


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_values_outside_the_contract_are_refused(spec):
    if spec.kind == INT:
        bad = [spec.minimum - 1, spec.maximum + 1, True, "220"]
        with pytest.raises(ValueError):
            from_text(spec.name, "two hundred")
    elif spec.kind == BOOL:
        bad = [1, "true", *([False] if spec.name == "holistic_review" else [])]
        with pytest.raises(ValueError):
            from_text(spec.name, "yes")
    else:
        bad = ["maybe", True, "max_attempts_20", ""]
    for value in bad:
        assert not spec.allows(value), (spec.name, value)


def test_an_unknown_field_is_a_one_line_error():
    with pytest.raises(KeyError, match="visa_color"):
        field_spec("visa_color")


def test_page_facts_regex_accepts_the_contract_values_and_nothing_else():
    pattern = re.compile(FIELD_VALUE)
    for spec in SPECS:
        for value in _allowed(spec):
            assert pattern.match(f"{spec.name}={to_text(value, spec.name)}"), (spec.name, value)
    for bad in ("h1b_visa=maybe", "holistic_review=false", "min_step2ck=2300", "attempts_policy=max_attempts_7",
                "usce=Required", "visa_color=yes", "j1_visa=yes ", "yog_max_years=-1"):
        assert not pattern.match(bad), bad


def test_sample_web_truth_vocabulary_agrees_with_the_contract():
    """The sample web keeps its own copy (it is the independent truth); it must fit the contract."""
    from sampleweb.text.registry import FIELDS, VALUES

    assert tuple(FIELDS) == CONTRACT_FIELDS
    assert set(VALUES) == set(CONTRACT_FIELDS)
    for name, values in VALUES.items():
        outside = [v for v in values if not CONTRACT[name].allows(v)]
        assert not outside, f"sample web draws {name} values outside the contract: {outside[:5]}"


@pytest.mark.parametrize("epoch", [1, 3])
def test_every_truth_value_of_the_full_sample_web_is_a_contract_value(epoch):
    from sampleweb.facts import program_facts
    from sampleweb.world import build_world

    world = build_world(epoch=epoch)
    seen: dict[str, set] = {name: set() for name in CONTRACT_FIELDS}
    for program in world.programs:
        facts = program_facts(world, program)
        assert set(facts.website) == set(CONTRACT_FIELDS)
        for name, value in facts.website.items():
            assert CONTRACT[name].allows(value), (program.program_id, name, value)
            seen[name].add(value)
        for name in ("min_step2ck", "min_step1", "min_comlex2", "yog_max_years"):  # the directory's numbers
            assert CONTRACT[name].allows(facts.directory[name]), (program.program_id, name, facts.directory[name])
    # the truth uses every field, so this test sees each kind of value
    assert all(len(values - {None}) >= 1 for values in seen.values()), seen


def _page_facts(kinds: dict[str, str]) -> pl.DataFrame:
    """Two pages of one program state different H-1B rules; URLs say nothing about their kind."""
    rows = [
        ("1400000001", "http://alpha.test/page-a", kinds["page-a"], "h1b_visa", "yes", "hard", None, "We sponsor H-1B.", False),
        ("1400000001", "http://alpha.test/page-b", kinds["page-b"], "h1b_visa", "no", "hard", None, "No H-1B.", False),
    ]
    return pl.DataFrame(
        rows, schema=["program_id", "url", "page_kind", "field", "value", "strictness", "condition", "evidence", "stale"],
        orient="row",
    ).with_columns(pl.lit(SEEN).alias("fetched_at"), pl.lit("h" * 64).alias("content_hash"),
                   pl.lit(True).alias("page_chosen"))


@pytest.mark.parametrize("kinds, chosen", [
    ({"page-a": "eligibility", "page-b": "news"}, "yes"),
    ({"page-a": "news", "page-b": "eligibility"}, "no"),
    ({"page-a": "other", "page-b": "other"}, None),   # equally ranked pages that disagree: unknown
])
def test_the_stored_page_kind_decides_the_merge(kinds, chosen):
    facts = core.website_facts(_page_facts(kinds))
    selected = facts.filter(pl.col("selected"))["value"].to_list()
    assert selected == ([chosen] if chosen else [])
