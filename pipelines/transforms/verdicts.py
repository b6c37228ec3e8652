"""Per-rule eligibility verdicts for one applicant: what each program states, what the applicant has, and the evidence.

`verdicts(programs, facts, profile, as_of)` gives one row per program and rule (`RULES`) with a
verdict of pass / fail / at_limit / conditional / unknown, the program's value, the applicant's,
the condition, and the source, URL, quote and seen date of the selected fact it rests on
(core.program_facts). Only a `fail` excludes (`eligible`); unknowns become a "verify before
applying" list (`verify_list`). Pure functions of their inputs: the plans code builds on them.

Date rules (documented because they decide verdicts):
- graduation: years are counted from the graduation date (a bare graduation_year counts as
  June 1) to the date the program names: the application (`as_of`) or the start of training
  (the first July 1 at least six months after `as_of`). Fewer than N whole years: pass; N whole
  years (N <= years < N + 1, or exactly N): at_limit, as programs that count calendar years would
  still take the applicant; more: fail.
- as_of: `as_of_for(programs)` is the date the programs were published (max updated_at), so the
  published marts and `gme recommend` on that warehouse judge with the same date.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import polars as pl

from pipelines.transforms.profile import Profile

RULES = ("min_score", "visa", "graduation", "attempts", "usce", "ecfmg", "comlex", "imgs")
VERDICTS = ("pass", "fail", "at_limit", "conditional", "unknown")
VERDICT_COLUMNS = {
    "applicant_id": pl.String, "program_id": pl.String, "specialty_code": pl.String, "role": pl.String,
    "rule": pl.String, "verdict": pl.String, "program_value": pl.String, "applicant_value": pl.String,
    "condition": pl.String, "source": pl.String, "url": pl.String, "evidence": pl.String,
    "seen_at": pl.Datetime("us", "UTC"),
}
_EVIDENCE_FIELDS = ("accepts_imgs", "j1_visa", "h1b_visa", "min_step2ck", "min_step1", "min_comlex2",
                    "score_minimum_policy", "attempts_policy", "yog_max_years", "usce", "ecfmg_cert_required",
                    "comlex_accepted")

_STEP3 = re.compile(r"step\s*3|step iii", re.I)
_TRANSFER = re.compile(r"transfer|another acgme|currently (?:training|enrolled|in)|advanced position", re.I)
_US_GRAD = re.compile(r"\bf-?1\b|us (?:medical )?(?:school|graduates?)|u\.s\. (?:medical )?school", re.I)
_BY_DATE = re.compile(r"\b(?:by|before|prior to)\s+(?:the\s+)?([A-Z][a-z]+ \d{1,2}(?:, \d{4})?|rank order list deadline|"
                      r"(?:the )?(?:rank|ranking|match) (?:list )?deadline|\d{4}-\d{2}-\d{2})", re.I)
_EXCEPTION = re.compile(r"\bexception|\bunless\b|\bexcept\b|case[- ]by[- ]case|waive", re.I)
_START_ANCHOR = re.compile(r"start (?:of|date)|begin(?:ning|s)? (?:of )?(?:residency|training)|commencement|"
                           r"time of (?:matriculation|starting)|july 1", re.I)


def h1b_condition(text: str | None) -> tuple[str, str | None]:
    """(kind, date) of an H-1B condition from its condition/evidence text.

    kinds: step3_by_date (Step 3 passed by a date, the date as written or None), transfer_only,
    us_graduates_only (US-school graduates, typically on F-1), other.
    """
    t = text or ""
    if _STEP3.search(t):
        m = _BY_DATE.search(t)
        return "step3_by_date", (m.group(1) if m else None)
    if _TRANSFER.search(t):
        return "transfer_only", None
    if _US_GRAD.search(t):
        return "us_graduates_only", None
    return "other", None


def graduation_anchor(text: str | None) -> str:
    """'start' when the program counts years to the start of training, else 'application'."""
    return "start" if text and _START_ANCHOR.search(text) else "application"


def start_of_training(as_of: date) -> date:
    """The first July 1 at least six months after as_of (the start the applicant applies for)."""
    year = as_of.year if (as_of.month, as_of.day) <= (1, 1) else as_of.year + 1
    return date(year, 7, 1)


def as_of_for(programs: pl.DataFrame) -> date:
    """The judging date: when these programs were published (today when unknown)."""
    if "updated_at" in programs.columns and programs.height:
        latest = programs.get_column("updated_at").max()
        if isinstance(latest, datetime):
            return latest.date()
    return date.today()


def _whole_years(start: date, end: date) -> tuple[int, bool]:
    """(whole years from start to end, whether end is exactly an anniversary)."""
    years = end.year - start.year - ((end.month, end.day) < (start.month, start.day))
    return years, (end.month, end.day) == (start.month, start.day)


def _with_fact_inputs(programs: pl.DataFrame, facts: pl.DataFrame) -> pl.DataFrame:
    """programs plus the fact texts rules read: H-1B condition and quote, graduation quote, preferred scores."""
    mine = facts.filter(pl.col("program_id").is_in(programs.get_column("program_id").implode()))
    sel = mine.filter(pl.col("selected"))
    h1b = sel.filter(pl.col("field") == "h1b_visa").group_by("program_id").agg(
        pl.col("condition").first().alias("_h1b_condition"), pl.col("evidence").first().alias("_h1b_evidence"))
    yog = sel.filter(pl.col("field") == "yog_max_years").group_by("program_id").agg(
        pl.col("evidence").first().alias("_yog_evidence"))
    pref = mine.filter((pl.col("strictness") == "preferred") & pl.col("field").is_in(["min_step2ck", "min_comlex2"])
                       & pl.col("value").is_not_null()).sort("seen_at", descending=True, nulls_last=True)
    pref = pref.group_by("program_id", "field").agg(pl.col("value").first())
    out = programs.join(h1b, on="program_id", how="left").join(yog, on="program_id", how="left")
    for field in ("min_step2ck", "min_comlex2"):
        part = pref.filter(pl.col("field") == field).select("program_id", pl.col("value").alias(f"_pref_{field}"))
        out = out.join(part, on="program_id", how="left")
    return out


# The program columns each rule reads (and nothing else): rules are judged per distinct combination.
RULE_INPUTS: dict[str, tuple[str, ...]] = {
    "min_score": ("min_step2ck", "min_step1", "min_comlex2", "score_minimum_policy", "comlex_accepted",
                  "_pref_min_step2ck", "_pref_min_comlex2"),
    "visa": ("j1_visa", "h1b_visa", "_h1b_condition", "_h1b_evidence"),
    "graduation": ("yog_max_years", "_yog_evidence"),
    "attempts": ("attempts_policy",),
    "usce": ("usce",),
    "ecfmg": ("ecfmg_cert_required",),
    "comlex": ("comlex_accepted", "min_step2ck", "min_step1"),
    "imgs": ("accepts_imgs",),
}
_RESULT_SCHEMA = {"rule": pl.String, "verdict": pl.String, "program_value": pl.String, "applicant_value": pl.String,
                  "condition": pl.String, "fact_field": pl.String}


class _Judge:
    """Verdicts for one applicant of one combination of a rule's inputs (a dict of program columns).

    A rule reads only its RULE_INPUTS, so each rule is judged once per distinct combination and
    joined back to the programs; `fact_field` names the selected fact the verdict rests on.
    """

    def __init__(self, p: Profile, as_of: date):
        self.p, self.as_of = p, as_of
        self.start = start_of_training(as_of)

    @staticmethod
    def fact(row: dict, *fields: str) -> str | None:
        for f in fields:
            if row.get(f) is not None:
                return f
        return None

    def out(self, rule, verdict, program_value=None, applicant_value=None, condition=None, fact=None) -> dict:
        return {"rule": rule, "verdict": verdict, "program_value": program_value, "applicant_value": applicant_value,
                "condition": condition, "fact_field": fact}


    @staticmethod
    def _preference(row: dict, field: str, mine: int | None) -> str | None:
        pref = row.get(f"_pref_{field}")
        if pref is None:
            return None
        exam = "Step 2 CK" if field == "min_step2ck" else "COMLEX Level 2-CE"
        return f"prefers {exam} {pref}+; you: {mine if mine is not None else 'not given'}"

    def min_score(self, row: dict) -> dict:
        p = self.p
        notes = [n for n in (self._preference(row, "min_step2ck", p.step2ck),
                             self._preference(row, "min_comlex2", p.comlex2) if p.degree == "DO" else None) if n]
        note = "; ".join(notes) or None
        mine = ", ".join(x for x in (f"Step 2 CK {p.step2ck}" if p.step2ck else "",
                                     f"COMLEX 2-CE {p.comlex2}" if p.comlex2 else "") if x) or "no score given"
        checks = []  # (verdict, program value, fact) per minimum the applicant's exams meet
        if row["min_step2ck"] is not None:
            if p.step2ck is not None:
                checks.append(("pass" if p.step2ck >= row["min_step2ck"] else "fail",
                               f"Step 2 CK minimum {row['min_step2ck']}", self.fact(row, "min_step2ck")))
            elif p.comlex2 is None or row["comlex_accepted"] is not True:
                checks.append(("unknown", f"Step 2 CK minimum {row['min_step2ck']}", self.fact(row, "min_step2ck")))
        if row["min_comlex2"] is not None and p.comlex2 is not None and p.degree == "DO":
            checks.append(("pass" if p.comlex2 >= row["min_comlex2"] else "fail",
                           f"COMLEX 2-CE minimum {row['min_comlex2']}", self.fact(row, "min_comlex2")))
        if row["min_step1"] is not None:
            if isinstance(p.step1, int):
                checks.append(("pass" if p.step1 >= row["min_step1"] else "fail",
                               f"Step 1 minimum {row['min_step1']}", self.fact(row, "min_step1")))
            else:  # Step 1 is pass/fail since 2022: a numeric minimum cannot be met or judged
                note = "; ".join(x for x in (note, f"states a Step 1 minimum {row['min_step1']} "
                                              "(Step 1 is pass/fail since 2022): ask how it is applied") if x)
        if checks:
            worst = min(checks, key=lambda c: {"fail": 0, "unknown": 1, "pass": 2}[c[0]])
            # A DO with both exams meets the program if either stated minimum is met (COMLEX only where accepted).
            comlex_met = [c for c in checks if c[0] == "pass" and c[1].startswith("COMLEX")]
            if worst[0] == "fail" and comlex_met and row["comlex_accepted"] is True:
                worst = comlex_met[0]
            return self.out("min_score", worst[0], worst[1], mine, note, worst[2])
        policy = row["score_minimum_policy"]
        if policy == "none":
            return self.out("min_score", "pass", "no minimum score", mine, note, self.fact(row, "score_minimum_policy"))
        if policy == "stated":
            return self.out("min_score", "unknown", "a minimum score, number not given for your exam", mine, note,
                            self.fact(row, "score_minimum_policy"))
        return self.out("min_score", "unknown", None, mine, note)

    def visa(self, row: dict) -> dict:
        p = self.p
        if p.visa == "none":
            return self.out("visa", "pass", None, "no visa needed")
        options = []
        if p.visa in ("j1", "j1_or_h1b"):
            options.append(self._j1(row))
        if p.visa in ("h1b", "j1_or_h1b"):
            options.append(self._h1b(row))
        order = {"pass": 0, "conditional": 1, "at_limit": 2, "unknown": 3, "fail": 4}
        return min(options, key=lambda o: order[o["verdict"]])

    def _j1(self, row: dict) -> dict:
        value = row["j1_visa"]
        verdict = {"yes": "pass", "no": "fail"}.get(value, "unknown")
        return self.out("visa", verdict, f"J-1: {value or 'not stated'}", "needs J-1", None, self.fact(row, "j1_visa"))

    def _h1b(self, row: dict) -> dict:
        p, value = self.p, row["h1b_visa"]
        fact = self.fact(row, "h1b_visa")
        if value != "conditional":
            verdict = {"yes": "pass", "no": "fail"}.get(value, "unknown")
            return self.out("visa", verdict, f"H-1B: {value or 'not stated'}", "needs H-1B", None, fact)
        kind, when = h1b_condition(" ".join(x for x in (row.get("_h1b_condition"), row.get("_h1b_evidence")) if x))
        mine = f"needs H-1B; Step 3 {p.step3}" + ("; transfer" if p.transfer else "") + ("; US graduate" if not p.img else "")
        if kind == "step3_by_date":
            condition = f"step3_by_date: Step 3 passed by {when or 'a date the program sets'}"
            verdict = "pass" if p.step3 == "passed" else "conditional"
        elif kind == "transfer_only":
            condition, verdict = "transfer_only: only residents transferring from another ACGME program", (
                "pass" if p.transfer else "fail")
        elif kind == "us_graduates_only":
            condition, verdict = "us_graduates_only: only graduates of US schools (F-1)", ("fail" if p.img else "pass")
        else:
            condition, verdict = f"other: {row.get('_h1b_condition') or 'conditions apply'}", "conditional"
        return self.out("visa", verdict, "H-1B: conditional", mine, condition, fact)

    def graduation(self, row: dict) -> dict:
        limit = row["yog_max_years"]
        fact = self.fact(row, "yog_max_years")
        grad = self.p.graduated_on
        if limit is None:
            return self.out("graduation", "unknown", None, f"graduated {grad}")
        if limit == 0:
            return self.out("graduation", "pass", "no limit on years since graduation", f"graduated {grad}", None, fact)
        anchor = graduation_anchor(row.get("_yog_evidence"))
        until = self.as_of if anchor == "application" else self.start
        years, exact = _whole_years(grad, until)
        verdict = "pass" if years < limit else ("at_limit" if years == limit else "fail")
        counted = "to the application" if anchor == "application" else f"to the start of training ({until})"
        note = f"counted {counted}" + ("; exactly at the limit" if exact and years == limit else "")
        if verdict == "fail" and _EXCEPTION.search(row.get("_yog_evidence") or ""):
            # the program states an exception (e.g. continuous clinical practice): not a stated fail
            verdict, note = "conditional", note + "; the program states an exception: check whether it applies"
        return self.out("graduation", verdict, f"graduated within {limit} years", f"{years} whole years {counted}",
                        note, fact)

    def attempts(self, row: dict) -> dict:
        p, policy = self.p, row["attempts_policy"]
        fact = self.fact(row, "attempts_policy")
        mine = f"{p.failed_attempts} failed attempt(s)" + (f" ({', '.join(p.failed_exams)})" if p.failed_exams else "")
        if p.failed_attempts == 0:
            return self.out("attempts", "pass", policy, mine, None, fact)
        if policy is None:
            return self.out("attempts", "unknown", None, mine)
        if policy == "no_limit":
            return self.out("attempts", "pass", policy, mine, None, fact)
        if policy == "first_attempt_only":
            return self.out("attempts", "fail", policy, mine, None, fact)
        m = re.fullmatch(r"max_attempts_(\d+)", policy)
        if m:
            allowed = int(m.group(1))
            # failed_attempts counts failures across exams: the worst exam took at most that many + 1 sittings
            verdict = "fail" if p.failed_attempts + 1 > allowed else "pass"
            cond = None if len(p.failed_exams) <= 1 else "checked as if every failure were on one exam"
            return self.out("attempts", verdict, policy, mine, cond, fact)
        return self.out("attempts", "unknown", policy, mine, None, fact)

    def usce(self, row: dict) -> dict:
        p, value = self.p, row["usce"]
        fact = self.fact(row, "usce")
        if not p.img and p.usce_months is None:
            # a US graduate's clerkships are US clinical experience
            return self.out("usce", "pass", value, "US graduate: US clinical experience met", None, fact)
        months = p.usce_months or 0
        mine = f"{months:g} months" + (f" ({p.usce_kind})" if p.usce_kind else "")
        if value is None:
            return self.out("usce", "unknown", None, mine)
        if value == "required":
            if months <= 0:
                return self.out("usce", "fail", value, mine, None, fact)
            if p.usce_kind == "observership":
                return self.out("usce", "conditional", value, mine, "observership may not count as hands-on", fact)
            return self.out("usce", "pass", value, mine, None, fact)
        cond = "preferred, not required" if value == "preferred" and months <= 0 else None
        return self.out("usce", "pass", value, mine, cond, fact)

    def ecfmg(self, row: dict) -> dict:
        p, value = self.p, row["ecfmg_cert_required"]
        fact = self.fact(row, "ecfmg_cert_required")
        if not p.img:
            return self.out("ecfmg", "pass", value, "US graduate: not needed", None, fact)
        mine = "certified" if p.ecfmg_certified else (f"expected {p.ecfmg_expected}" if p.ecfmg_expected else "not certified")
        if p.ecfmg_certified:
            return self.out("ecfmg", "pass", value, mine, None, fact)
        if value is None:
            return self.out("ecfmg", "unknown", None, mine)
        if value == "by_application":
            if p.ecfmg_expected and p.ecfmg_expected <= self.as_of:
                return self.out("ecfmg", "conditional", value, mine, "certificate expected before applying", fact)
            return self.out("ecfmg", "fail", value, mine, None, fact)
        deadline = {"by_rank": "by the rank list deadline", "by_start": f"by the start of training ({self.start})"}.get(
            value, "by a date the program sets")
        if value == "by_start" and p.ecfmg_expected and p.ecfmg_expected <= self.start:
            return self.out("ecfmg", "pass", value, mine, f"certificate {deadline}", fact)
        return self.out("ecfmg", "conditional", value, mine, f"certificate needed {deadline}", fact)

    def comlex(self, row: dict) -> dict:
        p, accepted = self.p, row["comlex_accepted"]
        fact = self.fact(row, "comlex_accepted")
        value = None if accepted is None else ("COMLEX accepted" if accepted else "USMLE required")
        if p.degree != "DO" or p.step2ck is not None:
            return self.out("comlex", "pass", value, "USMLE taken" if p.step2ck is not None else "MD", None, fact)
        mine = "COMLEX only"
        if accepted is True:
            return self.out("comlex", "pass", value, mine, None, fact)
        if accepted is False:
            return self.out("comlex", "fail", value, mine, None, fact)
        if row["min_step2ck"] is not None or row["min_step1"] is not None:
            return self.out("comlex", "unknown", "a USMLE minimum, no statement on COMLEX", mine,
                            "verify that COMLEX is accepted", self.fact(row, "min_step2ck", "min_step1"))
        return self.out("comlex", "unknown", None, mine)

    def imgs(self, row: dict) -> dict:
        value = row["accepts_imgs"]
        fact = self.fact(row, "accepts_imgs")
        shown = None if value is None else ("considers IMGs" if value else "does not consider IMGs")
        if not self.p.img:
            return self.out("imgs", "pass", shown, "US graduate", None, fact)
        verdict = "unknown" if value is None else ("pass" if value else "fail")
        return self.out("imgs", verdict, shown, "IMG", None, fact)


def empty_verdicts() -> pl.DataFrame:
    return pl.DataFrame(schema=VERDICT_COLUMNS)


def verdicts(programs: pl.DataFrame, facts: pl.DataFrame, profile: Profile, as_of: date | None = None,
             sections: list[tuple[str, str]] | None = None) -> pl.DataFrame:
    """One row per program (in the profile's specialties) and rule; columns VERDICT_COLUMNS.

    `programs` is core.programs (or a frame with its eligibility columns), `facts` core.program_facts
    (only selected rows and preferred scores are read). `sections` restricts to (specialty_code,
    role) pairs (default: all of the profile's). as_of defaults to `as_of_for(programs)`.
    """
    as_of = as_of or as_of_for(programs)
    sections = sections if sections is not None else profile.sections()
    role_of = dict(sections)
    mine = programs.filter(pl.col("specialty_code").is_in(list(role_of)))
    if mine.height == 0:
        return empty_verdicts()
    mine = _with_fact_inputs(mine, facts).with_columns(
        pl.col("specialty_code").replace_strict(role_of, default=None).alias("role"))
    judge = _Judge(profile, as_of)
    parts = []
    for rule, inputs in RULE_INPUTS.items():
        combos = mine.select(inputs).unique()
        method = getattr(judge, rule)
        judged = pl.DataFrame([method(r) for r in combos.iter_rows(named=True)], schema=_RESULT_SCHEMA, orient="row")
        judged = pl.concat([combos, judged], how="horizontal")
        parts.append(mine.select("program_id", "specialty_code", "role", *inputs)
                     .join(judged, on=list(inputs), how="left", nulls_equal=True)
                     .select("program_id", "specialty_code", "role", *_RESULT_SCHEMA))
    out = pl.concat(parts)
    chosen = facts.filter(pl.col("selected") & pl.col("program_id").is_in(mine.get_column("program_id").implode())).select(
        "program_id", pl.col("field").alias("fact_field"), "source", "url", "evidence",
        pl.col("seen_at").cast(pl.Datetime("us", "UTC"))).unique(["program_id", "fact_field"], keep="first")
    out = out.join(chosen, on=["program_id", "fact_field"], how="left")
    order = {r: i for i, r in enumerate(RULES)}
    return out.with_columns(pl.lit(profile.applicant_id).alias("applicant_id")).sort(
        pl.col("program_id"), pl.col("rule").replace_strict(order)).select(list(VERDICT_COLUMNS))


def eligible(verdict_rows: pl.DataFrame) -> pl.DataFrame:
    """(program_id, specialty_code, role) of programs with no `fail` verdict."""
    failed = verdict_rows.filter(pl.col("verdict") == "fail").select("program_id").unique()
    return verdict_rows.select("program_id", "specialty_code", "role").unique(maintain_order=True).join(
        failed, on="program_id", how="anti")


def exclusions(verdict_rows: pl.DataFrame) -> pl.DataFrame:
    """Why each excluded program is excluded: program_id, reasons (the failing rules, with values)."""
    return verdict_rows.filter(pl.col("verdict") == "fail").group_by("program_id", maintain_order=True).agg(
        pl.concat_str(pl.col("rule"), pl.lit(": "), pl.col("program_value").fill_null("?"), pl.lit(" (you: "),
                      pl.col("applicant_value").fill_null("?"), pl.lit(")")).str.join("; ").alias("reasons"))


def verify_list(verdict_rows: pl.DataFrame) -> pl.DataFrame:
    """applicant_id, program_id, verify: the unknown and conditional rules to check with the program before applying."""
    todo = verdict_rows.filter(pl.col("verdict").is_in(["unknown", "conditional"]))
    return todo.group_by("applicant_id", "program_id", maintain_order=True).agg(
        pl.concat_str(pl.col("rule"), pl.lit(": "),
                      pl.coalesce(pl.col("condition"), pl.col("program_value"), pl.lit("not stated"))).alias("verify"))
