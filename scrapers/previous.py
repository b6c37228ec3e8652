"""The previous crawl's raw pages, as the starting point of an incremental refresh."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from scrapers import sitemaps
from scrapers.content import decompress_body
from scrapers.sitemaps import SitemapFile

_COLUMNS = [
    "program_id", "requested_url", "final_url", "status", "etag", "last_modified", "content_type",
    "encoding", "content_hash", "body", "body_codec", "body_bytes", "reason", "depth", "text",
    "kind", "fetched_at", "error",
]
# Failures worth another try on the next run (a 4xx, robots refusal or refused address is not).
TRANSIENT_ERRORS = frozenset({"timeout", "connection", "dns", "http_5xx", "dataloss", "maxsize"})
# RFC 9309 section 2.4: a robots.txt may be cached for up to 24 hours.
ROBOTS_MAX_AGE = timedelta(hours=24)


@dataclass
class PreviousCrawl:
    """Last good fetch per URL (what conditional requests and carried-over bodies need)."""

    pages: dict[str, dict] = field(default_factory=dict)  # url and final url -> row (any program)
    program_pages: dict[tuple, dict] = field(default_factory=dict)  # (program, url or final url) -> row
    by_program: dict[str, list[str]] = field(default_factory=dict)  # program -> final urls, by depth
    homes: dict[str, str] = field(default_factory=dict)  # program -> where its home page ended up
    redirected: dict[str, list[str]] = field(default_factory=dict)  # program -> urls that redirected
    robots: dict[str, dict] = field(default_factory=dict)  # robots.txt url -> row
    sitemaps: dict[str, dict] = field(default_factory=dict)  # sitemap url -> row (body decompressed)
    sitemaps_by_host: dict[str, list[str]] = field(default_factory=dict)  # host -> sitemap urls
    failed: dict[str, list[tuple[str, int, str]]] = field(default_factory=dict)  # program -> (url, depth, kind)

    @classmethod
    def load(cls, path: Path | str | None, programs: set[str] | None = None) -> PreviousCrawl:
        """Read a previous pages file; only the rows of `programs` when given (a shard of a
        crawl needs only its own programs' pages in memory)."""
        if not path:
            return cls()
        path = Path(path)
        if not path.exists():
            raise FileNotFoundError(f"--previous {path} does not exist")
        schema_names = set(pq.read_schema(path).names)
        table = pq.read_table(path, columns=[c for c in _COLUMNS if c in schema_names])
        if programs is not None and "program_id" in schema_names:
            table = table.filter(pc.is_in(table["program_id"], value_set=pa.array(sorted(programs), pa.string())))
        previous = cls()
        # per (program, URL): programs that share a host may fetch the same page, and each must
        # find it again. A file may hold several fetches of one URL (e.g. merged "last good"
        # copies): the most recent one wins
        good: dict[tuple, dict] = {}
        failures: dict[tuple, dict] = {}
        for row in sorted(table.to_pylist(), key=lambda r: _when(r.get("fetched_at"))):
            status = row.get("status")
            if not row.get("kind"):  # a store written without `kind`: robots.txt by its address
                row["kind"] = "robots" if str(row.get("requested_url") or "").endswith("/robots.txt") else None
            if row.get("kind") == "robots":
                if status and status < 500:
                    previous.robots[row["requested_url"]] = row
                continue
            if row.get("kind") == "sitemap":
                if status in (200, 304) and row.get("body") is not None:
                    previous.sitemaps[row["requested_url"]] = row
                continue
            key = (row.get("program_id"), row["requested_url"])
            if status not in (200, 304) or row.get("body") is None:
                if row.get("error") in TRANSIENT_ERRORS:
                    failures[key] = row
                continue
            good[key] = row
            failures.pop(key, None)
        for row in sorted(good.values(), key=lambda r: (r.get("depth") or 0, r["requested_url"])):
            final = row.get("final_url") or row["requested_url"]
            previous.program_pages[(row.get("program_id"), row["requested_url"])] = row
            previous.program_pages.setdefault((row.get("program_id"), final), row)
            previous.pages[row["requested_url"]] = row
            previous.pages.setdefault(final, row)
            urls = previous.by_program.setdefault(row.get("program_id"), [])
            if final not in urls:
                urls.append(final)
            if final != row["requested_url"]:
                previous.redirected.setdefault(row.get("program_id"), []).append(row["requested_url"])
            if row.get("reason") == "home":
                previous.homes[row.get("program_id")] = final
        for (program_id, url), row in failures.items():
            if (program_id, url) not in previous.program_pages:  # failed transiently: ask again
                previous.failed.setdefault(row.get("program_id"), []).append(
                    (url, row.get("depth") or 0, row.get("error")))
        for url, row in previous.sitemaps.items():
            row["sitemap_body"] = decompress_body(row["body"], row.get("body_codec"))
            # by host, not by program: programs that share a host share its sitemaps
            previous.sitemaps_by_host.setdefault((urlsplit(url).hostname or "").lower(), []).append(url)
        for row in previous.robots.values():
            body = decompress_body(row["body"], row.get("body_codec")) if row.get("body") is not None else b""
            row["robots_body"] = body if row["status"] in (200, 304) else b""
        return previous

    def sitemaps_on(self, hosts: set[str]) -> list[str]:
        """The previous run's sitemaps on these hosts."""
        return [url for host in sorted(hosts) for url in self.sitemaps_by_host.get(host, [])]

    def sitemap_file(self, url: str) -> SitemapFile:
        """The previous copy of a sitemap, parsed once however many programs share it."""
        row = self.sitemaps[url]
        if "sitemap_file" not in row:
            row["sitemap_file"] = sitemaps.parse(row.get("sitemap_body"), url)
        return row["sitemap_file"]

    def validators(self, url: str) -> dict | None:
        row = self.pages.get(url)
        if row and (row.get("etag") or row.get("last_modified")):
            return row
        return None

    def fresh_robots(self, robots_url: str, now: datetime | None = None) -> dict | None:
        """The previous robots.txt answer if it is young enough to reuse without asking."""
        row = self.robots.get(robots_url)
        fetched = row.get("fetched_at") if row else None
        if fetched is None:
            return None
        if fetched.tzinfo is None:
            fetched = fetched.replace(tzinfo=UTC)
        return row if (now or datetime.now(UTC)) - fetched < ROBOTS_MAX_AGE else None


def _when(fetched_at) -> datetime:
    if fetched_at is None:
        return datetime.min.replace(tzinfo=UTC)
    return fetched_at if fetched_at.tzinfo else fetched_at.replace(tzinfo=UTC)
