"""Core reconciles rule groups, not fields: a website's score statement voids the directory's numbers."""

import polars as pl

from pipelines.transforms import core
from tests.pipelines.test_transforms import programs, reconcile

NO_MINIMUM = ("1400000002", "http://beta.test/apply", "application", "score_minimum_policy", "none", "hard", None,
              "We do not have a minimum board score.", False)


def test_website_no_minimum_voids_the_directory_minimum_and_is_a_conflict():
    facts, table = reconcile([NO_MINIMUM])
    beta = table.filter(pl.col("program_id") == "1400000002").row(0, named=True)
    assert beta["score_minimum_policy"] == "none" and beta["min_step2ck"] is None
    assert "min_step2ck" in beta["conflicting_fields"] and "score_minimum_policy" in beta["conflicting_fields"]
    kept = facts.filter((pl.col("program_id") == "1400000002") & (pl.col("field") == "min_step2ck"))
    assert kept["source"].to_list() == ["directory"] and kept["selected"].to_list() == [False]  # kept, not selected
    assert core.no_minimum_beside_a_minimum(table).height == 0


def test_website_minimum_replaces_the_directory_score_group():
    web = [("1400000002", "http://beta.test/elig", "eligibility", "min_step2ck", "235", "hard", None,
            "Step 2 CK of 235 or higher is required.", False)]
    progs = programs(min_comlex2=[None, 500, None])
    _, table = reconcile(web, progs)
    beta = table.filter(pl.col("program_id") == "1400000002").row(0, named=True)
    assert beta["min_step2ck"] == 235 and beta["min_comlex2"] is None  # one source's score statement


def test_directory_alone_still_fills_every_group():
    _, table = reconcile([])
    beta = table.filter(pl.col("program_id") == "1400000002").row(0, named=True)
    assert (beta["min_step2ck"], beta["score_minimum_policy"], beta["yog_max_years"]) == (230, "stated", 3)
    assert (beta["j1_visa"], beta["h1b_visa"]) == ("yes", "no")


def test_the_check_finds_a_spliced_row():
    _, table = reconcile([])
    spliced = table.with_columns(pl.when(pl.col("program_id") == "1400000002").then(pl.lit("none"))
                                 .otherwise(pl.col("score_minimum_policy")).alias("score_minimum_policy"))
    assert core.no_minimum_beside_a_minimum(spliced)["program_id"].to_list() == ["1400000002"]
