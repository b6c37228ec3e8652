"""What Scrapy itself costs per request: a spider that only fetches a list of URLs.

Same engine, event loop, download handler and concurrency limits as our crawl, but no
robots.txt, no redirects, no retries, no parsing, no storage, and every URL known up front.
bench_crawl.py runs it on the URLs our crawl fetched, so the figure is the ceiling any
Scrapy-based crawl (or refresh) can reach on this machine: our crawl's overhead is the gap
between the two, the engine's the gap between this and the minimal aiohttp client.

    .venv/bin/python benchmarks/scrapy_floor.py --sample-web http://127.0.0.1:8765 --urls urls.txt
Prints one JSON line: {"requests": N, "responses": N, "seconds": S, "per_s": R}.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import AsyncCrawlerProcess


class FetchOnly(scrapy.Spider):
    name = "fetch_only"

    def __init__(self, urls: list[str], port: int, **kwargs):
        super().__init__(**kwargs)
        self.urls, self.port, self.responses = urls, port, 0

    async def start(self):
        for url in self.urls:
            parts = urlsplit(url)
            # straight to the sample web's port, the site told apart by Host (as our crawl does);
            # the download slot is the site, so the per-host limit applies per site
            yield scrapy.Request(f"http://127.0.0.1:{self.port}{parts.path or '/'}", headers={"Host": parts.netloc},
                                 dont_filter=True, meta={"download_slot": parts.netloc})

    def parse(self, response):
        self.responses += 1


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample-web", required=True, help="http://127.0.0.1:PORT")
    ap.add_argument("--urls", required=True, help="file with one URL per line")
    ap.add_argument("--concurrency", type=int, default=64)
    ap.add_argument("--per-host", type=int, default=4)
    args = ap.parse_args(argv)
    urls = [line.strip() for line in open(args.urls, encoding="utf-8") if line.strip()]
    port = urlsplit(args.sample_web).port
    settings = {
        "TWISTED_REACTOR_ENABLED": False,
        "DOWNLOAD_HANDLERS": {"http": "scrapy.core.downloader.handlers._aiohttp.AiohttpDownloadHandler"},
        "CONCURRENT_REQUESTS": args.concurrency, "CONCURRENT_REQUESTS_PER_DOMAIN": args.per_host,
        "LOG_LEVEL": "ERROR", "ROBOTSTXT_OBEY": False, "REDIRECT_ENABLED": False, "RETRY_ENABLED": False,
        "METAREFRESH_ENABLED": False, "COOKIES_ENABLED": False, "COMPRESSION_ENABLED": False,
        "REFERER_ENABLED": False, "TELNETCONSOLE_ENABLED": False, "DOWNLOADER_STATS": False,
        "CONCURRENT_ITEMS": 1, "WARN_ON_GENERATOR_RETURN_VALUE": False, "HTTPERROR_ALLOW_ALL": True,
        "DUPEFILTER_CLASS": "scrapy.dupefilters.BaseDupeFilter",
        "SCHEDULER_PRIORITY_QUEUE": "scrapy.pqueues.ScrapyPriorityQueue",
        "AUTOTHROTTLE_ENABLED": False, "LOGSTATS_INTERVAL": 0,
    }
    try:  # the event loop our crawl runs on (scrapers/settings.py)
        import uvloop  # noqa: F401

        settings["ASYNCIO_EVENT_LOOP"] = "uvloop.Loop"
    except ImportError:
        pass
    process = AsyncCrawlerProcess(settings)
    logging.getLogger("scrapy").setLevel(logging.ERROR)
    crawler = process.create_crawler(FetchOnly)
    process.crawl(crawler, urls=urls, port=port)
    started = time.monotonic()
    process.start()
    seconds = time.monotonic() - started
    done = crawler.spider.responses
    print(json.dumps({"requests": len(urls), "responses": done, "seconds": round(seconds, 2),
                      "per_s": round(done / seconds, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
