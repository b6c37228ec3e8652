"""The website spider's parts on their own, without a crawl: frontier, sitemap rendezvous,
carry-over decisions and row constructors."""

from datetime import UTC, datetime, timedelta

from scrapy.http import Request, Response

from scrapers import carryover, rows
from scrapers.frontier import ProgramCrawl
from scrapers.output import PAGES_SCHEMA
from scrapers.sitemap_gate import SitemapRendezvous


def crawl(budget=3):
    return ProgramCrawl("1400000001", "http://prog.test/", {"prog.test"}, budget)


def test_frontier_releases_best_first_within_window_and_budget_and_dedupes():
    c = crawl(budget=3)
    assert c.push("http://prog.test/news", 1, 1.0, "weak")
    assert c.push("http://prog.test/eligibility", 1, 20.0, "strong")
    assert not c.push("http://prog.test/eligibility#top", 1, 50.0, "same page")  # fragment: seen
    c.push("http://prog.test/visa", 1, 10.0, "mid")
    c.push("http://prog.test/faq", 1, 5.0, "more")
    def send():  # as the spider does: each released URL is in flight until it answers
        out = []
        for url, *_ in c.pop_ready(window=2):
            c.in_flight += 1
            out.append(url)
        return out

    assert send() == ["http://prog.test/eligibility", "http://prog.test/visa"]
    assert send() == []  # the window is full
    c.in_flight = 0
    assert send() == ["http://prog.test/faq"]  # budget 3 reached
    c.in_flight = 0
    assert send() == []


def test_frontier_holds_pages_while_a_sitemap_is_pending():
    c = crawl()
    c.push("http://prog.test/", 0, 1000.0, "home")
    c.sitemaps_pending.add("http://prog.test/sitemap.xml")
    assert list(c.pop_ready(window=4)) == []
    c.sitemaps_pending.clear()
    assert [url for url, *_ in c.pop_ready(window=4)] == ["http://prog.test/"]


def test_sitemap_rendezvous_fetches_once_and_answers_every_waiter_once():
    gate, a, b, late = SitemapRendezvous(), crawl(), crawl(), crawl()
    url = "http://uni.test/sitemap.xml"
    assert gate.join(url, a) == "fetch" and gate.join(url, b) == "wait"
    assert gate.answered(url, None) == [a, b]
    assert gate.answered(url, None) == []
    assert gate.join(url, late) == "done" and gate.file(url) is None


def test_sitemap_vouches_only_for_previous_pages_it_lists_unchanged():
    c = crawl()
    fetched = datetime.now(UTC) - timedelta(days=1)
    previous = {"body": b"x", "fetched_at": fetched}
    c.sitemap_before.append({"prog.test/": "2026-01-01"})
    c.sitemap_now.append({"prog.test/": "2026-01-01"})
    week = timedelta(days=7)
    assert carryover.sitemap_vouches(c, "http://prog.test/", "home", previous, week)
    assert not carryover.sitemap_vouches(c, "http://prog.test/", "link score=3", previous, week)  # a new find
    assert not carryover.sitemap_vouches(c, "http://prog.test/", "home", {"body": None}, week)  # nothing to carry
    assert not carryover.sitemap_vouches(c, "http://prog.test/", "home", previous, timedelta(0))  # too old
    c.sitemap_now[0]["prog.test/"] = "2026-02-01"
    assert not carryover.sitemap_vouches(c, "http://prog.test/", "home", previous, week)  # changed since


def test_rows_have_every_column_and_say_what_was_asked_for():
    request = Request("http://prog.test/a", meta={"program_id": "1", "depth": 1, "reason": "r"})
    response = Response("http://prog.test/b", status=200, headers={"ETag": '"v1"'}, request=request)
    row = rows.fetch_row("run1", request.meta, "http://prog.test/a", response)
    assert set(row) == set(PAGES_SCHEMA.names)
    assert (row["requested_url"], row["final_url"], row["etag"], row["status"]) == ("http://prog.test/a", "http://prog.test/b", '"v1"', 200)
    failed = rows.fetch_row("run1", request.meta, "http://prog.test/a", None)
    assert failed["status"] == 0 and failed["final_url"] is None
    skipped = carryover.skipped_page_row({**row, "run_id": "run0"}, "run1", "1", "previous: home")
    assert skipped["run_id"] == "run1" and skipped["skipped"] and not skipped["changed"]
    assert skipped["not_modified"] is False  # not requested, so not answered 304


def test_content_changed_keeps_the_last_good_copy_on_failures():
    assert rows.content_changed(200, "h2", {"content_hash": "h1"})
    assert not rows.content_changed(200, "h1", {"content_hash": "h1"})
    assert rows.content_changed(404, None, {"content_hash": "h1"})  # gone: its facts no longer stand
    assert not rows.content_changed(503, None, {"content_hash": "h1"})
