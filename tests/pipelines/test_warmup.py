"""The crawl step's imports-meanwhile: done in a thread while the body runs, finished when it returns."""

import sys
import threading

import pytest

from pipelines.warmup import importing_meanwhile, in_process_run

MODULE = "gme_warmup_probe"


@pytest.fixture
def probe(tmp_path, monkeypatch):
    """A module that records which thread imported it (and takes a moment to import)."""
    (tmp_path / f"{MODULE}.py").write_text(
        "import threading, time\ntime.sleep(0.3)\nIMPORTED_BY = threading.current_thread().name\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield
    sys.modules.pop(MODULE, None)


def test_the_modules_are_imported_in_another_thread_and_ready_when_the_body_ends(probe):
    body_thread = threading.current_thread().name
    with importing_meanwhile([MODULE]) as thread:
        assert thread is not None and thread.name != body_thread
    assert not thread.is_alive()
    assert sys.modules[MODULE].IMPORTED_BY == thread.name


def test_an_error_in_the_body_still_waits_for_the_imports(probe):
    with pytest.raises(RuntimeError, match="crawl failed"), importing_meanwhile([MODULE]) as thread:
        raise RuntimeError("crawl failed")
    assert not thread.is_alive() and MODULE in sys.modules


def test_disabled_or_already_imported_starts_nothing(probe):
    with importing_meanwhile([MODULE], enabled=False) as thread:
        assert thread is None
    assert MODULE not in sys.modules
    with importing_meanwhile(["json"]) as thread:
        assert thread is None


def test_a_module_that_fails_to_import_is_left_to_the_step_that_needs_it(probe):
    with importing_meanwhile(["gme_no_such_module", MODULE]):
        pass
    assert "gme_no_such_module" not in sys.modules and MODULE in sys.modules


def test_only_in_process_runs_import_meanwhile():
    assert in_process_run({"execution": {"config": {"in_process": {}}}})
    assert not in_process_run({"execution": {"config": {"multiprocess": {"max_concurrent": 2}}}})
    assert not in_process_run({})  # the UI's default: the multiprocess executor
