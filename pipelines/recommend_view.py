"""Read the published warehouse for `gme recommend` and render the ranked sections as text, JSON lines or HTML."""

from __future__ import annotations

import html
from pathlib import Path

import polars as pl

from pipelines.transforms.profile import Profile, specialty_names
from pipelines.transforms.recommend import rank_profiles
from pipelines.transforms.verdicts import verify_list
from warehouse.publish import connect_readonly

SHOWN = ("specialty_code", "role", "rank", "tier", "score", "program_id", "name", "city", "state", "reasons", "verify")
PROGRAM_COLUMNS = ("program_id", "name", "institution", "city", "state", "website")


def load_tables(warehouse: Path) -> dict[str, pl.DataFrame]:
    """core.programs, core.program_facts (selected and preferred rows) and marts.program_indicators."""
    con = connect_readonly(warehouse)  # connect per query: never hold the published file open
    try:
        return {
            "programs": con.sql("SELECT * FROM core.programs").pl(),
            "indicators": con.sql("SELECT * FROM marts.program_indicators").pl(),
            # verdicts read only the selected facts and stated preferences
            "facts": con.sql("SELECT * FROM core.program_facts WHERE selected OR strictness = 'preferred'").pl(),
        }
    finally:
        con.close()


def rank(profiles: list[Profile], tables: dict[str, pl.DataFrame]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(recommendations with program names, places and verify lists; verdicts): the marts' code path."""
    recs, judged = rank_profiles(tables["programs"], tables["indicators"], tables["facts"], profiles)
    out = recs.join(tables["programs"].select(PROGRAM_COLUMNS), on="program_id", how="left")
    out = out.join(verify_list(judged), on=["applicant_id", "program_id"], how="left")
    return out.with_columns(pl.col("verify").fill_null([])), judged


def recommendations_for(profile: Profile, warehouse: Path) -> pl.DataFrame:
    """The ranked sections for `profile`, with program names and places, from the published warehouse."""
    return rank([profile], load_tables(warehouse))[0]


def jsonl_rows(frame: pl.DataFrame, judged: pl.DataFrame) -> list[dict]:
    """One object per recommended row, with its `verdicts` list (CONTRACT "Recommendations")."""
    by_key: dict[tuple, list[dict]] = {}
    for r in judged.iter_rows(named=True):
        v = {k: r[k] for k in ("rule", "verdict", "program_value", "applicant_value", "condition", "source", "url",
                               "evidence", "seen_at")}
        by_key.setdefault((r["applicant_id"], r["program_id"]), []).append(v)
    return [{**row, "verdicts": by_key.get((row["applicant_id"], row["program_id"]), [])}
            for row in frame.iter_rows(named=True)]


def _brief(text: str | None, n: int = 80) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def render_table(frame: pl.DataFrame, profile: Profile, judged: pl.DataFrame | None = None) -> str:
    mine = frame.filter(pl.col("applicant_id") == profile.applicant_id)
    names = specialty_names()
    if mine.height == 0:
        codes = ", ".join(f"{c} {names.get(c, '')}".strip() for c, _ in profile.sections())
        return f"No program in specialties {codes} fits profile {profile.applicant_id}."
    lines = [f"Programs for {profile.applicant_id}" + (f" ({profile.description})" if profile.description else "")]
    evidence: dict[str, list[dict]] = {}
    if judged is not None:
        shown = judged.filter((pl.col("applicant_id") == profile.applicant_id) & pl.col("evidence").is_not_null()
                              & (pl.col("verdict").is_in(["conditional", "at_limit"]) | pl.col("rule").is_in(["min_score", "visa"])))
        for r in shown.iter_rows(named=True):
            evidence.setdefault(r["program_id"], []).append(r)
    for code, role in profile.sections():
        section = mine.filter(pl.col("specialty_code") == code).sort("rank")
        lines += ["", f"== {names.get(code, code)} ({code}), {role}: {section.height} programs =="]
        if section.height == 0:
            lines.append("   none fits this profile")
            continue
        lines.append(f"{'#':>3}  {'tier':<7} {'score':>5}  {'program':<58} {'place':<22}")
        for row in section.iter_rows(named=True):
            place = f"{row['city'] or ''}, {row['state'] or ''}"
            name = (row["name"] or row["program_id"])[:58]
            lines.append(f"{row['rank']:>3}  {row['tier']:<7} {row['score']:>5.1f}  {name:<58} {place[:22]:<22}")
            lines.append(f"{'':>17} {row['reasons']}")
            if row.get("verify"):
                lines.append(f"{'':>17} verify before applying: {'; '.join(row['verify'])}")
            for r in evidence.get(row["program_id"], [])[:3]:
                lines.append(f"{'':>17} {r['rule']} {r['verdict']}: \"{_brief(r['evidence'])}\" ({r['source']}, {r['url']})")
    return "\n".join(lines)


def render_html(frame: pl.DataFrame, profile: Profile) -> str:
    def cell(value) -> str:
        if value is None:
            return ""
        return html.escape("; ".join(value) if isinstance(value, list) else str(value))

    rows = "\n".join(
        "<tr>" + "".join(f"<td>{cell(row.get(c))}</td>" for c in SHOWN) + "</tr>"
        for row in frame.iter_rows(named=True)
    )
    head = "".join(f"<th>{c}</th>" for c in SHOWN)
    title = html.escape(f"gme-atlas: programs for {profile.applicant_id}")
    return (
        f"<!doctype html><html lang=en><meta charset=utf-8><title>{title}</title>"
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}th{background:#eee}</style>"
        f"<h1>{title}</h1><p>{html.escape(profile.description or '')}</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></html>\n"
    )
