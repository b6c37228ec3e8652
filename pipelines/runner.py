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


def job_named(name: str) -> dg.JobDefinition:
    """Rebuilds a job in each step process of a multiprocess run (see `build_reconstructable_job`)."""
    from pipelines.definitions import defs

    return defs().resolve_job_def(name)


def run_job(job_name: str, settings: dict, instance: dg.DagsterInstance | None = None, parallel: int = 1) -> Outcome:
    """Run a job, in-process (`parallel=1`) or with up to `parallel` step processes at once."""
    # Pipes' message reader warns about a preview API on every crawl: noise for our users.
    warnings.filterwarnings("ignore", category=dg.PreviewWarning)
    instance = instance or dg.DagsterInstance.get()
    run_config: dict = {"resources": {"settings": {"config": settings}}, "loggers": {"progress": {}}}
    if parallel > 1:
        run_config["execution"] = {"config": {"multiprocess": {"max_concurrent": parallel}}}
        job = dg.build_reconstructable_job("pipelines.runner", "job_named", reconstructable_args=(job_name,))
        with dg.execute_job(job, instance=instance, run_config=run_config) as result:
            return _outcome(result)
    result = job_named(job_name).execute_in_process(instance=instance, run_config=run_config, raise_on_error=False)
    return _outcome(result)


def _outcome(result) -> Outcome:
    evaluations = [
        e.event_specific_data for e in result.all_events if e.event_type_value == "ASSET_CHECK_EVALUATION"
    ]
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
