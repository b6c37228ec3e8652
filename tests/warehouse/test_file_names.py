"""The run store (warehouse/store.py) is the only module that names a raw or state file: every
other module asks it for a path (the crawl gets its output files as parameters, history its
state by the store's names). This greps the package sources for such names."""

import re
from pathlib import Path

from warehouse import store

REPO = Path(__file__).resolve().parents[2]
PACKAGES = ("pipelines", "scrapers", "warehouse", "eligibility", "expectations", "sampleweb", "benchmarks")
STORE = REPO / "warehouse" / "store.py"
# outputs a user asks for (`gme recommend --out DIR`), not files the pipeline keeps
USER_OUTPUTS = {"recommendations.parquet", "recommendation_verdicts.parquet", "application_plans.parquet"}
PARQUET_NAME = re.compile(r"(?<![\w.])[\w-]+(?:\.[\w-]+)*\.parquet\b")
NOT_A_FILE = {"pyarrow.parquet"}  # the module


def store_names() -> set[str]:
    """Every file name the store gives out, and the pointer suffix."""
    files = {store.DIRECTORY_PAGES_FILE, store.DIRECTORY_PROGRAMS_FILE, store.PAGES_FILE, store.SHARD_PROGRAMS_FILE,
             store.SHARD_METRICS_FILE, store.SAMPLE_WEB_FILE, store.LOCK_FILE, ".LATEST"}
    return files | {f"{name}.parquet" for name in store.STATE_FILES}


def offenders(root: Path, skip: Path | None = None) -> list[str]:
    """`path:line: name` for each raw or state file name in the .py files under root's packages."""
    names = [re.compile(r"(?<!\w)" + re.escape(name)) for name in store_names()]
    found = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            if skip is not None and path.resolve() == skip.resolve():
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                hits = {m.group() for n in names for m in n.finditer(line)}
                hits |= set(PARQUET_NAME.findall(line)) - USER_OUTPUTS - NOT_A_FILE
                found += [f"{path.relative_to(root)}:{number}: {hit}" for hit in sorted(hits)]
    return found


def test_no_module_outside_the_store_names_a_raw_or_state_file():
    assert offenders(REPO, skip=STORE) == []


def test_the_store_itself_names_them():
    # the check sees what it looks for: the store's own lines would all be offenders
    assert any(line.endswith(": pages.parquet") for line in offenders(REPO))
    assert any(line.endswith(": .LATEST") for line in offenders(REPO))


def test_a_name_typed_out_anywhere_else_is_found(tmp_path):
    (tmp_path / "scrapers").mkdir()
    (tmp_path / "scrapers" / "spider.py").write_text(
        'import pyarrow.parquet as pq\nOUT = "pages.parquet"\n'
        'STATE = "state/page_state.parquet"\nNEW = out / "my_new_raw_file.parquet"\n'
        'POINTER = root / "raw" / f"{kind}.LATEST"\nfrom pipelines.cli import recommendations\n'
        'USER = out / "recommendations.parquet"\n')
    assert offenders(tmp_path) == [
        "scrapers/spider.py:2: pages.parquet",
        "scrapers/spider.py:3: page_state.parquet",
        "scrapers/spider.py:4: my_new_raw_file.parquet",
        "scrapers/spider.py:5: .LATEST",
    ]
