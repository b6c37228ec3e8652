"""The sitemap rendezvous: each sitemap URL is fetched once per run, whichever programs live
on its host; programs that ask while it downloads wait for the same answer. (On a refresh a
program's pages are held back until its sitemaps have answered: ProgramCrawl.sitemaps_pending.)"""

from __future__ import annotations

from dataclasses import dataclass, field

from scrapers import sitemaps


@dataclass
class SitemapFetch:
    done: bool = False
    file: sitemaps.SitemapFile | None = None  # None: failed or unreadable
    waiters: list = field(default_factory=list)  # the crawls waiting for the answer


@dataclass
class SitemapRendezvous:
    fetches: dict[str, SitemapFetch] = field(default_factory=dict)

    def join(self, url: str, crawl) -> str:
        """'fetch': the first to ask (the caller sends the request); 'wait': already on its
        way (`crawl` gets the answer from `answered`); 'done': answered before (`file(url)`)."""
        fetch = self.fetches.get(url)
        if fetch is None:
            self.fetches[url] = SitemapFetch(waiters=[crawl])
            return "fetch"
        if fetch.done:
            return "done"
        fetch.waiters.append(crawl)
        return "wait"

    def file(self, url: str) -> sitemaps.SitemapFile | None:
        return self.fetches[url].file

    def answered(self, url: str, parsed: sitemaps.SitemapFile | None) -> list:
        """Record the answer; returns the crawls that were waiting for it (once)."""
        fetch = self.fetches.setdefault(url, SitemapFetch())
        fetch.done, fetch.file = True, parsed
        waiters, fetch.waiters = fetch.waiters, []
        return waiters
