"""Each fault of the `flaky` and `hostile` profiles, as a client meets it over real HTTP."""

from __future__ import annotations

import http.client
import re
import socket
import time

import pytest

from sampleweb import faults as F
from sampleweb.server import running_sample_web
from tests.sampleweb.helpers import fetch, links, split_url

pytestmark = pytest.mark.slow  # starts flaky and hostile sample webs and waits out slow answers

N = 300


@pytest.fixture(scope="module")
def hostile():
    with running_sample_web(programs=N, faults="hostile") as w:
        yield w, w.truth()


@pytest.fixture(scope="module")
def flaky():
    with running_sample_web(programs=N, faults="flaky") as w:
        yield w, w.truth()


def only(truth, kind):
    """A program whose site has this fault (alone if possible, so others don't interfere)."""
    alone = [r for r in truth if r["faults"] == [kind]]
    anywhere = [r for r in truth if kind in r["faults"]]
    assert anywhere, f"no program has {kind}"
    return (alone or anywhere)[0]


def home(rec):
    return split_url(rec["home_url"])


def test_truth_lists_faults_and_the_none_profile_has_none(hostile, flaky, truth):
    kinds = {f for r in hostile[1] for f in r["faults"]}
    assert kinds == set(F.ALL_FAULTS)
    assert {f for r in flaky[1] for f in r["faults"]} == set(F.FLAKY)
    assert all(r["faults"] == [] for r in truth.values())


def test_site_down_drops_every_connection(hostile):
    web, truth = hostile
    rec = only(truth, "site_down")
    for path in ("/robots.txt", home(rec)[1]):
        with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
            fetch(web.url, rec["host"], path)


@pytest.mark.parametrize("profile", ["flaky", "hostile"])
def test_5xx_burst_then_recovery(profile, request):
    web, truth = request.getfixturevalue(profile)
    rec = only(truth, "5xx_burst")
    host, path = home(rec)
    if "rate_limit_429" in rec["faults"]:
        pytest.skip("combined with rate limiting")
    statuses = [fetch(web.url, host, path)[0] for _ in range(F.BURST_FAILURES + 1)]
    assert statuses == [503] * F.BURST_FAILURES + [200]


@pytest.mark.parametrize("profile", ["flaky", "hostile"])
def test_429_with_retry_after(profile, request):
    web, truth = request.getfixturevalue(profile)
    rec = only(truth, "rate_limit_429")
    host, path = home(rec)
    fetch(web.url, host, "/robots.txt")  # robots.txt is never rate limited
    first = fetch(web.url, host, path)
    second = fetch(web.url, host, path)
    assert second[0] == 429 and int(second[1]["retry-after"]) >= 1
    assert first[0] in (200, 301, 302, 503, 429)
    time.sleep(F.RATE_LIMIT_WINDOW + 0.1)  # a polite client that waits is served
    assert fetch(web.url, host, path)[0] in (200, 301, 302, 503)


@pytest.mark.parametrize("profile", ["flaky", "hostile"])
def test_slow_answers(profile, request):
    web, truth = request.getfixturevalue(profile)
    rec = only(truth, "slow")
    t0 = time.monotonic()
    status, _, _ = fetch(web.url, rec["host"], "/robots.txt")
    assert time.monotonic() - t0 >= F.SLOW_SECONDS[profile] * 0.9
    assert status in (200, 404)


def test_timeout_page_never_answers_in_time(hostile):
    web, truth = hostile
    rec = only(truth, "timeout")
    with pytest.raises((socket.timeout, TimeoutError)):
        fetch(web.url, rec["host"], rec["fault_paths"]["timeout"], timeout=1.0)


def test_redirect_loop(hostile):
    web, truth = hostile
    rec = only(truth, "redirect_loop")
    path = rec["fault_paths"]["redirect_loop"]
    seen = []
    for _ in range(4):
        status, headers, _ = fetch(web.url, rec["host"], path)
        if status in (429, 503):
            continue
        assert status == 302
        seen.append(path)
        path = headers["location"]
    assert len(set(seen)) == 2


def test_truncated_body(hostile):
    web, truth = hostile
    rec = only(truth, "truncated_body")
    for _ in range(4):
        try:
            status, _, _ = fetch(web.url, rec["host"], rec["fault_paths"]["truncated_body"])
        except http.client.IncompleteRead as e:
            assert e.expected > 0 and len(e.partial) > 0
            return
        assert status in (429, 503)
    pytest.fail("the body was never truncated")


def test_oversize_body_is_over_10_mb(hostile):
    web, truth = hostile
    rec = only(truth, "oversize_body")
    for _ in range(4):
        status, headers, body = fetch(web.url, rec["host"], rec["fault_paths"]["oversize_body"],
                                      timeout=30)
        if status == 200:
            assert len(body) > 10 * 1024 * 1024 and "content-length" not in headers
            return
    pytest.fail("no 200 answer")


def _pages(web, rec):
    """(headers, body) of the site's fact pages and home, retrying through bursts."""
    out = []
    paths = {home(rec)[1]} | {split_url(u)[1] for us in rec["fact_urls"].values() for u in us}
    for path in sorted(paths):
        for _ in range(5):
            s, h, b = fetch(web.url, rec["host"], path)
            if s == 200:
                out.append((h, b))
                break
            time.sleep(0.3 if s == 429 else 0)
    return [(h, b) for h, b in out if h["content-type"].startswith("text/html")]


def test_wrong_charset_declares_an_encoding_the_body_is_not_in(hostile):
    web, truth = hostile
    for rec in [r for r in truth if "wrong_charset" in r["faults"]][:8]:
        for h, body in _pages(web, rec):
            declared = re.search(r"charset=([\w-]+)", h["content-type"]).group(1)
            if not re.search(rb"[\x80-\xff]", body):
                continue
            if declared == "iso-8859-1":  # a UTF-8 body read as Latin-1 turns to mojibake
                assert body.decode("utf-8") != body.decode(declared)
            else:  # a windows-1252 body declared as UTF-8 does not even decode
                with pytest.raises(UnicodeDecodeError):
                    body.decode(declared)
            return
    pytest.fail("no non-ASCII page found on wrong-charset sites")


@pytest.mark.parametrize("profile", ["flaky", "hostile"])
def test_missing_charset(profile, request):
    web, truth = request.getfixturevalue(profile)
    rec = only(truth, "missing_charset")
    pages = _pages(web, rec)
    assert pages
    for h, body in pages:
        assert h["content-type"] == "text/html"
        assert b"charset" not in body.lower()


def test_malformed_html_still_carries_its_text(hostile):
    web, truth = hostile
    rec = only(truth, "malformed_html")
    pages = _pages(web, rec)
    assert pages
    for _, body in pages:
        assert b"</body>" not in body.lower() and b"<div <span" in body


def test_offsite_and_private_links_are_literal_urls(hostile):
    web, truth = hostile
    rec = only(truth, "offsite_links")
    hrefs = [h for _, b in _pages(web, rec) for h in links(b)]
    assert any(re.match(r"http://[a-z0-9-]+\.test/", h) and rec["host"] not in h for h in hrefs)
    assert any(h.startswith(("http://www.example", "https://careers.example")) for h in hrefs)
    rec = only(truth, "private_links")
    hrefs = [h for _, b in _pages(web, rec) for h in links(b)]
    assert any(re.match(r"http://(10\.|192\.168\.|172\.16\.|169\.254\.)", h) for h in hrefs)


@pytest.mark.parametrize("profile", ["flaky", "hostile"])
def test_directory_pages_fail_once_then_answer(profile, request):
    web, _ = request.getfixturevalue(profile)
    path = "/api/node/program?page[offset]=150&page[limit]=50"
    statuses = [fetch(web.url, None, path)[0] for _ in range(3)]
    assert statuses[0] == 503 and statuses[-1] == 200
    assert fetch(web.url, None, "/api/node/program?page[offset]=0&page[limit]=50")[0] == 200
