"""The HTML report, rendered in headless Chromium: charts drawn, every verdict linked to its page, a CSV download."""

import base64
import re
import shutil
import subprocess
from pathlib import Path

import polars as pl
import pytest

from pipelines.report import render_report
from pipelines.transforms import plans as P

CHROMIUM = shutil.which("chromium")
FIELD_OF_RULE = {"visa": "h1b_visa", "min_score": "min_step2ck", "usce": "usce", "attempts": "attempts_policy"}


def _verdict_rows(lists: pl.DataFrame) -> pl.DataFrame:
    """Verdict rows for the listed programs, each pointing at the sample-web page that states the fact."""
    from sampleweb.site import build_site
    from sampleweb.world import build_world

    world = build_world()
    rows = []
    for r in lists.filter(pl.col("in_plan")).unique("program_id").iter_rows(named=True):
        site = build_site(world, world.by_id[r["program_id"]])
        for rule, field in FIELD_OF_RULE.items():
            urls = site.fact_urls.get(field) or []
            verdict = (r["visa_verdict"] or "unknown") if rule == "visa" else ("pass" if urls else "unknown")
            rows.append({"program_id": r["program_id"], "rule": rule, "verdict": verdict if urls else "unknown",
                         "url": urls[0] if urls else None, "evidence": None})
    return pl.DataFrame(rows, schema={"program_id": pl.String, "rule": pl.String, "verdict": pl.String,
                                      "url": pl.String, "evidence": pl.String})


@pytest.fixture(scope="module")
def report(programs, personas, tmp_path_factory):
    profile = personas["img_h1b"].model_copy(update={"backup_specialties": ["120"], "max_applications": 60})
    plans, lists = P.plans_and_lists(P.applicants_frame([profile]), programs)
    verdicts = _verdict_rows(lists)
    page = render_report(profile, plans, lists, verdicts)
    out = tmp_path_factory.mktemp("report") / "report.html"
    out.write_text(page, encoding="utf-8")
    return out, page, lists, verdicts


def test_report_is_self_contained_and_links_every_verdict(report):
    _, page, lists, verdicts = report
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="https?://', page)  # nothing fetched
    stated = verdicts.filter(pl.col("url").is_not_null())
    assert stated.height > 20
    for url in stated["url"].unique().to_list():
        assert f'href="{url}"' in page
    for site in lists.filter(pl.col("in_plan"))["website"].drop_nulls().unique().to_list():
        assert f'href="{site}"' in page
    csv = base64.b64decode(re.search(r'href="data:text/csv;base64,([^"]+)"', page).group(1)).decode()
    assert csv.count("\n") == lists.filter(pl.col("in_plan")).height + 1
    assert "Verify before applying" in page and "Tiers" in page


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install -y chromium)")
def test_report_renders_charts_in_headless_chromium(report, tmp_path):
    path, _, _, _ = report
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage",
             f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([CHROMIUM, *flags, "--dump-dom", path.as_uri()], capture_output=True, text=True,
                         timeout=120).stdout
    charts = re.findall(r'<svg class="chart".*?</svg>', dom, flags=re.S)
    assert len(charts) >= 3 * 2  # four per specialty section, two sections
    drawn = [c for c in charts if re.search(r"<(polyline|rect|circle)\b", c)]
    assert len(drawn) >= 6
    shot_tmp = tmp_path / "shot.png"
    subprocess.run([CHROMIUM, *flags, f"--screenshot={shot_tmp}", "--window-size=1280,2400", path.as_uri()],
                   capture_output=True, timeout=120)
    assert shot_tmp.exists() and shot_tmp.stat().st_size > 20_000  # a blank page is a few KB
    shutil.copyfile(shot_tmp, Path("/tmp/gme_plans_report_screenshot.png"))  # to look at by hand
