"""What changed between refreshes: page history, program arrivals and departures, and the quotes of fact changes.

Pure Polars (no I/O): publish passes in the state the previous publish left and this run's
frames, and gets back the history tables to publish and the state to keep. All history is
append-only: a run adds rows, it never rewrites earlier ones. The first publish on a data
folder is the baseline: it records the state and no changes.

history.page_changes, one row per program page whose availability or content changed:
- new:     a page never seen before for the program (a new program's pages are new too);
- changed: its content hash differs from the one last seen;
- gone:    it was available and is not now: `cause` says why: site_down (no page of the site
           could be fetched this run; its last good copy is kept and marked stale),
           removed (404/410, or no longer linked from a site that answered), program_removed
           (the program left the directory);
- back:    it was gone and is available again (cause site_up, or restored).
A page's identity is (program_id, url after redirects), as in staging.pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import polars as pl

from warehouse import store

UTC = pl.Datetime("us", "UTC")
PAGE_STATE_SCHEMA = {
    "program_id": pl.String, "url": pl.String, "content_hash": pl.String, "available": pl.Boolean,
    "gone_cause": pl.String, "seen_at": UTC,
}
PAGE_CHANGE_SCHEMA = {
    "program_id": pl.String, "url": pl.String, "change": pl.String, "hash_before": pl.String,
    "hash_after": pl.String, "cause": pl.String, "seen_at": UTC, "run_id": pl.String,
}
PROGRAM_CHANGE_SCHEMA = {
    "program_id": pl.String, "change": pl.String, "name": pl.String, "specialty_code": pl.String,
    "changed_at": UTC, "run_id": pl.String,
}
QUOTE_COLUMNS = ("source", "url", "evidence", "old_source", "old_url", "old_evidence")
SELECTED_FACT_COLUMNS = ("program_id", "field", "value", "source", "url", "evidence")


def _empty(schema: dict) -> pl.DataFrame:
    return pl.DataFrame(schema=schema)


def _current_pages(staged_pages: pl.DataFrame) -> pl.DataFrame:
    """This run's view of each page: available unless its whole site failed (then a carried copy)."""
    failed = pl.col("site_failed_this_run").fill_null(False) if "site_failed_this_run" in staged_pages.columns else pl.lit(False)
    return staged_pages.select(
        pl.col("program_id").cast(pl.String), pl.col("url").cast(pl.String),
        pl.col("content_hash").cast(pl.String).alias("hash_now"),
        (~failed).alias("available_now"),
        pl.col("fetched_at").cast(UTC).alias("fetched_now"),
    ).unique(subset=["program_id", "url"], keep="last", maintain_order=True)


def page_changes(
    previous_state: pl.DataFrame | None,
    staged_pages: pl.DataFrame,
    program_ids: pl.Series | list[str],
    run_id: str,
    published_at: datetime,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(rows for history.page_changes, the page state to keep for the next publish).

    `staged_pages` is staging.pages with its `site_failed_this_run` flag; `program_ids` the
    programs published this run (a page of a program no longer listed is gone with cause
    program_removed).
    """
    now = _current_pages(staged_pages)
    listed = pl.Series("program_id", list(program_ids), dtype=pl.String).implode()
    if previous_state is None or previous_state.height == 0:
        state = now.select(
            "program_id", "url", pl.col("hash_now").alias("content_hash"), pl.col("available_now").alias("available"),
            pl.when(pl.col("available_now")).then(pl.lit(None, pl.String)).otherwise(pl.lit("site_down")).alias("gone_cause"),
            pl.col("fetched_now").alias("seen_at"),
        )
        return _empty(PAGE_CHANGE_SCHEMA), state.cast(PAGE_STATE_SCHEMA)
    prev = previous_state.select(
        "program_id", "url", pl.col("content_hash").alias("hash_prev"), pl.col("available").alias("available_prev"),
        pl.col("gone_cause").alias("cause_prev"), pl.col("seen_at").cast(UTC).alias("seen_prev"),
    )
    j = prev.join(now, on=["program_id", "url"], how="full", coalesce=True)
    site_failed = now.filter(~pl.col("available_now")).select("program_id").unique()["program_id"].implode()
    was = pl.col("available_prev").fill_null(False)
    is_ = pl.col("available_now").fill_null(False)
    known = pl.col("hash_prev").is_not_null()
    change = (
        pl.when(is_ & ~known).then(pl.lit("new"))
        .when(is_ & was & pl.col("hash_prev").ne_missing(pl.col("hash_now"))).then(pl.lit("changed"))
        .when(is_ & ~was).then(pl.lit("back"))
        .when(~is_ & was).then(pl.lit("gone"))
        .otherwise(pl.lit(None, pl.String))
    )
    gone_cause = (
        pl.when(~pl.col("program_id").is_in(listed)).then(pl.lit("program_removed"))
        .when(pl.col("program_id").is_in(site_failed)).then(pl.lit("site_down"))
        .otherwise(pl.lit("removed"))
    )
    j = j.with_columns(change.alias("change"))
    rows = j.filter(pl.col("change").is_not_null()).select(
        "program_id", "url", "change",
        pl.col("hash_prev").alias("hash_before"),
        pl.when(pl.col("change") == "gone").then(pl.lit(None, pl.String)).otherwise(pl.col("hash_now")).alias("hash_after"),
        pl.when(pl.col("change") == "gone").then(gone_cause)
        .when(pl.col("change") == "back").then(
            pl.when(pl.col("cause_prev") == "site_down").then(pl.lit("site_up")).otherwise(pl.lit("restored")))
        .otherwise(pl.lit(None, pl.String)).alias("cause"),
        pl.when(pl.col("change") == "gone").then(pl.lit(published_at).cast(UTC))
        .otherwise(pl.col("fetched_now")).alias("seen_at"),
        pl.lit(run_id).alias("run_id"),
    ).sort("program_id", "url").cast(PAGE_CHANGE_SCHEMA)
    state = j.select(
        "program_id", "url",
        pl.coalesce(pl.when(is_).then(pl.col("hash_now")), pl.col("hash_prev"), pl.col("hash_now")).alias("content_hash"),
        is_.alias("available"),
        pl.when(is_).then(pl.lit(None, pl.String))
        .when(pl.col("change") == "gone").then(gone_cause)
        .otherwise(pl.coalesce(pl.col("cause_prev"), pl.lit("site_down"))).alias("gone_cause"),
        pl.when(is_).then(pl.col("fetched_now")).otherwise(pl.coalesce(pl.col("seen_prev"), pl.col("fetched_now"))).alias("seen_at"),
    ).sort("program_id", "url").cast(PAGE_STATE_SCHEMA)
    return rows, state


def program_changes(
    previous_programs: pl.DataFrame | None, programs: pl.DataFrame, run_id: str, published_at: datetime
) -> pl.DataFrame:
    """Programs that entered or left the directory since the previous publish (none on the first)."""
    if previous_programs is None or previous_programs.height == 0:
        return _empty(PROGRAM_CHANGE_SCHEMA)
    cols = ["program_id", "name", "specialty_code"]
    new = programs.select(cols).join(previous_programs.select("program_id"), on="program_id", how="anti")
    gone = previous_programs.select(cols).join(programs.select("program_id"), on="program_id", how="anti")
    return pl.concat([
        new.with_columns(pl.lit("new").alias("change")),
        gone.with_columns(pl.lit("removed").alias("change")),
    ]).select(
        "program_id", "change", "name", "specialty_code",
        pl.lit(published_at).cast(UTC).alias("changed_at"), pl.lit(run_id).alias("run_id"),
    ).sort("change", "program_id").cast(PROGRAM_CHANGE_SCHEMA)


def selected_facts(program_facts: pl.DataFrame) -> pl.DataFrame:
    """The selected fact per program and field (the state kept to quote a value once it changed)."""
    return program_facts.filter(pl.col("selected")).select(SELECTED_FACT_COLUMNS).unique(
        subset=["program_id", "field"], keep="first", maintain_order=True)


def quote_fact_changes(changes: pl.DataFrame, previous_selected: pl.DataFrame | None,
                       program_facts: pl.DataFrame) -> pl.DataFrame:
    """Add the source, page and quote of the new value, and of the old one, to fact change rows."""
    new = selected_facts(program_facts).select("program_id", "field", "source", "url", "evidence")
    out = changes.join(new, on=["program_id", "field"], how="left")
    if previous_selected is not None and previous_selected.height:
        old = previous_selected.select(
            "program_id", "field", pl.col("source").alias("old_source"), pl.col("url").alias("old_url"),
            pl.col("evidence").alias("old_evidence"))
        out = out.join(old, on=["program_id", "field"], how="left")
    else:
        out = out.with_columns(*[pl.lit(None, pl.String).alias(c) for c in ("old_source", "old_url", "old_evidence")])
    # a value that is now NULL has no quote of its own (the field is no longer stated)
    return out.with_columns(
        *[pl.when(pl.col("new_value").is_null()).then(pl.lit(None, pl.String)).otherwise(pl.col(c)).alias(c)
          for c in ("source", "url", "evidence")],
        *[pl.when(pl.col("old_value").is_null()).then(pl.lit(None, pl.String)).otherwise(pl.col(c)).alias(c)
          for c in ("old_source", "old_url", "old_evidence")],
    )


def append(earlier: pl.DataFrame | None, rows: pl.DataFrame) -> pl.DataFrame:
    """Append-only history: earlier rows as they were, then this run's."""
    if earlier is None or earlier.height == 0:
        return rows
    return pl.concat([earlier, rows], how="diagonal_relaxed")


# --- reading: `gme changes` ---------------------------------------------------------------

def _rows(con, sql: str, params: list | None = None) -> list[dict]:
    rel = con.sql(sql, params=params)
    cols = rel.columns
    return [dict(zip(cols, r)) for r in rel.fetchall()]


def has_table(con, schema: str, table: str) -> bool:
    return bool(con.sql("SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
                        "AND schema_name = ? AND table_name = ?", params=[schema, table]).fetchall()[0][0])


def refreshes(con) -> list[dict]:
    """meta.refreshes, oldest first."""
    return _rows(con, "SELECT run_id, published_at FROM meta.refreshes ORDER BY published_at, run_id")


def changes_report(con, *, run_id: str | None = None, since: datetime | None = None,
                   include_pages: bool = False) -> list[dict]:
    """Per program: fact changes (old -> new, with page and quote), arrival or departure, site down
    or back, and its page changes, for one run (`run_id`) or every run published since `since`.

    A program is listed when a published fact changed, it is new or removed, or its site went
    down or came back; with `include_pages`, also when only its pages changed.
    """
    if run_id is not None:
        where, params = "run_id = ?", [run_id]
    else:
        where, params = "changed_at >= ?", [since]
    facts = _rows(con, f"SELECT * FROM history.program_fact_changes WHERE {where} ORDER BY program_id, field, changed_at",
                  params)
    programs = (_rows(con, f"SELECT * FROM history.program_changes WHERE {where} ORDER BY program_id, changed_at", params)
                if has_table(con, "history", "program_changes") else [])
    if has_table(con, "history", "page_changes"):
        # a page change belongs to the run that saw it: filter by run (seen_at is the fetch time)
        if run_id is not None:
            pages = _rows(con, "SELECT * FROM history.page_changes WHERE run_id = ? ORDER BY program_id, url", params)
        else:
            pages = _rows(con, "SELECT c.* FROM history.page_changes c JOIN meta.refreshes r USING (run_id) "
                               "WHERE r.published_at >= ? ORDER BY program_id, url", params)
    else:
        pages = []
    names = {r[0]: (r[1], r[2]) for r in con.sql(
        "SELECT program_id, name, specialty_code FROM core.programs").fetchall()}
    out: dict[str, dict] = {}

    def entry(pid: str) -> dict:
        if pid not in out:
            name, code = names.get(pid, (None, None))
            out[pid] = {"program_id": pid, "name": name, "specialty_code": code, "program": None, "site": None,
                        "facts": [], "pages": []}
        return out[pid]

    for r in programs:
        e = entry(r["program_id"])
        e["program"] = r["change"]
        e["name"] = e["name"] or r["name"]
        e["specialty_code"] = e["specialty_code"] or r["specialty_code"]
    for r in facts:
        entry(r["program_id"])["facts"].append({
            "field": r["field"], "old": r["old_value"], "new": r["new_value"],
            "source": r.get("source"), "url": r.get("url"), "evidence": r.get("evidence"),
            "old_source": r.get("old_source"), "old_url": r.get("old_url"), "old_evidence": r.get("old_evidence"),
            "changed_at": r["changed_at"], "run_id": r["run_id"],
        })
    by_program: dict[str, list[dict]] = {}
    for r in pages:
        by_program.setdefault(r["program_id"], []).append({
            "url": r["url"], "change": r["change"], "cause": r["cause"], "hash_before": r["hash_before"],
            "hash_after": r["hash_after"], "seen_at": r["seen_at"], "run_id": r["run_id"],
        })
    for pid, rows in by_program.items():
        causes = {p["cause"] for p in rows}
        site = "down" if "site_down" in causes else ("back" if "site_up" in causes else None)
        if site or pid in out or include_pages:
            e = entry(pid)
            e["site"] = site
            e["pages"] = rows
    for e in out.values():
        e["changes"] = [k for k, present in (("program_" + (e["program"] or ""), e["program"]),
                                             ("facts", e["facts"]), ("site_" + (e["site"] or ""), e["site"]),
                                             ("pages", e["pages"])) if present]
    return [out[k] for k in sorted(out)]


# --- one publish's history (called by pipelines/defs/publish.py) -------------------------------

# the state this module reads and rewrites at each publish: named by the run store (warehouse/store.py)
PROGRAM_FACT_CHANGES_STATE = store.FACT_CHANGES
PAGE_STATE = store.PAGE_STATE
PAGE_CHANGES_STATE = store.PAGE_CHANGES
PROGRAM_CHANGES_STATE = store.PROGRAM_CHANGES
SELECTED_FACTS_STATE = store.PUBLISHED_FACTS


@dataclass(frozen=True)
class Logged:
    tables: dict[str, pl.DataFrame]  # history.* tables to publish
    state: dict[str, pl.DataFrame]   # state file name -> frame, to write once the publish succeeded
    counts: dict[str, int]           # this run's new rows, for the asset's metadata


def refresh_history(
    read_state: Callable[[str], pl.DataFrame | None],
    fact_change_rows: pl.DataFrame,
    staged_pages: pl.DataFrame,
    programs: pl.DataFrame,
    program_facts: pl.DataFrame,
    previous_programs: pl.DataFrame | None,
    run_id: str,
    published_at: datetime,
) -> Logged:
    """Every history table after this publish: earlier rows, then this run's."""
    quoted = quote_fact_changes(fact_change_rows, read_state(SELECTED_FACTS_STATE), program_facts)
    pages, page_state = page_changes(read_state(PAGE_STATE), staged_pages, programs["program_id"], run_id, published_at)
    arrivals = program_changes(previous_programs, programs, run_id, published_at)
    tables = {
        "history.program_fact_changes": append(read_state(PROGRAM_FACT_CHANGES_STATE), quoted),
        "history.page_changes": append(read_state(PAGE_CHANGES_STATE), pages),
        "history.program_changes": append(read_state(PROGRAM_CHANGES_STATE), arrivals),
    }
    state = {
        PROGRAM_FACT_CHANGES_STATE: tables["history.program_fact_changes"],
        PAGE_CHANGES_STATE: tables["history.page_changes"],
        PROGRAM_CHANGES_STATE: tables["history.program_changes"],
        PAGE_STATE: page_state,
        SELECTED_FACTS_STATE: selected_facts(program_facts),
    }
    counts = {"fact_changes": quoted.height, "page_changes": pages.height, "program_changes": arrivals.height}
    return Logged(tables, state, counts)
