"""Website spider: from each program's home page, fetch the pages most likely to state
eligibility (scored links, per-program budget and depth), on the program's own hosts, and
store every fetch raw. With --previous, refresh incrementally by conditional requests."""

from __future__ import annotations

import logging
from collections import Counter
from datetime import timedelta
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pyarrow.parquet as pq
import scrapy
from scrapy.utils.httpobj import urlparse_cached

from scrapers import carryover, content, links, rows, sitemaps
from scrapers.errors import OffsiteRedirect, error_kind, status_kind
from scrapers.metrics import CrawlMetrics
from scrapers.middlewares import conditional_headers
from scrapers.output import PAGES_SCHEMA, BatchedParquetWriter, incomplete_path
from scrapers.params import WebsiteParams, build, split_kwargs
from scrapers.frontier import HOME_PRIORITY, ProgramCrawl
from scrapers.previous import PreviousCrawl
from scrapers.rows import content_changed
from scrapers.sitemap_gate import SitemapRendezvous
from scrapers.robots import robots_store, site_shares

logger = logging.getLogger(__name__)
MAX_FAILED_SITES_LISTED = 200  # metrics stay small; failed_site_count has the full count


def normalise_website(url: str | None) -> str | None:
    if not url or not str(url).strip():
        return None
    url = str(url).strip()
    if "://" not in url:
        url = "http://" + url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return urldefrag(url if parts.path else url + "/")[0]


def load_programs(path: str | Path) -> list[tuple[str, str | None]]:
    table = pq.read_table(path, columns=["program_id", "website"])
    seen, out = set(), []
    for row in table.to_pylist():
        if row["program_id"] and row["program_id"] not in seen:
            seen.add(row["program_id"])
            out.append((str(row["program_id"]), row["website"]))
    return out


class ProgramHostsMiddleware:
    """Keeps a program's requests on its own hosts. Only the home page may redirect to a new
    host (sites move to www. or a hospital domain); that host then joins the program's."""

    def process_request(self, request, spider=None):
        hosts = request.meta.get("program_hosts")
        if hosts is None or request.meta.get("robots_txt"):
            return None
        host = (urlparse_cached(request).hostname or "").lower()
        if host in hosts:
            return None
        if request.meta.get("is_home") and request.meta.get("redirect_times"):
            hosts.update(links.host_variants(host))
            return None
        raise OffsiteRedirect(f"{request.url} is not on the program's hosts")


class WebsiteSpider(scrapy.Spider):
    name = "website"

    def __init__(self, params: WebsiteParams | None = None, **kwargs):
        fields, rest = split_kwargs(WebsiteParams, kwargs)
        super().__init__(**rest)
        self.params = params = params or build(WebsiteParams, fields)
        self.programs_path = params.programs
        self.programs = load_programs(params.programs)
        self.previous = PreviousCrawl.load(params.previous, {program_id for program_id, _ in self.programs})
        self.run_id = params.run_id
        self.max_pages = params.max_pages_per_program
        self.max_depth = params.max_depth
        self.metrics = CrawlMetrics(self.name, self.run_id)
        # PDF text comes from a worker process (0 = in this process)
        self.pdf_pool = content.PdfTextPool(params.pdf_workers)
        self.writer = BatchedParquetWriter(params.pages_out, PAGES_SCHEMA, resolve=self.pdf_pool.resolve)
        self.crawls: dict[str, ProgramCrawl] = {}
        # programs per host (no www.): an institution's domain serving several programs gets
        # the per-host page cap once per program (CapsMiddleware)
        self.programs_on_host: Counter[str] = Counter(
            (urlsplit(home).hostname or "").lower().removeprefix("www.")
            for home in (normalise_website(website) for _, website in self.programs) if home)
        self.sitemap_fetches = SitemapRendezvous()
        self.sitemap_max_age = timedelta(days=params.sitemap_max_age_days)
        self.window = 4
        self.outputs: list[Path] = []

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.window = max(1, crawler.settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN"))
        # what the middlewares need from this crawl, handed over explicitly
        robots = robots_store(crawler)
        robots.reuse, robots.record, robots.previous = spider.cached_robots, spider.robots_fetched, spider.previous.robots
        site_shares(crawler).programs_on_host = spider.programs_on_host
        return spider

    # -- request plan ---------------------------------------------------------------

    async def start(self):
        for program_id, website in self.programs:
            home = normalise_website(website)
            if home is None:
                self.metrics.error("no_website")
                continue
            crawl = ProgramCrawl(program_id, home, links.host_variants(urlsplit(home).hostname), self.max_pages)
            self.crawls[program_id] = crawl
            # incremental: revisit what was found last time, conditionally and all at once,
            # at the address each page ended up at (known redirects are not walked again)
            landed = self.previous.homes.get(program_id) if (program_id, home) in self.previous.program_pages else None
            if landed:
                crawl.hosts.update(links.host_variants(urlsplit(landed).hostname or ""))
            self._push(crawl, landed or home, 0, HOME_PRIORITY, "home")
            for url in self.previous.redirected.get(program_id, []):
                crawl.seen.add(links.dedup_key(url))  # reached through its target below
            for url in self.previous.by_program.get(program_id, []):
                row = self.previous.program_pages[(program_id, url)]
                crawl.hosts.update(links.host_variants(urlsplit(url).hostname or ""))
                depth = row.get("depth") or 0
                reason = row.get("reason") or ""
                reason = reason if reason.startswith("previous: ") else f"previous: {reason}"
                self._push(crawl, url, depth, HOME_PRIORITY - 1 - depth, reason[:300])
            for url, depth, kind in self.previous.failed.get(program_id, []):
                self._push(crawl, url, depth, HOME_PRIORITY - 2 - depth, f"previous failure: {kind}")
            # the site's sitemaps first: pages they vouch for as unchanged are not requested
            for url in self.previous.sitemaps_on(crawl.hosts):
                crawl.sitemap_before.append(self.previous.sitemap_file(url).entries)
                reason = self.previous.sitemaps[url].get("reason") or "sitemap"
                for request in self._sitemap_requests(crawl, url, reason, gate=True):
                    yield request
            for request in self._release(crawl):
                yield request

    def _push(self, crawl: ProgramCrawl, url: str, depth: int, score: float, reason: str, key: str = "") -> None:
        crawl.push(url, depth, score, reason, key)

    def _release(self, crawl: ProgramCrawl):
        """Best-scored URLs first, a few at a time, so a good link found late still beats a
        weak one found early; stops at the page budget. On a refresh, nothing goes out until
        the site's sitemaps have answered."""
        for url, depth, reason, score in crawl.pop_ready(self.window):
            if self._skip_unchanged(crawl, url, reason):
                continue
            crawl.in_flight += 1
            previous = self.previous.validators(url)
            yield scrapy.Request(
                url,
                callback=self.on_page,
                errback=self.on_page_failed,
                dont_filter=True,
                priority=int(min(score, HOME_PRIORITY)),
                headers=conditional_headers(previous) if previous else None,
                meta={
                    "program_id": crawl.program_id,
                    "program_hosts": crawl.hosts,
                    "depth": depth,
                    "reason": reason,
                    "is_home": reason == "home",
                    "released_url": url,  # its dedup key is in crawl.seen (pushed)
                },
            )

    # -- sitemaps -----------------------------------------------------------------

    def _sitemap_requests(self, crawl: ProgramCrawl, url: str, reason: str, gate: bool = False):
        """The program reads this sitemap: the one request for it in this run, or, if another
        program on the same host already asked, its answer (now, or when it arrives)."""
        if url in crawl.sitemaps_requested or len(crawl.sitemaps_requested) >= sitemaps.MAX_SITEMAPS_PER_PROGRAM:
            return
        if (urlsplit(url).hostname or "").lower() not in crawl.hosts:
            return
        crawl.sitemaps_requested.add(url)
        if gate:
            crawl.sitemaps_pending.add(url)
        joined = self.sitemap_fetches.join(url, crawl)
        if joined == "done":
            yield from self._sitemap_read(crawl, url, self.sitemap_fetches.file(url))
        if joined != "fetch":
            return
        previous = self.previous.sitemaps.get(url)
        yield scrapy.Request(
            url,
            callback=self.on_sitemap,
            errback=self.on_sitemap_failed,
            dont_filter=True,
            priority=int(HOME_PRIORITY) + 1,
            headers=conditional_headers(previous) if previous else None,
            meta={"program_id": crawl.program_id, "program_hosts": crawl.hosts, "depth": 0,
                  "reason": reason[:300], "kind": "sitemap"},
        )

    def _announced_sitemaps(self, program_id: str | None, robots_url: str, body: bytes | None) -> None:
        """Sitemaps a robots.txt announces on the program's hosts: fetched once and stored, so
        the next refresh can revalidate the whole site with one conditional request."""
        crawl = self.crawls.get(program_id) if program_id else None
        if crawl is None:
            return
        for url in sitemaps.announced(body, robots_url, crawl.hosts):
            for request in self._sitemap_requests(crawl, url, f"sitemap from={robots_url}"):
                self.crawler.engine.crawl(request)

    def parse_sitemap(self, response):
        meta = response.meta
        requested = (meta.get("redirect_urls") or [response.request.url])[0]
        self.metrics.pages += 1
        self.metrics.bytes += len(response.body)
        previous = self.previous.sitemaps.get(requested)
        row = self._row(meta, requested, response)
        row["kind"] = "sitemap"
        body = response.body
        if response.status == 304 and previous is not None:
            self.metrics.not_modified += 1
            body = previous["sitemap_body"]
            row.update(not_modified=True, etag=row["etag"] or previous.get("etag"),
                       last_modified=row["last_modified"] or previous.get("last_modified"))
        else:
            row["error"] = status_kind(response.status)
            if row["error"]:
                self.metrics.error(row["error"])
        parsed = sitemaps.parse(body, response.url) if response.status in (200, 304) else None
        row.update(content_type=rows.header(response, b"Content-Type") or (previous or {}).get("content_type"),
                   content_hash=content.content_hash(body), body=content.compress_body(body),
                   body_codec=content.BODY_CODEC, body_bytes=len(body))
        row["changed"] = previous is None or previous.get("content_hash") != row["content_hash"]
        self._write(row)
        yield from self._sitemap_answered(requested, parsed)

    def sitemap_failed(self, failure):
        request = failure.request
        if request.meta.get("program_id") not in self.crawls:
            return
        kind = error_kind(failure.value)
        self.metrics.error(kind)
        response = getattr(failure.value, "response", None)
        requested = (request.meta.get("redirect_urls") or [request.url])[0]
        row = self._row(request.meta, requested, response)
        row.update(kind="sitemap", error=kind, error_detail=str(failure.value)[:500], final_url=request.url,
                   status=response.status if response is not None else 0, changed=False)
        self._write(row)
        yield from self._sitemap_answered(requested, None)

    def _sitemap_answered(self, url: str, parsed: sitemaps.SitemapFile | None):
        for crawl in self.sitemap_fetches.answered(url, parsed):
            yield from self._sitemap_read(crawl, url, parsed)

    def _sitemap_read(self, crawl: ProgramCrawl, url: str, parsed: sitemaps.SitemapFile | None):
        """Take a sitemap's entries (and an index's children) into the program's view; its pages
        go out once the last sitemap they wait for has answered."""
        if parsed is not None:
            crawl.sitemap_now.append(parsed.entries)
            for child in parsed.children:  # a sitemap index: its children, on the program's hosts
                yield from self._sitemap_requests(crawl, child, f"sitemap index={url}",
                                                  gate=url in crawl.sitemaps_pending)
        if url in crawl.sitemaps_pending:
            crawl.sitemaps_pending.discard(url)
            yield from self._release(crawl)

    def _skip_unchanged(self, crawl: ProgramCrawl, url: str, reason: str) -> bool:
        """A page from the previous run that the site's sitemap shows unchanged since our copy:
        its row is carried over (`skipped`) instead of requested."""
        previous = self.previous.program_pages.get((crawl.program_id, url))
        if not carryover.sitemap_vouches(crawl, url, reason, previous, self.sitemap_max_age):
            return False
        row = carryover.skipped_page_row(previous, self.run_id, crawl.program_id, reason)
        self.metrics.skipped += 1
        crawl.answered = True
        self._write(row)
        return True

    # -- responses ----------------------------------------------------------------
    # The requests' callbacks: each hands what the parse method yields to the engine itself,
    # `engine.crawl(request)`, which is what Scrapy does with every request a callback yields,
    # after passing it through its output chain (about five async generator layers and a
    # worker task per request, profiled at 4-5 % of a crawl's CPU). The parse methods stay
    # generators, so they can be driven without an engine (tests/scrapers/test_website.py).

    def _crawl_all(self, requests) -> None:
        crawl = self.crawler.engine.crawl
        for request in requests:
            crawl(request)

    def on_page(self, response) -> None:
        self._crawl_all(self.parse_page(response))

    def on_page_failed(self, failure) -> None:
        self._crawl_all(self.page_failed(failure))

    def on_sitemap(self, response) -> None:
        self._crawl_all(self.parse_sitemap(response))

    def on_sitemap_failed(self, failure) -> None:
        self._crawl_all(self.sitemap_failed(failure))


    def parse_page(self, response):
        meta = response.meta
        crawl = self.crawls[meta["program_id"]]
        crawl.in_flight -= 1
        requested = (meta.get("redirect_urls") or [response.request.url])[0]
        if response.url != meta.get("released_url"):  # redirected (or escaped): a new address
            crawl.seen.add(links.dedup_key(response.url))
        self.metrics.pages += 1
        self.metrics.bytes += len(response.body)
        row = self._row(meta, requested, response)
        previous = self.previous.pages.get(requested)
        content_type = rows.header(response, b"Content-Type")

        if response.status in (200, 304):
            crawl.answered = True
        else:
            crawl.failure = f"http_{response.status}"  # the exact status says why (429, 503...)
        if response.status == 304 and previous is not None:
            self.metrics.not_modified += 1
            row.update(
                not_modified=True, changed=False, content_type=previous.get("content_type"),
                encoding=previous.get("encoding"), content_hash=previous.get("content_hash"),
                body=previous.get("body"), body_codec=previous.get("body_codec"),
                body_bytes=previous.get("body_bytes"),
                text=previous.get("text"), kind=previous.get("kind") or "page",
                etag=row["etag"] or previous.get("etag"),
                last_modified=row["last_modified"] or previous.get("last_modified"),
            )
            self._write(row)
            yield from self._release(crawl)
            return

        body = response.body
        row.update(
            error=status_kind(response.status), content_type=content_type,
            content_hash=content.content_hash(body), body=content.compress_body(body),
            body_codec=content.BODY_CODEC, body_bytes=len(body),
        )
        row["changed"] = content_changed(response.status, row["content_hash"], previous)
        if response.status == 200:
            self._describe_body(row, body, content_type, response.url, meta["depth"], crawl, previous)
        elif row["error"]:
            self.metrics.error(row["error"])
        self._write(row)
        yield from self._release(crawl)

    def _describe_body(self, row, body, content_type, url, depth, crawl, previous):
        if content.is_pdf(body, content_type, url):
            row["kind"] = "pdf"
            unchanged = not row["changed"] and previous is not None and previous.get("text")
            row["text"] = previous.get("text") if unchanged else self.pdf_pool.submit(body)
            return
        if not content.is_html(body, content_type):
            return
        text, encoding = content.decode_text(body, content_type)
        row["encoding"] = encoding
        refresh = links.meta_refresh_url(text, url)
        if refresh and (urlsplit(refresh).hostname or "").lower() in crawl.hosts:
            # a <meta refresh> page is a redirect: its target keeps this page's depth
            self._push(crawl, refresh, depth, HOME_PRIORITY - 1, f"meta refresh from={url}")
        if depth >= self.max_depth:
            return
        for link in links.candidate_links(text, url, depth + 1, crawl.hosts, known=crawl.seen.__contains__):
            self._push(crawl, link.url, depth + 1, link.score, link.reason(url), link.key)

    def page_failed(self, failure):
        request = failure.request
        meta = request.meta
        crawl = self.crawls.get(meta.get("program_id"))
        if crawl is None:
            return
        crawl.in_flight -= 1
        kind = error_kind(failure.value)
        crawl.failure = kind
        self.metrics.error(kind)
        response = getattr(failure.value, "response", None)
        requested = (meta.get("redirect_urls") or [request.url])[0]
        row = self._row(meta, requested, response)
        row.update(error=kind, error_detail=str(failure.value)[:500], final_url=request.url,
                   status=response.status if response is not None else 0, changed=False)
        self._write(row)
        yield from self._release(crawl)

    def cached_robots(self, robots_url: str, request=None) -> bytes | None:
        """RobotsStore.reuse: a robots.txt from the previous run that may be
        reused without a request (RFC 9309 allows 24 h); its row is carried over as is."""
        row = self.previous.fresh_robots(robots_url)
        if row is None:
            return None
        if request is not None:
            self._announced_sitemaps(request.meta.get("program_id"), robots_url, row["robots_body"])
        full = carryover.reused_robots_row(row, self.run_id)
        self._write(full)
        return row["robots_body"]

    def robots_fetched(self, request, response, body: bytes) -> None:
        """RobotsStore.record: robots.txt fetches land in the raw store too."""
        self.metrics.pages += 1
        self.metrics.bytes += len(response.body)
        previous = self.previous.robots.get(request.url)
        row = self._row(request.meta, request.url, response)
        digest = content.content_hash(body)
        row.update(
            kind="robots", reason="robots.txt", depth=0,
            error=status_kind(response.status) if response.status != 304 else None,
            content_type=rows.header(response, b"Content-Type"), content_hash=digest,
            body=content.compress_body(body), body_codec=content.BODY_CODEC, body_bytes=len(body),
            not_modified=response.status == 304,
            changed=previous is None or previous.get("content_hash") != digest,
        )
        if response.status == 304:
            self.metrics.not_modified += 1
            row["etag"] = row["etag"] or (previous or {}).get("etag")
            row["last_modified"] = row["last_modified"] or (previous or {}).get("last_modified")
        self._write(row)
        if response.status in (200, 304):
            self._announced_sitemaps(request.meta.get("program_id"), request.url, body)

    # -- rows -----------------------------------------------------------------------

    def _row(self, meta, requested: str, response) -> dict:
        return rows.fetch_row(self.run_id, meta, requested, response)

    def _write(self, row: dict) -> None:
        if row["kind"] not in ("robots", "sitemap") and row.get("changed"):
            self.metrics.changed += 1
        self.writer.add(row)
        self.metrics.items += 1

    def closed(self, reason):
        self.metrics.extra["programs"] = len(self.crawls)
        self.metrics.extra["close_reason"] = reason
        failed = [{"program_id": c.program_id, "home": c.home, "error": c.failure or "no_answer"}
                  for c in self.crawls.values() if not c.answered]
        self.metrics.extra["failed_site_count"] = len(failed)
        self.metrics.extra["failed_sites"] = failed[:MAX_FAILED_SITES_LISTED]
        if reason != "finished":
            # an interrupted crawl keeps what it fetched, under a name no loader mistakes for
            # a complete crawl (exit status 1 as well)
            self.metrics.ok, self.metrics.problem = False, f"crawl ended early: {reason}"
            self.writer.path = incomplete_path(self.writer.path)
        # failed fetches are rows, so a finished crawl with failures is still published
        try:
            self.outputs = [self.writer.commit()]
        finally:
            self.pdf_pool.close()
