"""The `gme` command line as a user runs it: refresh against a running sample web, recommend, export, bad input."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sampleweb.server import running_sample_web

pytestmark = pytest.mark.integration
REPO = Path(__file__).resolve().parents[2]
GME = [sys.executable, "-m", "pipelines.cli"]


def gme(*args: str, check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run([*GME, *args], cwd=REPO, capture_output=True, text=True, timeout=600,
                          env={**os.environ, **(env or {})})
    if check and proc.returncode != 0:
        raise AssertionError(f"gme {' '.join(args)} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture(scope="module")
def refreshed(isolated_env):
    with running_sample_web(programs=20) as web:
        return gme("refresh", "--sample-web", web.url)


def test_refresh_prints_progress_and_a_summary(refreshed):
    out = refreshed.stdout
    assert "✓ raw__pages" in out and "✓ warehouse__published" in out
    assert "Checks passed: 6/6" in out  # 5 GX suites (3 staging, 2 core) + core/programs no-minimum check
    assert "core.programs" in out and "marts.recommendations" in out
    assert os.environ["GME_WAREHOUSE"] in out


def test_recommend_table_jsonl_csv_and_report(refreshed, tmp_path):
    profile = str(REPO / "examples" / "us-do-comlex.yaml")
    table = gme("recommend", "--profile", profile, "--top", "3").stdout
    assert table.startswith("Programs for us-do-comlex")
    lines = gme("recommend", "--profile", profile, "--top", "3", "--format", "jsonl").stdout.splitlines()
    rows = [json.loads(line) for line in lines]
    for code in {r["specialty_code"] for r in rows}:  # each specialty is ranked on its own, --top per section
        section = [r["rank"] for r in rows if r["specialty_code"] == code]
        assert section == list(range(1, len(section) + 1)) and len(section) <= 3
    assert all(r["verdicts"] for r in rows)
    csv = gme("recommend", "--profile", profile, "--format", "csv").stdout
    assert csv.splitlines()[0].startswith("applicant_id,program_id,rank,tier,score")
    report = tmp_path / "r.html"
    gme("recommend", "--profile", profile, "--report", str(report))
    assert "<table>" in report.read_text()


def test_bad_profile_is_one_clear_line(refreshed, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("applicant_id: x\nspecialties: ['140']\nimg: true\ngraduation_year: 2020\nvisa: tourist\n")
    proc = gme("recommend", "--profile", str(bad), check=False)
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0
    assert str(bad) in proc.stderr and "visa" in proc.stderr
    proc = gme("recommend", "--profile", str(tmp_path / "missing.yaml"), check=False)
    assert proc.returncode == 2 and "no such profile" in proc.stderr


def test_export_jsonl_with_schemas(refreshed, tmp_path):
    gme("export", str(tmp_path / "out"), "--format", "jsonl")
    programs = (tmp_path / "out" / "core.programs.jsonl").read_text().splitlines()
    assert len(programs) == 20
    schema = json.loads((tmp_path / "out" / "core.programs.schema.json").read_text())
    assert set(json.loads(programs[0])) == set(schema["properties"])


def test_refresh_refuses_a_non_loopback_sample_web():
    proc = gme("refresh", "--sample-web", "http://10.1.2.3:80", check=False)
    assert proc.returncode == 2 and "loopback" in proc.stderr


def test_reextract_runs_without_a_sample_web_and_refuses_crawl_options(refreshed):
    proc = gme("refresh", "--job", "reextract")  # nothing is crawled: no sample web is started
    assert "job=reextract" in proc.stdout and "the local sample web" not in proc.stdout
    assert "Checks passed: 6/6" in proc.stdout  # 5 GX suites (3 staging, 2 core) + the no-minimum check
    bad = gme("refresh", "--job", "reextract", "--programs", "5", check=False)
    assert bad.returncode == 2 and "crawls nothing" in bad.stderr and len(bad.stderr.strip().splitlines()) == 1


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_refresh_run_shows_up_in_gme_ui(refreshed):
    import time
    import urllib.request

    port = _free_port()
    ui = subprocess.Popen([*GME, "ui", "--port", str(port)], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          env=os.environ.copy(), start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(base + "/server_info", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or ui.poll() is not None:
                    raise AssertionError("gme ui did not start")
                time.sleep(0.5)
        query = b'{"query": "{ runsOrError { ... on Runs { results { status jobName } } } }"}'
        request = urllib.request.Request(base + "/graphql", data=query, headers={"content-type": "application/json"})
        runs = json.load(urllib.request.urlopen(request, timeout=30))["data"]["runsOrError"]["results"]
        assert {"status": "SUCCESS", "jobName": "refresh"} in runs
    finally:
        os.killpg(ui.pid, 15)
        ui.wait(30)


def test_two_crawl_shards_publish_what_one_crawl_does(isolated_env, tmp_path):
    """--crawl-shards 2: both shards crawl side by side in one step (two Scrapy processes, no step
    processes), and they publish the programs, facts and pages a one-process crawl of the same web
    does (each refresh in a fresh data dir, so both are first crawls)."""
    import shutil

    import duckdb

    def published(warehouse: Path) -> dict:
        con = duckdb.connect(":memory:")
        try:
            con.execute(f"ATTACH '{warehouse}' AS w (READ_ONLY)")
            return {
                "programs": con.sql("SELECT * EXCLUDE (website_facts_seen_at, updated_at) FROM w.core.programs "
                                    "ORDER BY program_id").fetchall(),
                # not `selected`: which of two quotes of one value on one page is marked selected
                # varies from run to run, one shard or two
                "facts": con.sql("SELECT program_id, field, value, source, url, evidence "
                                 "FROM w.core.program_facts ORDER BY ALL").fetchall(),
                "pages": con.sql("SELECT url, status, content_hash FROM w.staging.pages ORDER BY ALL").fetchall(),
            }
        finally:
            con.close()

    got, outputs = {}, {}
    with running_sample_web(programs=20) as web:
        for shards in ("1", "2"):
            root = tmp_path / f"shards_{shards}"
            (root / "home").mkdir(parents=True)
            shutil.copyfile(REPO / "dagster.yaml", root / "home" / "dagster.yaml")
            env = {"GME_DATA_DIR": str(root / "data"), "GME_WAREHOUSE": str(root / "data" / "warehouse.duckdb"),
                   "DAGSTER_HOME": str(root / "home")}
            outputs[shards] = gme("refresh", "--sample-web", web.url, "--crawl-shards", shards, env=env)
            got[shards] = published(root / "data" / "warehouse.duckdb")
    out = outputs["2"].stdout
    assert "✓ raw__pages.crawl_website_shard[shard_0_1]" in out  # one step crawled both shards
    # no step processes: no Dagster debug lines or preview warnings in the progress output
    assert " - DEBUG - " not in out + outputs["2"].stderr and "PreviewWarning" not in out + outputs["2"].stderr
    assert len(got["2"]["programs"]) == 20 and len(got["2"]["pages"]) > 20
    assert got["2"] == got["1"]
