"""The HTML report of an application plan: one self-contained file (inline SVG charts, CSS, a CSV data: URI; no network).

Sections: a summary, a tier legend, per specialty and role the plan (chance, size, warning),
four charts (chance against number of applications, tier mix, regions, the applicant's score
against programs' stated minimums and preferred scores), the list with each row linked to the
program's site and each verdict to the page it rests on, and a "verify before applying" checklist.
"""

from __future__ import annotations

import base64
import html
import os
from datetime import date
from pathlib import Path

import polars as pl

from pipelines.transforms.match_model import tier_legend

TIER_COLOURS = {"safety": "#2e7d32", "target": "#1565c0", "reach": "#c62828"}
RULE_NAMES = {
    "min_score": "score minimum", "visa": "visa sponsorship", "graduation": "years since graduation",
    "attempts": "exam attempts", "usce": "US clinical experience", "ecfmg": "ECFMG certification timing",
    "comlex": "COMLEX accepted", "imgs": "considers IMGs",
}
CSV_COLUMNS = ("applicant_id", "specialty_code", "role", "rank", "program_id", "name", "institution", "city",
               "state", "tier", "match_probability", "p_interview", "website", "why")
esc = html.escape


class ReportPathError(ValueError):
    """`--report FILE` cannot be written (a missing folder, a directory, no permission): one line."""


def check_report_path(path: str | Path) -> None:
    """Raise ReportPathError unless a report can be written at `path` (checked before any output)."""
    target = Path(path)
    folder = target.parent
    if target.is_dir():
        raise ReportPathError(f"--report {path}: is a directory; give a file name such as plan.html")
    if not folder.exists():
        raise ReportPathError(f"--report {path}: the folder {folder} does not exist (create it first)")
    if not folder.is_dir():
        raise ReportPathError(f"--report {path}: {folder} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise ReportPathError(f"--report {path}: no permission to write there")


def _svg(width: int, height: int, body: str, title: str) -> str:
    return (f'<svg class="chart" role="img" aria-label="{esc(title)}" xmlns="http://www.w3.org/2000/svg" '
            f'width="{width}" height="{height}" viewBox="0 0 {width} {height}"><title>{esc(title)}</title>{body}</svg>')


def chance_curve(curve: list[float], suggested: int, title: str) -> str:
    """Chance of matching (y, 0-100%) against the number of applications (x)."""
    w, h, left, bottom = 420, 220, 40, 30
    n = max(len(curve), 1)
    x = lambda i: left + (w - left - 10) * (i / n)  # noqa: E731
    y = lambda p: (h - bottom) - (h - bottom - 10) * p  # noqa: E731
    pts = " ".join(f"{x(i + 1):.1f},{y(p):.1f}" for i, p in enumerate(curve))
    grid = "".join(f'<line x1="{left}" x2="{w - 10}" y1="{y(g):.1f}" y2="{y(g):.1f}" stroke="#ddd"/>'
                   f'<text x="4" y="{y(g) + 4:.1f}" font-size="10">{g:.0%}</text>' for g in (0, .25, .5, .75, 1))
    mark = ""
    if curve and 1 <= suggested <= len(curve):
        mark = (f'<line x1="{x(suggested):.1f}" x2="{x(suggested):.1f}" y1="10" y2="{h - bottom}" stroke="#888" stroke-dasharray="4"/>'
                f'<circle cx="{x(suggested):.1f}" cy="{y(curve[suggested - 1]):.1f}" r="4" fill="#000"/>'
                f'<text x="{x(suggested) - 4:.1f}" y="20" font-size="10" text-anchor="end">{suggested} applications: {curve[suggested - 1]:.0%}</text>')
    axis = (f'<text x="{w / 2:.0f}" y="{h - 5}" font-size="10" text-anchor="middle">number of applications (1-{n})</text>')
    line = f'<polyline fill="none" stroke="#1565c0" stroke-width="2" points="{pts}"/>' if pts else ""
    return _svg(w, h, grid + line + mark + axis, title)


def bars(counts: dict[str, int], title: str, colours: dict[str, str] | None = None) -> str:
    """Horizontal bars, one per key."""
    w, row = 420, 24
    h = row * max(len(counts), 1) + 20
    top = max(counts.values(), default=1) or 1
    body = ""
    for i, (k, v) in enumerate(counts.items()):
        length = 260 * v / top
        colour = (colours or {}).get(k, "#6a1b9a")
        body += (f'<text x="0" y="{i * row + 16}" font-size="11">{esc(str(k))}</text>'
                 f'<rect x="130" y="{i * row + 4}" width="{length:.1f}" height="16" fill="{colour}"/>'
                 f'<text x="{134 + length:.1f}" y="{i * row + 16}" font-size="11">{v}</text>')
    return _svg(w, h, body, title)


def score_strip(score: float | None, minimums: list[int], preferred: list[int], title: str) -> str:
    """Programs' stated minimums (dots) and preferred scores (rings) on a 200-280 axis, the applicant's score as a line."""
    w, h, lo, hi = 420, 110, 200, 280
    x = lambda s: 20 + (w - 40) * (min(max(s, lo), hi) - lo) / (hi - lo)  # noqa: E731
    body = f'<line x1="20" x2="{w - 20}" y1="80" y2="80" stroke="#444"/>'
    body += "".join(f'<text x="{x(t):.1f}" y="96" font-size="10" text-anchor="middle">{t}</text>' for t in range(lo, hi + 1, 20))
    for i, m in enumerate(minimums):
        body += f'<circle cx="{x(m):.1f}" cy="{60 - (i % 5) * 6}" r="3" fill="#c62828" opacity="0.7"/>'
    for i, m in enumerate(preferred):
        body += f'<circle cx="{x(m):.1f}" cy="{30 - (i % 4) * 5}" r="3" fill="none" stroke="#1565c0"/>'
    if score is not None:
        body += (f'<line x1="{x(score):.1f}" x2="{x(score):.1f}" y1="5" y2="80" stroke="#000" stroke-width="2"/>'
                 f'<text x="{x(score) + 4:.1f}" y="12" font-size="10">you: {score:.0f}</text>')
    body += (f'<text x="20" y="108" font-size="10">filled: stated minimums ({len(minimums)}); rings: preferred scores '
             f'({len(preferred)})</text>')
    return _svg(w, h + 5, body, title)


def _specialty(code: str) -> str:
    try:
        from pipelines.transforms.profile import specialty_names

        return specialty_names().get(code, "specialty")
    except Exception:  # the names file is optional for the report: the code is shown anyway
        return "specialty"


def _link(url: str | None, text: str) -> str:
    if not url:
        return esc(text)
    return f'<a href="{esc(url, quote=True)}" rel="noopener">{esc(text)}</a>'


def render_report(profile, plans: pl.DataFrame, lists: pl.DataFrame, verdict_rows: pl.DataFrame | None = None,
                  data_date: date | None = None, conflicts: int | None = None) -> str:
    """The whole report for one profile as one HTML string (see `render_reports` for several)."""
    return render_reports([(profile, plans, lists, verdict_rows)], data_date, conflicts)


def render_reports(items: list, data_date: date | None = None, conflicts: int | None = None) -> str:
    """One self-contained HTML file with one section per profile (a contents list first when
    there are several). items: (profile, plans, lists, verdict_rows) per profile."""
    bodies = [_profile_body(*item, data_date=data_date, conflicts=conflicts, prefix=(f"{item[0].applicant_id}-"
                                                                                      if len(items) > 1 else ""))
              for item in items]
    if len(items) == 1:
        title = f"Application plan for {items[0][0].applicant_id}"
        page = bodies[0]
    else:
        title = f"Application plans for {len(items)} applicants"
        toc = "".join(f'<li><a href="#{esc(i[0].applicant_id)}">{esc(i[0].applicant_id)}</a></li>' for i in items)
        page = (f"<h1>{esc(title)}</h1><nav><ol>{toc}</ol></nav>"
                + "".join(f'<article id="{esc(i[0].applicant_id)}">{b}</article>' for i, b in zip(items, bodies)))
    return _page(title, page)


def _profile_body(profile, plans: pl.DataFrame, lists: pl.DataFrame, verdict_rows: pl.DataFrame | None = None,
                  data_date: date | None = None, conflicts: int | None = None, prefix: str = "") -> str:
    """One profile's sections (element ids start with `prefix`, so several fit in one file)."""
    """The whole report as one HTML string. `lists` are plans.plans_and_lists rows (with program
    columns); `verdict_rows` are marts.recommendation_verdicts rows for this applicant."""
    from pipelines.transforms.plans import why

    title = f"Application plan for {profile.applicant_id}"
    # primaries first, in the profile's order of preference, then backups
    order = {c: i for i, c in enumerate(list(profile.specialties) + list(getattr(profile, "backup_specialties", []) or []))}
    plans = plans.with_columns(pl.col("specialty_code").replace_strict(order, default=99, return_dtype=pl.Int32).alias("_o")) \
        .sort([pl.col("role") != "primary", "_o"]).drop("_o")
    planned = lists.filter(pl.col("in_plan")) if "in_plan" in lists.columns else lists
    vrows = verdict_rows if verdict_rows is not None else pl.DataFrame(
        schema={"program_id": pl.String, "rule": pl.String, "verdict": pl.String, "url": pl.String, "evidence": pl.String})
    by_program: dict[str, list[dict]] = {}
    for v in vrows.iter_rows(named=True):
        by_program.setdefault(v["program_id"], []).append(v)
    eligible = int(plans["eligible_programs"].sum()) if plans.height else 0
    stated = int(plans["fully_stated_programs"].sum()) if plans.height else 0
    parts = [f"<h1>{esc(title)}</h1>"]
    if getattr(profile, "description", None):
        parts.append(f"<p>{esc(profile.description)}</p>")
    parts.append(f'<section id="{prefix}summary"><h2>Summary</h2><ul>'
                 f"<li>{eligible} eligible programs (no stated rule rules you out), {stated} of them state every rule we check</li>"
                 + (f"<li>{conflicts} programs whose directory and website disagree</li>" if conflicts is not None else "")
                 + f"<li>data as of {esc(str(data_date or 'unknown'))}</li>"
                 + "".join(f"<li><b>{esc(r['role'])} {esc(r['specialty_code'])}</b>: apply to {r['suggested_applications']}"
                           f" programs for about {r['p_match_if_followed']:.0%} chance of matching"
                           + (f' <span class="warning">{esc(r["warning"])}</span>' if r["warning"] else "") + "</li>"
                           for r in plans.iter_rows(named=True))
                 + "</ul></section>")
    parts.append(f'<section id="{prefix}legend"><h2>Tiers</h2><ul>' + "".join(
        f'<li><span class="tier {t}">{t}</span> {esc(text)}</li>' for t, text in tier_legend()) + "</ul>"
        "<p>The chance at one program is the chance of an interview times the chance that one interview "
        "becomes a match; the chance over a list counts correlated applications as fewer independent ones "
        "(pipelines/data/calibration.yaml lists every constant and its source).</p></section>")
    score = lists["step2"].drop_nulls().first() if "step2" in lists.columns and lists.height else None
    for plan in plans.iter_rows(named=True):
        sel = (pl.col("specialty_code") == plan["specialty_code"]) & (pl.col("role") == plan["role"])
        curve_rows = lists.filter(sel).sort("rank")
        rows = planned.filter(sel).sort("rank")
        sid = f"{prefix}{plan['role']}-{plan['specialty_code']}"
        parts.append(f'<section class="specialty" id="{esc(sid)}"><h2>{esc(plan["role"].title())}: '
                     f'{esc(_specialty(plan["specialty_code"]))} ({esc(plan["specialty_code"])})</h2>')
        if plan["warning"]:
            parts.append(f'<p class="warning">{esc(plan["warning"])}</p>')
        parts.append(f"<p>Suggested: {plan['suggested_applications']} applications (budget {plan['max_applications']}),"
                     f" about {plan['p_match_if_followed']:.0%} chance of matching if followed; "
                     f"{plan['eligible_programs']} eligible programs.</p><div class=charts>")
        parts.append(chance_curve(curve_rows["p_list"].to_list(), plan["suggested_applications"],
                                  f"Chance of matching against number of applications, {sid}"))
        tiers = dict(zip(*rows["tier"].value_counts(sort=True).to_dict(as_series=False).values())) if rows.height else {}
        parts.append(bars({t: tiers.get(t, 0) for t in ("safety", "target", "reach")}, f"Tier mix, {sid}", TIER_COLOURS))
        regions = rows["region"].fill_null("other").value_counts(sort=True) if rows.height else None
        parts.append(bars(dict(zip(*regions.to_dict(as_series=False).values())) if regions is not None else {},
                          f"Programs per region, {sid}"))
        mins = rows["min_step2ck"].drop_nulls().to_list() if "min_step2ck" in rows.columns else []
        prefs = rows["preferred_step2ck"].drop_nulls().to_list() if "preferred_step2ck" in rows.columns else []
        parts.append(score_strip(score, mins, prefs, f"Your score against stated and preferred scores, {sid}"))
        parts.append("</div><table><thead><tr><th>#</th><th>tier</th><th>chance</th><th>program</th><th>place</th>"
                     "<th>why</th><th>verdicts</th></tr></thead><tbody>")
        for r in rows.iter_rows(named=True):
            verdicts = " ".join(
                f'<span class="verdict {esc(v["verdict"])}">' + _link(v.get("url"), f'{RULE_NAMES.get(v["rule"], v["rule"])}: {v["verdict"]}')
                + "</span>" for v in by_program.get(r["program_id"], []))
            parts.append(f'<tr><td>{r["rank"]}</td><td><span class="tier {r["tier"]}">{r["tier"]}</span></td>'
                         f'<td>{r["match_probability"]:.0%}</td><td>{_link(r.get("website"), r.get("name") or r["program_id"])}</td>'
                         f'<td>{esc(str(r.get("city") or ""))}, {esc(str(r.get("state") or ""))}</td>'
                         f"<td>{esc(why(r))}</td><td>{verdicts}</td></tr>")
        parts.append("</tbody></table></section>")
    unknown = [(pid, v) for pid, vs in by_program.items() for v in vs if v["verdict"] in ("unknown", "conditional", "at_limit")]
    names = dict(zip(planned["program_id"], planned["name"])) if "name" in planned.columns else {}
    parts.append(f'<section id="{prefix}verify"><h2>Verify before applying</h2><ul class="checklist">'
                 "<li>Read each program's own eligibility page: our data can be out of date.</li>"
                 "<li>Confirm the visa the program sponsors this year, in writing, if you need one.</li>"
                 "<li>Check score, attempt and graduation-year rules against your transcript.</li>"
                 + "".join(f"<li>{esc(names.get(pid, pid))}: {esc(RULE_NAMES.get(v['rule'], v['rule']))} is "
                           f"{esc(v['verdict'])}" + (" (" + _link(v.get("url"), "page") + ")" if v.get("url") else "") + "</li>"
                           for pid, v in unknown[:200])
                 + "</ul></section>")
    csv_frame = planned.with_columns(pl.Series("why", [why(r) for r in planned.iter_rows(named=True)], dtype=pl.String)) \
        if planned.height else planned.with_columns(pl.lit(None, dtype=pl.String).alias("why"))
    csv = csv_frame.select([c for c in CSV_COLUMNS if c in csv_frame.columns]).write_csv()
    uri = "data:text/csv;base64," + base64.b64encode(csv.encode()).decode()
    parts.append(f'<p><a id="{prefix}csv" download="{esc(profile.applicant_id)}-plan.csv" href="{uri}">Download the list as CSV</a></p>')
    return "".join(parts)


def _page(title: str, body: str) -> str:
    style = ("body{font-family:system-ui,sans-serif;margin:2em;max-width:1200px}table{border-collapse:collapse;width:100%}"
             "td,th{border:1px solid #ccc;padding:3px 6px;vertical-align:top;font-size:13px}th{background:#eee}"
             ".charts{display:flex;flex-wrap:wrap;gap:12px}.chart{border:1px solid #eee;background:#fff}"
             ".tier{color:#fff;padding:0 4px;border-radius:3px}.safety{background:#2e7d32}.target{background:#1565c0}"
             ".reach{background:#c62828}.warning{color:#b71c1c;font-weight:bold}.verdict{display:inline-block;margin:1px;"
             "font-size:11px}.verdict.pass a{color:#2e7d32}.verdict.unknown a,.verdict.conditional a{color:#e65100}")
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{esc(title)}</title>'
            f"<style>{style}</style></head><body>{body}</body></html>\n")

