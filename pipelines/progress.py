"""A Dagster logger that prints one short line per step event, so `gme refresh` shows its progress."""

import logging
import sys
import time

import dagster as dg

_SHOWN = {
    "STEP_START": "…",
    "STEP_SUCCESS": "✓",
    "STEP_FAILURE": "✗",
    "STEP_SKIPPED": "-",
    "ASSET_CHECK_EVALUATION": "check",
}


class _ProgressHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.started: dict[str, float] = {}

    def emit(self, record: logging.LogRecord) -> None:
        meta = getattr(record, "dagster_meta", None) or {}
        event = meta.get("dagster_event")
        if event is None:
            if record.levelno >= logging.ERROR:
                print(f"  ! {record.getMessage()}", file=sys.stderr, flush=True)
            else:
                # live progress of long steps ("progress <what>: done/total, rate, ETA", every <= 5 s;
                # scrapers/progress.py): whole lines, no carriage returns, so a log file stays readable
                text = str(meta.get("orig_message") or record.getMessage())
                if text.startswith("progress "):
                    print(f"    {text}", flush=True)
            return
        kind = event.event_type_value
        step = event.step_key or ""
        if kind == "STEP_START":
            self.started[step] = time.perf_counter()
            print(f"  … {step}", flush=True)
        elif kind == "STEP_SUCCESS":
            took = time.perf_counter() - self.started.get(step, time.perf_counter())
            print(f"  ✓ {step} ({took:.1f}s)", flush=True)
        elif kind == "STEP_FAILURE":
            data = event.step_failure_data
            reason = data.error.message.strip().splitlines()[0] if data and data.error else ""
            print(f"  ✗ {step}: {reason}", flush=True)
        elif kind == "STEP_SKIPPED":
            print(f"  - {step} skipped (an upstream check failed)", flush=True)
        elif kind == "ENGINE_EVENT" and (event.message or "").startswith("gme: "):  # pipelines/runner.py
            print(f"  {event.message[len('gme: '):]}", flush=True)
        elif kind == "ASSET_CHECK_EVALUATION":
            evaluation = event.event_specific_data
            mark = "passed" if evaluation.passed else "FAILED"
            desc = evaluation.description or ""
            print(f"  check {evaluation.check_name}: {mark}" + ("" if evaluation.passed else f"\n{desc}"), flush=True)


@dg.logger(description="Short progress lines on stdout (one per step and check).")
def progress_logger(init_context: dg.InitLoggerContext) -> logging.Logger:
    log = logging.Logger("gme_progress", level=logging.DEBUG)
    log.addHandler(_ProgressHandler())
    return log
