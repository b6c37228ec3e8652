"""Carry-over on an incremental refresh: which previous pages need no request because the
site's sitemap vouches they are unchanged, and the rows carried over instead of fetched
(such pages, robots.txt reused within 24 h)."""

from __future__ import annotations

from datetime import timedelta

from scrapers import links, sitemaps
from scrapers.frontier import ProgramCrawl
from scrapers.output import PAGES_SCHEMA
from scrapers.rows import carried_row


def sitemap_vouches(crawl: ProgramCrawl, url: str, reason: str, previous: dict | None, max_age: timedelta) -> bool:
    """A page from the previous run (home or carried over, with a stored body) that the site's
    sitemaps, before and now, show unchanged since our copy, and our copy is young enough."""
    if not crawl.sitemap_now or not (reason == "home" or reason.startswith("previous: ")):
        return False
    if previous is None or previous.get("body") is None:
        return False
    key = links.dedup_key(url)
    before = next((e[key] for e in crawl.sitemap_before if key in e), None)
    now = next((e[key] for e in crawl.sitemap_now if key in e), None)
    return sitemaps.vouches_unchanged(before, now, previous.get("fetched_at"), max_age=max_age)


def skipped_page_row(previous: dict, run_id: str, program_id: str, reason: str) -> dict:
    # not requested, so not answered 304 either: `skipped` says it, `not_modified` stays False
    return carried_row(previous, run_id, program_id=program_id, not_modified=False, changed=False,
                       skipped=True, kind=previous.get("kind") or "page", error=None, error_detail=None,
                       reason=reason, depth=previous.get("depth") or 0)


def reused_robots_row(previous: dict, run_id: str) -> dict:
    row = carried_row({k: previous.get(k) for k in PAGES_SCHEMA.names if k in previous}, run_id,
                      kind="robots", changed=False, reason="robots.txt (reused, fetched < 24 h ago)")
    row["not_modified"] = False  # reused without a request this run: nothing answered 304
    row["skipped"] = False
    return row
