"""Scrapy settings for `--source live` (real sites): politeness first. Sample-web runs use
scrapers/settings.py alone; `python -m scrapers` layers these on top for live crawls."""

LIVE_SETTINGS: dict = {
    # hard caps so a runaway site or a bad program list cannot turn into a crawl of the web
    "GME_MAX_PAGES_PER_HOST": 50,
    "GME_MAX_PAGES_PER_RUN": 20000,
    # two requests at a time per host, half a second apart at least, AutoThrottle aiming at
    # one in flight: a program site is usually a small hospital server
    "CONCURRENT_REQUESTS_PER_DOMAIN": 2,
    "DOWNLOAD_DELAY": 0.5,
    "AUTOTHROTTLE_START_DELAY": 1.0,
    "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
    # failing hosts are retried slowly (the sample web's defaults retry within a fraction of a second)
    "GME_RETRY_BACKOFF_BASE": 2.0,
    "GME_RETRY_BACKOFF_MAX": 60.0,
}

SAMPLE_SETTINGS: dict = {
    # loopback: compressing costs both ends CPU and saves no bandwidth
    "COMPRESSION_ENABLED": False,
    # a local server: no AutoThrottle. It set every host's delay to its latency / target
    # concurrency, so each host's requests went out one per delay through a timer, for no
    # politeness anyone needs on loopback (live mode keeps it, above; a 429's Retry-After still
    # spaces that host, scrapers.middlewares.slow_down_host). `-s AUTOTHROTTLE_ENABLED=true` restores it.
    "AUTOTHROTTLE_ENABLED": False,
    "AUTOTHROTTLE_TARGET_CONCURRENCY": 16.0,
}
