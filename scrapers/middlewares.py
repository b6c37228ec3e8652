"""Downloader middlewares: robots.txt without the first-burst leak, the address policy,
per-host/per-run caps, and retries with backoff that honour Retry-After."""

from __future__ import annotations

import asyncio
import email.utils
import logging
import random
import time
from collections import Counter

from scrapy import Request, signals
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import DownloadTimeoutError, IgnoreRequest
from scrapy.extensions.throttle import AutoThrottle
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.response import response_status_message

from scrapers.address import address_book
from scrapers.robots import robots_store, site_shares

logger = logging.getLogger(__name__)


class RobotsDisallowed(IgnoreRequest):
    """Forbidden by robots.txt (recorded as `robots`)."""


class CapReached(IgnoreRequest):
    """A per-host or per-run page cap was reached (recorded as `cap`)."""


class FanOutRobotsTxtMiddleware(RobotsTxtMiddleware):
    """robots.txt obeyed for every request, including those queued while it downloads.

    Scrapy 2.19 parks all waiters on one Deferred whose result reaches only the first one;
    the rest get None and are let through. Here every waiter has its own future. robots.txt
    is fetched with the validators of the previous run and every fetch is handed to the
    crawl's RobotsStore (scrapers.robots) so it lands in the raw store too."""

    def __init__(self, crawler):
        super().__init__(crawler)
        self._waiters: dict[str, list[asyncio.Future]] = {}

    async def process_request(self, request: Request, spider=None) -> None:
        # the parent's, without the decorator that warns about a `spider` argument on every call
        if request.meta.get("dont_obey_robotstxt") or request.url.startswith(("data:", "file:")):
            return None
        self.process_request_2(await self.robot_parser(request), request)
        return None

    async def robot_parser(self, request: Request):
        netloc = urlparse_cached(request).netloc
        if netloc in self._parsers:
            return self._parsers[netloc]
        if netloc in self._waiters:
            future = asyncio.get_running_loop().create_future()
            self._waiters[netloc].append(future)
            return await future
        self._waiters[netloc] = []
        parser = None
        try:
            parser = await self._fetch_parser(request, netloc)
        except Exception as exc:  # noqa: BLE001 - no robots.txt reachable: Scrapy's rule, allow
            if not isinstance(exc, IgnoreRequest):
                logger.info("robots.txt for %s unavailable: %r", netloc, exc)
            self._stats.inc_value("robotstxt/exception_count")
        self._parsers[netloc] = parser
        for future in self._waiters.pop(netloc):
            if not future.done():
                future.set_result(parser)
        return parser

    async def _fetch_parser(self, request: Request, netloc: str):
        url = urlparse_cached(request)
        robots_url = f"{url.scheme}://{netloc}/robots.txt"
        store = robots_store(self.crawler)
        reused = store.reusable(robots_url, request)
        if reused is not None:  # young enough to reuse without asking (RFC 9309, 24 h)
            self._stats.inc_value("robotstxt/reused")
            return build_from_crawler(self._parserimpl, self.crawler, reused)
        previous = store.validators(robots_url)
        headers = conditional_headers(previous) if previous else {}
        robots_request = Request(
            robots_url,
            priority=self.DOWNLOAD_PRIORITY,
            headers=headers,
            meta={"dont_obey_robotstxt": True, "robots_txt": True, **_copy_program_meta(request)},
            callback=NO_CALLBACK,
            dont_filter=True,
        )
        self._stats.inc_value("robotstxt/request_count")
        response = await self.crawler.engine.download_async(robots_request)
        self._stats.inc_value(f"robotstxt/response_status_count/{response.status}")
        body = response.body
        if response.status == 304 and previous:
            body = previous["robots_body"]
        store.fetched(robots_request, response, body)
        if 400 <= response.status < 500:
            body = b""  # RFC 9309: an unavailable robots.txt means no restriction
        parser = build_from_crawler(self._parserimpl, self.crawler, body)
        await self.crawler.signals.send_catch_log_async(
            signal=signals.robots_parsed, robotparser=parser, request=request
        )
        return parser

    def process_request_2(self, rp, request: Request) -> None:
        try:
            super().process_request_2(rp, request)
        except IgnoreRequest as exc:
            raise RobotsDisallowed(str(exc)) from None


def _copy_program_meta(request: Request) -> dict:
    return {k: request.meta[k] for k in ("program_id",) if k in request.meta}


def conditional_headers(previous: dict) -> dict[str, str]:
    headers = {}
    if previous.get("etag"):
        headers["If-None-Match"] = previous["etag"]
    if previous.get("last_modified"):
        headers["If-Modified-Since"] = previous["last_modified"]
    return headers


class AddressPolicyMiddleware:
    """Refuses, before any connection, requests whose host may not be contacted.

    Runs for every request, including redirects and robots.txt (placed last before the
    download handler). The approval is pinned in the crawl's AddressBook, which the download
    handler connects through."""

    def __init__(self, crawler):
        self.book = address_book(crawler)
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_request(self, request: Request, spider=None):
        parts = urlparse_cached(request)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            request.meta["connect_to"] = await self.book.approve(parts.hostname or "", port)
        except IgnoreRequest:
            self.stats.inc_value("gme/refused_address")
            raise
        return None


class CapsMiddleware:
    """Caps pages per host and per run (robots.txt and retries not counted): a runaway site
    can't swallow the crawl. The per-host cap is per program site: a host that serves several
    programs (an institution's domain) gets the cap once for each of them, from the crawl's
    SiteShares (scrapers.robots), which the spider fills."""

    def __init__(self, per_host: int, per_run: int, crawler=None):
        self.per_host, self.per_run = per_host, per_run
        self.crawler = crawler
        self.hosts: Counter[str] = Counter()
        self.total = 0

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        return cls(s.getint("GME_MAX_PAGES_PER_HOST"), s.getint("GME_MAX_PAGES_PER_RUN"), crawler)

    def host_cap(self, host: str) -> int:
        shares = site_shares(self.crawler) if self.crawler is not None else None
        return self.per_host * (shares.programs(host) if shares is not None else 1)

    def process_request(self, request: Request, spider=None):
        if request.meta.get("robots_txt") or request.meta.get("retry_times"):
            return None
        host = urlparse_cached(request).hostname or ""
        if self.per_host and self.hosts[host] >= self.host_cap(host):
            raise CapReached(f"page cap of {self.host_cap(host)} reached for {host}")
        if self.per_run and self.total >= self.per_run:
            raise CapReached(f"page cap of {self.per_run} reached for this run")
        self.hosts[host] += 1
        self.total += 1
        return None


def retry_after_seconds(value: bytes | str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def delay_floors(crawler) -> dict[str, float]:
    """Per-host minimum delays learnt from 429/503 answers during this crawl."""
    if not hasattr(crawler, "_gme_delay_floors"):
        crawler._gme_delay_floors = {}
    return crawler._gme_delay_floors


def slow_down_host(crawler, request: Request, seconds: float) -> bool:
    """A host that said "too many requests" gets at least `seconds` between requests for
    the rest of the crawl (without jitter, so the spacing never dips below what it asked)."""
    key = request.meta.get("download_slot")
    slot = crawler.engine.downloader.slots.get(key) if key else None
    if slot is None:
        return False
    floors = delay_floors(crawler)
    floors[key] = max(floors.get(key, 0.0), seconds)
    slot.delay = max(slot.delay, floors[key])
    slot.jitter = 0.0
    # Retry-After counts from this answer, not from when the request left
    slot.lastseen = max(slot.lastseen, time.monotonic())
    return True


class HostAwareAutoThrottle(AutoThrottle):
    """AutoThrottle that never lowers a host's delay below what its 429s asked for."""

    def _response_downloaded(self, response, request, spider):
        super()._response_downloaded(response, request, spider)
        key = request.meta.get("download_slot")
        floor = delay_floors(self.crawler).get(key) if key else None
        if floor:
            slot = self.crawler.engine.downloader.slots.get(key)
            if slot is not None and slot.delay < floor:
                slot.delay = floor


class BackoffRetryMiddleware(RetryMiddleware):
    """Retries with exponential backoff and jitter; a 429/503 Retry-After is honoured (up to
    GME_RETRY_AFTER_MAX seconds; a longer wait gives the page up as failed)."""

    def __init__(self, settings):
        super().__init__(settings)
        self.base = settings.getfloat("GME_RETRY_BACKOFF_BASE")
        self.cap = settings.getfloat("GME_RETRY_BACKOFF_MAX")
        self.retry_after_max = settings.getfloat("GME_RETRY_AFTER_MAX")
        self.timeout_retries = settings.getint("GME_TIMEOUT_RETRIES")

    def _backoff(self, request: Request) -> float:
        attempt = request.meta.get("retry_times", 0)
        return min(self.cap, self.base * (2**attempt)) * (0.5 + random.random() / 2)

    def process_request(self, request, spider=None):
        # retries count per URL: a redirect target gets its own attempts (a site that fails
        # twice on / and then twice on the page / redirects to must still be fetched)
        if request.meta.get("retry_url") != request.url:
            request.meta["retry_url"] = request.url
            request.meta.pop("retry_times", None)
        return None

    async def process_response(self, request, response, spider=None):
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        delay = self._backoff(request)
        wait = None
        if response.status in (429, 503):
            wait = retry_after_seconds(response.headers.get(b"Retry-After"))
            if wait is not None and wait > self.retry_after_max:
                return response  # the host asks for longer than a crawl should wait
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        self.crawler.stats.inc_value(f"gme/retry/{response.status}")
        if wait is not None and slow_down_host(self.crawler, request, wait):
            return retry  # the host's slot now spaces every request, this retry included
        await asyncio.sleep(max(delay, wait or 0.0))
        return retry

    async def process_exception(self, request, exception, spider=None):
        if isinstance(exception, DownloadTimeoutError) and request.meta.get("retry_times", 0) >= self.timeout_retries:
            return None  # a page that hangs once usually hangs again: don't spend minutes on it
        retry = super().process_exception(request, exception)
        if retry is not None:
            await asyncio.sleep(self._backoff(request))
        return retry


class PlainRedirectMiddleware(RedirectMiddleware):
    """Scrapy's redirects without the Referer policy machinery (we send no Referer at all;
    the stock class warns on every crawl when the referer middleware is off)."""

    def handle_referer(self, request, response) -> None:
        request.headers.pop("Referer", None)

    def _build_redirect_request(self, source_request, response, *, url, **kwargs):
        redirect = super()._build_redirect_request(source_request, response, url=url, **kwargs)
        # Scrapy copies the source's meta, its download slot included: a redirect to another host
        # (www. -> the canonical host) went on in the first host's slot, so two slots, each with its
        # own delay and concurrency, fetched from one host, and the delay a 429 asked for on one
        # was not kept by the other (issue 13: on the hostile web a www. site with 5xx bursts and
        # 429s lost its home page, and with it all its facts). The target host's own slot it is.
        if urlparse_cached(redirect).hostname != urlparse_cached(source_request).hostname:
            redirect.meta.pop("download_slot", None)
        return redirect

    def _engine_started(self) -> None:
        return None
