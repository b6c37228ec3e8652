"""Read the published warehouse for `gme recommend` and render the ranked list as text or HTML."""

from __future__ import annotations

import html
from pathlib import Path

import polars as pl

from pipelines.transforms.recommend import Profile, recommend
from warehouse.publish import connect_readonly

SHOWN = ("rank", "tier", "score", "program_id", "name", "city", "state", "reasons")


def recommendations_for(profile: Profile, warehouse: Path) -> pl.DataFrame:
    """The ranked list for `profile`, with program names and places, from the published warehouse."""
    con = connect_readonly(warehouse)  # connect per query: never hold the published file open
    try:
        programs = con.sql("SELECT * FROM core.programs").pl()
        indicators = con.sql("SELECT * FROM marts.program_indicators").pl()
    finally:
        con.close()
    ranked = recommend(programs, indicators, profile)
    return ranked.join(programs.select("program_id", "name", "city", "state", "website"), on="program_id", how="left").sort("rank")


def render_table(frame: pl.DataFrame, profile: Profile) -> str:
    if frame.height == 0:
        return f"No program in specialties {', '.join(profile.specialties)} fits profile {profile.applicant_id}."
    lines = [f"Programs for {profile.applicant_id}" + (f" ({profile.description})" if profile.description else ""), ""]
    lines.append(f"{'#':>3}  {'tier':<7} {'score':>5}  {'program':<58} {'place':<22}")
    for row in frame.iter_rows(named=True):
        place = f"{row['city'] or ''}, {row['state'] or ''}"
        name = (row["name"] or row["program_id"])[:58]
        lines.append(f"{row['rank']:>3}  {row['tier']:<7} {row['score']:>5.1f}  {name:<58} {place[:22]:<22}")
        lines.append(f"{'':>17} {row['reasons']}")
    return "\n".join(lines)


def render_html(frame: pl.DataFrame, profile: Profile) -> str:
    rows = "\n".join(
        "<tr>" + "".join(f"<td>{html.escape(str(row.get(c, '') if row.get(c) is not None else ''))}</td>" for c in SHOWN) + "</tr>"
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
