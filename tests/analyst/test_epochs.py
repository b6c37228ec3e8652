"""Epoch 1 -> epoch 2 of the sample web, two real refreshes: what `gme changes`, history.page_changes
and `gme program` say, compared with the sample web's two truth files."""

import json

import dagster as dg
import pytest
from click.testing import CliRunner

from pipelines.cli import main
from pipelines.runner import run_job
from sampleweb.server import running_sample_web
from sampleweb.world import version_of
from tests.integration.warehouse_query import query

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
    pages1 = dict(((pid, url), h) for pid, url, h in query("SELECT program_id, url, content_hash FROM staging.pages"))
    published1 = selected_values()
    after_first = gme("changes", "--last", "--format", "jsonl")
    with running_sample_web(programs=PROGRAMS, epoch=2) as web2:
        second = run_job("refresh", {"sample_web_url": web2.url}, instance=instance)
        truth2 = {t["program_id"]: t for t in web2.truth()}
    assert second.success, second.failure
    pages2 = dict(((pid, url), h) for pid, url, h in query("SELECT program_id, url, content_hash FROM staging.pages"))
    published2 = selected_values()
    changed = {pid for pid in truth1 if version_of(0, pid, 2) == 2}
    report = [json.loads(line) for line in gme("changes", "--last", "--format", "jsonl").splitlines()]
    return {"truth1": truth1, "truth2": truth2, "changed": changed, "pages1": pages1, "pages2": pages2,
            "after_first": after_first, "instance": instance, "published1": published1, "published2": published2, "report": report, "run2": second.run_id}


def selected_values() -> dict[tuple[str, str], str]:
    return {(pid, f): v for pid, f, v in query("SELECT program_id, field, value FROM core.program_facts WHERE selected")}


GROUPS = [("min_step2ck", "min_step1", "min_comlex2", "score_minimum_policy"), ("j1_visa", "h1b_visa"),
          ("yog_max_years",)]


def text(value) -> str | None:
    return None if value is None else str(value).lower() if isinstance(value, bool) else str(value)


def effective(t: dict) -> dict[str, str | None]:
    """What the pipeline should publish per the truth: the website's rule group when it states any
    of it, else the directory's (README "How facts are chosen")."""
    w, d = t["website"], dict(t["directory"])
    if any(d.get(f) is not None for f in GROUPS[0][:3]):
        d["score_minimum_policy"] = "stated"
    out = {}
    for f in w:
        group = next((g for g in GROUPS if f in g), (f,))
        source = w if any(w.get(g) is not None for g in group) else d
        out[f] = text(source.get(f))
    return out


def truth_changes(e: dict) -> dict[str, set[str]]:
    """program -> fields whose published value should change between the epochs, per the truth."""
    out = {}
    for pid, t1 in e["truth1"].items():
        before, after = effective(t1), effective(e["truth2"][pid])
        fields = {f for f in before if before[f] != after[f]}
        if fields:
            out[pid] = fields
    return out


def read_right(e: dict, pid: str, field: str) -> bool:
    """Did the pipeline publish the truth's value for this field at both epochs? (the extractor's part)"""
    return (e["published1"].get((pid, field)) == effective(e["truth1"][pid])[field]
            and e["published2"].get((pid, field)) == effective(e["truth2"][pid])[field])


def test_the_first_refresh_is_the_baseline(epochs):
    assert epochs["after_first"] == ""
    assert query("SELECT count(*) FROM history.page_changes WHERE run_id <> ?", [epochs["run2"]]) == [(0,)]


def test_page_changes_are_exactly_the_pages_whose_content_changed(epochs):
    p1, p2 = epochs["pages1"], epochs["pages2"]
    expected = {k for k, h in p2.items() if p1.get(k) != h} | {k for k in p1 if k not in p2}
    rows = query("SELECT program_id, url, change, hash_before, hash_after, cause, run_id FROM history.page_changes")
    assert {(pid, url) for pid, url, *_ in rows} == expected
    assert expected, "epoch 2 changed no page: pick another program count"
    assert {pid for pid, *_ in rows} <= epochs["changed"]
    for pid, url, change, before, after, cause, run in rows:
        assert run == epochs["run2"]
        if (pid, url) in p1 and (pid, url) in p2:
            assert (change, before, after, cause) == ("changed", p1[(pid, url)], p2[(pid, url)], None)
        elif (pid, url) in p2:
            assert (change, before, after) == ("new", None, p2[(pid, url)])
        else:
            assert (change, before, after) == ("gone", p1[(pid, url)], None) and cause == "removed"


def test_gme_changes_lists_exactly_the_programs_whose_website_facts_changed(epochs, capsys):
    truth = truth_changes(epochs)
    report = {e["program_id"]: e for e in epochs["report"]}
    listed = {pid: {f["field"] for f in e["facts"]} for pid, e in report.items() if e["facts"]}
    # never a program or a field the sample web did not change
    assert set(listed) <= set(truth), sorted(set(listed) - set(truth))
    for pid, fields in listed.items():
        assert fields <= truth[pid], (pid, fields, truth[pid])
    # every change the pipeline read right at both epochs is listed, with its field
    expected = {pid: {f for f in fields if read_right(epochs, pid, f)} for pid, fields in truth.items()}
    expected = {pid: fields for pid, fields in expected.items() if fields}
    assert {pid: listed.get(pid, set()) & fields for pid, fields in expected.items()} == expected
    # the rest are the extractor's misses, not the history's: say how many
    with capsys.disabled():
        print(f"\n  gme changes: {len(listed)} programs listed of {len(truth)} whose published facts the truth "
              f"changes ({len(truth) - len(listed)} missed by extraction: {sorted(set(truth) - set(listed))})")
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
