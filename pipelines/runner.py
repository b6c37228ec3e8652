"""Run a job of the code location in the persistent Dagster instance (so the run shows in `gme ui`)."""

import warnings
from dataclasses import dataclass

import dagster as dg


@dataclass(frozen=True)
class Outcome:
    success: bool
    run_id: str
    failure: str | None
    checks_passed: int
    checks_total: int


def _root_cause(err) -> str:
    """The innermost error message (Dagster wraps the asset's own exception in its step error)."""
    while err is not None and err.cause is not None:
        err = err.cause
    return err.message.strip().splitlines()[0] if err is not None else ""


def run_job(job_name: str, settings: dict, instance: dg.DagsterInstance | None = None) -> Outcome:
    from pipelines.definitions import defs

    # Pipes' message reader warns about a preview API on every crawl: noise for our users.
    warnings.filterwarnings("ignore", category=dg.PreviewWarning)
    job = defs().resolve_job_def(job_name)
    instance = instance or dg.DagsterInstance.get()
    result = job.execute_in_process(
        instance=instance,
        run_config={"resources": {"settings": {"config": settings}}, "loggers": {"progress": {}}},
        raise_on_error=False,
    )
    evaluations = result.get_asset_check_evaluations()
    failed_checks = [e.check_name for e in evaluations if not e.passed]
    failure = None
    if failed_checks:
        # a blocking check stops every step below it, so nothing was published
        failure = "expectation suite failed: " + ", ".join(failed_checks) + " (nothing published)"
    elif not result.success:
        failed_steps = [e for e in result.all_events if e.event_type_value == "STEP_FAILURE"]
        err = failed_steps[0].step_failure_data.error if failed_steps else None
        failure = f"step {failed_steps[0].step_key} failed: {_root_cause(err)}" if failed_steps else "run failed"
    passed = len(evaluations) - len(failed_checks)
    return Outcome(result.success and not failed_checks, result.run_id, failure, passed, len(evaluations))
