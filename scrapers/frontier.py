"""One program's crawl frontier: the hosts it may visit, the URLs seen, a best-first heap of
candidates and the page budget. Pure bookkeeping (no Scrapy), so it is tested on its own."""

from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass, field

from scrapers import links

HOME_PRIORITY = 1000.0  # the home page and pages carried over from the previous run come first
_SEQ = itertools.count()  # ties keep discovery order


@dataclass
class ProgramCrawl:
    """Frontier and budget of one program's site."""

    program_id: str
    home: str
    hosts: set[str]
    budget: int
    frontier: list = field(default_factory=list)  # heap of (-score, seq, url, depth, reason)
    seen: set[str] = field(default_factory=set)
    released: int = 0
    in_flight: int = 0
    # did any page of the site answer (200/304, or carried over)? else the last failure kind:
    # a site that never answered is listed in the crawl metrics' failed_sites
    answered: bool = False
    failure: str | None = None
    # sitemaps: requested this run, still awaited (pages wait for them on a refresh), and the
    # entries (dedup key -> lastmod) of the previous copies and of this run's answers
    sitemaps_requested: set[str] = field(default_factory=set)
    sitemaps_pending: set[str] = field(default_factory=set)
    # (shared with the other programs on the host, not copied: a sitemap may list 50,000 pages)
    sitemap_before: list[dict[str, str | None]] = field(default_factory=list)
    sitemap_now: list[dict[str, str | None]] = field(default_factory=list)

    def push(self, url: str, depth: int, score: float, reason: str, key: str = "") -> bool:
        """Queue a URL unless already seen (dedup key: no fragment, no trailing slash...)."""
        key = key or links.dedup_key(url)
        if key in self.seen:
            return False
        self.seen.add(key)
        heapq.heappush(self.frontier, (-score, next(_SEQ), url, depth, reason))
        return True

    def pop_ready(self, window: int):
        """Best-scored URLs first, while fewer than `window` are in flight and the budget
        lasts; nothing while sitemaps it waits for are unanswered. Yields (url, depth, reason,
        score); each popped URL counts against the budget (the caller marks it in flight)."""
        while (not self.sitemaps_pending and self.frontier and self.in_flight < window
               and self.released < self.budget):
            neg_score, _, url, depth, reason = heapq.heappop(self.frontier)
            self.released += 1
            yield url, depth, reason, -neg_score
