"""Sitemaps as a change signal: reading them, and when an unchanged entry vouches for a page."""

import gzip
from datetime import UTC, datetime, timedelta

from scrapers import sitemaps

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>http://www.prog.test/residency/apply#top</loc><lastmod>2025-04-01T12:00:00Z</lastmod></url>
  <url><loc>/residency/faq</loc><lastmod>2025-04-02</lastmod></url>
  <url><loc>http://prog.test/residency/visits</loc></url>
</urlset>"""


def test_urlset_entries_are_keyed_like_the_crawl_dedups_pages():
    parsed = sitemaps.parse(URLSET, "http://prog.test/sitemap.xml")
    assert parsed.type == "urlset"
    # www. and fragments fold into one key; a relative loc resolves against the sitemap
    assert parsed.entries == {
        "prog.test/residency/apply": "2025-04-01T12:00:00Z",
        "prog.test/residency/faq": "2025-04-02",
        "prog.test/residency/visits": None,
    }


def test_gzipped_sitemap_and_index():
    assert sitemaps.parse(gzip.compress(URLSET), "http://prog.test/s.xml.gz").entries["prog.test/residency/faq"] == "2025-04-02"
    index = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>http://prog.test/pages.xml</loc></sitemap><sitemap><loc>/posts.xml</loc></sitemap></sitemapindex>"""
    parsed = sitemaps.parse(index, "http://prog.test/sitemap_index.xml")
    assert parsed.type == "sitemapindex" and parsed.children == ("http://prog.test/pages.xml", "http://prog.test/posts.xml")


def test_unreadable_sitemaps_vouch_for_nothing():
    for body in (b"", b"<html><body>Not found</body></html>", b"\x1f\x8b\x08garbage", b"\x00\x01\x02"):
        parsed = sitemaps.parse(body, "http://prog.test/sitemap.xml")
        assert parsed.type == "invalid" and parsed.entries == {}


def test_only_sitemaps_on_the_programs_hosts_are_announced():
    robots = (b"User-agent: *\nDisallow: /private/\nSitemap: http://prog.test/sitemap.xml\n"
              b"sitemap: https://www.prog.test/news.xml\nSitemap: http://cdn.other.test/sitemap.xml\n")
    hosts = {"prog.test", "www.prog.test"}
    assert sitemaps.announced(robots, "http://prog.test/robots.txt", hosts) == [
        "http://prog.test/sitemap.xml", "https://www.prog.test/news.xml"]
    assert sitemaps.announced(None, "http://prog.test/robots.txt", hosts) == []


def test_lastmod_forms():
    assert sitemaps.parse_lastmod("2025-04-02") == (datetime(2025, 4, 2, tzinfo=UTC), False)
    assert sitemaps.parse_lastmod("2025-04") == (datetime(2025, 4, 1, tzinfo=UTC), False)
    assert sitemaps.parse_lastmod("2025-04-02T10:30:00-05:00") == (datetime(2025, 4, 2, 15, 30, tzinfo=UTC), True)
    assert sitemaps.parse_lastmod("2025-04-02T10:30:00") is None  # no zone: not comparable
    assert sitemaps.parse_lastmod("yesterday") is None and sitemaps.parse_lastmod(None) is None


def test_an_unchanged_entry_vouches_only_when_our_copy_is_known_to_be_newer():
    fetched = datetime(2025, 4, 2, 18, 0, tzinfo=UTC)

    def vouch(before, now, fetched_at):
        return sitemaps.vouches_unchanged(before, now, fetched_at, at=datetime(2025, 4, 5, tzinfo=UTC))

    assert vouch("2025-04-02T12:00:00Z", "2025-04-02T12:00:00Z", fetched)
    assert not vouch("2025-04-02T12:00:00Z", "2025-04-02T19:00:00Z", fetched)  # changed since
    assert not vouch("2025-04-02T20:00:00Z", "2025-04-02T20:00:00Z", fetched)  # our copy predates it
    assert vouch("2025-04-01", "2025-04-01", fetched)
    # same day, date only: the page may have changed again after we fetched it that day
    assert not vouch("2025-04-02", "2025-04-02", fetched)
    # no entry before, no entry now, no date, or no fetch time: ask the server
    assert not vouch(None, "2025-04-01", fetched) and not vouch("2025-04-01", None, fetched)
    assert not vouch("soon", "soon", fetched) and not vouch("2025-04-01", "2025-04-01", None)


def test_a_copy_older_than_the_max_age_is_asked_for_whatever_the_sitemap_says():
    fetched = datetime(2025, 4, 2, 18, 0, tzinfo=UTC)
    entry = "2025-04-01"
    assert sitemaps.vouches_unchanged(entry, entry, fetched, at=datetime(2025, 4, 9, 17, 0, tzinfo=UTC))
    # a sitemap whose lastmod never moves can hide a change for at most this long
    assert not sitemaps.vouches_unchanged(entry, entry, fetched, at=datetime(2025, 4, 9, 19, 0, tzinfo=UTC))
    assert not sitemaps.vouches_unchanged(entry, entry, fetched, max_age=timedelta(hours=1),
                                          at=datetime(2025, 4, 2, 20, 0, tzinfo=UTC))
