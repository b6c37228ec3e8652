"""Scrapy settings for gme-atlas crawls (sample-web defaults; `python -m scrapers` adjusts
them per source). Each non-default says why."""

import os

BOT_NAME = "gme-atlas"
SPIDER_MODULES = ["scrapers.spiders"]
NEWSPIDER_MODULE = "scrapers.spiders"

# Identify ourselves with a way to reach us (config: GME_CONTACT_URL or --contact-url).
GME_CONTACT_URL = os.environ.get("GME_CONTACT_URL", "https://github.com/gme-atlas/gme-atlas/blob/main/scrapers/README.md")
USER_AGENT = f"gme-atlas-crawler/0.1 (+{GME_CONTACT_URL})"

# Pure asyncio, no Twisted reactor: Scrapy 2.19 then downloads with aiohttp, which we extend
# with the address policy (scrapers.handlers). It is also the faster path.
TWISTED_REACTOR_ENABLED = False
# uvloop runs the same asyncio code about 6 % faster per page here (benchmarks/bench_crawl.py).
try:
    import uvloop  # noqa: F401

    ASYNCIO_EVENT_LOOP = "uvloop.Loop"
except ImportError:  # not built for this platform: the standard loop
    pass
DOWNLOAD_HANDLERS = {
    "http": "scrapers.handlers.PolicyDownloadHandler",
    "https": "scrapers.handlers.PolicyDownloadHandler",
    "ftp": None,
    "s3": None,
    "file": None,
    "data": None,
}

# Crawl source: "sample" connects *.test to the sample web (GME_SAMPLE_WEB); "live" resolves
# names and refuses non-public addresses (GME_RESOLVER picks the resolver class).
GME_SOURCE = "sample"
GME_SAMPLE_WEB = None
GME_RESOLVER = "scrapers.address.SystemResolver"
GME_MAX_PAGES_PER_HOST = 200
GME_MAX_PAGES_PER_RUN = 0  # 0 = no cap (sample); live mode sets one
GME_RETRY_BACKOFF_BASE = 0.2
GME_RETRY_BACKOFF_MAX = 10.0
GME_RETRY_AFTER_MAX = 30.0
GME_TIMEOUT_RETRIES = 1  # timeouts are retried once (RETRY_TIMES applies to other failures)

# Safety: no remote-control server (it runs Python code) and no telnet console.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
HTTPPROXY_ENABLED = False  # a proxy would connect on our behalf, around the address policy

# Politeness.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 64
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0
AUTOTHROTTLE_ENABLED = True
EXTENSIONS = {
    "scrapy.extensions.throttle.AutoThrottle": None,
    "scrapers.middlewares.HostAwareAutoThrottle": 0,  # keeps the delays 429s asked for
}
AUTOTHROTTLE_START_DELAY = 0.0  # the 5 s default makes a local crawl ten times slower
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 4.0

# Robustness.
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# Scrapy's list without http11.TunnelError: importing the Twisted HTTP/1.1 handler just to
# name that class costs 0.4 s of every crawl (profiled), and our aiohttp handler never raises it
RETRY_EXCEPTIONS = [
    "scrapy.exceptions.CannotResolveHostError",
    "scrapy.exceptions.DownloadConnectionRefusedError",
    "scrapy.exceptions.DownloadFailedError",
    "scrapy.exceptions.DownloadTimeoutError",
    "scrapy.exceptions.ResponseDataLossError",
    "twisted.internet.error.ConnectionDone",
    "twisted.internet.error.ConnectError",
    "twisted.internet.error.ConnectionLost",
    "builtins.OSError",
]
RETRY_GIVE_UP_LOG_LEVEL = "INFO"  # a failure is recorded as a row; not a log-level error
DOWNLOAD_TIMEOUT = 15
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
REDIRECT_MAX_TIMES = 5
HTTPERROR_ALLOW_ALL = True  # 4xx/5xx reach the spider and are recorded, not dropped
METAREFRESH_ENABLED = False  # the website spider follows <meta refresh> itself, cheaply

# Cost cutting (profiled, see benchmarks/bench_crawl.py): nothing here needs cookies, auth,
# per-domain offsite filtering (the website spider checks program hosts itself), a dupefilter
# (the spiders dedupe per program), the depth middleware (depth is tracked per program), the
# referer policy machinery or per-request downloader stats (the spiders count bytes). Scrapy
# runs each callback's output through CONCURRENT_ITEMS asyncio workers: our callbacks yield a
# few requests, so 100 workers per response cost more than the crawl itself.
# The generator-return check re-parses callback source code per call.
COOKIES_ENABLED = False
CONCURRENT_ITEMS = 1
WARN_ON_GENERATOR_RETURN_VALUE = False
DOWNLOADER_STATS = False
REFERER_ENABLED = False
DUPEFILTER_CLASS = "scrapy.dupefilters.BaseDupeFilter"
# The downloader-aware queue scans every host's queue on each pop: with thousands of program
# hosts that dominates. Our spider already keeps at most a per-host window in flight.
SCHEDULER_PRIORITY_QUEUE = "scrapy.pqueues.ScrapyPriorityQueue"
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "scrapy.downloadermiddlewares.httpauth.HttpAuthMiddleware": None,
    "scrapy.downloadermiddlewares.cookies.CookiesMiddleware": None,
    "scrapy.downloadermiddlewares.httpproxy.HttpProxyMiddleware": None,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "scrapers.middlewares.FanOutRobotsTxtMiddleware": 100,
    # the timeout, default-headers and user-agent middlewares as one hop (scrapers/lean.py)
    "scrapy.downloadermiddlewares.downloadtimeout.DownloadTimeoutMiddleware": None,
    "scrapy.downloadermiddlewares.defaultheaders.DefaultHeadersMiddleware": None,
    "scrapy.downloadermiddlewares.useragent.UserAgentMiddleware": None,
    "scrapers.lean.RequestDefaultsMiddleware": 400,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "scrapers.middlewares.BackoffRetryMiddleware": 550,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "scrapers.middlewares.PlainRedirectMiddleware": 600,
    "scrapers.spiders.website.ProgramHostsMiddleware": 930,
    "scrapers.middlewares.CapsMiddleware": 940,
    "scrapers.middlewares.AddressPolicyMiddleware": 950,
    "scrapy.downloadermiddlewares.stats.DownloaderStats": None,
}
SPIDER_MIDDLEWARES = {
    # only marks start requests (meta is_start_request) for the scheduler's FIFO start queue;
    # our start requests are home pages at one priority, in any order, and the middleware
    # wraps every callback's output in three more async generator layers (profiled)
    "scrapy.spidermiddlewares.start.StartSpiderMiddleware": None,
    "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
    "scrapy.spidermiddlewares.urllength.UrlLengthMiddleware": None,
    "scrapy.spidermiddlewares.referer.RefererMiddleware": None,
    # every status reaches the callbacks anyway (HTTPERROR_ALLOW_ALL); a debugging aid
    "scrapy.spidermiddlewares.httperror.HttpErrorMiddleware": None,
    "scrapy.spidermiddlewares.metacopy.MetaCopyDetectionMiddleware": None,
}
ITEM_PIPELINES: dict = {}  # rows go straight to batched Parquet writers (scrapers.output)
# the same stats and log records for less work per request (scrapers/lean.py)
STATS_CLASS = "scrapers.lean.PlainStatsCollector"
LOG_FORMATTER = "scrapers.lean.QuietLogFormatter"

# No dev HTTP cache: incremental refresh sends real conditional requests (PITFALLS.md).
HTTPCACHE_ENABLED = False

LOG_LEVEL = "INFO"
LOGSTATS_INTERVAL = 0
MEMUSAGE_ENABLED = False
