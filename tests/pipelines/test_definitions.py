"""The Dagster code location loads, its asset graph is the one we expect, and Dagster stays inside pipelines/."""

import ast
from pathlib import Path

import dagster as dg
import pytest

from pipelines.definitions import defs

REPO = Path(__file__).resolve().parents[2]

EXPECTED_GRAPH = {
    "raw/directory_pages": set(),
    "raw/pages": {"raw/directory_pages"},
    "staging/programs": {"raw/directory_pages"},
    # staging/pages, staging/website_status and state/pages_last_good are one step's outputs
    "staging/pages": {"raw/pages", "staging/programs"},
    "staging/website_status": {"raw/pages", "staging/programs"},
    "state/pages_last_good": {"raw/pages", "staging/programs"},
    "staging/page_facts": {"staging/pages", "state/pages_last_good"},
    "core/program_facts": {"staging/programs", "staging/page_facts"},
    "core/programs": {"staging/programs", "core/program_facts", "staging/pages", "staging/website_status"},
    "marts/program_indicators": {"core/programs"},
    "marts/recommendations": {"core/programs", "core/program_facts", "marts/program_indicators"},
    "marts/recommendation_verdicts": {"core/programs", "core/program_facts", "marts/program_indicators"},
    "marts/application_plans": {"core/programs", "core/program_facts", "marts/program_indicators"},
    "warehouse/published": {
        "raw/directory_pages", "raw/pages", "state/pages_last_good",
        "staging/programs", "staging/pages", "staging/page_facts", "core/program_facts", "core/programs",
        "marts/program_indicators", "marts/recommendations", "marts/recommendation_verdicts", "marts/application_plans",
    },
}


def _repo() -> dg.RepositoryDefinition:
    return defs().get_repository_def()


def test_asset_graph_snapshot():
    graph = _repo().asset_graph
    actual = {
        key.to_user_string(): {p.to_user_string() for p in graph.get(key).parent_keys}
        for key in graph.get_all_asset_keys()
    }
    assert actual == EXPECTED_GRAPH


def test_every_staging_table_has_a_blocking_check():
    graph = _repo().asset_graph
    checked = {k.asset_key.to_user_string() for k in graph.asset_check_keys if graph.get_check_spec(k).blocking}
    # core: GX suites on both core tables, and no minimum beside a minimum on core/programs
    assert checked == {"staging/programs", "staging/pages", "staging/page_facts", "core/program_facts", "core/programs"}


def test_schedules_exist_and_are_off_by_default():
    repo = _repo()
    schedules = {s.name: s for s in repo.schedule_defs}
    assert set(schedules) == {"weekly_refresh", "daily_incremental_refresh"}
    assert all(s.default_status == dg.DefaultScheduleStatus.STOPPED for s in schedules.values())
    assert schedules["weekly_refresh"].job_name == "refresh"
    incremental = repo.get_job("incremental_refresh")
    assert dg.AssetKey(["raw", "directory_pages"]) not in incremental.asset_layer.executable_asset_keys


def test_reextract_job_runs_everything_below_the_crawl_and_nothing_of_it():
    graph = _repo().asset_graph
    reextract = _repo().get_job("reextract").asset_layer.executable_asset_keys
    crawl = {k for k in graph.get_all_asset_keys() if k.path[0] == "raw"}
    assert crawl and not reextract & crawl
    assert reextract == set(graph.get_all_asset_keys()) - crawl


def test_no_dagster_import_outside_pipelines():
    offenders = []
    for package in ("scrapers", "warehouse", "expectations", "sampleweb", "eligibility"):
        for path in (REPO / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                    [node.module or ""] if isinstance(node, ast.ImportFrom) else []
                )
                offenders += [f"{path.relative_to(REPO)}: {n}" for n in names if n == "dagster" or n.startswith("dagster.")]
    assert offenders == []


@pytest.mark.slow
def test_instance_settings_queue_runs_but_never_serialise_crawl_shards(tmp_path):
    import shutil

    shutil.copyfile(REPO / "dagster.yaml", tmp_path / "dagster.yaml")
    config = dg.DagsterInstance.from_config(str(tmp_path)).get_concurrency_config()
    assert config.run_queue_config.max_concurrent_runs == 1  # two refreshes never write state at once
    # a default pool limit would make the "crawl" pool run the shards one after another
    assert config.pool_config.default_pool_limit is None


def test_telemetry_is_off():
    import yaml

    assert yaml.safe_load((REPO / "dagster.yaml").read_text())["telemetry"] == {"enabled": False}


def test_the_website_crawl_reports_its_shards_added_up():
    from pipelines.defs.crawl import crawl_metadata

    shards = [
        {"pages": 10, "items": 12, "bytes": 1000, "errors": 2, "errors_by_kind": {"timeout": 1, "no_website": 1},
         "not_modified": 3, "skipped": 1, "changed": 4, "duration_s": 2.0},
        {"pages": 30, "items": 31, "bytes": 500, "errors": 1, "errors_by_kind": {"timeout": 1},
         "not_modified": 0, "skipped": 0, "changed": 9, "duration_s": 4.0},
    ]
    m = crawl_metadata(shards)
    assert (m["pages"], m["items"], m["bytes"], m["errors"], m["changed"]) == (40, 43, 1500, 3, 13)
    assert m["errors_by_kind"].value == {"no_website": 1, "timeout": 2}
    assert m["duration_s"] == 4.0 and m["pages_per_s"] == 10.0  # shards run side by side


def test_only_the_crawl_steps_need_the_crawl_source():
    """The run's executor starts a sample web only for steps that need `source`: the crawls."""
    job = _repo().get_job("refresh")
    needing = {op.name for op in job.graph.iterate_op_defs() if "source" in op.required_resource_keys}
    assert needing == {"raw__directory_pages", "crawl_website_shard"}
    reextract = _repo().get_job("reextract")
    assert not {d.name for d in reextract.graph.iterate_op_defs() if "source" in d.required_resource_keys}


def test_every_job_runs_on_the_gme_executor_and_is_tagged_with_its_data_dir(tmp_path):
    # in a fresh process, as the UI or a daemon loads the code location: the tags are made at import
    # from GME_DATA_DIR (this process may have imported the definitions under another test's data dir)
    import json
    import os
    import subprocess
    import sys

    code = (
        "import json; from pipelines.definitions import defs; from pipelines.runner import DATA_DIR_TAG\n"
        "repo = defs().get_repository_def()\n"
        "print(json.dumps({n: [repo.get_job(n).executor_def.name, repo.get_job(n).tags.get(DATA_DIR_TAG)]"
        " for n in ('refresh', 'incremental_refresh', 'reextract')}))"
    )
    env = {**os.environ, "GME_DATA_DIR": str(tmp_path / "data")}
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True, text=True, check=True)
    jobs = json.loads(out.stdout.strip().splitlines()[-1])
    assert jobs == {name: ["gme", str((tmp_path / "data").resolve())]
                    for name in ("refresh", "incremental_refresh", "reextract")}


def test_no_module_outside_the_store_names_a_raw_or_state_file():
    import re

    allowed = {"warehouse/store.py", "pipelines/resources.py"}
    pattern = re.compile(r"LATEST|pages_last_good\.parquet|pages_candidate|extract_cache\.parquet|"
                         r"(directory_pages|directory_programs|pages|published_programs|refreshes)\.parquet")
    offenders = []
    for package in ("pipelines", "warehouse"):
        for path in (REPO / package).rglob("*.py"):
            rel = str(path.relative_to(REPO))
            if rel not in allowed and pattern.search(path.read_text(encoding="utf-8")):
                offenders.append(rel)
    assert offenders == []
