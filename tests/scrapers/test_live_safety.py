"""Live mode refuses private addresses, also behind a redirect, deciding on the resolved
address before any connection. The crawl runs with a resolver and a download handler that
record instead of connecting (tests/scrapers/recording.py): nothing leaves the machine."""

import json

import pytest

from tests.scrapers.conftest import read_rows, run_scrapers, write_programs

pytestmark = pytest.mark.integration


def test_live_mode_refuses_private_addresses_including_through_a_redirect(tmp_path):
    record = tmp_path / "record.jsonl"
    programs = write_programs(tmp_path / "programs.parquet", {
        "1400000001": "http://program.example/",        # public: crawled
        "1400000002": "http://www.program.example/",    # public, redirects to 169.254.169.254
        "1400000003": "http://intranet.example/",       # resolves to 10.0.0.5
        "1400000004": "http://127.0.0.1:9/",            # a literal loopback address
        "1400000005": "http://mixed.example/",          # one public and one private address
        "1400000006": "http://nowhere.example/",        # does not resolve
    })
    code, metrics, stderr = run_scrapers(
        "website", "--source", "live", "--programs", str(programs), "--pages-out", str(tmp_path / "out" / "pages.parquet"),
        "-s", "GME_RESOLVER=tests.scrapers.recording.RecordingResolver",
        "-s", 'DOWNLOAD_HANDLERS={"http": "tests.scrapers.recording.RecordingHandler"}',
        "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=false",
        env={"GME_TEST_RECORD": str(record)})
    assert code == 0, stderr[-3000:]
    events = [json.loads(line) for line in record.read_text().splitlines()]
    downloaded = [e["value"] for e in events if e["kind"] == "download"]
    resolved = {e["value"] for e in events if e["kind"] == "resolve"}

    # the public site was crawled normally
    assert "http://program.example/eligibility" in downloaded
    # no request for a private address ever reached the downloader
    for host in ("intranet.example", "metadata.example", "127.0.0.1", "mixed.example"):
        assert not any(f"//{host}" in url for url in downloaded), host
    # the decision was made on resolved addresses (the literal needed no lookup)
    assert {"intranet.example", "metadata.example", "mixed.example"} <= resolved
    assert "127.0.0.1" not in resolved

    rows = {r["requested_url"]: r for r in read_rows(tmp_path / "out" / "pages.parquet") if r["kind"] != "robots"}
    for url in ("http://intranet.example/", "http://127.0.0.1:9/", "http://mixed.example/"):
        assert rows[url]["error"] == "refused_address" and rows[url]["status"] == 0
    assert rows["http://nowhere.example/"]["error"] == "dns"
    redirected = rows["http://www.program.example/"]
    assert redirected["error"] == "refused_address"
    assert "169.254.169.254" in redirected["error_detail"]
    # a link that redirects off the program's own hosts is not followed either
    assert rows["http://program.example/visa"]["error"] in ("offsite", "refused_address")
    assert metrics["errors_by_kind"]["refused_address"] >= 4
