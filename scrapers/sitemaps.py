"""Sitemaps (sitemaps.org protocol) as a change signal for incremental refresh.

A site that announces a sitemap in its robots.txt says, per page, when it last changed
(`<lastmod>`). The crawler keeps the sitemap it fetched; on the next run it asks for the
sitemap again (conditionally: usually one 304 for the whole site) and does not request the
pages whose entry is exactly as before. That is a statement by the site itself, not a guess
from heuristic freshness (RFC 9111 section 4.2.2), and a site whose sitemap is missing,
unreadable or silent about a page gets ordinary conditional requests for it.

Parsing uses Scrapy's own sitemap reader (lxml, entities off, `recover=True`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urljoin, urlsplit

from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from scrapers.links import dedup_key

MAX_SITEMAP_BYTES = 8 * 1024 * 1024  # decompressed; the protocol's own limit is 50 MB / 50,000 URLs
MAX_SITEMAPS_PER_PROGRAM = 5  # an index may list many; a program's pages are in the first few
# Sitemaps go stale (a CMS that stops updating lastmod): a page is skipped on a sitemap's word
# only while our copy is younger than this, so a wrong sitemap delays a change by at most this.
MAX_SKIP_AGE = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class SitemapFile:
    """One parsed sitemap: a `urlset` (page -> lastmod) or a `sitemapindex` (child sitemaps)."""

    type: str  # "urlset", "sitemapindex", or "invalid"
    entries: dict[str, str | None]  # dedup key of a page -> its lastmod text (urlset)
    children: tuple[str, ...] = ()  # child sitemap URLs (sitemapindex)


def announced(robots_body: bytes | None, robots_url: str, hosts: set[str]) -> list[str]:
    """The sitemaps a robots.txt announces on the program's own hosts (others are not ours to
    read and could not vouch for the program's pages anyway)."""
    if not robots_body:
        return []
    out = []
    for url in sitemap_urls_from_robots(robots_body, base_url=robots_url):
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and (parts.hostname or "").lower() in hosts and url not in out:
            out.append(url)
    return out


def parse(body: bytes | None, base_url: str) -> SitemapFile:
    """Read a sitemap body (plain or gzip). Anything unreadable is `invalid`: no entries, so
    nothing is skipped on its word."""
    if not body:
        return SitemapFile("invalid", {})
    if body[:3] == b"\x1f\x8b\x08":
        try:
            body = gunzip(body, max_size=MAX_SITEMAP_BYTES)
        except Exception:  # noqa: BLE001 - corrupt or oversized gzip: not a usable sitemap
            return SitemapFile("invalid", {})
    try:
        sitemap = Sitemap(body)
        items = list(sitemap)
    except Exception:  # noqa: BLE001 - lxml gives up on some garbage even in recover mode
        return SitemapFile("invalid", {})
    if sitemap.type == "urlset":
        entries = {}
        for item in items:
            loc = (item.get("loc") or "").strip()
            if loc:
                entries[dedup_key(urljoin(base_url, loc))] = (item.get("lastmod") or "").strip() or None
        return SitemapFile("urlset", entries)
    if sitemap.type == "sitemapindex":
        children = tuple(dict.fromkeys(urljoin(base_url, (i.get("loc") or "").strip())
                                       for i in items if (i.get("loc") or "").strip()))
        return SitemapFile("sitemapindex", {}, children)
    return SitemapFile("invalid", {})


def parse_lastmod(value: str | None) -> tuple[datetime, bool] | None:
    """A W3C datetime as (UTC datetime, has a time of day); None when unreadable."""
    if not value:
        return None
    text = value.strip()
    try:
        if "T" not in text and len(text) <= 10:
            parts = [int(p) for p in text.split("-")]
            day = date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
            return datetime(day.year, day.month, day.day, tzinfo=UTC), False
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        return None  # a time without a zone is not comparable with ours
    return moment.astimezone(UTC), True


def vouches_unchanged(before: str | None, now: str | None, fetched_at: datetime | None,
                      max_age: timedelta = MAX_SKIP_AGE, at: datetime | None = None) -> bool:
    """Whether the sitemap says a page is as it was when we fetched our copy.

    The entry must be present in both sitemaps, readable and identical, and our copy younger
    than `max_age` (then it is asked for again, whatever the sitemap says). A date-only
    lastmod is trusted only if our copy was fetched on a later day: a page edited twice on
    one day keeps the same date, so a copy from that same day may be older than the page."""
    if before is None or now is None or before.strip() != now.strip():
        return False
    parsed = parse_lastmod(now)
    if parsed is None or fetched_at is None:
        return False
    moment, has_time = parsed
    fetched = fetched_at if fetched_at.tzinfo else fetched_at.replace(tzinfo=UTC)
    if (at or datetime.now(UTC)) - fetched > max_age:
        return False
    if has_time:
        return moment <= fetched
    return moment.date() < fetched.astimezone(UTC).date()
