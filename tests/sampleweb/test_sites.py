"""Program websites over real HTTP: truth vs pages, links, HTTP validators, gzip, robots,
redirects, determinism, epochs and the access log."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections import deque
from urllib.parse import urljoin

import pytest

from sampleweb.site import build_site
from sampleweb.world import build_world
from tests.sampleweb.conftest import SMALL
from tests.sampleweb.helpers import fetch, gunzip, links, page_text, split_url, squash

from sampleweb.server import running_sample_web


def served_text(web, url: str) -> str:
    host, path = split_url(url)
    status, headers, body = fetch(web.url, host, path)
    assert status == 200, (url, status)
    return squash(page_text(body, headers["content-type"]))


def check_truth_against_pages(web, world, truth, programs) -> tuple[int, int]:
    """Every truth fact's URLs serve a page that contains each block placed there for it."""
    checked = pdfs = 0
    for p in programs:
        rec = truth[p.program_id]
        site = build_site(world, p)
        stated = {k for k, v in rec["website"].items() if v is not None}
        assert set(rec["fact_urls"]) == stated
        placed = {f"http://{p.host}{pg.path}": pg.blocks
                  for pg in list(site.pages.values()) + ([site.pdf] if site.pdf else [])}
        for field, urls in rec["fact_urls"].items():
            assert urls
            for url in urls:
                text = served_text(web, url)
                blocks = [b for b in placed[url] if field in b.fields]
                assert blocks, (url, field)
                assert all(squash(b.text) in text for b in blocks), (url, field)
                checked += 1
                pdfs += url.lower().endswith(".pdf")
    return checked, pdfs


@pytest.mark.slow
def test_every_truth_fact_is_stated_on_each_url_named_for_it(web, truth):
    world = build_world(SMALL)
    checked, pdfs = check_truth_against_pages(web, world, truth, world.programs)
    assert checked > 200 and pdfs > 5  # some statements live only in a linked PDF


@pytest.mark.slow
def test_truth_matches_pages_on_a_sample_of_the_full_size_web():
    world = build_world()
    sample = world.programs[::150]  # ~34 programs across specialties and sources
    with running_sample_web(programs=None) as full:
        truth = {r["program_id"]: r for r in full.truth()}
        assert len(truth) == len(world.programs) >= 5000
        checked, _ = check_truth_against_pages(full, world, truth, sample)
    assert checked > 100


def test_fact_pages_are_reachable_by_following_links_from_home(web, truth):
    forms = set()
    for rec in list(truth.values())[:25]:
        host = rec["host"]
        seen, queue = set(), deque([split_url(rec["home_url"])[1]])
        while queue:
            path = queue.popleft()
            if path in seen or len(seen) > 60:
                continue
            seen.add(path)
            status, headers, body = fetch(web.url, host, path)
            if status in (301, 302):
                queue.append(headers["location"])
                continue
            if status != 200 or not headers["content-type"].startswith("text/html"):
                continue
            for href in links(body):  # root-relative, relative and absolute forms
                target = urljoin(f"http://{host}{path}", href.split("#")[0])
                t_host, t_path = split_url(target) if target.startswith("http://") else ("", "")
                if t_host == host and not t_path.startswith(("/calendar/", "/intranet/")):
                    queue.append(t_path)
                    forms.add("absolute" if href.startswith("http") else
                              "root" if href.startswith("/") else "relative")
        for urls in rec["fact_urls"].values():
            for url in urls:
                assert split_url(url)[1] in seen, url
    assert forms == {"absolute", "root", "relative"}


def test_conditional_requests_answer_304(web, truth):
    rec = next(iter(truth.values()))
    host, path = split_url(rec["home_url"])
    status, headers, body = fetch(web.url, host, path)
    assert status == 200 and headers["etag"] and headers["last-modified"]
    assert headers["last-modified"] == rec["last_modified"]  # from the epoch, not the clock
    s, h, b = fetch(web.url, host, path, {"If-None-Match": headers["etag"]})
    assert (s, b) == (304, b"") and h["etag"] == headers["etag"]
    s, _, _ = fetch(web.url, host, path, {"If-Modified-Since": headers["last-modified"]})
    assert s == 304
    s, _, _ = fetch(web.url, host, path, {"If-None-Match": '"something-else"'})
    assert s == 200
    s, _, _ = fetch(web.url, None, "/api/node/program", {"If-None-Match": fetch(
        web.url, None, "/api/node/program")[1]["etag"]})
    assert s == 304


def test_gzip_when_asked(web, truth):
    rec = next(iter(truth.values()))
    host, path = split_url(rec["home_url"])
    _, plain_h, plain = fetch(web.url, host, path)
    s, h, zipped = fetch(web.url, host, path, {"Accept-Encoding": "gzip, deflate"})
    assert s == 200 and h["content-encoding"] == "gzip" and "accept-encoding" in h["vary"].lower()
    assert gunzip(zipped) == plain and len(zipped) < len(plain)


def test_robots_txt_per_host(web, truth):
    disallowing = [r for r in truth.values() if r["robots_disallow"]]
    assert disallowing
    for rec in disallowing[:5]:
        s, h, body = fetch(web.url, rec["host"], "/robots.txt")
        assert s == 200 and h["content-type"].startswith("text/plain")
        rules = re.findall(r"^Disallow: (\S+)", body.decode(), re.M)
        assert set(rec["robots_disallow"]) <= set(rules)
    statuses = {fetch(web.url, r["host"], "/robots.txt")[0] for r in truth.values()}
    assert statuses == {200, 404}  # some hosts have no robots.txt at all
    sitemaps = 0
    for rec in truth.values():
        s, _, body = fetch(web.url, rec["host"], "/robots.txt")
        m = re.search(r"^Sitemap: (\S+)", body.decode(), re.M) if s == 200 else None
        if m:
            s, h, xml = fetch(web.url, *split_url(m.group(1)))
            assert s == 200 and h["content-type"].startswith("application/xml")
            locs = set(re.findall(r"<loc>([^<]+)</loc>", xml.decode()))
            assert {u for us in rec["fact_urls"].values() for u in us} <= locs
            sitemaps += 1
    assert sitemaps > 5


def test_redirects_www_alias_and_moved_pages(web, truth):
    world = build_world(SMALL)
    www = [r for r in truth.values() if (r["directory"]["website"] or "").startswith("http://www.")]
    assert www
    host, path = split_url(www[0]["directory"]["website"])
    s, h, _ = fetch(web.url, host, path)
    assert s == 301 and h["location"] == f"http://{www[0]['host']}/"
    moved = 0
    for p in world.programs:
        site = build_site(world, p)
        for old, (code, new) in site.redirects.items():
            s, h, _ = fetch(web.url, p.host, old)
            assert (s, h["location"]) == (code, new)
            s, _, _ = fetch(web.url, p.host, new)
            assert s in (200, 301)
            moved += 1
    assert moved > 10


@pytest.mark.slow
def test_same_arguments_serve_byte_identical_responses(web, truth):
    urls = [(None, "/api/node/program?include=field_survey,field_institution&page[limit]=7")]
    for rec in list(truth.values())[:12]:
        urls.append(split_url(rec["home_url"]))
        for us in rec["fact_urls"].values():
            urls.append(split_url(us[0]))
    with running_sample_web(programs=SMALL) as other:
        for host, path in urls:
            a, b = fetch(web.url, host, path), fetch(other.url, host, path)
            # the directory's links name the port each server listens on: nothing else differs
            body_a = a[2].replace(web.url.encode(), b"BASE")
            body_b = b[2].replace(other.url.encode(), b"BASE")
            assert a[0] == b[0] and body_a == body_b, (host, path)
            keys = ("etag", "last-modified", "content-type") if host else ("content-type",)
            for k in keys:
                assert a[1].get(k) == b[1].get(k)


@pytest.mark.slow
def test_truth_does_not_depend_on_the_python_hash_seed(tmp_path):
    outs = []
    for hs in ("1", "2"):
        out = tmp_path / f"t{hs}.jsonl"
        subprocess.run([sys.executable, "-m", "sampleweb", "--programs", "80", "--faults",
                        "hostile", "--truth-out", str(out), "--no-serve"], check=True,
                       env={"PYTHONHASHSEED": hs, "PATH": "/usr/bin:/bin"})
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


@pytest.mark.slow
def test_epoch_2_changes_about_5_percent_and_the_rest_answer_304():
    n = 400
    with running_sample_web(programs=n, epoch=1) as e1, running_sample_web(programs=n,
                                                                         epoch=2) as e2:
        t1 = {r["program_id"]: r for r in e1.truth()}
        t2 = {r["program_id"]: r for r in e2.truth()}
        changed = [pid for pid in t1 if t2[pid]["version"] == 2]
        assert 0.02 * n <= len(changed) <= 0.09 * n
        for pid, r1 in list(t1.items())[:60] + [(c, t1[c]) for c in changed]:
            host, path = split_url(r1["home_url"])
            _, h1, _ = fetch(e1.url, host, path)
            s, h2, _ = fetch(e2.url, host, path, {"If-None-Match": h1["etag"],
                                                  "If-Modified-Since": h1["last-modified"]})
            if pid in changed:
                assert s == 200 and h2["etag"] != h1["etag"]
                assert h2["last-modified"] != h1["last-modified"]
            else:
                assert s == 304


def test_access_log_has_one_line_per_request(web, truth, access_log):
    rec = next(iter(truth.values()))
    host, path = split_url(rec["home_url"])
    fetch(web.url, host, path + "?probe=1", {"If-None-Match": '"abc"',
                                             "User-Agent": "probe-agent"})
    deadline = time.monotonic() + 5
    line = None
    while time.monotonic() < deadline and line is None:
        for raw in access_log.read_text().splitlines():
            entry = json.loads(raw)
            if entry["user_agent"] == "probe-agent":
                line = entry
        time.sleep(0.1)
    assert line is not None
    assert line["host"] == host and line["path"] == path + "?probe=1"
    assert line["if_none_match"] == '"abc"' and line["if_modified_since"] is None
    assert isinstance(line["status"], int) and line["bytes"] >= 0 and line["time"]
