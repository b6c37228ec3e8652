"""Core, indicator and recommendation transforms on small hand-made frames (no Dagster, no I/O)."""

from datetime import date, datetime, timezone

import polars as pl

from pipelines.transforms import core, staging
from pipelines.transforms.indicators import program_indicators
from pipelines.transforms.recommend import Profile, recommend

SEEN = datetime(2026, 11, 1, tzinfo=timezone.utc)


def programs(**overrides) -> pl.DataFrame:
    base = {
        "program_id": ["1400000001", "1400000002", "1200000003"],
        "name": ["Alpha IM", "Beta IM", "Gamma FM"],
        "specialty_code": ["140", "140", "120"],
        "specialty": ["Internal Medicine", "Internal Medicine", "Family Medicine"],
        "institution": ["A", "B", "C"],
        "city": ["X", "Y", "Z"],
        "state": ["NY", "OH", "TX"],
        "setting": ["Community-based", "University-based", None],
        "website": ["http://alpha.test/", "http://beta.test/", None],
        "first_year_positions": [10, 20, None],
        "pct_img": [60.0, 5.0, None],
        "pct_do": [10.0, 10.0, None],
        "pct_usmd": [30.0, 85.0, None],
        "visa_statuses": [["J-1 through ECFMG", "H-1B"], ["J-1 through ECFMG"], []],
        "min_step1": [None, None, None],
        "min_step2ck": [None, 230, None],
        "min_comlex2": [None, None, None],
        "yog_max_years": [None, 3, None],
        "survey_year": [2025, 2024, 2025],
        "basic_listing": [False, False, True],
        "source_url": ["http://api/p0"] * 3,
    }
    base.update(overrides)
    return staging.stage_programs(pl.DataFrame(base))


def page_facts(rows: list[tuple]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema=["program_id", "url", "page_kind", "field", "value", "strictness", "condition", "evidence", "stale"],
        orient="row",
    ).with_columns(
        pl.lit(SEEN).alias("fetched_at"),
        pl.lit("h" * 64).alias("content_hash"),
        # as the extractor marks it: a hard fact decides its page's value (one per page and field here)
        (pl.col("strictness") == "hard").alias("page_chosen"),
    )


def reconcile(web_rows: list[tuple], progs: pl.DataFrame | None = None):
    progs = progs if progs is not None else programs()
    facts = core.program_facts(core.directory_facts(progs), core.website_facts(page_facts(web_rows)))
    pages = pl.DataFrame(
        {"program_id": ["1400000001"], "fetched_at": [SEEN], "site_failed_this_run": [False]}
    )
    status = pl.DataFrame({"program_id": progs["program_id"], "website_status": ["ok"] * progs.height})
    return facts, core.programs_table(progs, facts, status, pages, SEEN)


def test_empty_directory_visa_list_is_unknown_not_no():
    facts, table = reconcile([])
    gamma = table.filter(pl.col("program_id") == "1200000003").row(0, named=True)
    assert gamma["j1_visa"] is None and gamma["h1b_visa"] is None
    beta = table.filter(pl.col("program_id") == "1400000002").row(0, named=True)
    assert (beta["j1_visa"], beta["h1b_visa"]) == ("yes", "no")


def test_website_beats_directory_and_conflict_is_recorded():
    facts, table = reconcile(
        [("1400000002", "http://beta.test/visa", "img", "h1b_visa", "conditional", "hard", "Step 3 before ranking", "H-1B only if Step 3 is passed", False)]
    )
    beta = table.filter(pl.col("program_id") == "1400000002").row(0, named=True)
    assert beta["h1b_visa"] == "conditional"
    assert beta["conflicting_fields"] == ["h1b_visa"]
    both = facts.filter((pl.col("program_id") == "1400000002") & (pl.col("field") == "h1b_visa"))
    assert sorted(both["source"].to_list()) == ["directory", "website"]
    assert both.filter(pl.col("selected"))["source"].to_list() == ["website"]


def test_eligibility_page_beats_news_and_hard_beats_preferred():
    _, table = reconcile(
        [
            ("1400000001", "http://alpha.test/news", "news", "usce", "not_required", "hard", None, "old news", False),
            ("1400000001", "http://alpha.test/eligibility", "eligibility", "usce", "required", "hard", None, "USCE is required", False),
            ("1400000001", "http://alpha.test/faq", "faq", "min_step2ck", "240", "preferred", None, "we prefer 240", False),
            ("1400000001", "http://alpha.test/news", "news", "min_step2ck", "220", "hard", None, "minimum 220", False),
        ]
    )
    alpha = table.filter(pl.col("program_id") == "1400000001").row(0, named=True)
    assert alpha["usce"] == "required"
    assert alpha["min_step2ck"] == 220


def test_typed_booleans_in_programs():
    _, table = reconcile(
        [("1400000001", "http://alpha.test/", "home", "holistic_review", "true", "hard", None, "we review the whole application", False),
         ("1400000001", "http://alpha.test/", "home", "accepts_imgs", "false", "hard", None, "we do not consider IMGs", False)]
    )
    alpha = table.filter(pl.col("program_id") == "1400000001").row(0, named=True)
    assert alpha["holistic_review"] is True and alpha["accepts_imgs"] is False


def test_indicators_leave_unknowns_out_and_report_coverage():
    _, table = reconcile([])
    ind = program_indicators(table)
    gamma = ind.filter(pl.col("program_id") == "1200000003").row(0, named=True)
    assert gamma["img_friendliness"] is None and gamma["coverage"] == 0.0
    alpha = ind.filter(pl.col("program_id") == "1400000001").row(0, named=True)
    beta = ind.filter(pl.col("program_id") == "1400000002").row(0, named=True)
    assert alpha["img_friendliness"] > beta["img_friendliness"]
    assert 0 < beta["coverage"] < 1
    assert "visa=1.00" in alpha["explanation"]


def _profile(**kw) -> Profile:
    base = dict(applicant_id="t", specialties=["140", "120"], img=True, visa="j1", step2ck=225, graduation_year=2020)
    base.update(kw)
    return Profile(**base)


def test_recommend_excludes_programs_whose_stated_rules_rule_the_applicant_out():
    _, table = reconcile([])
    ranked = recommend(table, program_indicators(table), _profile(), as_of=date(2026, 11, 1))
    # Beta states a 230 minimum and a 3-year graduation limit: both rule out this applicant.
    assert "1400000002" not in ranked["program_id"].to_list()
    assert ranked["program_id"].to_list()[0] == "1400000001"
    for (code,), section in ranked.group_by("specialty_code"):  # each specialty is ranked on its own
        assert section.sort("rank")["rank"].to_list() == list(range(1, section.height + 1)), code


def test_recommend_keeps_unknowns_and_says_what_to_check():
    _, table = reconcile([])
    ranked = recommend(table, program_indicators(table), _profile(), as_of=date(2026, 11, 1))
    gamma = ranked.filter(pl.col("program_id") == "1200000003").row(0, named=True)
    assert "check:" in gamma["reasons"]


def test_recommend_h1b_applicant_excludes_programs_without_h1b():
    _, table = reconcile([])
    ranked = recommend(table, program_indicators(table), _profile(visa="h1b", step2ck=250), as_of=date(2026, 11, 1))
    assert "1400000002" not in ranked["program_id"].to_list()  # J-1 only
    assert "1400000001" in ranked["program_id"].to_list()


def test_fact_changes_lists_only_changed_fields():
    _, before = reconcile([])
    _, after = reconcile(
        [("1400000001", "http://alpha.test/", "home", "usce", "required", "hard", None, "USCE required", False)]
    )
    changes = core.fact_changes(before, after, SEEN, "run2")
    assert changes.select("program_id", "field", "old_value", "new_value").rows() == [("1400000001", "usce", None, "required")]


def test_stage_pages_keeps_last_good_copy_of_a_failed_site():
    t0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
    cols = dict(final_url=None, content_type="text/html", not_modified=False, changed=True, reason="home", depth=0,
                body=b"x", body_codec="gzip", text=None)
    last_good = pl.DataFrame([
        dict(program_id="1400000001", requested_url="http://a.test/", status=200, error=None, content_hash="a" * 64, fetched_at=t0, **cols),
        dict(program_id="1400000002", requested_url="http://b.test/", status=200, error=None, content_hash="b" * 64, fetched_at=t0, **cols),
        dict(program_id="1400000002", requested_url="http://b.test/old", status=200, error=None, content_hash="c" * 64, fetched_at=t0, **cols),
    ])
    current = pl.DataFrame([
        dict(program_id="1400000001", requested_url="http://a.test/", status=0, error="timeout", content_hash=None, fetched_at=SEEN, **cols),
        dict(program_id="1400000002", requested_url="http://b.test/", status=200, error=None, content_hash="d" * 64, fetched_at=SEEN, **cols),
    ])
    staged, new_last_good = staging.stage_pages(current, last_good)
    by_url = {r["url"]: r for r in staged.iter_rows(named=True)}
    assert by_url["http://a.test/"]["content_hash"] == "a" * 64  # kept, flagged
    assert by_url["http://a.test/"]["site_failed_this_run"] is True
    assert by_url["http://b.test/"]["content_hash"] == "d" * 64
    assert "http://b.test/old" not in by_url  # no longer linked from a site crawled fine
    assert new_last_good.height == 2


def test_a_preferred_score_is_kept_as_evidence_but_never_becomes_a_minimum():
    facts, table = reconcile(
        [("1400000001", "http://alpha.test/eligibility", None, "min_step2ck", "240", "preferred", None, "we prefer 240 or above", False)]
    )
    alpha = table.filter(pl.col("program_id") == "1400000001").row(0, named=True)
    assert alpha["min_step2ck"] is None
    kept = facts.filter((pl.col("program_id") == "1400000001") & (pl.col("field") == "min_step2ck"))
    assert kept.select("strictness", "selected").rows() == [("preferred", False)]


def test_crawl_shards_keep_whole_specialties_and_balance_load():
    from pipelines.defs.crawl import shard_programs

    codes = ["140"] * 50 + ["120"] * 30 + ["320"] * 20 + ["400"] * 10 + ["999"] * 5
    frame = pl.DataFrame({"program_id": [f"{c}{i:07d}" for i, c in enumerate(codes)], "specialty_code": codes})
    shards = shard_programs(frame, 2)
    assert sorted(pl.concat(shards)["program_id"].to_list()) == sorted(frame["program_id"].to_list())
    seen = [set(s["specialty_code"].to_list()) for s in shards]
    assert not seen[0] & seen[1]  # a specialty (and so a program's site) lives in one shard
    sizes = sorted(s.height for s in shards)
    assert sizes == [55, 60]  # 140 | 120+320+400+999 would be 50/65; greedy gives 60/55
    assert len(shard_programs(frame, 10)) == 5  # never an empty shard


def test_stage_pages_keeps_robots_txt_for_the_next_crawl_but_not_as_a_page():
    t0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
    cols = dict(final_url=None, error=None, content_type="text/plain", content_hash="r" * 64, not_modified=False,
                changed=True, reason="robots.txt", depth=0, body=b"x", body_codec="gzip", text=None)
    previous = pl.DataFrame([dict(program_id="1400000002", requested_url="http://b.test/robots.txt", status=200, fetched_at=t0, **cols)])
    current = pl.DataFrame([
        dict(program_id="1400000001", requested_url="http://a.test/robots.txt", status=200, fetched_at=SEEN, **cols),
        dict(program_id="1400000001", requested_url="http://a.test/", status=200, fetched_at=SEEN, **{**cols, "reason": "home"}),
    ])
    staged, last_good = staging.stage_pages(current, previous)
    assert staged["url"].to_list() == ["http://a.test/"]
    # this run's robots.txt, and the earlier one the crawler skipped as still fresh
    assert sorted(last_good["requested_url"].to_list()) == ["http://a.test/", "http://a.test/robots.txt", "http://b.test/robots.txt"]


def test_last_good_store_keeps_what_kind_of_file_each_row_is_for_the_next_crawl(tmp_path):
    """The store is the next crawl's --previous: robots.txt must come back as robots.txt (reused,
    not re-requested as a page), a sitemap as a sitemap, and a PDF as a PDF."""
    import gzip

    from scrapers.previous import PreviousCrawl

    def row(url, kind, reason, **extra):
        return dict(program_id="1400000001", requested_url=url, final_url=None, status=200, error=None, etag='"e"',
                    last_modified=None, content_type="text/html", content_hash=url, fetched_at=SEEN,
                    not_modified=False, changed=True, reason=reason, depth=0, body=gzip.compress(b"User-agent: *\n"),
                    body_codec="gzip", encoding=None, text=None, kind=kind, **extra)

    current = pl.DataFrame([
        row("http://a.test/robots.txt", "robots", "robots.txt"),
        row("http://a.test/sitemap.xml", "sitemap", "sitemap from=http://a.test/robots.txt"),
        row("http://a.test/", "page", "home"),
        {**row("http://a.test/rules.pdf", "pdf", "link score=9"), "text": "Applicants must be ECFMG certified."},
    ])
    staged, last_good = staging.stage_pages(current, None)
    assert sorted(staged["url"].to_list()) == ["http://a.test/", "http://a.test/rules.pdf"]
    # a sitemap the site has since removed is dropped (not asked for run after run); a
    # robots.txt that timed out keeps its earlier copy
    later = pl.DataFrame([{**row("http://a.test/sitemap.xml", "sitemap", "sitemap"), "status": 404, "error": "http_4xx"},
                          {**row("http://a.test/robots.txt", "robots", "robots.txt"), "status": 0, "error": "timeout"},
                          row("http://a.test/", "page", "home")])
    _, after = staging.stage_pages(later, last_good)
    assert "http://a.test/sitemap.xml" not in after["requested_url"].to_list()
    assert "http://a.test/robots.txt" in after["requested_url"].to_list()
    last_good.write_parquet(tmp_path / "last_good.parquet")
    previous = PreviousCrawl.load(tmp_path / "last_good.parquet")
    assert list(previous.robots) == ["http://a.test/robots.txt"]
    assert list(previous.sitemaps) == ["http://a.test/sitemap.xml"]
    assert previous.by_program["1400000001"] == ["http://a.test/", "http://a.test/rules.pdf"]
    assert previous.pages["http://a.test/rules.pdf"]["kind"] == "pdf"


def test_website_status_judges_a_site_by_its_pages_not_by_robots_txt_or_carried_copies():
    def fetch(pid, url, status, kind="page", error=None, not_modified=False, skipped=False):
        return dict(program_id=pid, requested_url=url, status=status, error=error, not_modified=not_modified,
                    skipped=skipped, kind=kind)

    current = pl.DataFrame([
        # down this run: only the robots.txt reused from the last crawl answered "200"
        fetch("1400000001", "http://alpha.test/robots.txt", 200, kind="robots"),
        fetch("1400000001", "http://alpha.test/", 0, error="connection"),
        # nothing new: one page answered 304, one was skipped on the sitemap's word
        fetch("1400000002", "http://beta.test/sitemap.xml", 304, kind="sitemap", not_modified=True),
        fetch("1400000002", "http://beta.test/", 304, not_modified=True),
        fetch("1400000002", "http://beta.test/apply", 200, skipped=True),  # the copy held: not asked
    ])
    status = dict(staging.website_status(current, programs()).iter_rows())
    assert status == {"1400000001": "failed:connection", "1400000002": "not_modified", "1200000003": "no_website"}
    fresh = pl.concat([current, pl.DataFrame([fetch("1400000002", "http://beta.test/faq", 200)])])
    assert dict(staging.website_status(fresh, programs()).iter_rows())["1400000002"] == "ok"


def test_a_page_two_programs_share_stays_a_page_of_each():
    """An institution-wide eligibility page linked from two programs' sites is staged for both,
    and a program whose site fails keeps its own copy while the other refreshes."""
    t0 = datetime(2026, 1, 1, tzinfo=timezone.utc)

    def fetch(pid, url, status=200, when=SEEN, error=None, content="a"):
        return dict(program_id=pid, requested_url=url, final_url=None, status=status, error=error, etag=None,
                    last_modified=None, content_type="text/html", content_hash=content, fetched_at=when,
                    not_modified=False, changed=True, reason="link", depth=1, body=b"x", body_codec="gzip",
                    encoding=None, text=None, kind="page")

    shared = "http://gme.uni.test/eligibility"
    first = pl.DataFrame([fetch("1400000001", shared, when=t0), fetch("1400000002", shared, when=t0),
                          fetch("1400000002", "http://gme.uni.test/im", when=t0)])
    staged, last_good = staging.stage_pages(first, None)
    assert sorted(staged.filter(pl.col("url") == shared)["program_id"].to_list()) == ["1400000001", "1400000002"]
    assert last_good.height == 3

    # next run: program 1 gets new content; program 2's pages all time out
    second = pl.DataFrame([fetch("1400000001", shared, content="b"),
                           fetch("1400000002", shared, status=0, error="timeout"),
                           fetch("1400000002", "http://gme.uni.test/im", status=0, error="timeout")])
    staged, last_good = staging.stage_pages(second, last_good)
    rows = {(r["program_id"], r["url"]): r for r in staged.iter_rows(named=True)}
    assert rows[("1400000001", shared)]["content_hash"] == "b"
    assert rows[("1400000002", shared)]["content_hash"] == "a"  # its last good copy, flagged
    assert rows[("1400000002", shared)]["site_failed_this_run"] is True
    assert rows[("1400000002", "http://gme.uni.test/im")]["fetched_at"] == t0
    assert last_good.height == 3


def _twins(h1b_alpha: str | None):
    """Two identical IM programs except for what Alpha states about H-1B."""
    progs = programs(
        program_id=["1400000001", "1400000002", "1200000003"],
        visa_statuses=[[], [], []], min_step2ck=[220, 220, None], yog_max_years=[None, None, None],
        pct_img=[40.0, 40.0, None],
    )
    web = [("1400000001", "http://alpha.test/visa", None, "h1b_visa", h1b_alpha, "hard", None, "H-1B sponsored", False)] if h1b_alpha else []
    _, table = reconcile(web, progs)
    return table


def test_a_stated_visa_beats_an_unknown_one_for_an_applicant_who_needs_it():
    table = _twins("yes")
    ranked = recommend(table, program_indicators(table), _profile(visa="h1b", step2ck=250), as_of=date(2026, 11, 1))
    order = ranked["program_id"].to_list()
    assert order.index("1400000001") < order.index("1400000002")


def test_no_safety_tier_while_the_needed_visa_is_unknown():
    table = _twins(None)
    ranked = recommend(table, program_indicators(table), _profile(visa="h1b", step2ck=260), as_of=date(2026, 11, 1))
    assert "safety" not in ranked["tier"].to_list()


def test_a_program_stating_many_good_things_beats_one_stating_a_single_one():
    progs = programs(
        program_id=["1400000001", "1400000002", "1200000003"],
        visa_statuses=[[], [], []], min_step2ck=[None, None, None], yog_max_years=[None, 0, None],
        pct_img=[60.0, 40.0, None],
    )
    web = [
        ("1400000002", "http://beta.test/elig", None, "accepts_imgs", "true", "hard", None, "IMGs welcome", False),
        ("1400000002", "http://beta.test/elig", None, "usce", "not_required", "hard", None, "no USCE needed", False),
    ]
    _, table = reconcile(web, progs)
    ind = program_indicators(table)
    by_id = {r["program_id"]: r for r in ind.iter_rows(named=True)}
    assert by_id["1400000001"]["img_friendliness"] > by_id["1400000002"]["img_friendliness"]  # 100 from one input
    ranked = recommend(table, ind, _profile(visa="none", step2ck=240), as_of=date(2026, 11, 1))
    order = ranked["program_id"].to_list()
    assert order.index("1400000002") < order.index("1400000001")  # but Beta says far more


def test_a_website_preference_is_no_conflict_with_a_directory_minimum():
    _, table = reconcile(
        [("1400000002", "http://beta.test/faq", None, "min_step2ck", "240", "preferred", None, "we prefer 240", False)]
    )
    beta = table.filter(pl.col("program_id") == "1400000002").row(0, named=True)
    assert beta["min_step2ck"] == 230  # the directory's hard minimum stands
    assert beta["conflicting_fields"] == []


def test_the_selected_website_fact_does_not_depend_on_the_order_pages_were_staged():
    rows = [
        ("1400000001", "http://alpha.test/faq", "faq", "j1_visa", "yes", "hard", None, "We sponsor J-1 visas.", False),
        ("1400000001", "http://alpha.test/visas", "faq", "j1_visa", "yes", "hard", None, "J-1 is our visa.", False),
        ("1400000001", "http://alpha.test/", "home", "j1_visa", "yes", "hard", None, "J-1 welcome.", False),
        ("1400000001", "http://alpha.test/faq", "faq", "usce", "preferred", "soft", None, "US experience helps.", False),
    ]
    picks = set()
    for order in (rows, rows[::-1], rows[1:] + rows[:1]):
        web = core.website_facts(page_facts(order))
        picks.add(tuple(web.filter(pl.col("selected")).sort("field").select("field", "url", "evidence").rows()))
    assert len(picks) == 1, picks
    (j1,) = [p for p in next(iter(picks)) if p[0] == "j1_visa"]
    assert j1[1] != "http://alpha.test/"  # an FAQ page decided, not the home page


def test_the_merge_cache_reuses_unchanged_programs_and_merges_changed_ones_again():
    rows = [
        ("1400000001", "http://alpha.test/faq", "faq", "j1_visa", "yes", "hard", None, "We sponsor J-1 visas.", False),
        ("1400000001", "http://alpha.test/", "home", "h1b_visa", "no", "hard", None, "No H-1B.", False),
        ("1400000002", "http://beta.test/faq", "faq", "j1_visa", "no", "hard", None, "No J-1 visas.", False),
        ("1400000002", "http://beta.test/apply", "application", "j1_visa", "yes", "hard", None, "J-1 welcome.", False),
        ("1400000002", "http://beta.test/faq", "faq", "ecfmg_cert_required", "by_rank", "hard", None,
         "ECFMG certification by the rank list deadline, February 2027.", False),
    ]
    day = date(2026, 12, 3)
    first, cache = core.website_facts_cached(page_facts(rows), day, None)
    assert first.equals(core.website_facts(page_facts(rows), day))
    assert set(cache["program_id"]) == {"1400000001", "1400000002"}
    # unchanged input: every program's choices come from the cache, and they are the same
    again, cache_again = core.website_facts_cached(page_facts(rows), day, cache)
    assert again.equals(first) and cache_again.equals(cache)
    # beta's FAQ page changes its word: beta is merged again (its J-1 is now yes), alpha is reused
    changed = [(*r[:4], "yes", *r[5:7], "We sponsor J-1.", False) if r[1:4:2] == ("http://beta.test/faq", "j1_visa")
               else r for r in rows]
    web, new_cache = core.website_facts_cached(page_facts(changed), day, cache)
    assert web.equals(core.website_facts(page_facts(changed), day))
    beta_j1 = web.filter((pl.col("program_id") == "1400000002") & (pl.col("field") == "j1_visa") & pl.col("selected"))
    assert beta_j1["value"].to_list() == ["yes"]
    hashes = dict(zip(cache["program_id"], cache["input_hash"], strict=True))
    new_hashes = dict(zip(new_cache["program_id"], new_cache["input_hash"], strict=True))
    assert new_hashes["1400000001"] == hashes["1400000001"] and new_hashes["1400000002"] != hashes["1400000002"]
    # a choice stored under a program's current hash is what the merge returns: a wrong one would show
    forged = cache.with_columns(pl.when(pl.col("program_id") == "1400000001").then(pl.lit("forged")).otherwise(
        pl.col("evidence")).alias("evidence"))
    assert not core.website_facts_cached(page_facts(rows), day, forged)[0].equals(first)
    # the date decides staleness, which the merge reads: on a later day beta's 2027 deadline is stale: a new input
    later, later_cache = core.website_facts_cached(page_facts(rows), date(2031, 1, 1), cache)
    assert later.equals(core.website_facts(page_facts(rows), date(2031, 1, 1)))
    assert dict(zip(later_cache["program_id"], later_cache["input_hash"], strict=True))["1400000002"] != hashes["1400000002"]
