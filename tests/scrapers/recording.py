"""Stand-ins for live-mode tests: a resolver and a download handler that record what they
are asked and never open a connection (nothing in the tests may contact a non-loopback
address). Loaded by the crawl through the GME_RESOLVER and DOWNLOAD_HANDLERS settings."""

from __future__ import annotations

import json
import os

from scrapy.http import HtmlResponse, Response, TextResponse

# name -> addresses the fake DNS answers (documentation-range public address for the site)
ZONE = {
    "program.example": ["93.184.216.34"],
    "www.program.example": ["93.184.216.34"],
    "intranet.example": ["10.0.0.5"],
    "metadata.example": ["169.254.169.254"],
    "mixed.example": ["93.184.216.35", "192.168.1.9"],
}

PAGES = {
    "http://program.example/robots.txt": (200, {"Content-Type": "text/plain"}, b"User-agent: *\nAllow: /\n"),
    "http://program.example/": (
        200, {"Content-Type": "text/html"},
        b"<html><body><a href='/eligibility'>Eligibility</a> <a href='/visa'>Visa FAQ</a></body></html>",
    ),
    "http://program.example/eligibility": (200, {"Content-Type": "text/html"}, b"<p>J-1 only.</p>"),
    # a page on the program's own host that redirects off the program's hosts
    "http://program.example/visa": (302, {"Location": "http://intranet.example/visa"}, b""),
    # a program whose home page redirects to a private address (home may change host)
    "http://www.program.example/": (301, {"Location": "http://metadata.example/latest"}, b""),
}


def _log(kind: str, value: str) -> None:
    with open(os.environ["GME_TEST_RECORD"], "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"kind": kind, "value": value}) + "\n")


class RecordingResolver:
    async def resolve(self, host: str) -> list[str]:
        _log("resolve", host)
        if host not in ZONE:
            raise OSError(f"no such host {host}")
        return ZONE[host]


class RecordingHandler:
    """Answers from PAGES; records every request it is handed (= would have connected)."""

    lazy = False

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def download_request(self, request):
        _log("download", request.url)
        status, headers, body = PAGES.get(request.url, (404, {"Content-Type": "text/plain"}, b"no"))
        cls = HtmlResponse if "html" in headers.get("Content-Type", "") else TextResponse if body else Response
        return cls(url=request.url, status=status, headers=headers, body=body, request=request)

    async def close(self):
        return None
