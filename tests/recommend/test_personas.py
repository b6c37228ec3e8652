"""What a careful adviser expects for the guide's personas, on small hand-made programs and facts (fast).

Each test builds the few programs that matter, ranks one profile from examples/ (or a variant of
it) and checks who is excluded and why, and what is flagged.
"""

from datetime import date
from pathlib import Path

import polars as pl

from pipelines.transforms.profile import load_profile
from pipelines.transforms.recommend import recommend_with_verdicts
from pipelines.transforms.verdicts import eligible, exclusions, verdicts
from tests.recommend.frames import World

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
AS_OF = date(2026, 11, 20)


def persona(name: str, **changes):
    profile = load_profile(EXAMPLES / f"{name}.yaml")
    return profile.model_copy(update=changes) if changes else profile


def run(world: World, profile):
    programs, facts, indicators = world.frames()
    recs, judged = recommend_with_verdicts(programs, indicators, profile, AS_OF, facts)
    everything = verdicts(programs, facts, profile, AS_OF)
    return recs, judged, everything


def verdict(frame: pl.DataFrame, pid: str, rule: str) -> dict:
    return frame.filter((pl.col("program_id") == pid) & (pl.col("rule") == rule)).row(0, named=True)


def test_new_non_us_img_needing_h1b_without_step3():
    w = World()
    yes = w.program("1400000001", h1b_visa="yes", accepts_imgs=True)
    transfer = w.program("1400000002", h1b_visa="conditional", accepts_imgs=True, evidence={
        "h1b_visa": "H-1B visas are sponsored only for residents transferring from another ACGME-accredited program."})
    f1 = w.program("1400000003", h1b_visa="conditional", evidence={
        "h1b_visa": "H-1B sponsorship is limited to graduates of US medical schools who are in F-1 student status."})
    step3 = w.program("1400000004", h1b_visa="conditional", evidence={
        "h1b_visa": "H-1B sponsorship is available only to applicants who have passed USMLE Step 3 by January 31."})
    no = w.program("1400000005", h1b_visa="no", j1_visa="yes")
    recs, judged, everything = run(w, persona("non-us-img-h1b"))
    listed = set(recs["program_id"])
    assert yes in listed and step3 in listed
    assert not listed & {transfer, f1, no}
    assert verdict(everything, transfer, "visa")["condition"].startswith("transfer_only")
    assert verdict(everything, f1, "visa")["condition"].startswith("us_graduates_only")
    s3 = verdict(judged, step3, "visa")
    assert s3["verdict"] == "conditional" and "January 31" in s3["condition"]
    reasons = recs.filter(pl.col("program_id") == step3)["reasons"][0]
    assert "January 31" in reasons
    # the same applicant once Step 3 is passed, and a transfer applicant, are judged differently
    _, _, passed = run(w, persona("non-us-img-h1b", step3="passed", transfer=True))
    assert verdict(passed, step3, "visa")["verdict"] == "pass" and verdict(passed, transfer, "visa")["verdict"] == "pass"
    assert "visa: H-1B: no" in exclusions(everything).filter(pl.col("program_id") == no)["reasons"][0]


def test_us_graduate_without_usce_months_is_treated_as_having_us_experience():
    w = World()
    required = w.program("1400000001", usce="required")
    w.program("1400000002", usce="preferred")
    w.program("1400000003")
    profile = persona("us-md-im-improved").model_copy(update={"failed_attempts": 0, "failed_exams": []})
    without, judged, _ = run(w, profile)
    with_12, _, _ = run(w, profile.model_copy(update={"usce_months": 12}))
    assert without["program_id"].to_list() == with_12["program_id"].to_list()
    assert required in set(without["program_id"])
    assert verdict(judged, required, "usce")["verdict"] == "pass"


def test_comlex_only_do_is_flagged_where_comlex_is_not_mentioned_and_excluded_where_usmle_is_required():
    w = World()
    silent = w.program("1400000001", min_step2ck=225)
    usmle_only = w.program("1400000002", comlex_accepted=False)
    comlex_ok = w.program("1400000003", comlex_accepted=True, min_comlex2=500, min_step2ck=230)
    recs, judged, everything = run(w, persona("us-do-comlex-only"))
    listed = set(recs["program_id"])
    assert silent in listed and comlex_ok in listed and usmle_only not in listed
    flag = verdict(judged, silent, "comlex")
    assert flag["verdict"] == "unknown" and "verify" in flag["condition"]
    assert any("comlex" in item for item in recs.filter(pl.col("program_id") == silent)["reasons"])
    assert verdict(judged, comlex_ok, "min_score")["verdict"] == "pass"  # COMLEX 560 over the 500 COMLEX minimum
    assert verdict(everything, usmle_only, "comlex")["verdict"] == "fail"


def test_do_with_both_exams_meets_a_program_on_either_accepted_exam():
    w = World()
    either = w.program("1100000001", min_step2ck=240, min_comlex2=550, comlex_accepted=True)
    usmle = w.program("1100000002", min_step2ck=240, comlex_accepted=False)
    recs, _, everything = run(w, persona("us-do-both-exams"))
    assert either in set(recs["program_id"])            # COMLEX 590 over 550, and COMLEX is accepted
    assert verdict(everything, usmle, "min_score")["verdict"] == "fail"  # Step 2 CK 232 under 240


def test_preferred_scores_are_shown_and_never_exclude():
    w = World()
    pid = w.program("1200000001", score_minimum_policy="none", preferred={"min_step2ck": 240})
    recs, judged, _ = run(w, persona("us-md-fm-mission"))
    assert recs["program_id"].to_list() == [pid]
    row = verdict(judged, pid, "min_score")
    assert row["verdict"] == "pass" and row["condition"] == "prefers Step 2 CK 240+; you: 221"
    assert "prefers Step 2 CK 240+; you: 221" in recs["reasons"][0]


def test_graduation_is_counted_to_the_date_the_program_names_and_the_limit_is_at_limit():
    w = World()
    application = w.program("1400000001", yog_max_years=5, evidence={
        "yog_max_years": "Applicants must have graduated within the last 5 years."})
    start = w.program("1400000002", yog_max_years=5, evidence={
        "yog_max_years": "Applicants must be within 5 years of graduation at the start of training."})
    short = w.program("1400000003", yog_max_years=3)
    excepted = w.program("1400000004", yog_max_years=3, evidence={
        "yog_max_years": "Yes, three years, with exceptions for applicants in continuous clinical practice."})
    recs, judged, everything = run(w, persona("img-at-limit"))  # graduated 2021-06-15
    assert verdict(judged, application, "graduation")["verdict"] == "at_limit"
    assert recs.filter(pl.col("program_id") == application)["tier"][0] == "reach"
    assert verdict(everything, start, "graduation")["verdict"] == "fail"  # 6 whole years by 2027-07-01
    assert verdict(everything, short, "graduation")["verdict"] == "fail"
    assert verdict(judged, excepted, "graduation")["verdict"] == "conditional"  # a stated exception is no stated fail
    assert set(recs["program_id"]) == {application, excepted}


def test_img_eleven_years_out_with_a_failed_step1_and_no_usce():
    w = World()
    first_attempt = w.program("1400000001", attempts_policy="first_attempt_only", j1_visa="yes")
    needs_usce = w.program("1400000002", usce="required", j1_visa="yes")
    ten_years = w.program("1400000003", yog_max_years=10, j1_visa="yes")
    open_door = w.program("1200000004", attempts_policy="no_limit", yog_max_years=0, usce="not_required",
                          j1_visa="yes", accepts_imgs=True, score_minimum_policy="none")
    silent = w.program("1200000005")
    recs, judged, everything = run(w, persona("img-eleven-years"))
    assert set(recs["program_id"]) == {open_door, silent}
    why = dict(exclusions(everything).iter_rows())
    assert "attempts" in why[first_attempt] and "usce" in why[needs_usce] and "graduation" in why[ten_years]
    # the silent program is kept, with what to verify before applying
    unknown = set(judged.filter((pl.col("program_id") == silent) & (pl.col("verdict") == "unknown"))["rule"])
    assert {"visa", "graduation", "attempts", "usce", "imgs"} <= unknown
    assert set(judged.filter(pl.col("program_id") == open_door)["verdict"]) == {"pass"}


def test_backup_specialty_is_its_own_section_ranked_separately():
    w = World()
    derm = [w.program(f"08000000{i:02d}", score_minimum_policy="none") for i in range(3)]
    im = [w.program(f"14000000{i:02d}", score_minimum_policy="none") for i in range(4)]
    recs, judged, _ = run(w, persona("derm-im-backup"))
    sections = {k: v for k, v in recs.group_by("specialty_code", "role")}
    assert set(sections) == {("080", "primary"), ("140", "backup")}
    assert sorted(sections[("080", "primary")]["rank"]) == [1, 2, 3]
    assert sorted(sections[("140", "backup")]["rank"]) == [1, 2, 3, 4]
    assert set(sections[("080", "primary")]["program_id"]) == set(derm)
    assert set(judged.filter(pl.col("role") == "backup")["program_id"]) == set(im)


def test_a_failing_score_is_excluded_and_no_score_is_not_a_silent_pass():
    w = World()
    high = w.program("0800000001", min_step2ck=250)
    ok = w.program("0800000002", min_step2ck=240)
    recs, judged, _ = run(w, persona("derm-im-backup"))  # Step 2 CK 244
    assert recs["program_id"].to_list() == [ok]
    assert verdict(judged, ok, "min_score")["verdict"] == "pass"
    recs, judged, _ = run(w, persona("derm-im-backup", step2ck=None, step2ck_date=None))
    assert set(recs["program_id"]) == {high, ok}
    assert set(judged.filter(pl.col("rule") == "min_score")["verdict"]) == {"unknown"}


def test_every_stated_verdict_of_a_recommended_program_carries_url_and_quote():
    w = World()
    w.program("1400000001", h1b_visa="yes", accepts_imgs=True, min_step2ck=220, usce="preferred",
              attempts_policy="no_limit", yog_max_years=5, ecfmg_cert_required="by_rank")
    w.program("1400000002", h1b_visa="conditional", evidence={"h1b_visa": "H-1B only with Step 3 passed by February 1."})
    recs, judged, _ = run(w, persona("non-us-img-h1b"))
    assert recs.height == 2
    stated = judged.filter((pl.col("verdict") != "unknown") & pl.col("program_value").is_not_null())
    assert stated.height >= 7
    assert stated.filter(pl.col("url").is_null() | pl.col("evidence").is_null()).height == 0


def test_eligible_is_the_programs_without_a_fail():
    w = World()
    w.program("1400000001", accepts_imgs=False)
    keep = w.program("1400000002", accepts_imgs=True)
    programs, facts, _ = w.frames()
    judged = verdicts(programs, facts, persona("non-us-img-h1b"), AS_OF)
    assert judged.height == 2 * 8
    assert eligible(judged)["program_id"].to_list() == [keep]


def test_setting_and_region_preferences_shape_the_list_and_exclude_only_when_only_is_set():
    w = World()
    uni = w.program("1200000001", setting="University-based", state="NY")
    community = w.program("1200000002", setting="Community-based", state="NY")
    profile = persona("us-md-fm-mission")  # prefers community settings
    recs, _, _ = run(w, profile)
    assert recs.sort("rank")["program_id"].to_list() == [community, uni]
    strict = profile.model_copy(update={"preferences": profile.preferences.model_copy(update={"only": True})})
    recs, _, _ = run(w, strict)
    assert recs["program_id"].to_list() == [community]
    west = profile.model_copy(update={"preferences": profile.preferences.model_copy(
        update={"settings": [], "regions": ["west"], "only": True})})
    assert run(w, west)[0].height == 0


def test_a_legacy_step1_minimum_is_judged_on_a_numeric_step1_and_flagged_for_pass_fail():
    w = World()
    pid = w.program("1400000001", min_step1=230)
    legacy = persona("non-us-img-h1b", step1=225)
    assert verdict(run(w, legacy)[2], pid, "min_score")["verdict"] == "fail"
    row = verdict(run(w, persona("non-us-img-h1b"))[2], pid, "min_score")  # step1: pass
    assert row["verdict"] != "fail" and "pass/fail" in row["condition"]
