"""warehouse/history.py transitions on hand-made frames: new, changed, gone (site down / removed /
program removed), back (site up / restored), baseline, append-only."""

from datetime import datetime, timezone

import polars as pl

from warehouse.history import append, page_changes, program_changes, quote_fact_changes

T1, T2, T3, T4 = (datetime(2026, 12, d, tzinfo=timezone.utc) for d in (1, 2, 3, 4))


def staged(rows):
    return pl.DataFrame(rows, schema={"program_id": pl.String, "url": pl.String, "content_hash": pl.String,
                                      "fetched_at": pl.Datetime("us", "UTC"), "site_failed_this_run": pl.Boolean},
                        orient="row")


def kinds(rows: pl.DataFrame) -> set[tuple]:
    return set(rows.select("program_id", "url", "change", "cause").iter_rows())


def test_a_site_that_goes_down_and_comes_back_and_pages_that_move():
    first = staged([("A", "a/1", "h1", T1, False), ("A", "a/2", "h2", T1, False), ("B", "b/1", "x", T1, False),
                    ("C", "c/1", "c", T1, False)])
    rows, state = page_changes(None, first, ["A", "B", "C"], "r1", T1)
    assert rows.height == 0 and state.height == 4 and state["available"].all()  # the baseline

    # run 2: A's site is down (its pages carried over), B's page changed and a new one appeared,
    # C left the directory
    second = staged([("A", "a/1", "h1", T1, True), ("A", "a/2", "h2", T1, True), ("B", "b/1", "y", T2, False),
                     ("B", "b/2", "z", T2, False)])
    rows, state = page_changes(state, second, ["A", "B"], "r2", T2)
    assert kinds(rows) == {("A", "a/1", "gone", "site_down"), ("A", "a/2", "gone", "site_down"),
                           ("B", "b/1", "changed", None), ("B", "b/2", "new", None), ("C", "c/1", "gone", "program_removed")}
    changed = rows.filter(pl.col("url") == "b/1").row(0, named=True)
    assert (changed["hash_before"], changed["hash_after"], changed["seen_at"]) == ("x", "y", T2)
    assert rows.filter(pl.col("change") == "gone")["hash_after"].is_null().all()
    assert set(rows["run_id"]) == {"r2"}

    # run 3: A is still down: nothing new to say; B's b/2 was unlinked
    third = staged([("A", "a/1", "h1", T1, True), ("A", "a/2", "h2", T1, True), ("B", "b/1", "y", T2, False)])
    rows, state = page_changes(state, third, ["A", "B"], "r3", T3)
    assert kinds(rows) == {("B", "b/2", "gone", "removed")}

    # run 4: A is back (one page edited meanwhile), b/2 is linked again
    fourth = staged([("A", "a/1", "h1", T4, False), ("A", "a/2", "h2b", T4, False), ("B", "b/1", "y", T2, False),
                     ("B", "b/2", "z", T4, False)])
    rows, _ = page_changes(state, fourth, ["A", "B"], "r4", T4)
    assert kinds(rows) == {("A", "a/1", "back", "site_up"), ("A", "a/2", "back", "site_up"),
                           ("B", "b/2", "back", "restored")}
    assert rows.filter(pl.col("url") == "a/2").select("hash_before", "hash_after").row(0) == ("h2", "h2b")


def test_program_arrivals_and_departures_and_append_only():
    prev = pl.DataFrame({"program_id": ["A", "C"], "name": ["a", "c"], "specialty_code": ["140", "140"]})
    now = pl.DataFrame({"program_id": ["A", "D"], "name": ["a", "d"], "specialty_code": ["140", "120"]})
    assert program_changes(None, now, "r1", T1).height == 0
    rows = program_changes(prev, now, "r2", T2)
    assert set(rows.select("program_id", "change").iter_rows()) == {("C", "removed"), ("D", "new")}
    both = append(rows, program_changes(now, prev, "r3", T3))
    assert both.head(2).equals(rows) and both.height == 4


def test_fact_changes_carry_the_quote_of_the_old_and_the_new_value():
    changes = pl.DataFrame({"program_id": ["A", "A"], "field": ["usce", "min_step2ck"], "old_value": ["required", "220"],
                            "new_value": ["preferred", None]})
    old = pl.DataFrame({"program_id": ["A", "A"], "field": ["usce", "min_step2ck"], "value": ["required", "220"],
                        "source": ["website", "directory"], "url": ["a/old", "api"], "evidence": ["USCE is required.", "f: 220"]})
    facts = pl.DataFrame({"program_id": ["A", "A"], "field": ["usce", "usce"], "value": ["preferred", "required"],
                          "source": ["website", "directory"], "url": ["a/new", "api"],
                          "evidence": ["USCE is preferred.", "x"], "selected": [True, False]})
    out = {r["field"]: r for r in quote_fact_changes(changes, old, facts).iter_rows(named=True)}
    assert (out["usce"]["url"], out["usce"]["evidence"], out["usce"]["old_url"]) == ("a/new", "USCE is preferred.", "a/old")
    assert out["min_step2ck"]["url"] is None and out["min_step2ck"]["old_evidence"] == "f: 220"
