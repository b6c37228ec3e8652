"""Epoch 1 -> epoch 2 of the sample web, two real refreshes: what `gme changes`, history.page_changes
and `gme program` say, compared with the sample web's two truth files.

The comparison is `benchmarks/bench_epochs.py`'s (which runs it at full size): here, at 300
programs, it must be exact: the programs `gme changes --last` lists are the programs whose
effective published facts the truth changes, with exactly those fields and values."""

import json
import sys
from pathlib import Path

import dagster as dg
import pytest
from click.testing import CliRunner

from pipelines.cli import main
from pipelines.runner import run_job
from sampleweb.server import running_sample_web
from sampleweb.world import version_of
from tests.integration.warehouse_query import query

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from bench_epochs import compare, effective, served_page_changes, snapshot

pytestmark = pytest.mark.integration
PROGRAMS = 300


def gme(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def epochs(isolated_env):
    instance = dg.DagsterInstance.get()
    with running_sample_web(programs=PROGRAMS, epoch=1) as web1:
        first = run_job("refresh", {"sample_web_url": web1.url}, instance=instance)
        truth1 = {t["program_id"]: t for t in web1.truth()}
    assert first.success, first.failure
    snap1 = snapshot(query)
    after_first = gme("changes", "--last", "--format", "jsonl")
    with running_sample_web(programs=PROGRAMS, epoch=2) as web2:
        second = run_job("refresh", {"sample_web_url": web2.url}, instance=instance)
        truth2 = {t["program_id"]: t for t in web2.truth()}
    assert second.success, second.failure
    snap2 = snapshot(query)
    changed = {pid for pid in truth1 if version_of(0, pid, 2) == 2}
    report = [json.loads(line) for line in gme("changes", "--last", "--format", "jsonl").splitlines()]
    return {"truth1": truth1, "truth2": truth2, "changed": changed, "snap1": snap1, "snap2": snap2,
            "pages1": snap1.pages, "pages2": snap2.pages, "after_first": after_first, "instance": instance,
            "published1": snap1.published, "published2": snap2.published, "report": report,
            "run2": second.run_id}


def test_the_first_refresh_is_the_baseline(epochs):
    assert epochs["after_first"] == ""
    assert query("SELECT count(*) FROM history.page_changes WHERE run_id <> ?", [epochs["run2"]]) == [(0,)]


def page_rows() -> list[tuple]:
    return query("SELECT program_id, url, change, hash_before, hash_after, cause FROM history.page_changes")


def test_page_changes_are_exactly_the_pages_the_sample_web_changed(epochs):
    rows = page_rows()
    c = compare(epochs["truth1"], epochs["truth2"], epochs["snap1"], epochs["snap2"], epochs["report"], rows)
    assert c.page_rows == c.page_expected, sorted(c.page_rows ^ c.page_expected)
    assert c.page_expected, "epoch 2 changed no page: pick another program count"
    assert not c.page_kinds_wrong, c.page_kinds_wrong
    assert {pid for pid, *_ in rows} <= epochs["changed"]
    # and the truth's own side: the pages whose served bodies differ between the epochs, as
    # the sample web renders them (not only as the crawler hashed them)
    s1, s2 = epochs["snap1"], epochs["snap2"]
    urls: dict[str, set[str]] = {}
    for s in (s1, s2):
        for (pid, _), final in s.final_urls.items():
            urls.setdefault(pid, set()).add(final)
    served = served_page_changes(PROGRAMS, epochs["changed"], urls)
    finals = {**s1.final_urls, **s2.final_urls}
    assert {(pid, finals[(pid, url)]) for pid, url in c.page_rows} == served


def test_gme_changes_lists_exactly_the_programs_whose_website_facts_changed(epochs, capsys):
    c = compare(epochs["truth1"], epochs["truth2"], epochs["snap1"], epochs["snap2"], epochs["report"], page_rows())
    with capsys.disabled():
        print("\n  " + "\n  ".join(c.summary()[:3]))
    assert c.truth, "epoch 2 changed no published fact: pick another program count"
    # exactly the programs, fields, old and new values the truth changes; each miss says why
    assert c.exact, c.causes
    assert set(c.listed) == set(c.truth)
    report = {e["program_id"]: e for e in epochs["report"]}
    for pid, e in report.items():
        assert e["program"] is None and e["site"] is None  # nobody arrived, left or went down
        t2 = epochs["truth2"][pid]
        for f in e["facts"]:
            assert f["old"] != f["new"]
            assert f["old"] == epochs["published1"].get((pid, f["field"]))
            assert f["new"] == effective(t2)[f["field"]], (pid, f)
            assert f["url"] and f["evidence"] and f["source"]
            if f["source"] == "website":
                assert f["url"] in t2["fact_urls"][f["field"]]


def test_the_table_format_names_field_old_new_page_and_quote(epochs):
    out = gme("changes", "--last")
    first = epochs["report"][0]
    fact = first["facts"][0]
    assert first["program_id"] in out
    assert f"{fact['field']}: " in out and (fact["url"] or "") in out
    assert gme("changes", "--since", "2000-01-01", "--format", "jsonl").count("\n") == len(epochs["report"])


def test_gme_program_shows_both_sides_of_a_directory_website_conflict(epochs):
    # a field both sources state with different values, the website's selected
    rows = query("SELECT p.program_id, w.field FROM core.programs p "
                 "JOIN core.program_facts w ON w.program_id = p.program_id AND w.source = 'website' AND w.selected "
                 "JOIN core.program_facts d ON d.program_id = p.program_id AND d.source = 'directory' AND d.field = w.field "
                 "WHERE list_contains(p.conflicting_fields, w.field) AND d.value <> w.value ORDER BY 1, 2 LIMIT 1")
    assert rows, "no program with a directory/website conflict in this sample"
    pid, name = rows[0]
    story = json.loads(gme("program", pid, "--format", "json"))
    field = next(f for f in story["fields"] if f["field"] == name)
    assert field["conflict"] and name in story["conflicting_fields"]
    assert field["value"] is not None and str(field["value"]).lower() == field["selected"]["value"]
    sources = {field["selected"]["source"]} | {o["source"] for o in field["others"]}
    assert sources == {"directory", "website"}
    directory = next(o if o["source"] == "directory" else None for o in [field["selected"], *field["others"]]
                     if o["source"] == "directory")
    website = next(o for o in [field["selected"], *field["others"]] if o["source"] == "website")
    assert directory["value"] != website["value"] and website["url"] and website["evidence"]
    assert story["website"]["facts_age_days"] is not None and story["indicators"]["program_id"] == pid
    table = gme("program", pid)
    assert "CONFLICT" in table and "also directory" in table
    assert str(story["website"]["facts_age_days"]) in table


def test_gme_program_on_a_changed_program_shows_its_page_and_fact_history(epochs):
    pid = next(e["program_id"] for e in epochs["report"] if e["facts"] and e["pages"])
    story = json.loads(gme("program", pid, "--format", "json"))
    assert story["page_history"] and story["fact_history"]
    assert "Page history:" in gme("program", pid)


def test_gme_program_unknown_or_malformed_id_is_one_line(epochs):
    for arg, words in (("0000000000", "no program 0000000000"), ("abc", "is not a program id")):
        result = CliRunner().invoke(main, ["program", arg])
        assert result.exit_code == 2 and result.output.count("\n") == 1 and words in result.output


SUITES = {"staging_programs", "staging_pages", "staging_page_facts", "core_program_facts", "core_programs"}


def test_meta_refreshes_counts_the_suites_and_expectations_the_run_really_ran(epochs):
    from expectations.datadocs import run_summary
    from warehouse.paths import data_dir

    rows = query("SELECT run_id, suites_run, suites_passed, expectations_run, expectations_passed, data_docs "
                 "FROM meta.refreshes ORDER BY published_at")
    assert len(rows) == 2
    run_id, suites_run, suites_passed, run, passed, docs = rows[-1]
    assert run_id == epochs["run2"] and (suites_run, suites_passed) == (len(SUITES), len(SUITES))
    summary = run_summary(data_dir(), run_id)
    assert set(summary.suites) == SUITES and run == summary.expectations_run == passed and run > 30
    assert docs == str(summary.index)


def test_the_data_docs_index_of_the_last_run_opens_in_chromium_and_lists_every_suite(epochs):
    from pathlib import Path

    from tests.analyst.test_datadocs import dom

    docs = query("SELECT data_docs FROM meta.refreshes ORDER BY published_at DESC LIMIT 1")[0][0]
    html = dom(Path(docs))
    assert all(name in html for name in SUITES), [n for n in SUITES if n not in html]


def test_every_gx_check_points_at_the_runs_data_docs(epochs):
    instance = epochs["instance"]
    records = instance.get_records_for_run(epochs["run2"], of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION,
                                           limit=100).records
    evaluations = {r.event_log_entry.dagster_event.event_specific_data.check_name:
                   r.event_log_entry.dagster_event.event_specific_data for r in records}
    suites = {f"{name}_suite" for name in SUITES}
    assert suites <= set(evaluations)
    for name in suites:
        meta = evaluations[name].metadata
        assert meta["data_docs"].value.endswith("index.html") and epochs["run2"] in meta["data_docs"].value
        assert meta["data_docs_page"].value.endswith(".html")
