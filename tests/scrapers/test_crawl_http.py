"""Crawls over real loopback HTTP against the tests' mock web (each crawl in its own
process): robots.txt, politeness, failures, Retry-After, incremental refresh, Pipes."""

import json
from pathlib import Path

import pytest
from dagster_pipes import encode_param

from scrapers import settings
from tests.scrapers.conftest import directory_outputs, read_rows, run_scrapers, write_programs
from tests.scrapers.mockweb import PERSON_EMAIL, MockWeb, running

pytestmark = pytest.mark.integration


def website(tmp_path, web, programs, *extra, out="out"):
    path = write_programs(tmp_path / f"programs-{out}.parquet", programs)
    code, metrics, stderr = run_scrapers(
        "website", "--sample-web", f"http://127.0.0.1:{web.port}", "--programs", str(path),
        "--pages-out", str(tmp_path / out / "pages.parquet"), "--run-id", out, *extra)
    assert code == 0, stderr[-2000:]
    return metrics, read_rows(tmp_path / out / "pages.parquet")


def test_directory_crawl_end_to_end(tmp_path, mockweb):
    code, metrics, stderr = run_scrapers(
        "directory", "--sample-web", f"http://127.0.0.1:{mockweb.port}", *directory_outputs(tmp_path), "--page-size", "2")
    assert code == 0, stderr[-2000:]
    assert metrics["programs"] == metrics["expected"] == 3
    rows = read_rows(tmp_path / "directory_programs.parquet")
    assert len(rows) == 3 and PERSON_EMAIL not in json.dumps(rows, default=str)
    api = [r for r in mockweb.log if r["path"].startswith("/api/")]
    assert len(api) == 2  # one request per page, none per program


def test_short_directory_crawl_exits_non_zero_and_writes_nothing(tmp_path):
    with running(MockWeb(programs=3, count_lie=2)) as web:
        code, metrics, stderr = run_scrapers(
            "directory", "--sample-web", f"http://127.0.0.1:{web.port}", *directory_outputs(tmp_path / "o"))
    assert code == 1
    assert "short crawl, got 3 programs but meta.count is 5" in stderr
    assert metrics["ok"] is False
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())


def test_robots_disallowed_urls_among_the_first_requests_are_not_fetched(tmp_path, mockweb):
    # five programs on one host start at once, two of them inside a disallowed path: all are
    # queued while robots.txt is still downloading
    programs = {f"14000000{i}": f"http://site1.test/{'private/p' + str(i) if i % 2 else 'apply/eligibility'}"
                for i in range(1, 6)}
    _, rows = website(tmp_path, mockweb, programs, "--max-pages-per-program", "1")
    assert mockweb.requests_for("/private/p1") == [] and mockweb.requests_for("/private/p3") == []
    refused = {r["requested_url"] for r in rows if r["error"] == "robots"}
    assert {"http://site1.test/private/p1", "http://site1.test/private/p3"} <= refused


def test_stock_scrapy_robots_middleware_leaks_the_first_burst(tmp_path, mockweb):
    """The failure our middleware fixes, shown on Scrapy's own middleware (same scenario)."""
    programs = {f"14000000{i}": f"http://site1.test/private/p{i}" for i in range(1, 6)}
    stock = json.dumps({**settings.DOWNLOADER_MIDDLEWARES,
                        "scrapers.middlewares.FanOutRobotsTxtMiddleware": None,
                        "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": 100})
    website(tmp_path, mockweb, programs, "--max-pages-per-program", "1", "-s", f"DOWNLOADER_MIDDLEWARES={stock}")
    leaked = [r for r in mockweb.log if r["path"].startswith("/private/")]
    assert leaked, "Scrapy's stock middleware no longer leaks: the fan-out subclass may be retired"


def test_full_site_crawl_records_every_failure_and_respects_per_host_concurrency(tmp_path, mockweb):
    metrics, rows = website(tmp_path, mockweb, {"1400000001": "http://site1.test/", "1400000002": "http://site2.test/",
                                                "1400000003": "http://example.com/"},
                            "--per-host", "2")
    by_url = {r["requested_url"]: r for r in rows}
    assert by_url["http://site1.test/apply/eligibility"]["status"] == 200
    assert by_url["http://site1.test/apply/usmle"]["depth"] == 2  # found on the eligibility page
    assert "ECFMG" in by_url["http://site1.test/faq.pdf"]["text"]
    assert by_url["http://site1.test/moved"]["final_url"] == "http://site1.test/prospective"
    assert by_url["http://site1.test/loop"]["error"] == "redirect_loop"
    assert by_url["http://site1.test/broken"]["error"] == "http_5xx"
    assert by_url["http://site1.test/broken"]["status"] == 503
    assert by_url["http://example.com/"]["error"] == "refused_address"
    assert by_url["http://site1.test/latin"]["encoding"] == "cp1252"
    assert len(mockweb.requests_for("/broken", "site1.test")) == 4  # first try + 3 retries
    assert not any(r["host"] in ("example.com", "elsewhere.test") for r in mockweb.log)
    assert max(mockweb.max_active[h] for h in ("site1.test", "site2.test")) <= 2
    assert all(r["headers"]["User-Agent"].startswith("gme-atlas-crawler/") for r in mockweb.log)
    assert all(r["error"] or r["status"] == 200 for r in rows)
    assert metrics["errors_by_kind"]["refused_address"] == 1


def test_retry_after_is_honoured(tmp_path, mockweb):
    _, rows = website(tmp_path, mockweb, {"1400000001": "http://site1.test/busy"})
    hits = mockweb.requests_for("/busy")
    assert len(hits) == 2 and hits[1]["time"] - hits[0]["time"] >= 1.0  # Retry-After: 1
    assert [r["status"] for r in rows if r["requested_url"].endswith("/busy")] == [200]


def test_retry_after_spaces_every_later_retry_to_that_host(tmp_path, mockweb):
    _, rows = website(tmp_path, mockweb, {"1400000001": "http://site1.test/ratelimited"})
    times = [hit["time"] for hit in mockweb.requests_for("/ratelimited")]
    assert len(times) == 4  # 503, 429, 429, 200 (three retries)
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert gaps[1] >= 1.95 and gaps[2] >= 1.95, gaps  # after each "Retry-After: 2"
    assert [r["status"] for r in rows if r["requested_url"].endswith("/ratelimited")] == [200]


def test_a_site_that_stays_rate_limited_is_listed_as_failed(tmp_path, mockweb):
    metrics, _ = website(tmp_path, mockweb, {"1400000001": "http://site1.test/always-limited",
                                             "1400000002": "http://site2.test/"})
    assert metrics["failed_site_count"] == 1
    assert metrics["failed_sites"] == [{"program_id": "1400000001", "home": "http://site1.test/always-limited",
                                        "error": "http_429"}]


def test_oversize_body_is_recorded_as_maxsize(tmp_path, mockweb):
    _, rows = website(tmp_path, mockweb, {"1400000001": "http://site1.test/"}, "-s", "DOWNLOAD_MAXSIZE=300",
                      "--max-pages-per-program", "1")
    [home] = [r for r in rows if r["kind"] == "page"]
    assert home["error"] == "maxsize" and home["status"] == 0


def test_second_crawl_is_conditional_and_flags_exactly_what_changed(tmp_path, mockweb):
    sites = {"1400000001": "http://site1.test/", "1400000002": "http://site2.test/"}
    first, rows1 = website(tmp_path, mockweb, sites, out="run1")
    mockweb.log.clear()
    mockweb.epoch = 2  # site2's home page text changes
    second, rows2 = website(tmp_path, mockweb, sites, "--previous", str(tmp_path / "run1" / "pages.parquet"), out="run2")
    conditional = [r for r in mockweb.log if "If-None-Match" in r["headers"]]
    assert conditional and second["not_modified"] >= 0.6 * second["pages"]
    changed = {(r["program_id"], r["requested_url"]) for r in rows2 if r["changed"] and r["kind"] != "robots"}
    assert ("1400000002", "http://site2.test/") in changed
    assert not any(pid == "1400000001" for pid, _ in changed)
    ok1 = {r["final_url"] for r in rows1 if r["status"] == 200}
    ok2 = {r["final_url"] for r in rows2 if r["status"] in (200, 304)}
    assert ok1 <= ok2  # nothing lost on refresh
    # known redirects are not walked again, and a robots.txt younger than 24 h is reused
    assert mockweb.requests_for("/moved") == [] and mockweb.requests_for("/robots.txt") == []
    reused = [r for r in rows2 if r["kind"] == "robots"]
    assert reused and all(r["reason"].startswith("robots.txt (reused") for r in reused)
    # robots.txt is still obeyed from the reused copy
    assert not any(r["path"].startswith("/private/") for r in mockweb.log)


def test_refresh_skips_the_pages_the_sitemap_shows_unchanged_and_asks_for_the_rest(tmp_path, mockweb):
    sites = {"1400000003": "http://site3.test/"}
    _, rows1 = website(tmp_path, mockweb, sites, out="run1")
    # first crawl: the sitemap index robots.txt announces and its child are stored; the
    # sitemap on another host is not ours to read
    stored = {r["requested_url"]: r for r in rows1 if r["kind"] == "sitemap"}
    assert set(stored) == {"http://site3.test/sitemap_index.xml", "http://site3.test/sitemap-pages.xml"}
    assert all(r["status"] == 200 and r["body"] for r in stored.values())
    assert not [r for r in mockweb.log if r["host"] == "elsewhere.test"]
    fetched1 = {r["final_url"] for r in rows1 if r["status"] == 200 and r["kind"] in ("page", "pdf")}

    mockweb.log.clear()
    mockweb.epoch = 2  # the home page changes, and so does its lastmod
    metrics, rows2 = website(tmp_path, mockweb, sites, "--previous", str(tmp_path / "run1" / "pages.parquet"), out="run2")
    asked = {r["path"] for r in mockweb.log}
    # unchanged per the sitemap (exact timestamps, or a date before our copy's day): not requested
    for path in ("/apply/eligibility", "/apply/usmle", "/faq.pdf"):
        assert path not in asked, path
    skipped = {r["requested_url"]: r for r in rows2 if r["skipped"]}
    assert set(skipped) == {"http://site3.test/apply/eligibility", "http://site3.test/apply/usmle",
                            "http://site3.test/faq.pdf"}
    assert metrics["skipped"] == 3
    previous = {r["requested_url"]: r for r in rows1}
    for url, row in skipped.items():  # the copy held is carried over as it was fetched
        assert row["body"] == previous[url]["body"] and row["fetched_at"] == previous[url]["fetched_at"]
        assert row["not_modified"] is False and not row["changed"]  # not asked, so not answered 304
    assert skipped["http://site3.test/faq.pdf"]["kind"] == "pdf" and skipped["http://site3.test/faq.pdf"]["text"]
    # a new lastmod, a same-day date-only lastmod, and pages the sitemap does not list: asked
    assert "/" in asked and "/latin" in asked and "/about" in asked
    home = next(r for r in rows2 if r["requested_url"] == "http://site3.test/" and not r["skipped"])
    assert home["status"] == 200 and home["changed"]
    # the sitemaps were asked for conditionally: the index is unchanged, its child is not
    index, child = mockweb.requests_for("/sitemap_index.xml"), mockweb.requests_for("/sitemap-pages.xml")
    assert len(index) == 1 and "If-None-Match" in index[0]["headers"] and len(child) == 1
    sitemap_rows = {r["requested_url"]: r for r in rows2 if r["kind"] == "sitemap"}
    assert sitemap_rows["http://site3.test/sitemap_index.xml"]["status"] == 304
    assert sitemap_rows["http://site3.test/sitemap-pages.xml"]["status"] == 200
    # nothing the first crawl had is lost
    assert fetched1 <= {r["final_url"] or r["requested_url"] for r in rows2 if r["status"] in (200, 304)}
    # with no trust in sitemaps at all, every page is asked for again
    mockweb.log.clear()
    metrics3, rows3 = website(tmp_path, mockweb, sites, "--previous", str(tmp_path / "run2" / "pages.parquet"),
                              "--sitemap-max-age-days", "0", out="run3")
    assert metrics3["skipped"] == 0 and not any(r["skipped"] for r in rows3)
    assert "/apply/eligibility" in {r["path"] for r in mockweb.log}


def test_programs_on_one_host_share_one_sitemap_fetch_per_run(tmp_path, mockweb):
    # two programs of one institution on the same host (the second starts on a sub-page)
    sites = {"1400000003": "http://site3.test/", "1400000004": "http://site3.test/apply/eligibility"}
    website(tmp_path, mockweb, sites, out="run1")
    assert len(mockweb.requests_for("/sitemap-pages.xml")) == 1
    mockweb.log.clear()
    _, rows2 = website(tmp_path, mockweb, sites, "--previous", str(tmp_path / "run1" / "pages.parquet"), out="run2")
    assert len(mockweb.requests_for("/sitemap_index.xml")) == 1 and len(mockweb.requests_for("/sitemap-pages.xml")) == 1
    skipped = {(r["program_id"], r["requested_url"]) for r in rows2 if r["skipped"]}
    # both programs took the shared sitemap's word for their unchanged pages
    assert ("1400000003", "http://site3.test/apply/usmle") in skipped
    assert ("1400000004", "http://site3.test/apply/eligibility") in skipped
    assert ("1400000004", "http://site3.test/apply/usmle") in skipped
    assert mockweb.requests_for("/apply/usmle") == [] and mockweb.requests_for("/apply/eligibility") == []


def test_page_caps_per_host_scale_with_the_programs_on_it_and_hold_per_run(tmp_path, mockweb):
    def fetched(rows):
        return [r for r in rows if r["kind"] in ("page", "pdf") and r["status"]]  # answered

    one = {"1400000001": "http://site1.test/"}
    _, rows = website(tmp_path, mockweb, one, "--max-pages-per-host", "2", out="one")
    assert len(fetched(rows)) == 2 and any(r["error"] == "cap" for r in rows)
    assert all("page cap of 2 reached for site1.test" in r["error_detail"] for r in rows if r["error"] == "cap")
    # two programs start on that host: the host may serve twice the cap
    two = {**one, "1400000009": "http://site1.test/apply/eligibility"}
    _, rows = website(tmp_path, mockweb, two, "--max-pages-per-host", "2", out="two")
    assert len(fetched(rows)) == 4
    # the per-run cap holds across hosts
    three = {"1400000001": "http://site1.test/", "1400000002": "http://site2.test/", "1400000003": "http://site3.test/"}
    mockweb.log.clear()
    _, rows = website(tmp_path, mockweb, three, "--max-pages-per-run", "5", out="run")
    assert len([r for r in mockweb.log if r["path"] != "/robots.txt"]) == 5  # requests, redirects included
    assert any("page cap of 5 reached for this run" in (r["error_detail"] or "") for r in rows)


def test_metrics_are_reported_through_dagster_pipes(tmp_path, mockweb):
    messages = tmp_path / "pipes.jsonl"
    env = {"DAGSTER_PIPES_CONTEXT": encode_param({"path": str(tmp_path / "ctx.json")}),
           "DAGSTER_PIPES_MESSAGES": encode_param({"path": str(messages)})}
    (tmp_path / "ctx.json").write_text(json.dumps({
        "asset_keys": ["raw/pages"], "code_version_by_asset_key": None, "provenance_by_asset_key": None,
        "partition_key": None, "partition_key_range": None, "partition_time_window": None,
        "run_id": "r", "job_name": None, "retry_number": 0, "extras": {}}))
    programs = write_programs(tmp_path / "p.parquet", {"1400000001": "http://site1.test/"})
    code, _, stderr = run_scrapers("website", "--sample-web", f"http://127.0.0.1:{mockweb.port}",
                                   "--programs", str(programs), "--pages-out", str(tmp_path / "o" / "pages.parquet"), env=env)
    assert code == 0, stderr[-2000:]
    reported = [json.loads(line) for line in messages.read_text().splitlines()]
    [materialization] = [m for m in reported if m["method"] == "report_asset_materialization"]
    metadata = materialization["params"]["metadata"]
    assert metadata["pages"]["raw_value"] > 5 and "errors_by_kind" in metadata
