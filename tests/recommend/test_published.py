"""Against a real published warehouse (one `gme refresh --programs 300` on the sample web per module):
the marts and `gme recommend` agree, and the acceptance rules of issue 10 hold on real facts."""

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.recommend.published import published_env

pytestmark = pytest.mark.integration  # a real refresh of 300 sample programs per module

REPO = Path(__file__).resolve().parents[2]
GME = [sys.executable, "-m", "pipelines.cli"]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    return published_env(tmp_path_factory)  # one refresh per session, shared with test_batch and tests/plans


def gme(env, *args, check=True):
    return subprocess.run([*GME, *args], cwd=REPO, env=env, check=check, capture_output=True, text=True, timeout=120)


def sql(env, query):
    con = duckdb.connect(env["GME_WAREHOUSE"], read_only=True)
    try:
        return con.sql(query).fetchall()
    finally:
        con.close()


def test_recommended_rows_carry_verdicts_with_evidence_and_no_fail(warehouse):
    assert sql(warehouse, "SELECT count(*) FROM marts.recommendations")[0][0] > 0
    missing = sql(warehouse, """SELECT count(*) FROM marts.recommendations r WHERE 8 <> (SELECT count(*)
        FROM marts.recommendation_verdicts v WHERE v.applicant_id = r.applicant_id AND v.program_id = r.program_id)""")
    assert missing[0][0] == 0
    assert sql(warehouse, "SELECT count(*) FROM marts.recommendation_verdicts WHERE verdict = 'fail'")[0][0] == 0
    unsourced = sql(warehouse, """SELECT count(*) FROM marts.recommendation_verdicts WHERE verdict <> 'unknown'
        AND program_value IS NOT NULL AND (url IS NULL OR evidence IS NULL)""")
    assert unsourced[0][0] == 0


def test_gme_recommend_is_the_marts_code_path(warehouse):
    lines = gme(warehouse, "recommend", "--profile", str(REPO / "examples" / "us-do-comlex-only.yaml"),
                "--format", "jsonl").stdout.splitlines()
    printed = sorted((r["specialty_code"], r["role"], r["rank"], r["program_id"], r["score"])
                     for r in map(json.loads, lines))
    published = sorted(sql(warehouse, """SELECT specialty_code, role, rank, program_id, score
        FROM marts.recommendations WHERE applicant_id = 'us-do-comlex-only'"""))
    assert printed == published and printed
    first = json.loads(lines[0])
    assert {v["rule"] for v in first["verdicts"]} == {"min_score", "visa", "graduation", "attempts", "usce",
                                                       "ecfmg", "comlex", "imgs"}


def test_new_img_needing_h1b_gets_no_transfer_or_us_graduate_only_program(warehouse):
    kinds = sql(warehouse, """SELECT split_part(condition, ':', 1), verdict, condition FROM marts.recommendation_verdicts
        WHERE applicant_id = 'non-us-img-h1b' AND rule = 'visa' AND condition IS NOT NULL""")
    assert not [k for k in kinds if k[0] in ("transfer_only", "us_graduates_only")]
    assert all(v == "conditional" and " by " in c for k, v, c in kinds if k == "step3_by_date")


def test_us_graduate_without_usce_months_gets_the_list_with_12_months(warehouse, tmp_path):
    base = (REPO / "examples" / "us-md-fm-mission.yaml").read_text()
    with_usce = tmp_path / "with.yaml"
    with_usce.write_text(base + "usce_months: 12\n")
    a = gme(warehouse, "recommend", "--profile", str(REPO / "examples" / "us-md-fm-mission.yaml"), "--format", "jsonl")
    b = gme(warehouse, "recommend", "--profile", str(with_usce), "--format", "jsonl")
    ids = lambda out: [json.loads(line)["program_id"] for line in out.stdout.splitlines()]  # noqa: E731
    assert ids(a) == ids(b) and ids(a)


@pytest.mark.parametrize("extra, words", [
    ("step2ck: 212\nstep2ck_date: 2024-01-05\n", "214"),
    ("backup_specialties: ['141']\n", "141"),
    ("states: [ZZ]\n", "ZZ"),
])
def test_bad_profiles_exit_2_with_one_line(warehouse, tmp_path, extra, words):
    bad = tmp_path / "bad.yaml"
    bad.write_text("applicant_id: x\nspecialties: ['140']\nimg: true\ngraduation_year: 2020\n" + extra)
    proc = gme(warehouse, "recommend", "--profile", str(bad), check=False)
    assert proc.returncode == 2 and proc.stderr.strip().count("\n") == 0
    assert str(bad) in proc.stderr and words in proc.stderr
