"""Scrapy parts that do the stock parts' job with less work per request (profiled against
the sample web, see scrapers/README.md "Throughput"). Each does exactly what the part it
replaces does for our spiders; settings.py says which part it replaces."""

from __future__ import annotations

import logging

from scrapy.logformatter import LogFormatter
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.python import without_none_values


class PlainStatsCollector(MemoryStatsCollector):
    """MemoryStatsCollector without Scrapy 2.19's per-access `__getattribute__` hook (it wraps
    each stats method to warn about a deprecated `spider` argument, and runs on every attribute
    access, `self._stats` inside `inc_value` included: the scheduler alone counts four stats per
    request). Same methods, same values; only that deprecation warning is gone."""

    __getattribute__ = object.__getattribute__


class QuietLogFormatter(LogFormatter):
    """Builds the "Crawled (200) <GET ...>" record only when it can be shown: the stock
    formatter builds it for every response (referer lookup, flags, a dict) and the engine's
    logger then drops it below DEBUG."""

    _engine_logger = logging.getLogger("scrapy.core.engine")

    def crawled(self, request, response, spider):
        if not self._engine_logger.isEnabledFor(logging.DEBUG):
            return None  # the engine logs nothing for None
        return super().crawled(request, response, spider)


class RequestDefaultsMiddleware:
    """Scrapy's DownloadTimeoutMiddleware, DefaultHeadersMiddleware and UserAgentMiddleware in
    one downloader middleware (each is a hop through the middleware chain for every request):
    `download_timeout` meta from DOWNLOAD_TIMEOUT, DEFAULT_REQUEST_HEADERS and the User-Agent
    from USER_AGENT, each only where the request does not set its own."""

    def __init__(self, timeout: float, headers: dict, user_agent: str | None):
        self.timeout = timeout
        self.headers = list(headers.items())
        if user_agent:
            self.headers.append((b"User-Agent", user_agent))

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        return cls(settings.getfloat("DOWNLOAD_TIMEOUT"), without_none_values(settings["DEFAULT_REQUEST_HEADERS"]),
                   settings["USER_AGENT"])

    def process_request(self, request, spider=None):
        if self.timeout:
            request.meta.setdefault("download_timeout", self.timeout)
        headers = request.headers
        for name, value in self.headers:
            headers.setdefault(name, value)
        return None
