"""Downloader middlewares in process, each built from a crawler made in the test
(scrapy.utils.test.get_crawler) with the project's settings: no engine, no network."""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest
from scrapy import Request, Spider
from scrapy.http import Response
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from scrapers import settings as project_settings
from scrapers.errors import OffsiteRedirect
from scrapers.middlewares import BackoffRetryMiddleware, CapReached, CapsMiddleware, FanOutRobotsTxtMiddleware, RobotsDisallowed
from scrapers.robots import robots_store, site_shares
from scrapers.spiders.website import ProgramHostsMiddleware


def crawler(**overrides):
    settings = Settings()
    settings.setmodule(project_settings)
    settings.setdict(overrides, priority="cmdline")
    return get_crawler(Spider, settings.copy_to_dict())


def test_caps_count_pages_per_host_times_the_programs_on_it_and_per_run():
    c = crawler(GME_MAX_PAGES_PER_HOST=2, GME_MAX_PAGES_PER_RUN=5)
    site_shares(c).programs_on_host = Counter({"uni.test": 2})
    caps = CapsMiddleware.from_crawler(c)
    for n in range(4):  # shared by two programs: 2 x 2 pages
        caps.process_request(Request(f"http://www.uni.test/{n}"))
    with pytest.raises(CapReached, match="cap of 4"):
        caps.process_request(Request("http://www.uni.test/5"))
    caps.process_request(Request("http://one.test/a"))  # the run's 5th page
    with pytest.raises(CapReached, match="for this run"):
        caps.process_request(Request("http://two.test/a"))
    # robots.txt and retries don't count against a cap
    assert caps.process_request(Request("http://two.test/robots.txt", meta={"robots_txt": True})) is None
    assert caps.process_request(Request("http://two.test/a", meta={"retry_times": 1})) is None


def test_robots_reused_from_the_store_decides_without_a_request():
    c = crawler()
    asked = []

    def reuse(url, request):
        asked.append(url)
        return b"User-agent: *\nDisallow: /private\n"

    robots_store(c).reuse = reuse
    c.engine = None  # any download attempt would fail loudly
    mw = FanOutRobotsTxtMiddleware.from_crawler(c)

    async def run():
        allowed = await mw.process_request(Request("http://prog.test/open"))
        with pytest.raises(RobotsDisallowed):
            await mw.process_request(Request("http://prog.test/private/x"))
        return allowed

    assert asyncio.run(run()) is None
    assert asked == ["http://prog.test/robots.txt"]  # once per host, then parsed copy reused


def test_program_hosts_refuse_other_hosts_except_a_home_redirect():
    mw = ProgramHostsMiddleware()
    hosts = {"prog.test", "www.prog.test"}
    assert mw.process_request(Request("http://prog.test/a", meta={"program_hosts": hosts})) is None
    with pytest.raises(OffsiteRedirect):
        mw.process_request(Request("http://elsewhere.test/a", meta={"program_hosts": hosts}))
    home = Request("http://hospital.test/", meta={"program_hosts": hosts, "is_home": True, "redirect_times": 1})
    assert mw.process_request(home) is None and "hospital.test" in hosts


def test_retry_gives_up_when_retry_after_exceeds_the_runs_limit():
    c = crawler(GME_RETRY_AFTER_MAX=5.0)
    mw = BackoffRetryMiddleware.from_crawler(c)
    request = Request("http://prog.test/a")
    mw.process_request(request)
    too_long = Response(request.url, status=429, headers={"Retry-After": "3600"}, request=request)
    assert asyncio.run(mw.process_response(request, too_long)) is too_long  # recorded as failed, no wait


def test_retry_waits_at_least_retry_after_when_no_slot_can_space_it(monkeypatch):
    c = crawler(GME_RETRY_BACKOFF_BASE=0.0)
    c.engine = None
    slept = []

    async def fake_sleep(seconds):
        slept.append(seconds)

    monkeypatch.setattr("scrapers.middlewares.slow_down_host", lambda *a: False)
    monkeypatch.setattr("scrapers.middlewares.asyncio.sleep", fake_sleep)
    c.spider = c._create_spider("website-test")
    mw = BackoffRetryMiddleware.from_crawler(c)
    request = Request("http://prog.test/a")
    mw.process_request(request)
    answer = Response(request.url, status=503, headers={"Retry-After": "2"}, request=request)
    retry = asyncio.run(mw.process_response(request, answer))
    assert isinstance(retry, Request) and retry.meta["retry_times"] == 1
    assert slept == [2.0]


def test_request_defaults_set_what_the_three_stock_middlewares_set():
    from scrapy.downloadermiddlewares.defaultheaders import DefaultHeadersMiddleware
    from scrapy.downloadermiddlewares.downloadtimeout import DownloadTimeoutMiddleware
    from scrapy.downloadermiddlewares.useragent import UserAgentMiddleware

    from scrapers.lean import RequestDefaultsMiddleware

    c = crawler(DOWNLOAD_TIMEOUT=7, DEFAULT_REQUEST_HEADERS={"Accept": "text/html", "Accept-Language": "en", "X-None": None})
    stock = [DownloadTimeoutMiddleware.from_crawler(c), DefaultHeadersMiddleware.from_crawler(c),
             UserAgentMiddleware.from_crawler(c)]
    ours = RequestDefaultsMiddleware.from_crawler(c)
    for meta, headers in (({}, {}), ({"download_timeout": 2}, {"Accept": "application/json", "User-Agent": "mine"})):
        a, b = Request("http://p.test/", meta=dict(meta), headers=headers), Request("http://p.test/", meta=dict(meta), headers=headers)
        for mw in stock:
            mw.process_request(a)
        assert ours.process_request(b) is None
        assert b.meta == a.meta and b.headers.to_unicode_dict() == a.headers.to_unicode_dict()
    assert b.meta["download_timeout"] == 2 and b.headers[b"Accept"] == b"application/json"
    assert a.headers.get(b"X-None") is None
    fresh = Request("http://p.test/")
    ours.process_request(fresh)
    assert fresh.meta["download_timeout"] == 7 and b"gme-atlas-crawler/" in fresh.headers[b"User-Agent"]


def test_the_project_runs_the_lean_parts_and_they_keep_stats_and_debug_records():
    import logging

    from scrapers.lean import PlainStatsCollector, QuietLogFormatter

    c = crawler()
    c._apply_settings()
    assert isinstance(c.stats, PlainStatsCollector) and isinstance(c.logformatter, QuietLogFormatter)
    c.stats.inc_value("x")
    c.stats.inc_value("x", 2)
    c.stats.max_value("m", 3)
    assert c.stats.get_value("x") == 3 and c.stats.get_stats() == {"x": 3, "m": 3}
    request = Request("http://p.test/")
    response = Response("http://p.test/", status=200, request=request)
    engine_log = logging.getLogger("scrapy.core.engine")
    level = engine_log.level
    try:
        engine_log.setLevel(logging.INFO)
        assert c.logformatter.crawled(request, response, None) is None
        engine_log.setLevel(logging.DEBUG)
        assert c.logformatter.crawled(request, response, None)["args"]["status"] == 200
    finally:
        engine_log.setLevel(level)


def test_a_redirect_to_another_host_is_fetched_in_that_hosts_download_slot():
    """www. -> canonical host: the redirect must not stay in the www. host's slot (Scrapy copies the
    meta): two slots on one host break per-host politeness and the delays a 429 asks for."""
    from scrapers.middlewares import PlainRedirectMiddleware

    mw = PlainRedirectMiddleware.from_crawler(crawler())
    source = Request("http://www.uni.test/", meta={"download_slot": "www.uni.test"})
    moved = mw.process_response(source, Response("http://www.uni.test/", status=301,
                                                 headers={"Location": "http://uni.test/"}))
    assert isinstance(moved, Request) and moved.url == "http://uni.test/"
    assert "download_slot" not in moved.meta  # the downloader files it under uni.test
    same = Request("http://uni.test/a", meta={"download_slot": "uni.test"})
    moved_here = mw.process_response(same, Response("http://uni.test/a", status=302,
                                                    headers={"Location": "http://uni.test/b"}))
    assert moved_here.meta["download_slot"] == "uni.test"  # same host, same slot
