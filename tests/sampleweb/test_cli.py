"""`python -m sampleweb` (= `gme sample-web`): options, the serving line, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from sampleweb.__main__ import main


@pytest.mark.parametrize("argv", [["--faults", "chaos"], ["--programs", "0"],
                                  ["--epoch", "0"], ["--port", "x"]])
def test_bad_input_exits_nonzero_with_one_line(argv, capsys):
    try:
        code = main(argv)
    except SystemExit as e:
        code = e.code
    err = capsys.readouterr().err.strip()
    assert code != 0 and err.startswith("gme sample-web:") and "\n" not in err


def test_truth_out_writes_one_record_per_program(tmp_path):
    out = tmp_path / "truth.jsonl"
    assert main(["--programs", "12", "--truth-out", str(out), "--no-serve"]) == 0
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == 12
    for r in records:
        assert {"program_id", "specialty_code", "host", "directory", "website", "fact_urls",
                "faults"} <= set(r)
        assert len(r["website"]) == 13


def test_serving_line_and_ready_file(tmp_path):
    ready = tmp_path / "ready"
    proc = subprocess.Popen([sys.executable, "-m", "sampleweb", "--programs", "5", "--port", "0",
                             "--ready-file", str(ready)], stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline().strip()
        assert line.startswith("serving http://127.0.0.1:")
        port = int(line.rsplit(":", 1)[1])
        assert port > 0 and ready.read_text().strip() == line.split(" ", 1)[1]
    finally:
        proc.terminate()
        assert proc.wait(timeout=10) == 0  # SIGTERM is a clean stop
