"""Great Expectations Data Docs for each refresh: static HTML under `<data dir>/datadocs/<run id>/`.

Every suite a run validates (the staging suites and the core ones) is stored as it runs: its
suite and validation result go to file stores in the run's folder, and the run's Data Docs site
is brought up to date from those stores (the new suite's pages, then the index), so the index
always lists every suite the run has validated so far, passed or failed, even when a failure stopped the run before publish.
The last `KEEP_RUNS` runs' folders are kept; older ones are removed.

The same stores are what `run_summary` counts for meta.refreshes: suites and expectations run
and passed, read from the stored results, not assumed.

    <data dir>/datadocs/<run id>/expectations/   suites (GX JSON)
                                /validations/   validation results (GX JSON)
                                /site/index.html  the Data Docs site
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

KEEP_RUNS = 5
SITE = "gme"


def docs_root(data_dir: Path | str) -> Path:
    return Path(data_dir) / "datadocs"


def run_folder(data_dir: Path | str, run_id: str) -> Path:
    return docs_root(data_dir) / run_id


def index_path(data_dir: Path | str, run_id: str) -> Path:
    return run_folder(data_dir, run_id) / "site" / "index.html"


def _site_config(folder: Path) -> dict:
    return {
        "class_name": "SiteBuilder",
        "show_how_to_buttons": False,
        "store_backend": _files(folder, "site"),
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    }


def _files(folder: Path, sub: str) -> dict:
    return {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(folder / sub)}


def _context(folder: Path):
    import great_expectations as gx
    from great_expectations.data_context.types.base import DataContextConfig, ProgressBarsConfig

    memory = {"class_name": "InMemoryStoreBackend"}
    config = DataContextConfig(
        expectations_store_name="expectations_store",
        validation_results_store_name="validation_results_store",
        checkpoint_store_name="checkpoint_store",
        stores={
            "expectations_store": {"class_name": "ExpectationsStore", "store_backend": _files(folder, "expectations")},
            "validation_results_store": {"class_name": "ValidationResultsStore",
                                         "store_backend": _files(folder, "validations")},
            "checkpoint_store": {"class_name": "CheckpointStore", "store_backend": memory},
            "validation_definition_store": {"class_name": "ValidationDefinitionStore", "store_backend": memory},
        },
        data_docs_sites={SITE: _site_config(folder)},
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False),
    )
    return gx.get_context(mode="ephemeral", project_config=config)


# One context and site builder per run folder and process: `context.build_data_docs` makes a new
# site builder each call, whose views make new Jinja environments that compile every template
# again (about 80% of a suite's Data Docs time). Reused, the templates compile once per process.
# The stores are files, read afresh by every build, so another process's suites of the same run
# (multiprocess executor) still reach the index.
_SITES: dict[Path, tuple] = {}


def _run_site(folder: Path) -> tuple:
    if folder not in _SITES:
        from great_expectations.render.renderer.site_builder import SiteBuilder

        context = _context(folder)
        config = {k: v for k, v in _site_config(folder).items() if k != "class_name"}
        _SITES[folder] = (context, SiteBuilder(data_context=context, site_name=SITE, **config))
    return _SITES[folder]


def record(data_dir: Path | str, run_id: str, suite, result) -> Path:
    """Store one suite and its validation result for the run, rebuild the run's Data Docs, prune
    old runs. Returns the page of this validation (the index is `index_path`)."""
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.resource_identifiers import (
        ExpectationSuiteIdentifier,
        ValidationResultIdentifier,
    )

    folder = run_folder(data_dir, run_id)
    folder.mkdir(parents=True, exist_ok=True)
    context, site = _run_site(folder)
    suite_key = ExpectationSuiteIdentifier(name=suite.name)
    context.expectations_store.set(suite_key, suite)
    result_key = ValidationResultIdentifier(
        expectation_suite_identifier=suite_key, run_id=RunIdentifier(run_name=run_id), batch_identifier=suite.name)
    context.validation_results_store.set(result_key, result)
    # render only this suite's and this result's pages (the earlier suites' pages of the run are
    # already there); the index is still built from every suite and result in the stores
    site.build(resource_identifiers=[suite_key, result_key])
    prune(data_dir, keep=KEEP_RUNS, current=run_id)
    pages = sorted((folder / "site" / "validations" / suite.name).rglob("*.html"))
    return pages[-1] if pages else index_path(data_dir, run_id)


def prune(data_dir: Path | str, keep: int = KEEP_RUNS, current: str | None = None) -> list[Path]:
    """Remove all but the newest `keep` runs' Data Docs (by folder time; the current run stays)."""
    root = docs_root(data_dir)
    if not root.exists():
        return []
    runs = sorted((p for p in root.iterdir() if p.is_dir() and p.name != current),
                  key=lambda p: p.stat().st_mtime, reverse=True)
    removed = []
    for old in runs[max(0, keep - (1 if current else 0)):]:
        shutil.rmtree(old, ignore_errors=True)
        removed.append(old)
    return removed


@dataclass(frozen=True)
class RunSummary:
    suites_run: int
    suites_passed: int
    expectations_run: int
    expectations_passed: int
    index: Path | None
    suites: dict[str, bool]


def run_summary(data_dir: Path | str, run_id: str) -> RunSummary:
    """What the run's stored validation results say (the newest result per suite)."""
    folder = run_folder(data_dir, run_id) / "validations"
    newest: dict[str, Path] = {}
    for path in sorted(folder.rglob("*.json")) if folder.exists() else []:
        suite = path.relative_to(folder).parts[0]
        if suite not in newest or path.stat().st_mtime >= newest[suite].stat().st_mtime:
            newest[suite] = path
    suites: dict[str, bool] = {}
    run = passed = 0
    for suite, path in sorted(newest.items()):
        data = json.loads(path.read_text(encoding="utf-8"))
        suites[suite] = bool(data.get("success"))
        results = data.get("results") or []
        run += len(results)
        passed += sum(1 for r in results if r.get("success"))
    index = index_path(data_dir, run_id)
    return RunSummary(len(suites), sum(suites.values()), run, passed, index if index.exists() else None, suites)


def validate_documented(table: str, frame, data_dir: Path | str, run_id: str, suite_def=None):
    """`expectations.validate` plus this run's Data Docs: returns (SuiteOutcome, page of the validation)."""
    from expectations.suites import validate

    pages: list[Path] = []
    outcome = validate(table, frame, suite_def=suite_def,
                       keep=lambda suite, result: pages.append(record(data_dir, run_id, suite, result)))
    return outcome, (pages[0] if pages else None)


def validation_columns(data_dir: Path | str, run_id: str) -> dict[str, list]:
    """meta.refreshes' validation columns for one run (one-row frame columns)."""
    s = run_summary(data_dir, run_id)
    return {"suites_run": [s.suites_run], "suites_passed": [s.suites_passed], "expectations_run": [s.expectations_run],
            "expectations_passed": [s.expectations_passed], "data_docs": [str(s.index) if s.index else None]}
