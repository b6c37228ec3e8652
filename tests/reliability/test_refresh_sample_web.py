"""`gme refresh --sample-web URL` refuses, in one line and before any step runs, a URL the crawler could not use."""

import socket

import pytest
from click.testing import CliRunner

from pipelines.cli import main


def _closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://localhost.invalid:1", "loopback URL with a port"),
        ("http://127.0.0.1", "loopback URL with a port"),
        ("https://127.0.0.1:8800", "http:// URL"),
        ("http://10.0.0.1:8800", "loopback URL with a port"),
    ],
)
def test_a_sample_web_url_the_crawler_refuses_is_refused_by_the_command(url, why, tmp_path, monkeypatch):
    monkeypatch.setenv("GME_DATA_DIR", str(tmp_path))
    result = CliRunner().invoke(main, ["refresh", "--sample-web", url])
    assert result.exit_code == 2
    assert why in result.output and url in result.output
    assert not (tmp_path / "raw").exists()  # no step ran


def test_a_sample_web_that_does_not_answer_is_named_with_the_reason(tmp_path, monkeypatch):
    monkeypatch.setenv("GME_DATA_DIR", str(tmp_path))
    url = f"http://127.0.0.1:{_closed_port()}"
    result = CliRunner().invoke(main, ["refresh", "--sample-web", url])
    assert result.exit_code == 2
    assert "nothing answers there" in result.output and "refused" in result.output.lower()
