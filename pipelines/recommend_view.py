"""Read the published warehouse for `gme recommend` and render the ranked sections as text, JSON lines or HTML."""

from __future__ import annotations

import html
from pathlib import Path

import polars as pl

from pipelines.transforms.profile import Profile, specialty_names
from pipelines.transforms.recommend import Prepared, Ranked, prepare, rank_batch
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
    frame, judged, _, _ = rank_all(profiles, tables)
    return frame, judged


def rank_all(profiles: list[Profile], tables: dict[str, pl.DataFrame], lists: bool = False
             ) -> tuple[pl.DataFrame, pl.DataFrame, Ranked, Prepared]:
    """rank_batch on the published tables: (recommendations with program names, places and verify
    lists; their verdicts; everything rank_batch gives, plans included; the prepared tables)."""
    prep = prepare(tables["programs"], tables["indicators"], tables["facts"])
    ranked = rank_batch(tables["programs"], tables["indicators"], tables["facts"], profiles, prepared=prep, lists=lists)
    recs, judged = ranked.recommendations, ranked.verdicts
    out = recs.join(tables["programs"].select(PROGRAM_COLUMNS), on="program_id", how="left", maintain_order="left")
    out = out.join(verify_list(judged), on=["applicant_id", "program_id"], how="left", maintain_order="left")
    return out.with_columns(pl.col("verify").fill_null([])), judged, ranked, prep


def plan_lists(ranked: Ranked, tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """The plans' list rows with the programs' names, places and websites (for reports and JSON)."""
    display = tables["programs"].select("program_id", "name", "city", "website")
    return ranked.lists.join(display, on="program_id", how="left", maintain_order="left")


def documents(profiles: list[Profile], frame: pl.DataFrame, judged: pl.DataFrame, ranked: Ranked,
              lists: pl.DataFrame, as_of) -> list[dict]:
    """`gme recommend --format json`: one document per profile (CONTRACT "Recommendations"):
    the profile, its sections (specialty, role, plan), the plans with their suggested lists, and
    the recommended rows with their verdicts and verify lists."""
    from pipelines.transforms.plans import why

    names = specialty_names()
    rows = jsonl_rows(frame, judged)
    plans = ranked.plans.to_dicts()
    listed = lists.filter(pl.col("in_plan")).sort("_k", "list_position") if lists is not None else None
    keep = ("list_position", "program_id", "name", "city", "state", "website", "tier", "match_probability",
            "p_interview", "p_list")
    out = []
    for p in profiles:
        mine = [r for r in rows if r["applicant_id"] == p.applicant_id]
        my_plans = []
        for plan in (x for x in plans if x["applicant_id"] == p.applicant_id):
            entries = []
            if listed is not None:
                part = listed.filter((pl.col("applicant_id") == p.applicant_id)
                                     & (pl.col("specialty_code") == plan["specialty_code"]) & (pl.col("role") == plan["role"]))
                entries = [{**{k: r.get(k) for k in keep}, "why": why(r)} for r in part.iter_rows(named=True)]
            my_plans.append({**plan, "specialty": names.get(plan["specialty_code"]), "list": entries})
        sections = [{"specialty_code": code, "specialty": names.get(code), "role": role,
                     "recommended": sum(1 for r in mine if r["specialty_code"] == code and r["role"] == role),
                     "plan": next(({k: x[k] for k in ("suggested_applications", "p_match_if_followed", "warning")}
                                   for x in my_plans if x["specialty_code"] == code and x["role"] == role), None)}
                    for code, role in p.sections()]
        out.append({"profile": p.model_dump(mode="json"), "as_of": str(as_of), "sections": sections, "plans": my_plans,
                    "recommendations": mine})
    return out


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


def render_table(frame: pl.DataFrame, profile: Profile, judged: pl.DataFrame | None = None,
                 plans: pl.DataFrame | None = None) -> str:
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
        plan = None if plans is None else plans.filter(
            (pl.col("applicant_id") == profile.applicant_id) & (pl.col("specialty_code") == code) & (pl.col("role") == role))
        if plan is not None and plan.height:
            q = plan.row(0, named=True)
            lines.append(f"   plan: apply to {q['suggested_applications']} of {q['eligible_programs']} eligible programs "
                         f"for about {q['p_match_if_followed']:.0%} chance of matching (budget {q['max_applications']})")
            if q["warning"]:
                lines.append(f"   WARNING: {q['warning']}")
        if section.height == 0:
            lines.append("   none fits this profile")
            continue
        lines.append(f"{'#':>3}  {'tier':<7} {'chance':>6} {'score':>5}  {'program':<58} {'place':<22}")
        for row in section.iter_rows(named=True):
            place = f"{row['city'] or ''}, {row['state'] or ''}"
            name = (row["name"] or row["program_id"])[:58]
            lines.append(f"{row['rank']:>3}  {row['tier']:<7} {row['match_probability']:>6.0%} {row['score']:>5.1f}  "
                         f"{name:<58} {place[:22]:<22}")
            lines.append(f"{'':>24} {row['reasons']}")
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
