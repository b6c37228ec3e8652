"""The analyst's commands: `gme sql`, `gme changes`, `gme program` (registered in pipelines/cli.py).

Each opens the published warehouse read-only for one query at a time (warehouse/query.py), so
a refresh that swaps the file in between is seen at the next query, and nothing here can write.
Light imports only (no Dagster, no GX): these start in well under a second.
"""

from __future__ import annotations

import sys

import click

from warehouse.query import FORMATS, QueryError


def _fail(message: str) -> None:
    click.echo(f"gme: {message}", err=True)
    sys.exit(2)


@click.command()
@click.argument("query")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "jsonl"]), default="table", show_default=True)
@click.option("--param", "params", multiple=True, metavar="VALUE",
              help="Value for a ? placeholder in QUERY (repeat in order).")
@click.option("--max-width", type=click.IntRange(min=8), default=60, show_default=True,
              help="Table format: cut longer cells to this width.")
def sql(query: str, fmt: str, params: tuple[str, ...], max_width: int) -> None:
    """Run one read-only QUERY on the published warehouse (a fresh read-only connection per query).

    \b
    gme sql "SELECT name, state, h1b_visa FROM core.programs WHERE h1b_visa = 'yes' LIMIT 5"
    gme sql "SELECT field, value, source, url FROM core.program_facts WHERE program_id = ?" --param 1403521292
    gme sql "SELECT table_name, column_name, comment FROM duckdb_columns() WHERE schema_name = 'core'" --format csv
    """
    from warehouse.query import as_table, run

    try:
        result = run(query, params or None)
    except QueryError as exc:
        _fail(f"sql: {exc}")
    out = as_table(result, max_width) if fmt == "table" else FORMATS[fmt](result)
    click.echo(out, nl=False)


def _parse_since(text: str):
    from datetime import datetime, timezone

    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        _fail(f"changes: --since wants a date or time like 2026-12-01 or 2026-12-01T08:00, got {text!r}")
    if when.tzinfo is not None:  # the warehouse keeps naive UTC timestamps
        when = when.astimezone(timezone.utc).replace(tzinfo=None)
    return when


def _open():
    """A read-only connection context on the published warehouse, or a one-line exit."""
    from warehouse.query import connect

    return connect()


@click.command()
@click.option("--last", "last", is_flag=True, help="Changes seen by the newest refresh (the default).")
@click.option("--since", "since", default=None, metavar="DATE", help="Changes seen by every refresh published since DATE (UTC).")
@click.option("--pages", "include_pages", is_flag=True,
              help="Also list programs whose pages changed without a change in their published facts.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def changes(last: bool, since: str | None, include_pages: bool, fmt: str) -> None:
    """What changed: per program, its published facts (old -> new, with page and quote), new and
    removed programs, sites that went down or came back (history.* tables)."""
    import json

    import duckdb

    from warehouse.history import changes_report, has_table, refreshes

    if last and since:
        _fail("changes: give --last or --since DATE, not both")
    when = _parse_since(since) if since else None
    try:
        with _open() as con:
            if not has_table(con, "history", "program_fact_changes") or not has_table(con, "meta", "refreshes"):
                _fail("changes: this warehouse has no history tables: run `gme refresh` with this version first")
            runs = refreshes(con)
            if not runs:
                _fail("changes: no refresh has been published yet")
            run_id = None if when else runs[-1]["run_id"]
            report = changes_report(con, run_id=run_id, since=when, include_pages=include_pages)
    except QueryError as exc:
        _fail(f"changes: {exc}")
    except duckdb.Error as exc:
        from warehouse.query import one_line

        _fail(f"changes: cannot read the history tables: {one_line(exc)}")
    if fmt == "jsonl":
        for entry in report:
            click.echo(json.dumps(entry, default=str, ensure_ascii=False))
        return
    scope = f"since {when:%Y-%m-%d %H:%M}" if when else f"in the last refresh ({runs[-1]['run_id']}, published {runs[-1]['published_at']:%Y-%m-%d %H:%M} UTC)"
    first = len(runs) == 1 and not when
    if not report:
        click.echo(f"No changes {scope}." + ("  (The first refresh is the baseline: changes show from the next one.)" if first else ""))
        return
    click.echo(f"{len(report)} program{'s' if len(report) != 1 else ''} changed {scope}:")
    for e in report:
        click.echo(f"\n{e['program_id']}  {e['name'] or ''}" + (f"  [{', '.join(e['changes'])}]"))
        if e["program"] == "new":
            click.echo("  new program in the directory")
        elif e["program"] == "removed":
            click.echo("  removed from the directory")
        if e["site"] == "down":
            click.echo("  site DOWN: its last good pages are kept (facts marked stale)")
        elif e["site"] == "back":
            click.echo("  site back up")
        for f in e["facts"]:
            click.echo(f"  {f['field']}: {_show(f['old'])} -> {_show(f['new'])}" + (f"  ({f['source']})" if f["source"] else ""))
            if f["url"]:
                click.echo(f"      page:  {f['url']}")
            if f["evidence"]:
                click.echo(f"      quote: \"{_cut(f['evidence'])}\"")
            if f["old_evidence"] and f["old_url"] != f["url"]:
                click.echo(f"      was:   \"{_cut(f['old_evidence'])}\" ({f['old_url']})")
        for p in e["pages"]:
            click.echo(f"  page {p['change']}{' (' + p['cause'] + ')' if p['cause'] else ''}: {p['url']}")


def _show(value) -> str:
    return "unknown" if value is None else str(value)


def _cut(text: str, width: int = 140) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


@click.command()
@click.argument("program_id")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def program(program_id: str, fmt: str) -> None:
    """One program's whole story: identity, every field with its selected value and evidence, the
    other sources' values and conflicts, indicators with components, website freshness, pages and history."""
    import json
    import re

    import duckdb

    from warehouse.query import one_line, program_story

    program_id = program_id.strip()
    if not re.fullmatch(r"[0-9]{10}|M[0-9]{9}", program_id):
        _fail(f"program: {program_id!r} is not a program id (10 digits, the ACGME program number)")
    try:
        with _open() as con:
            story = program_story(con, program_id)
            total = con.sql("SELECT count(*) FROM core.programs").fetchall()[0][0] if story is None else None
    except QueryError as exc:
        _fail(f"program: {exc}")
    except duckdb.Error as exc:
        _fail(f"program: cannot read the warehouse: {one_line(exc)}")
    if story is None:
        _fail(f"program: no program {program_id} in core.programs ({total:,} programs published)")
    if fmt == "json":
        click.echo(json.dumps(story, default=str, ensure_ascii=False, indent=1))
        return
    click.echo(_render_program(story))


def _render_program(s: dict) -> str:
    i, w = s["identity"], s["website"]
    out = [f"{i['program_id']}  {i['name']}",
           f"  {i['specialty']} ({i['specialty_code']}) · {i['institution']} · {i['city']}, {i['state']}"
           + (f" · {i['setting']}" if i["setting"] else ""),
           f"  positions {_show(i['first_year_positions'])} · IMG {_show(i['pct_img'])}% · DO {_show(i['pct_do'])}% "
           f"· US MD {_show(i['pct_usmd'])}% · survey {_show(i['survey_year'])}" + (" · basic listing" if i["basic_listing"] else ""),
           f"  website {i['website'] or 'none'}: {w['status']}"]
    if w["facts_seen_at"]:
        out.append(f"  website facts seen {w['facts_seen_at']:%Y-%m-%d %H:%M} UTC ({w['facts_age_days']} days old)"
                   + (" · STALE: this refresh could not fetch the site" if w["facts_stale"] else "")
                   + (" · pages show signs of age" if w["stale_content"] else ""))
    if s["conflicting_fields"]:
        out.append(f"  directory and website disagree on: {', '.join(s['conflicting_fields'])}")
    out.append("\nFields (selected value, then the other sources):")
    for f in s["fields"]:
        sel = f["selected"]
        mark = "  CONFLICT" if f["conflict"] else ""
        if sel is None:
            out.append(f"  {f['field']:<22} unknown" + mark)
        else:
            extra = [x for x in (sel["strictness"], sel["condition"] and f"if {sel['condition']}", "stale" if sel["stale"] else None) if x]
            out.append(f"  {f['field']:<22} {_show(f['value'])}  [{sel['source']}{'; ' + '; '.join(extra) if extra else ''}]{mark}")
            out.append(f"  {'':<22} \"{_cut(sel['evidence'] or '', 110)}\"")
            out.append(f"  {'':<22} {sel['url']} · seen {_date(sel['seen_at'])}")
        for o in f["others"]:
            extra = [x for x in (o["strictness"], o["condition"] and f"if {o['condition']}") if x]
            out.append(f"  {'':<22} also {o['source']}: {_show(o['value'])}{' (' + '; '.join(extra) + ')' if extra else ''}"
                       f" \"{_cut(o['evidence'] or '', 80)}\" {o['url']}")
    ind = s["indicators"]
    if ind:
        out.append(f"\nIndicators: IMG-friendliness {_num(ind['img_friendliness'])}, holistic review "
                   f"{_num(ind['holistic_review'])}, coverage {_num(ind['coverage'])}")
        comps = [(k.removesuffix("_component"), v) for k, v in ind.items() if k.endswith("_component")]
        out.append("  components: " + ", ".join(f"{k} {_num(v)}" for k, v in comps))
        if ind.get("explanation"):
            out.append(f"  {ind['explanation']}")
    if s["pages"]:
        out.append(f"\nPages ({len(s['pages'])}):")
        for p in s["pages"]:
            out.append(f"  {p['page_kind'] or '':<12} {p['status']}  {_date(p['fetched_at'])}  {p['url']}")
    out.append("\nPage history:" if s["page_history"] else "\nPage history: no change recorded")
    for p in s["page_history"]:
        out.append(f"  {_date(p['seen_at'])}  {p['change']}{' (' + p['cause'] + ')' if p['cause'] else ''}  {p['url']}")
    if s["fact_history"]:
        out.append("\nFact history:")
        for h in s["fact_history"]:
            out.append(f"  {_date(h['changed_at'])}  {h['field']}: {_show(h['old_value'])} -> {_show(h['new_value'])}")
    return "\n".join(out)


def _date(value) -> str:
    return f"{value:%Y-%m-%d}" if value is not None and hasattr(value, "strftime") else _show(value)


def _num(value) -> str:
    return "unknown" if value is None else (f"{value:.2f}" if isinstance(value, float) else str(value))


def summary_lines(con, run_id: str) -> list[str]:
    """Lines for the refresh summary: what the run validated (from meta.refreshes), where its Data
    Docs are, and how old the published website facts are."""
    lines = []
    cols = {r[0] for r in con.sql("SELECT column_name FROM duckdb_columns() WHERE schema_name = 'meta' "
                                  "AND table_name = 'refreshes'").fetchall()}
    if {"suites_run", "data_docs"} <= cols:
        row = con.sql("SELECT suites_run, suites_passed, expectations_run, expectations_passed, data_docs "
                      "FROM meta.refreshes WHERE run_id = ?", params=[run_id]).fetchall()
        if row:
            sr, sp, er, ep, docs = row[-1]
            lines.append(f"Validated: {sp}/{sr} expectation suites passed, {ep:,}/{er:,} expectations")
            if docs:
                lines.append(f"Data Docs: {docs}")
    age = con.sql(
        "SELECT count(website_facts_seen_at), "
        "median(date_diff('hour', website_facts_seen_at, updated_at)) / 24.0, "
        "max(date_diff('hour', website_facts_seen_at, updated_at)) / 24.0, "
        "count(*) FILTER (WHERE website_facts_stale) FROM core.programs").fetchall()[0]
    if age[0]:
        lines.append(f"Website facts: {age[0]:,} programs, median {age[1]:.1f} days old, oldest {age[2]:.1f} days"
                     f" ({age[3]:,} kept from an earlier crawl: site failed this run)")
    return lines
