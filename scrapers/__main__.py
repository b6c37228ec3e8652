"""`python -m scrapers <spider> [options]`: run one crawl in this process and report its
metrics (to Dagster Pipes when launched by Pipes, else as one JSON line on stdout).

Exit status: 0 = outputs written; 1 = crawl incomplete (directory: short crawl, nothing
published); 2 = bad arguments."""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import sys
import time
from pathlib import Path

from scrapers.live_settings import LIVE_SETTINGS, SAMPLE_SETTINGS
from scrapers.params import CrawlParams, DirectoryParams, WebsiteParams, build, default, help_text

EPILOG = """
outputs (INTERFACES.md section 5), each file named by the caller (the pipeline asks its run store):
  directory -> --pages-out FILE (raw API pages, person nodes removed)
               --programs-out FILE (one typed row per program)
  website   -> --pages-out FILE (one row per fetch attempt, bodies gzip-compressed)

examples:
  python -m scrapers directory --sample-web http://127.0.0.1:8765 --pages-out API_PAGES --programs-out PROGRAMS
  python -m scrapers website --sample-web http://127.0.0.1:8765 --programs PROGRAMS --pages-out PAGES
  python -m scrapers website ... --previous PAGES --pages-out NEW_PAGES   # incremental
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m scrapers",
        description="Crawl the residency-program directory API or the programs' own websites.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--run-id", help=help_text(CrawlParams, "run_id"))
    common.add_argument("--source", choices=("sample", "live"), default="sample",
                        help="sample: *.test hosts connect to --sample-web, all else refused; "
                             "live: real DNS, private/loopback/link-local/multicast refused")
    common.add_argument("--sample-web", metavar="URL", help="sample mode: base URL of the sample web, e.g. http://127.0.0.1:8765")
    common.add_argument("--concurrency", type=int, help="total concurrent requests (default 64)")
    common.add_argument("--per-host", type=int, help="concurrent requests per host (default 4)")
    common.add_argument("--contact-url", help="contact URL put in the User-Agent (default: settings/GME_CONTACT_URL)")
    common.add_argument("--log-level", default=os.environ.get("GME_CRAWL_LOG_LEVEL", "WARNING"))
    common.add_argument("--asset-key", help="Pipes: asset key to report (slash-separated) when the launching step has several")
    common.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                        help="override a Scrapy setting (repeatable)")
    subs = parser.add_subparsers(dest="spider", required=True, metavar="SPIDER")

    directory = subs.add_parser("directory", parents=[common], help="the JSON:API directory",
                                description="Page through /api/node/program; fail (exit 1) on a short crawl.")
    directory.add_argument("--pages-out", required=True, metavar="FILE", help=help_text(DirectoryParams, "pages_out"))
    directory.add_argument("--programs-out", required=True, metavar="FILE", help=help_text(DirectoryParams, "programs_out"))
    directory.add_argument("--base-url", help="API base URL (default: --sample-web)")
    directory.add_argument("--specialties", default="", help="comma-separated 3-digit codes, e.g. 140,120 (default: all)")
    directory.add_argument("--page-size", type=int, default=default(DirectoryParams, "page_size"),
                           help=help_text(DirectoryParams, "page_size"))

    website = subs.add_parser("website", parents=[common], help="the programs' websites",
                              description="Discover and fetch each program's eligibility pages.")
    website.add_argument("--programs", required=True, help=help_text(WebsiteParams, "programs"))
    website.add_argument("--pages-out", required=True, metavar="FILE", help=help_text(WebsiteParams, "pages_out"))
    website.add_argument("--previous", help=help_text(WebsiteParams, "previous"))
    # options whose defaults live in scrapers/params.py (argparse only names them)
    for name in ("max_pages_per_program", "max_depth", "pdf_workers"):
        website.add_argument("--" + name.replace("_", "-"), type=int, default=default(WebsiteParams, name),
                             help=help_text(WebsiteParams, name))
    website.add_argument("--max-pages-per-host", type=int, help="hard cap per host (default: 200 sample, 50 live)")
    website.add_argument("--max-pages-per-run", type=int, help="hard cap per run (default: none sample, 20000 live)")
    website.add_argument("--sitemap-max-age-days", type=float, default=default(WebsiteParams, "sitemap_max_age_days"),
                         help=help_text(WebsiteParams, "sitemap_max_age_days"))
    return parser


def crawl_settings(args) -> dict:
    settings: dict = {"LOG_LEVEL": args.log_level.upper(), "GME_SOURCE": args.source}
    if args.source == "sample":
        if not args.sample_web:
            raise SystemExit("error: --source sample needs --sample-web URL")
        from scrapers.address import AddressBook

        try:  # a URL the crawl cannot use is bad input (exit 2), not a crawl that raises later
            AddressBook.for_sample_web(args.sample_web)
        except ValueError as exc:
            raise SystemExit(f"error: {exc}") from None
        settings["GME_SAMPLE_WEB"] = args.sample_web
        settings.update(SAMPLE_SETTINGS)
    else:
        settings.update(LIVE_SETTINGS)  # politeness for real sites: scrapers/live_settings.py
    if args.concurrency:
        settings["CONCURRENT_REQUESTS"] = args.concurrency
    if args.per_host:
        settings["CONCURRENT_REQUESTS_PER_DOMAIN"] = args.per_host
    if args.contact_url:
        settings["USER_AGENT"] = f"gme-atlas-crawler/0.1 (+{args.contact_url})"
    if getattr(args, "max_pages_per_host", None):
        settings["GME_MAX_PAGES_PER_HOST"] = args.max_pages_per_host
    if getattr(args, "max_pages_per_run", None):
        settings["GME_MAX_PAGES_PER_RUN"] = args.max_pages_per_run
    for item in args.set:
        name, _, value = item.partition("=")
        settings[name.strip()] = _setting_value(value)
    return settings


def _setting_value(value: str):
    try:
        return json.loads(value)
    except ValueError:
        return value


def spider_kwargs(args) -> dict:
    """The spider's typed parameters ({"params": model}), checked here so bad input is exit 2."""
    common = {"pages_out": args.pages_out, "run_id": args.run_id}
    if args.spider == "directory":
        base = args.base_url or args.sample_web
        if not base:
            raise SystemExit("error: directory needs --base-url or --sample-web")
        values = {**common, "programs_out": args.programs_out, "base_url": base, "specialties": args.specialties,
                  "page_size": args.page_size}
        model = DirectoryParams
    else:
        if not Path(args.programs).exists():
            raise SystemExit(f"error: --programs {args.programs} does not exist")
        if args.previous and not Path(args.previous).exists():
            raise SystemExit(f"error: --previous {args.previous} does not exist")
        values = {**common, "programs": args.programs, "previous": args.previous,
                  "max_pages_per_program": args.max_pages_per_program, "max_depth": args.max_depth,
                  "pdf_workers": args.pdf_workers, "sitemap_max_age_days": args.sitemap_max_age_days}
        model = WebsiteParams
    try:
        return {"params": build(model, values)}
    except ValueError as exc:
        raise SystemExit(f"error: {exc}") from None


def run_crawl(spider_name: str, settings_overrides: dict, kwargs: dict, progress=None):
    """Run one spider to completion in this process; returns the spider (metrics, outputs).

    `progress(line)`, if given, receives a progress line every few seconds (scrapers/progress.py)."""
    if os.environ.get("GME_CRAWL_GC") != "default":
        # a crawl allocates millions of short-lived objects around a large, long-lived heap
        # (frontiers, seen sets, imported modules): full collections over that heap cost
        # more than they free. Freeze what exists and collect the young generation less often.
        gc.freeze()
        gc.set_threshold(50_000, 20, 100)
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "scrapers.settings")
    from scrapy import signals
    from scrapy.crawler import AsyncCrawlerProcess

    from scrapers.lifecycle import stop_on_signals
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    settings.setdict(settings_overrides, priority="cmdline")
    process = AsyncCrawlerProcess(settings)
    # Scrapy filters by level at its root handler only, so every "Crawled (200)" debug record
    # was still built and formatted, then dropped (1.5 % of a crawl, profiled)
    logging.getLogger("scrapy").setLevel(settings.get("LOG_LEVEL"))
    crawler = process.create_crawler(spider_name)
    from scrapers.lean import install_signal_manager

    install_signal_manager(crawler)
    closed: list[str] = []

    reporters: list = []

    def on_engine_started() -> None:
        stop_on_signals(crawler)
        if progress is not None and getattr(crawler, "spider", None) is not None:
            from scrapers.progress import CrawlProgress

            reporters.append(CrawlProgress(crawler.spider, progress).start())

    def on_spider_closed(spider, reason) -> None:
        closed.append(reason)
        for reporter in reporters:
            reporter.stop()

    # Scrapy's own handlers wait for every download in flight (and hung on SIGTERM, issue 13);
    # ours close the spider and exit within seconds. Handlers are kept referenced here because
    # Scrapy's signal manager holds them weakly.
    crawler.signals.connect(on_engine_started, signal=signals.engine_started)
    crawler.signals.connect(on_spider_closed, signal=signals.spider_closed)
    task = process.crawl(crawler, **kwargs)
    process.start(install_signal_handlers=False)
    failure = _task_failure(task)
    spider = getattr(crawler, "spider", None)
    if spider is None:
        raise CrawlFailed(f"the crawl did not start: {failure or 'see the log above'}")
    spider.metrics.finished, spider.metrics.cpu_finished = time.monotonic(), time.process_time()
    if failure is not None or not closed:
        # a crawl that raised (at start or while closing) is never a complete crawl
        spider.metrics.ok = False
        spider.metrics.problem = f"crawl raised: {failure}" if failure else "crawl did not close"
    stopped_by = crawler.stats.get_value("gme/stopped_by")
    if stopped_by:
        spider.metrics.ok = False
        spider.metrics.problem = f"crawl stopped by {stopped_by}"
    return spider


class CrawlFailed(RuntimeError):
    """The crawl raised before its spider existed (reported as one line, exit 1)."""


def _task_failure(task) -> str | None:
    done = getattr(task, "done", None)
    if done is None or not done() or task.cancelled():
        return None
    exc = task.exception()
    return f"{type(exc).__name__}: {exc}" if exc is not None else None


def _pipes_loader():
    try:
        from dagster_pipes import PipesEnvVarParamsLoader
    except ImportError:  # Pipes is optional for plain runs
        return None
    loader = PipesEnvVarParamsLoader()
    return loader if loader.is_dagster_pipes_process() else None


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings, kwargs = crawl_settings(args), spider_kwargs(args)
    except SystemExit as exc:
        print(exc, file=sys.stderr)
        return 2
    if os.environ.get("GME_CRAWL_DIE_WITH_PARENT", "1") != "0":
        from scrapers.lifecycle import die_with_parent

        die_with_parent()
    try:
        return _run(args, settings, kwargs)
    except CrawlFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _run(args, settings: dict, kwargs: dict) -> int:
    if _pipes_loader() is not None:
        from dagster_pipes import open_dagster_pipes

        with open_dagster_pipes() as pipes:
            spider = run_crawl(args.spider, settings, kwargs, progress=pipes.log.info)
            metadata = _metadata(spider)
            pipes.log.info(f"{args.spider} crawl: {json.dumps(metadata)}")
            if spider.metrics.ok:
                pipes.report_asset_materialization(metadata=_pipes_metadata(metadata), asset_key=args.asset_key)
            else:
                pipes.log.error(spider.metrics.problem or "crawl incomplete")
    else:
        spider = run_crawl(args.spider, settings, kwargs, progress=lambda line: print(line, file=sys.stderr, flush=True))
        print(json.dumps(_metadata(spider), sort_keys=True))
    if not spider.metrics.ok:
        print(f"error: {spider.metrics.problem}", file=sys.stderr)
        return 1
    return 0


def _pipes_metadata(metadata: dict) -> dict:
    """Pipes takes raw scalars; dicts and lists (errors by kind, outputs) travel as typed JSON values."""
    return {
        key: {"raw_value": value, "type": "json"} if isinstance(value, (dict, list)) else value
        for key, value in metadata.items()
    }


def _metadata(spider) -> dict:
    metadata = spider.metrics.as_metadata()
    metadata["outputs"] = [str(p) for p in getattr(spider, "outputs", [])]
    return metadata


if __name__ == "__main__":
    sys.exit(main())
