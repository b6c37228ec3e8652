"""scrapers/lean.py: the signal manager that skips signals nobody listens to sends what
Scrapy's would, to the same receivers, with the same results."""

import asyncio

from pydispatch import dispatcher
from scrapy.signalmanager import SignalManager
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from scrapers.lean import ListenedSignalManager, install_signal_manager

HEARD, UNHEARD = object(), object()


class Sender:
    pass


def test_a_signal_with_receivers_reaches_them_as_scrapys_manager_sends_it():
    sender = Sender()
    calls = []

    def receiver(value, signal):
        calls.append(value)
        return value * 2

    stock, lean = SignalManager(sender), ListenedSignalManager(sender)
    stock.connect(receiver, HEARD)
    assert lean.send_catch_log(HEARD, value=3) == [(receiver, 6)] == stock.send_catch_log(HEARD, value=3)
    assert calls == [3, 3]
    assert lean.send_catch_log(UNHEARD, value=4) == [] == stock.send_catch_log(UNHEARD, value=4)
    assert calls == [3, 3]
    assert asyncio.run(lean.send_catch_log_async(HEARD, value=5)) == [(receiver, 10)]
    assert asyncio.run(lean.send_catch_log_async(UNHEARD, value=5)) == []
    lean.disconnect(receiver, HEARD)
    assert lean.send_catch_log(HEARD, value=6) == [] and calls == [3, 3, 5]


def test_receivers_of_any_sender_or_any_signal_and_failing_ones_are_not_skipped():
    sender = Sender()
    heard = []

    def from_anyone(signal):
        heard.append(("anyone", signal))

    def everything(signal):
        heard.append(("everything", signal))

    def broken():
        raise ValueError("receiver bug")

    lean = ListenedSignalManager(sender)
    dispatcher.connect(from_anyone, HEARD, sender=dispatcher.Any)
    try:
        lean.send_catch_log(HEARD)
        assert heard == [("anyone", HEARD)]
        lean.connect(everything, dispatcher.Any)
        lean.send_catch_log(UNHEARD)
        assert heard[-1] == ("everything", UNHEARD)
    finally:
        dispatcher.disconnect(from_anyone, HEARD, sender=dispatcher.Any)
        lean.disconnect(everything, dispatcher.Any)
    lean.connect(broken, UNHEARD)
    [(receiver, result)] = lean.send_catch_log(UNHEARD)
    assert receiver is broken and isinstance(result, Failure) and isinstance(result.value, ValueError)
    lean.disconnect(broken, UNHEARD)


def test_installed_on_a_crawler_it_keeps_the_receivers_connected_before():
    crawler = get_crawler()
    got = []

    def on_opened(spider):
        got.append(spider)

    crawler.signals.connect(on_opened, signal=HEARD)
    install_signal_manager(crawler)
    assert isinstance(crawler.signals, ListenedSignalManager) and crawler.signals.sender is crawler
    crawler.signals.send_catch_log(HEARD, spider="s")
    assert got == ["s"]


def test_the_handlers_response_headers_are_the_parents():
    from multidict import CIMultiDict, CIMultiDictProxy
    from scrapy.core.downloader.handlers._aiohttp import AiohttpDownloadHandler

    from scrapers.handlers import PolicyDownloadHandler

    class Answer:
        headers = CIMultiDictProxy(CIMultiDict([
            ("content-type", "text/html; charset=utf-8"), ("ETag", '"v1"'), ("Set-Cookie", "a=1"),
            ("set-cookie", "b=2"), ("X-ÄÖ", "é"), ("Last-Modified", "Tue, 01 Dec 2026 00:00:00 GMT")]))

    ours, stock = PolicyDownloadHandler._extract_headers(Answer), AiohttpDownloadHandler._extract_headers(Answer)
    assert type(ours) is type(stock) and dict(ours) == dict(stock) and list(ours) == list(stock)
    assert ours.getlist("Set-Cookie") == [b"a=1", b"b=2"] and ours.get("etag") == b'"v1"'


def test_rows_header_reads_what_headers_get_returns():
    from scrapy.http import Response

    from scrapers.rows import header

    response = Response("http://p.test/", headers={"ETag": ['"a"', '"b"'], "Last-Modified": "", "content-type": "x/y"})
    for name in (b"ETag", b"Last-Modified", b"Content-Type", b"Missing"):
        value = response.headers.get(name)
        assert header(response, name) == (value.decode("latin-1") if value else None)
    assert header(response, b"ETag") == '"b"' and header(None, b"ETag") is None
