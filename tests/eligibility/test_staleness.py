"""Staleness at read time (issue 9): the cache keeps the date-free part, selection adds the date.

A deadline that is current when a page is first read must be marked stale in a later year
although the cached extraction (keyed by content and extractor version) is never redone.
"""

from datetime import date, datetime, timezone

import polars as pl

from eligibility import extract_page
from eligibility.staleness import dated_stale, fixed_stale, is_stale
from pipelines.transforms import core, extraction

PAGE = "IMGs must hold ECFMG certification by June 1, 2026.\n\nApplicants must pass Step 2 CS."


def _pages() -> pl.DataFrame:
    return pl.DataFrame({
        "content_hash": ["c" * 64], "requested_url": ["http://alpha.test/img"], "text": [PAGE],
        "body": [None], "content_type": ["text/plain"],
    }, schema_overrides={"body": pl.Binary})


def _staged() -> pl.DataFrame:
    return pl.DataFrame({
        "program_id": ["1400000001"], "url": ["http://alpha.test/img"], "content_hash": ["c" * 64],
        "page_kind": ["img"], "fetched_at": [datetime(2026, 3, 1, tzinfo=timezone.utc)],
    })


def test_the_parts_of_staleness():
    ev = "ECFMG certification by June 1, 2026."
    assert not fixed_stale(ev, "ecfmg_cert_required")
    assert not dated_stale(ev, "ecfmg_cert_required", date(2027, 5, 1))
    assert dated_stale(ev, "ecfmg_cert_required", date(2028, 1, 1))
    assert not dated_stale(ev, "usce", date(2040, 1, 1))       # only deadline-like fields date
    assert fixed_stale("Pass Step 2 CS first.", "attempts_policy")
    assert is_stale("USMLE Step 1 minimum 220", "min_step1", date(2026, 1, 1))


def test_cache_is_date_free_and_the_stale_flag_is_set_when_facts_are_selected():
    cache, n = extraction.extract_new(_pages(), None)
    assert n == 1
    ecfmg = cache.filter(pl.col("field") == "ecfmg_cert_required")
    assert ecfmg.height == 1 and ecfmg["stale"].to_list() == [False]     # not dated at read time
    again, n_again = extraction.extract_new(_pages(), cache)
    assert n_again == 0 and again.height == cache.height                  # cached: not re-read
    facts = extraction.page_facts(_staged(), again)

    def stale_as_of(day: date) -> bool:
        web = core.website_facts(facts, as_of=day)
        return web.filter(pl.col("field") == "ecfmg_cert_required")["stale"].to_list() == [True]

    assert not stale_as_of(date(2026, 12, 3))
    assert not stale_as_of(date(2027, 6, 1))
    assert stale_as_of(date(2028, 1, 10))       # two years on, from the same cached row


def test_extract_page_still_dates_its_own_facts_for_direct_callers():
    r = extract_page("IMGs must hold ECFMG certification by June 1, 2015.", "text/plain",
                     today=date(2026, 12, 3))
    assert r.chosen("ecfmg_cert_required").stale and r.page_stale


def test_an_oversize_page_is_cached_as_such_with_no_facts():
    big = "We sponsor J-1 visas for residents. " * 40_000
    pages = _pages().with_columns(pl.lit(big).alias("text"))
    cache, _ = extraction.extract_new(pages, None)
    assert cache.filter(pl.col("field").is_not_null()).height == 0
    over = extraction.oversize_pages(cache)
    assert over["content_hash"].to_list() == ["c" * 64]
    assert over["reason"][0].startswith("visible text")
