"""Website spider on saved pages (no network): discovery, reasons, budget, depth, PDFs and
incremental refresh rows."""

import asyncio

import pyarrow.parquet as pq
from scrapy.http import HtmlResponse, Response, TextResponse

from scrapers.content import decompress_body
from scrapers.spiders.website import WebsiteSpider
from tests.scrapers.conftest import write_programs
from tests.scrapers.mockweb import make_pdf

HOME = b"""<html><body><a href="/eligibility">Eligibility requirements</a>
<a href="/faq.pdf">Applicant FAQ</a> <a href="/news">News</a> <a href="/visa">Visa sponsorship</a>
<a href="/img">International medical graduates</a> <a href="http://other.test/apply">Apply</a></body></html>"""


def start(spider):
    async def collect():
        return [r async for r in spider.start()]

    return asyncio.run(collect())


def respond(request, body, status=200, content_type="text/html", headers=None):
    headers = {"Content-Type": content_type, **(headers or {})}
    cls = HtmlResponse if "html" in content_type else TextResponse if "text" in content_type else Response
    return cls(url=request.url, body=body, status=status, request=request, headers=headers)


def make_spider(tmp_path, previous=None, **kwargs):
    programs = write_programs(tmp_path / "programs.parquet", {"1400000001": "prog.test", "1400000002": None})
    return WebsiteSpider(programs=str(programs), pages_out=str(tmp_path / "out" / "pages.parquet"), run_id="r1", previous=previous, **kwargs)


def test_home_page_first_and_program_without_website_counted(tmp_path):
    spider = make_spider(tmp_path)
    requests = start(spider)
    assert [r.url for r in requests] == ["http://prog.test/"]
    assert requests[0].meta["reason"] == "home" and requests[0].meta["depth"] == 0
    assert spider.metrics.errors["no_website"] == 1


def test_best_links_are_followed_with_their_reason_and_offsite_links_are_not(tmp_path):
    spider = make_spider(tmp_path)
    home = start(spider)[0]
    follow = list(spider.parse_page(respond(home, HOME)))
    urls = [r.url for r in follow]
    assert urls[0] == "http://prog.test/eligibility"
    assert "http://prog.test/news" not in urls and not any("other.test" in u for u in urls)
    assert all(r.meta["depth"] == 1 and r.meta["reason"].startswith("link score=") for r in follow)
    assert len(follow) <= spider.window  # released a few at a time, best first


def test_page_budget_stops_releasing_pages(tmp_path):
    spider = make_spider(tmp_path, max_pages_per_program=3)
    home = start(spider)[0]
    follow = list(spider.parse_page(respond(home, HOME)))
    assert len(follow) == 2  # home + 2 = budget of 3
    assert list(spider.parse_page(respond(follow[0], b'<a href="/visa-details">Visa details</a>'))) == []


def test_depth_limit_stops_following_links(tmp_path):
    # a budget far above what the site offers, so only the depth limit can keep the
    # depth-2 link out (with a small budget the budget alone would)
    spider = make_spider(tmp_path, max_pages_per_program=50, max_depth=1)
    pending = start(spider)
    requested = []
    while pending:
        request = pending.pop(0)
        requested.append(request)
        body = HOME if request.meta["depth"] == 0 else b'<a href="/visa-details">Visa details</a>'
        pending.extend(spider.parse_page(respond(request, body)))
    urls = [r.url for r in requested]
    assert "http://prog.test/eligibility" in urls  # depth 1 is followed
    assert "http://prog.test/visa-details" not in urls
    assert max(r.meta["depth"] for r in requested) == 1
    spider.closed("finished")


def test_pdf_text_is_stored_with_a_compressed_body_and_hash(tmp_path):
    spider = make_spider(tmp_path)
    home = start(spider)[0]
    pdf_request = next(r for r in spider.parse_page(respond(home, HOME)) if r.url.endswith(".pdf"))
    pdf = make_pdf("Applicants need ECFMG certification by the rank list deadline")
    list(spider.parse_page(respond(pdf_request, pdf, content_type="application/pdf")))
    spider.closed("finished")
    rows = {r["requested_url"]: r for r in pq.read_table(tmp_path / "out" / "pages.parquet").to_pylist()}
    row = rows["http://prog.test/faq.pdf"]
    assert "ECFMG certification" in row["text"] and row["kind"] == "pdf"
    assert decompress_body(row["body"], row["body_codec"]) == pdf
    assert row["changed"] is True and row["not_modified"] is False


def test_http_errors_are_rows_with_their_kind(tmp_path):
    spider = make_spider(tmp_path)
    home = start(spider)[0]
    list(spider.parse_page(respond(home, b"down", status=503, content_type="text/plain")))
    spider.closed("finished")
    [row] = pq.read_table(tmp_path / "out" / "pages.parquet").to_pylist()
    assert row["status"] == 503 and row["error"] == "http_5xx"


def _first_run(tmp_path):
    (tmp_path / "a").mkdir(exist_ok=True)
    spider = make_spider(tmp_path / "a")
    home = start(spider)[0]
    etag = {"ETag": '"v1"', "Last-Modified": "Wed, 01 Jan 2025 00:00:00 GMT"}
    follow = list(spider.parse_page(respond(home, HOME, headers=etag)))
    elig = follow[0]
    list(spider.parse_page(respond(elig, b"<p>J-1 only</p>", headers={"ETag": '"e1"'})))
    spider.closed("finished")
    return tmp_path / "a" / "out" / "pages.parquet"


def test_refresh_sends_validators_and_carries_the_body_over_on_304(tmp_path):
    previous = _first_run(tmp_path)
    (tmp_path / "b").mkdir()
    spider = make_spider(tmp_path / "b", previous=str(previous))
    requests = {r.url: r for r in start(spider)}
    assert requests["http://prog.test/"].headers[b"If-None-Match"] == b'"v1"'
    assert requests["http://prog.test/"].headers[b"If-Modified-Since"] == b"Wed, 01 Jan 2025 00:00:00 GMT"
    assert "http://prog.test/eligibility" in requests  # revisited from the start
    list(spider.parse_page(respond(requests["http://prog.test/"], b"", status=304, headers={"ETag": '"v1"'})))
    # served 200 again with identical bytes: not changed
    list(spider.parse_page(respond(requests["http://prog.test/eligibility"], b"<p>J-1 only</p>")))
    spider.closed("finished")
    rows = {r["requested_url"]: r for r in pq.read_table(tmp_path / "b" / "out" / "pages.parquet").to_pylist()}
    home = rows["http://prog.test/"]
    assert home["not_modified"] and home["status"] == 304 and home["changed"] is False
    assert decompress_body(home["body"], home["body_codec"]) == HOME
    assert rows["http://prog.test/eligibility"]["changed"] is False
    assert spider.metrics.not_modified == 1


def test_refresh_marks_changed_content(tmp_path):
    previous = _first_run(tmp_path)
    (tmp_path / "b").mkdir()
    spider = make_spider(tmp_path / "b", previous=str(previous))
    requests = {r.url: r for r in start(spider)}
    list(spider.parse_page(respond(requests["http://prog.test/eligibility"], b"<p>J-1 and H-1B</p>")))
    spider.closed("finished")
    [row] = pq.read_table(tmp_path / "b" / "out" / "pages.parquet").to_pylist()
    assert row["changed"] is True and row["not_modified"] is False


def test_previous_file_with_several_fetches_of_a_url_uses_the_latest(tmp_path):
    import datetime as dt

    import pyarrow as pa

    from scrapers.output import PAGES_SCHEMA
    from scrapers.previous import PreviousCrawl

    def row(etag, day):
        base = {name: None for name in PAGES_SCHEMA.names}
        base.update(program_id="1", requested_url="http://p.test/", final_url="http://p.test/", status=200, etag=etag,
                    body=b"x", body_codec="identity", kind="page", reason="home", depth=0,
                    fetched_at=dt.datetime(2026, 1, day, tzinfo=dt.UTC), not_modified=False)
        return base

    path = tmp_path / "prev.parquet"
    pq.write_table(pa.Table.from_pylist([row('"new"', 9), row('"old"', 1)], schema=PAGES_SCHEMA), path)
    assert PreviousCrawl.load(path).validators("http://p.test/")["etag"] == '"new"'


def test_an_interrupted_crawl_is_not_published_as_complete(tmp_path):
    spider = make_spider(tmp_path)
    home = start(spider)[0]
    list(spider.parse_page(respond(home, HOME)))
    spider.closed("shutdown")
    assert not spider.metrics.ok
    assert not (tmp_path / "out" / "pages.parquet").exists()
    assert len(pq.read_table(tmp_path / "out" / "pages.incomplete.parquet")) == 1


def test_refresh_asks_again_for_pages_that_failed_transiently(tmp_path):
    (tmp_path / "a").mkdir()
    spider = make_spider(tmp_path / "a")
    home = start(spider)[0]
    follow = list(spider.parse_page(respond(home, HOME, headers={"ETag": '"v1"'})))
    list(spider.parse_page(respond(follow[0], b"busy", status=503, content_type="text/plain")))
    spider.closed("finished")
    (tmp_path / "b").mkdir()
    again = make_spider(tmp_path / "b", previous=str(tmp_path / "a" / "out" / "pages.parquet"))
    requests = {r.url: r for r in start(again)}
    assert requests[follow[0].url].meta["reason"] == "previous failure: http_5xx"


def test_changed_means_the_pages_say_something_different():
    from scrapers.spiders.website import content_changed

    before = {"content_hash": "a"}
    assert content_changed(200, "b", before) and content_changed(200, "a", None)
    assert not content_changed(200, "a", before)
    assert content_changed(404, "x", before) and not content_changed(404, "x", None)
    assert not content_changed(503, "x", before)  # a failure keeps the last good copy


def test_a_previous_store_without_kind_still_reuses_robots_txt_rather_than_fetching_it_as_a_page(tmp_path):
    import datetime as dt
    import gzip

    import pyarrow as pa

    from scrapers.previous import PreviousCrawl

    now = dt.datetime.now(dt.UTC)
    rows = [
        dict(program_id="1", requested_url="http://p.test/robots.txt", status=200, body=gzip.compress(b"User-agent: *\n"),
             body_codec="gzip", reason="robots.txt", depth=0, fetched_at=now),
        dict(program_id="1", requested_url="http://p.test/", status=200, body=b"x", body_codec="identity",
             reason="home", depth=0, fetched_at=now),
    ]
    path = tmp_path / "legacy.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path)  # no kind column, as stores written before it
    previous = PreviousCrawl.load(path)
    assert previous.fresh_robots("http://p.test/robots.txt")["robots_body"] == b"User-agent: *\n"
    assert previous.by_program["1"] == ["http://p.test/"]


def test_a_site_that_never_answered_is_listed_with_why(tmp_path):
    spider = make_spider(tmp_path)
    home = start(spider)[0]
    list(spider.parse_page(respond(home, b"slow down", status=429, content_type="text/plain")))
    spider.closed("finished")
    assert spider.metrics.extra["failed_site_count"] == 1
    assert spider.metrics.extra["failed_sites"] == [
        {"program_id": "1400000001", "home": "http://prog.test/", "error": "http_429"}]


def test_a_site_that_answered_is_not_listed_as_failed(tmp_path):
    spider = make_spider(tmp_path)
    home = start(spider)[0]
    follow = list(spider.parse_page(respond(home, HOME)))
    list(spider.parse_page(respond(follow[0], b"gone", status=404, content_type="text/plain")))
    spider.closed("finished")
    assert spider.metrics.extra["failed_site_count"] == 0 and spider.metrics.extra["failed_sites"] == []
