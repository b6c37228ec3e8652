"""The crawl's robots.txt store: what FanOutRobotsTxtMiddleware asks before and after it
fetches a robots.txt (a reusable copy, the previous validators, where to record the fetch).
One explicit object per crawler, filled by the spider, instead of hook methods the
middleware looked up on the spider with getattr."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

# (robots_url, the request that needs it) -> body to reuse without asking, or None
Reuse = Callable[[str, object], bytes | None]
# (robots request, response, body as understood) -> None
Record = Callable[[object, object, bytes], None]


@dataclass
class RobotsStore:
    reuse: Reuse | None = None
    record: Record | None = None
    # robots_url -> previous run's row (etag, last_modified, robots_body), for conditional fetches
    previous: dict[str, dict] = field(default_factory=dict)

    def reusable(self, robots_url: str, request) -> bytes | None:
        return self.reuse(robots_url, request) if self.reuse is not None else None

    def validators(self, robots_url: str) -> dict | None:
        return self.previous.get(robots_url)

    def fetched(self, request, response, body: bytes) -> None:
        if self.record is not None:
            self.record(request, response, body)


@dataclass
class SiteShares:
    """Programs per host (without www.) for the per-host page cap: an institution's domain
    that several programs start on gets the cap once per program (CapsMiddleware)."""

    programs_on_host: Counter[str] = field(default_factory=Counter)

    def programs(self, host: str) -> int:
        return max(1, self.programs_on_host.get(host.removeprefix("www."), 1))


def robots_store(crawler) -> RobotsStore:
    """The crawler's store (created empty on first use: a crawl without a spider that fills
    it fetches every robots.txt unconditionally and records nothing)."""
    if getattr(crawler, "gme_robots", None) is None:
        crawler.gme_robots = RobotsStore()
    return crawler.gme_robots


def site_shares(crawler) -> SiteShares:
    if getattr(crawler, "gme_site_shares", None) is None:
        crawler.gme_site_shares = SiteShares()
    return crawler.gme_site_shares
