"""Project wiring: `scrapy list` from the repo root, no telnet or remote-control server, and
the command-line contract of `python -m scrapers`."""

import subprocess
import sys

import pytest
from scrapy.utils.project import get_project_settings

from scrapers.__main__ import build_parser, crawl_settings
from tests.scrapers.conftest import REPO, directory_outputs, run_scrapers


@pytest.mark.slow
def test_scrapy_list_works_from_the_repo_root():
    out = subprocess.run([str(REPO / ".venv" / "bin" / "scrapy"), "list"], cwd=REPO, capture_output=True,
                         text=True, timeout=60)
    assert out.stdout.split() == ["directory", "website"]


def test_telnet_console_remote_control_and_proxies_are_off(monkeypatch):
    monkeypatch.setenv("SCRAPY_SETTINGS_MODULE", "scrapers.settings")
    settings = get_project_settings()
    assert settings.getbool("TELNETCONSOLE_ENABLED") is False
    assert settings.getbool("REMOTE_CONTROL_ENABLED") is False
    assert settings.getbool("HTTPPROXY_ENABLED") is False
    assert settings.getbool("ROBOTSTXT_OBEY") is True
    assert settings.getbool("HTTPCACHE_ENABLED") is False
    assert "gme-atlas-crawler/" in settings.get("USER_AGENT") and "+http" in settings.get("USER_AGENT")


@pytest.mark.slow
def test_a_real_crawl_enables_neither_extension(tmp_path, mockweb):
    code, _, stderr = run_scrapers("directory", "--sample-web", f"http://127.0.0.1:{mockweb.port}",
                                   *directory_outputs(tmp_path), "--log-level", "INFO")
    assert code == 0
    enabled = stderr.split("Enabled extensions:", 1)[1].split("]", 1)[0]
    assert "TelnetConsole" not in enabled and "RemoteControl" not in enabled
    assert "telnet" not in stderr.lower().replace("telnetconsole_enabled", "")


def test_command_line_contract():
    parser = build_parser()
    args = parser.parse_args(["website", "--sample-web", "http://127.0.0.1:9", "--programs", "p.parquet",
                              "--previous", "old.parquet", "--max-pages-per-program", "5", "--max-depth", "2",
                              "--pages-out", "o.parquet", "--run-id", "r"])
    assert (args.max_pages_per_program, args.max_depth, args.previous) == (5, 2, "old.parquet")
    live = crawl_settings(parser.parse_args(["directory", "--source", "live", "--base-url", "https://api.example",
                                              "--pages-out", "a.parquet", "--programs-out", "b.parquet"]))
    assert live["GME_SOURCE"] == "live" and live["GME_MAX_PAGES_PER_HOST"] == 50
    assert live["GME_MAX_PAGES_PER_RUN"] > 0


def test_bad_arguments_exit_2_with_a_reason(tmp_path):
    code, _, stderr = run_scrapers("website", "--sample-web", "http://127.0.0.1:9", "--programs",
                                   str(tmp_path / "missing.parquet"), "--pages-out", str(tmp_path / "o"))
    assert code == 2 and "does not exist" in stderr
    code, _, stderr = run_scrapers("directory", *directory_outputs(tmp_path))
    assert code == 2 and "--sample-web" in stderr
