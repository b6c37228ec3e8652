"""Run a job of the code location in the persistent Dagster instance, and what every run does first.

`gme_executor` is the default executor of every job (the multiprocess/in-process executor,
wrapped). Before any step it runs, in the run's orchestrating process, for every way a run is
launched (`gme refresh`, the UI, a schedule):
- take the data dir's refresh lock (re-entrant: `gme refresh` already holds it);
- remove what a killed publish left beside the warehouse and the half-written files a killed
  crawl left in the run folders, and mark runs of this data dir that
  the instance still shows as started, by a process that died, as failed (the lock proves no
  other run of this data dir is alive);
- start ONE sample web for the run when a step that crawls will run in sample mode without a
  URL, record its URL in the run's folder (every step process reads it there) and stop it when
  the run ends.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator
from dataclasses import dataclass

import dagster as dg
from dagster._core.definitions.executor_definition import ExecutorDefinition
from dagster._core.events import DagsterEvent, EngineEventData
from dagster._core.executor.base import Executor

from warehouse.paths import data_dir, warehouse_path
from warehouse.store import RunStore

DATA_DIR_TAG = "gme/data_dir"  # every run says which data dir it writes
SOURCE_RESOURCE = "source"  # the resource of the steps that crawl
RUN_NOTE = "gme: "  # engine events of the run services start so (pipelines/progress.py prints them)
LIVE_RUN_STATUSES = (dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.CANCELING)


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


# ---- the run-level services ---------------------------------------------------------------------

def _source_config(plan_context) -> dict:
    resources = plan_context.run_config.get("resources") or {}
    return dict((resources.get(SOURCE_RESOURCE) or {}).get("config") or {})


def _crawling_steps(plan_context, execution_plan) -> list[str]:
    """Steps of this plan whose op needs the crawl source (resolved or still to be mapped)."""
    graph = plan_context.job.get_definition().graph
    keys = set(execution_plan.step_keys_to_execute)
    crawling = []
    for step in execution_plan.step_dict.values():
        if step.key in keys and SOURCE_RESOURCE in graph.get_node(step.node_handle).definition.required_resource_keys:
            crawling.append(step.key)
    return crawling


def sample_web_needed(plan_context, execution_plan) -> bool:
    config = _source_config(plan_context)
    if config.get("source", "sample") != "sample" or config.get("sample_web_url"):
        return False
    return bool(_crawling_steps(plan_context, execution_plan))


def fail_dead_runs(instance: dg.DagsterInstance, store: RunStore, current_run_id: str) -> list[str]:
    """Runs of this data dir still shown as started, though no process holds the lock: mark them failed."""
    failed = []
    for record in instance.get_run_records(filters=dg.RunsFilter(statuses=list(LIVE_RUN_STATUSES))):
        run = record.dagster_run
        if run.run_id == current_run_id or run.tags.get(DATA_DIR_TAG) != str(store.root):
            continue
        instance.report_run_failed(run, "the process running it died (found by the next run of this data dir)")
        failed.append(run.run_id)
    return failed


@contextlib.contextmanager
def run_services(plan_context, execution_plan) -> Iterator[list[DagsterEvent]]:
    """Lock, clean up, and start the run's sample web if a crawl step needs one (see the module doc)."""
    from warehouse.publish import remove_leftovers

    store = RunStore()
    run_id = plan_context.run_id
    events: list[DagsterEvent] = []

    def note(message: str) -> None:
        events.append(DagsterEvent.engine_event(plan_context, RUN_NOTE + message, EngineEventData()))

    with store.refresh_lock(wait=False, holder=f"Dagster run {run_id}"):
        removed = remove_leftovers(warehouse_path())
        if removed:
            note(f"removed {len(removed)} file(s) a killed publish left: " + ", ".join(p.name for p in removed))
        partial = store.remove_partial_files(run_id)
        if partial:
            note(f"removed {len(partial)} half-written file(s) a killed crawl or write left: "
                 + ", ".join(str(p.relative_to(store.root)) for p in partial))
        dead = fail_dead_runs(plan_context.instance, store, run_id)
        if dead:
            note(f"marked {len(dead)} run(s) whose process died as failed: " + ", ".join(dead))
        if not sample_web_needed(plan_context, execution_plan):
            yield events
            return
        from sampleweb.server import running_sample_web

        programs = _source_config(plan_context).get("programs")
        with running_sample_web(programs=programs) as web:
            store.record_sample_web(run_id, web.url)
            note(f"started the local sample web at {web.url}"
                 + (f" ({programs} programs)" if programs else " (full size)") + ", one for the whole run")
            try:
                yield events
            finally:
                store.forget_sample_web(run_id)


class RunServicesExecutor(Executor):
    """The multiprocess or in-process executor, inside `run_services`."""

    def __init__(self, inner: Executor):
        self.inner = inner

    @property
    def retries(self):
        return self.inner.retries

    @property
    def step_dependency_config(self):
        return self.inner.step_dependency_config

    def execute(self, plan_context, execution_plan) -> Iterator[DagsterEvent]:
        with run_services(plan_context, execution_plan) as events:
            yield from events
            yield from self.inner.execute(plan_context, execution_plan)


_BASE = dg.multi_or_in_process_executor
gme_executor = ExecutorDefinition(
    name="gme",
    config_schema=_BASE.config_schema,
    requirements=_BASE._requirements_fn,  # the base executor's own rule (multiprocess needs a persistent instance)
    executor_creation_fn=lambda init_context: RunServicesExecutor(_BASE.executor_creation_fn(init_context)),
    description="The multiprocess (default) or in-process executor; each run takes the refresh lock, cleans up "
                "after dead runs and starts one sample web when it crawls (pipelines/runner.py).",
)


# ---- running a job ----------------------------------------------------------------------------

_JOBS: dict[tuple[str, str], dg.JobDefinition] = {}


def job_named(name: str) -> dg.JobDefinition:
    """Rebuilds a job in each step process of a multiprocess run (see `build_reconstructable_job`).

    Dagster reconstructs the job several times in one process (run config, the run, the plan):
    the definitions are loaded once per process and data dir (the IO managers' paths depend on
    it), not each time (each load is about 0.1 s of CPU)."""
    key = (name, str(data_dir()))
    if key not in _JOBS:
        from pipelines.definitions import defs

        _JOBS[key] = defs().resolve_job_def(name)
    return _JOBS[key]


SOURCE_KEYS = ("source", "sample_web_url", "programs", "live_directory_url")


def run_config_for(job: dg.JobDefinition, settings: dict, parallel: int = 1) -> dict:
    """Run config from the flat settings `gme refresh` and the tests give: the crawl source as a
    resource, crawl options as op config (only for the ops the job runs)."""
    unknown = set(settings) - set(SOURCE_KEYS) - {"specialties", "crawl_shards", "max_pages_per_program", "profiles_dir"}
    if unknown:
        raise ValueError(f"unknown run settings: {', '.join(sorted(unknown))}")
    resources: dict = {SOURCE_RESOURCE: {"config": {k: settings[k] for k in SOURCE_KEYS if settings.get(k) is not None}}}
    if settings.get("profiles_dir"):
        resources["settings"] = {"config": {"profiles_dir": settings["profiles_dir"]}}
    ops: dict = {}
    nodes = {node.name for node in job.graph.nodes}
    if "raw__directory_pages" in nodes and settings.get("specialties"):
        ops["raw__directory_pages"] = {"config": {"specialties": list(settings["specialties"])}}
    if "raw__pages" in nodes:
        inner = {}
        if settings.get("crawl_shards"):
            plan = {"shards": int(settings["crawl_shards"])}
            if parallel > 1:  # step processes: one crawl step per shard, so the executor runs them side by side
                plan["shards_per_step"] = 1
            inner["plan_website_shards"] = {"config": plan}
        if settings.get("max_pages_per_program"):
            inner["crawl_website_shard"] = {"config": {"max_pages_per_program": int(settings["max_pages_per_program"])}}
        if inner:
            ops["raw__pages"] = {"ops": inner}
    config: dict = {"resources": resources, "loggers": {"progress": {}}}
    if ops:
        config["ops"] = ops
    config["execution"] = {"config": {"multiprocess": {"max_concurrent": parallel}} if parallel > 1 else {"in_process": {}}}
    return config


def run_job(job_name: str, settings: dict, instance: dg.DagsterInstance | None = None, parallel: int = 1) -> Outcome:
    """Run a job, in this process (`parallel=1`) or with up to `parallel` step processes at once.

    Both go through the jobs' executor (gme_executor), so a run from here does what a run from
    the UI does: the lock, the clean-up, one sample web when it crawls without a URL."""
    # Pipes' message reader warns about a preview API on every crawl: noise for our users.
    warnings.filterwarnings("ignore", category=dg.PreviewWarning)
    instance = instance or dg.DagsterInstance.get()
    run_config = run_config_for(job_named(job_name), settings, parallel)
    job = dg.build_reconstructable_job("pipelines.runner", "job_named", reconstructable_args=(job_name,))
    tags = {DATA_DIR_TAG: str(data_dir())}
    with dg.execute_job(job, instance=instance, run_config=run_config, tags=tags) as result:
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
        if failed_steps:
            failure = f"step {failed_steps[0].step_key} failed: {_root_cause(err)}"
        else:
            run_failures = [e for e in result.all_events if e.event_type_value == "PIPELINE_FAILURE"]
            data = run_failures[0].event_specific_data if run_failures else None
            failure = "run failed" + (f": {_root_cause(data.error)}" if data is not None and data.error else "")
    passed = len(evaluations) - len(failed_checks)
    return Outcome(result.success and not failed_checks, result.run_id, failure, passed, len(evaluations))


def step_seconds(dagster_home: str, job_name: str) -> dict[str, float]:
    """Wall seconds of each step of the newest run of `job_name` in the instance at `dagster_home`
    (STEP_START to STEP_SUCCESS/FAILURE in its event log), plus `(before the first step)` and
    `(after the last step)` for the run's own start-up and finish; benchmarks/bench_incremental.py."""
    with dg.DagsterInstance.from_config(dagster_home) as instance:
        runs = instance.get_runs(filters=dg.RunsFilter(job_name=job_name), limit=1)
        if not runs:
            return {}
        records = instance.get_records_for_run(runs[0].run_id, limit=100_000).records
    entries = [r.event_log_entry for r in records]
    started: dict[str, float] = {}
    seconds: dict[str, float] = {}
    for entry in entries:
        event = entry.dagster_event
        if event is None:
            continue
        if event.event_type_value == "STEP_START":
            started[event.step_key] = entry.timestamp
        elif event.event_type_value in ("STEP_SUCCESS", "STEP_FAILURE") and event.step_key in started:
            seconds[event.step_key] = entry.timestamp - started[event.step_key]
    if started and entries:
        ends = [started[k] + s for k, s in seconds.items()]
        seconds["(before the first step)"] = min(started.values()) - entries[0].timestamp
        seconds["(after the last step)"] = entries[-1].timestamp - max(ends, default=entries[-1].timestamp)
    return seconds
