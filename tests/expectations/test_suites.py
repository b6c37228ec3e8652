"""The Great Expectations suites accept good staged data and name what is wrong in bad data."""

import polars as pl
import pytest

from expectations import validate


def programs(**overrides) -> pl.DataFrame:
    base = {
        "program_id": ["1401234567", "1209876543"], "name": ["A", "B"], "specialty_code": ["140", "120"],
        "state": ["NY", "PR"], "pct_img": [43.0, None], "pct_do": [10.0, None], "pct_usmd": [47.0, None],
        "first_year_positions": [12, None], "min_step2ck": [None, 220], "min_step1": [None, None],
        "min_comlex2": [None, None], "yog_max_years": [5, None], "setting": ["Military-based", None],
        "website": ["http://a.test/", None], "visa_statuses": [["H-1B"], []],
    }
    base.update(overrides)
    return pl.DataFrame(base)


def facts(field: str, value: str) -> pl.DataFrame:
    return pl.DataFrame({
        "program_id": ["1401234567"], "url": ["http://a.test/"], "content_hash": ["a" * 64], "field": [field],
        "value": [value], "strictness": ["hard"], "evidence": ["text"], "page_kind": ["eligibility"],
    })


def test_good_programs_pass():
    outcome = validate("staging.programs", programs())
    assert outcome.success, outcome.summary()


@pytest.mark.parametrize(
    "column,bad,expectation",
    [("program_id", ["14-0123", "1209876543"], "expect_column_values_to_match_regex"),
     ("program_id", ["1401234567", "1401234567"], "expect_column_values_to_be_unique"),
     ("pct_img", [143.0, None], "expect_column_values_to_be_between"),
     ("min_step2ck", [None, 999], "expect_column_values_to_be_between")],
)
def test_bad_programs_fail_and_say_where(column, bad, expectation):
    outcome = validate("staging.programs", programs(**{column: bad}))
    assert not outcome.success
    assert (expectation, column) in {(f["expectation"], f["column"]) for f in outcome.failed}


@pytest.mark.parametrize("field,value", [("h1b_visa", "conditional"), ("attempts_policy", "max_attempts_3"),
                                         ("min_step2ck", "230"), ("yog_max_years", "0")])
def test_contract_values_pass(field, value):
    assert validate("staging.page_facts", facts(field, value)).success


@pytest.mark.parametrize("field,value", [("h1b_visa", "maybe"), ("holistic_review", "false"),
                                         ("min_step2ck", "2300"), ("visa_color", "yes")])
def test_values_outside_the_contract_fail(field, value):
    assert not validate("staging.page_facts", facts(field, value)).success
