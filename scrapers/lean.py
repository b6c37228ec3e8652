"""Scrapy parts that do the stock parts' job with less work per request (profiled against
the sample web, see scrapers/README.md "Throughput"). Each does exactly what the part it
replaces does for our spiders; settings.py says which part it replaces."""

from __future__ import annotations

import logging

from pydispatch import dispatcher
from scrapy.http import Headers
from scrapy.logformatter import LogFormatter
from scrapy.signalmanager import SignalManager
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
        # the same names and values as Headers.setdefault would store, normalised once here
        # rather than on every request (the first of two names differing in case wins, as there)
        template = Headers()
        self.normalised: list[tuple[bytes, list[bytes]]] = []
        for name, value in self.headers:
            key = template.normkey(name)
            if all(key != known for known, _ in self.normalised):
                self.normalised.append((key, template.normvalue(value)))

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        return cls(settings.getfloat("DOWNLOAD_TIMEOUT"), without_none_values(settings["DEFAULT_REQUEST_HEADERS"]),
                   settings["USER_AGENT"])

    def process_request(self, request, spider=None):
        if self.timeout:
            request.meta.setdefault("download_timeout", self.timeout)
        headers = request.headers
        if headers.encoding != "utf-8":  # not the template's: Scrapy's own normalisation
            for name, value in self.headers:
                headers.setdefault(name, value)
            return None
        for key, values in self.normalised:
            if not dict.__contains__(headers, key):
                dict.__setitem__(headers, key, list(values))
        return None


class ListenedSignalManager(SignalManager):
    """Scrapy's SignalManager, but a signal nobody listens to is not sent: the engine, the
    downloader and the download handler send about eight per request (request_scheduled,
    request_reached_downloader, headers_received, bytes_received per chunk, response_downloaded,
    request_left_downloader...), and the stock path builds the receiver lists through four
    pydispatch lookups and two generators for each, only to find none. Here one look at
    pydispatch's own table (the four (sender, signal) pairs `getAllReceivers` reads) decides;
    when any receiver is connected, the stock method sends it, so results, errors and logging
    are Scrapy's own. Installed by `install_signal_manager` on the crawlers `python -m scrapers` runs."""

    def _listened(self, signal, sender) -> bool:
        connections = dispatcher.connections
        for key in (id(sender), _ANY_SENDER):
            by_signal = connections.get(key)
            if by_signal and (by_signal.get(signal) or by_signal.get(dispatcher.Any)):
                return True
        return False

    def send_catch_log(self, signal, **kwargs):
        if not self._listened(signal, kwargs.get("sender", self.sender)):
            return []
        return super().send_catch_log(signal, **kwargs)

    async def send_catch_log_async(self, signal, **kwargs):
        if not self._listened(signal, kwargs.get("sender", self.sender)):
            return []
        return await super().send_catch_log_async(signal, **kwargs)


_ANY_SENDER = id(dispatcher.Any)


def install_signal_manager(crawler) -> None:
    """Give a crawler the ListenedSignalManager (before `crawl()`: the engine, downloader and
    extensions take `crawler.signals` when they are built). Same sender, so receivers connected
    through the crawler's first manager are found by this one too (pydispatch's table is global)."""
    crawler.signals = ListenedSignalManager(crawler.signals.sender)
