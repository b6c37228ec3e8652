"""The batch path (verdicts as Polars expressions over profile x program pairs, every profile at once)
gives exactly the verdicts of the one-profile path (verdicts._Judge, one profile at a time), on a
real published warehouse (one `gme refresh --programs 300`), for every persona in examples/ and
300 random profiles that vary every field the rules read."""

from pathlib import Path

import polars as pl
import pytest

from pipelines.recommend_view import load_tables
from pipelines.transforms import recommend as R
from pipelines.transforms import verdicts as V
from pipelines.transforms.profile import load_profile
from tests.recommend.frames import World
from tests.recommend.published import published_env
from tests.recommend.random_profiles import rich_profiles

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
COLUMNS = list(V.VERDICT_COLUMNS)


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    env = published_env(tmp_path_factory)
    return load_tables(Path(env["GME_WAREHOUSE"]))


@pytest.fixture(scope="module")
def profiles(tables):
    codes = tables["programs"]["specialty_code"].value_counts(sort=True)["specialty_code"].head(8).to_list()
    return [load_profile(p) for p in sorted(EXAMPLES.glob("*.yaml"))] + rich_profiles(300, codes)


def _batch_all_pairs(tables, profiles) -> pl.DataFrame:
    prep = R.prepare(tables["programs"], tables["indicators"], tables["facts"])
    applicants = V.applicant_frame(profiles, prep.as_of)
    pairs = applicants.lazy().join(prep.codes.lazy(), on="specialty_code").join(prep.texts.lazy(), on="program_id")
    return V.batch_rows(V.batch_wide(pairs, prep.as_of).collect(), prep.chosen)


@pytest.mark.slow
def test_batch_verdicts_are_the_one_profile_verdicts(tables, profiles):
    batch = _batch_all_pairs(tables, profiles).select(COLUMNS)
    one = pl.concat([V.verdicts(tables["programs"], tables["facts"], p) for p in profiles]).select(COLUMNS)
    assert batch.height == one.height > 10_000
    key = ["applicant_id", "program_id", "rule"]
    assert batch.sort(key).equals(one.sort(key))
    # the random profiles reach every verdict (the comparison is not vacuous)
    assert set(batch["verdict"]) == set(V.VERDICTS)
    # and the codes used to rank and plan are the same verdicts
    prep = R.prepare(tables["programs"], tables["indicators"], tables["facts"])
    codes = V.batch_codes(V.applicant_frame(profiles, prep.as_of).lazy().join(prep.codes.lazy(), on="specialty_code"),
                          prep.as_of).collect()
    long = codes.unpivot(index=["applicant_id", "program_id"], on=[f"v_{r}" for r in V.RULES], variable_name="rule",
                         value_name="verdict").with_columns(pl.col("rule").str.strip_prefix("v_"), pl.col("verdict").cast(pl.String))
    assert long.sort(key).select(*key, "verdict").equals(one.sort(key).select(*key, "verdict"))


@pytest.mark.slow
def test_many_profiles_at_once_rank_as_one_at_a_time(tables, profiles):
    sample = profiles[:40]
    together = R.rank_batch(tables["programs"], tables["indicators"], tables["facts"], sample, chunk=7)
    alone = [R.rank_batch(tables["programs"], tables["indicators"], tables["facts"], [p]) for p in sample]
    assert together.recommendations.equals(pl.concat([a.recommendations for a in alone]))
    assert together.verdicts.equals(pl.concat([a.verdicts for a in alone]))
    assert together.plans.equals(pl.concat([a.plans for a in alone]))
    assert together.recommendations.height > 100 and together.verdicts.filter(pl.col("verdict") == "fail").height == 0


def test_attempts_are_judged_per_exam_where_the_program_counts_per_exam():
    w = World()
    per_exam = w.program("1400000001", attempts_policy="max_attempts_2", evidence={
        "attempts_policy": "No more than two attempts on any USMLE Step are allowed."})
    total = w.program("1400000002", attempts_policy="max_attempts_2", evidence={
        "attempts_policy": "Applicants may have no more than two attempts."})
    step2_only = w.program("1400000003", attempts_policy="first_attempt_only", evidence={
        "attempts_policy": "Step 2 CK must be passed on the first attempt."})
    every = w.program("1400000004", attempts_policy="first_attempt_only", evidence={
        "attempts_policy": "All USMLE Steps must be passed on the first attempt."})
    programs, facts, _ = w.frames()
    profile = load_profile(EXAMPLES / "us-md-im-improved.yaml").model_copy(
        update={"failed_attempts": 2, "failed_exams": ["step1", "step3"]})
    judged = V.verdicts(programs, facts, profile)
    got = {r["program_id"]: r for r in judged.filter(pl.col("rule") == "attempts").iter_rows(named=True)}
    assert got[per_exam]["verdict"] == "pass" and "per exam" in got[per_exam]["condition"]  # one failure on each
    assert got[total]["verdict"] == "fail"  # no per-exam wording: counted as if both were on one exam
    assert got[step2_only]["verdict"] == "pass" and "Step 2 CK" in got[step2_only]["condition"]
    assert got[every]["verdict"] == "fail"
    one_exam = V.verdicts(programs, facts, profile.model_copy(update={"failed_exams": ["step1"]}))
    assert one_exam.filter((pl.col("program_id") == per_exam) & (pl.col("rule") == "attempts"))["verdict"][0] == "fail"
