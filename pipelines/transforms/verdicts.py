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
VERDICT_ENUM = pl.Enum(VERDICTS)
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


# Exams a profile's failed_exams can name, as bits (a program's attempts rule names a subset, or all).
EXAM_BITS = {"step1": 1, "step2ck": 2, "step3": 4, "comlex1": 8, "comlex2": 16}
_EXAM_NAMES = {"step1": "Step 1", "step2ck": "Step 2 CK", "step3": "Step 3", "comlex1": "COMLEX Level 1",
               "comlex2": "COMLEX Level 2-CE"}
_PER_EXAM = re.compile(r"\b(?:per|each|any|every|same)\s+(?:usmle\s+|comlex\s+|board\s+|licensing\s+)?"
                       r"(?:step|exam|examination|test|level)s?\b", re.I)
_NUMBERED = re.compile(r"\b(steps?|levels?)\s+((?:(?:[123](?![0-9])|(?:one|two|three|iii|ii|i)\b)(?:\s*-?\s*(?:ck|ce)\b)?"
                       r"(?:\s*(?:,|and|&|or|/)\s*)?)+)", re.I)
_NUMBER = re.compile(r"[123](?![0-9])|\b(?:three|two|one|iii|ii|i)\b", re.I)
_NUMBER_VALUE = {"1": 1, "one": 1, "i": 1, "2": 2, "two": 2, "ii": 2, "3": 3, "three": 3, "iii": 3}


def attempts_scope(text: str | None) -> tuple[bool, tuple[str, ...] | None]:
    """(per_exam, exams) of an attempts rule from its quote.

    per_exam: the rule counts attempts on each exam ("per Step", "any USMLE Step", "each exam",
    "the same exam"), as every phrasing of max_attempts_N on the sample web and most program
    pages do; else attempts are counted as if every failure were on one exam. exams: the exams
    the rule names ("Step 1 on the first attempt"), or None when it names none (every exam).
    """
    t = text or ""
    named: list[str] = []
    for kind, numbers in _NUMBERED.findall(t):
        for n in _NUMBER.findall(numbers):
            value = _NUMBER_VALUE[n.lower()]
            exam = (("step1", "step2ck", "step3") if kind.lower().startswith("step")
                    else ("comlex1", "comlex2", None))[value - 1]
            if exam and exam not in named:
                named.append(exam)
    return bool(_PER_EXAM.search(t)), (tuple(sorted(named, key=list(EXAM_BITS).index)) or None)


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
    att = sel.filter(pl.col("field") == "attempts_policy").group_by("program_id").agg(
        pl.col("evidence").first().alias("_att_evidence"))
    pref = mine.filter((pl.col("strictness") == "preferred") & pl.col("field").is_in(["min_step2ck", "min_comlex2"])
                       & pl.col("value").is_not_null()).sort("seen_at", descending=True, nulls_last=True)
    pref = pref.group_by("program_id", "field").agg(pl.col("value").first())
    out = programs.join(h1b, on="program_id", how="left").join(yog, on="program_id", how="left").join(
        att, on="program_id", how="left")
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
    "attempts": ("attempts_policy", "_att_evidence"),
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
        """Attempts rules, per exam where the program's words count per exam (`attempts_scope`).

        A rule that names exams (e.g. Step 1 only) is met when the applicant's failed_exams are
        all other exams. max_attempts_N counted per exam: failures spread over k listed exams put
        at most failed_attempts - (k - 1) on one exam (each listed exam failed at least once);
        counted as one total (no per-exam wording), every failure is put on one exam.
        """
        p, policy = self.p, row["attempts_policy"]
        fact = self.fact(row, "attempts_policy")
        mine = f"{p.failed_attempts} failed attempt(s)" + (f" ({', '.join(p.failed_exams)})" if p.failed_exams else "")
        if p.failed_attempts == 0:
            return self.out("attempts", "pass", policy, mine, None, fact)
        if policy is None:
            return self.out("attempts", "unknown", None, mine)
        if policy == "no_limit":
            return self.out("attempts", "pass", policy, mine, None, fact)
        per_exam, scope = attempts_scope(row.get("_att_evidence"))
        if scope and p.failed_exams and not set(p.failed_exams) & set(scope):
            names = ", ".join(_EXAM_NAMES[e] for e in scope)
            return self.out("attempts", "pass", policy, mine, f"the rule names {names}; your failed attempts are on other exams",
                            fact)
        if policy == "first_attempt_only":
            return self.out("attempts", "fail", policy, mine, None, fact)
        m = re.fullmatch(r"max_attempts_(\d+)", policy)
        if m:
            allowed, k = int(m.group(1)), len(p.failed_exams)
            if per_exam and k > 1:
                worst = p.failed_attempts - (k - 1)
                cond = f"counted per exam: at most {worst} failed attempt(s) on one exam"
            else:
                worst = p.failed_attempts
                cond = None if k <= 1 else "checked as if every failure were on one exam"
            verdict = "fail" if worst + 1 > allowed else "pass"
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


# ------------------------------------------------------------------ many profiles at once
#
# The same rules as _Judge, written as Polars expressions over (applicant, program) pairs: one
# join of the profiles' sections with the programs of their specialties, no Python per profile.
# `batch_codes` gives only the verdict of each rule (cheap: for every candidate pair); the
# texts (program and applicant values, conditions) and evidence come from `batch_rows`, for the
# pairs that are shown. tests/recommend/test_batch.py holds both paths to the same rows.

_S = pl.String


def _lit(text: str | None) -> pl.Expr:
    return pl.lit(text, dtype=_S)


def _str(col: str | pl.Expr) -> pl.Expr:
    return (pl.col(col) if isinstance(col, str) else col).cast(_S)


def _field_if(col: str) -> pl.Expr:
    """fact_field: the column's name when the program states it (_Judge.fact)."""
    return pl.when(pl.col(col).is_not_null()).then(_lit(col)).otherwise(_lit(None))


def applicant_frame(profiles: list[Profile], as_of: date) -> pl.DataFrame:
    """One row per (profile, section): the profile's fields the rules read, as `a_*` columns.

    Per profile only constants are computed here (whole years since graduation to the two
    anchors, the texts shown as "you:"); every judgement is made on the joined pairs.
    """
    start = start_of_training(as_of)
    rows = []
    for order, p in enumerate(profiles):
        grad = p.graduated_on
        years_app, exact_app = _whole_years(grad, as_of)
        years_start, exact_start = _whole_years(grad, start)
        months = p.usce_months or 0
        base = {
            "applicant_id": p.applicant_id, "_applicant": order, "a_img": p.img, "a_degree": p.degree, "a_visa": p.visa,
            "a_step1": p.step1 if isinstance(p.step1, int) else None, "a_step2ck": p.step2ck, "a_comlex2": p.comlex2,
            "a_step3": p.step3, "a_transfer": p.transfer, "a_failed": p.failed_attempts,
            "a_exams": len(p.failed_exams), "a_exam_mask": sum(EXAM_BITS[e] for e in set(p.failed_exams)),
            "a_grad_text": f"graduated {grad}", "a_years_app": years_app, "a_exact_app": exact_app,
            "a_years_start": years_start, "a_exact_start": exact_start,
            "a_usce_default": (not p.img and p.usce_months is None), "a_usce_months": float(months),
            "a_usce_kind": p.usce_kind, "a_usce_text": f"{months:g} months" + (f" ({p.usce_kind})" if p.usce_kind else ""),
            "a_ecfmg_certified": p.ecfmg_certified, "a_ecfmg_expected": p.ecfmg_expected,
            "a_ecfmg_text": "certified" if p.ecfmg_certified else (f"expected {p.ecfmg_expected}" if p.ecfmg_expected
                                                                    else "not certified"),
            "a_attempts_text": f"{p.failed_attempts} failed attempt(s)" + (
                f" ({', '.join(p.failed_exams)})" if p.failed_exams else ""),
            "a_score_text": ", ".join(x for x in (f"Step 2 CK {p.step2ck}" if p.step2ck else "",
                                                 f"COMLEX 2-CE {p.comlex2}" if p.comlex2 else "") if x) or "no score given",
        }
        for section, (code, role) in enumerate(p.sections()):
            rows.append({**base, "specialty_code": code, "role": role, "_section": section})
    schema = {"applicant_id": _S, "_applicant": pl.Int32, "a_img": pl.Boolean, "a_degree": _S, "a_visa": _S,
              "a_step1": pl.Int32, "a_step2ck": pl.Int32, "a_comlex2": pl.Int32, "a_step3": _S, "a_transfer": pl.Boolean,
              "a_failed": pl.Int32, "a_exams": pl.Int32, "a_exam_mask": pl.Int32, "a_grad_text": _S,
              "a_years_app": pl.Int32, "a_exact_app": pl.Boolean, "a_years_start": pl.Int32, "a_exact_start": pl.Boolean,
              "a_usce_default": pl.Boolean, "a_usce_months": pl.Float64, "a_usce_kind": _S, "a_usce_text": _S,
              "a_ecfmg_certified": pl.Boolean, "a_ecfmg_expected": pl.Date, "a_ecfmg_text": _S, "a_attempts_text": _S,
              "a_score_text": _S, "specialty_code": _S, "role": _S, "_section": pl.Int32}
    return pl.DataFrame(rows, schema=schema, orient="row")


def program_inputs(programs: pl.DataFrame, facts: pl.DataFrame) -> pl.DataFrame:
    """core.programs with what the rules read from the selected facts, the texts already read:
    H-1B condition kind and date, graduation anchor and exception, attempts scope."""
    out = _with_fact_inputs(programs, facts)
    texts = out.select("program_id", "_h1b_condition", "_h1b_evidence", "_yog_evidence", "_att_evidence").to_dicts()
    derived = []
    for r in texts:
        kind, when = h1b_condition(" ".join(x for x in (r["_h1b_condition"], r["_h1b_evidence"]) if x))
        per_exam, scope = attempts_scope(r["_att_evidence"])
        derived.append({
            "program_id": r["program_id"], "_h1b_kind": kind, "_h1b_when": when,
            "_yog_start": graduation_anchor(r["_yog_evidence"]) == "start",
            "_yog_exception": bool(_EXCEPTION.search(r["_yog_evidence"] or "")),
            "_att_per_exam": per_exam, "_att_mask": sum(EXAM_BITS[e] for e in scope) if scope else None,
            "_att_names": ", ".join(_EXAM_NAMES[e] for e in scope) if scope else None})
    schema = {"program_id": _S, "_h1b_kind": _S, "_h1b_when": _S, "_yog_start": pl.Boolean, "_yog_exception": pl.Boolean,
              "_att_per_exam": pl.Boolean, "_att_mask": pl.Int32, "_att_names": _S}
    out = out.join(pl.DataFrame(derived, schema=schema, orient="row"), on="program_id", how="left")
    return out.with_columns(pl.col("attempts_policy").str.extract(r"^max_attempts_(\d+)$").cast(pl.Int32).alias("_att_allowed"))


# Program columns the verdict codes read (the texts need the _h1b_condition and _pref_* columns too).
CODE_INPUTS = ("program_id", "specialty_code", "min_step2ck", "min_step1", "min_comlex2", "score_minimum_policy",
               "comlex_accepted", "j1_visa", "h1b_visa", "_h1b_kind", "yog_max_years", "_yog_start", "_yog_exception",
               "attempts_policy", "_att_per_exam", "_att_mask", "_att_allowed", "usce", "ecfmg_cert_required", "accepts_imgs")
TEXT_INPUTS = ("_h1b_condition", "_h1b_when", "_att_names", "_pref_min_step2ck", "_pref_min_comlex2")


def _rule_exprs(as_of: date, verdict_type: pl.DataType = _S) -> dict[str, dict[str, pl.Expr]]:
    """Per rule: verdict, program_value, applicant_value, condition and fact_field, as _Judge decides them.
    Verdicts are of `verdict_type` (an Enum of VERDICTS for the codes: compared many times over)."""
    _v = lambda text: pl.lit(text, dtype=verdict_type)  # noqa: E731
    start = start_of_training(as_of)
    c = pl.col
    img, do = c("a_img"), c("a_degree") == "DO"
    out: dict = {}
    stages: list[list[pl.Expr]] = [[], [], [], []]

    def staged(level: int, name: str, expr: pl.Expr) -> pl.Expr:
        """An intermediate column, computed once in stage `level` (keeps the expression trees small)."""
        stages[level].append(expr.alias(name))
        return c(name)

    # min_score: each stated minimum the applicant's exams can meet is a check; the worst decides
    s2, cx, s1 = c("a_step2ck"), c("a_comlex2"), c("a_step1")
    m2, m1, mc = c("min_step2ck"), c("min_step1"), c("min_comlex2")
    accepted = c("comlex_accepted").fill_null(False)
    ck1 = staged(0, "_ck1", pl.when(m2.is_null()).then(_lit(None))
           .when(s2.is_not_null()).then(pl.when(s2 >= m2).then(_v("pass")).otherwise(_v("fail")))
           .when(cx.is_null() | ~accepted).then(_v("unknown")).otherwise(_lit(None)))
    ck2 = staged(0, "_ck2", pl.when(mc.is_not_null() & cx.is_not_null() & do).then(
        pl.when(cx >= mc).then(_v("pass")).otherwise(_v("fail"))).otherwise(_lit(None)))
    ck3 = staged(0, "_ck3", pl.when(m1.is_not_null() & s1.is_not_null()).then(
        pl.when(s1 >= m1).then(_v("pass")).otherwise(_v("fail"))).otherwise(_lit(None)))
    rank = lambda v: v.replace_strict({"fail": 0, "unknown": 1, "pass": 2}, default=9, return_dtype=pl.Int8)  # noqa: E731
    r1, r2, r3 = (staged(1, f"_r{i}", rank(x)) for i, x in ((1, ck1), (2, ck2), (3, ck3)))
    worst = staged(2, "_worst", pl.min_horizontal(r1, r2, r3))
    pick = pl.when(r1 == worst).then(1).when(r2 == worst).then(2).otherwise(3)
    pick = staged(3, "_pick", pl.when((worst == 0) & (ck2 == "pass").fill_null(False) & accepted).then(2).otherwise(pick))
    checks = worst < 9
    policy = c("score_minimum_policy")
    chosen = lambda a, b, d: pl.when(pick == 1).then(a).when(pick == 2).then(b).otherwise(d)  # noqa: E731
    notes = [
        pl.when(c("_pref_min_step2ck").is_not_null()).then(pl.concat_str(
            _lit("prefers Step 2 CK "), c("_pref_min_step2ck"), _lit("+; you: "), _str(s2).fill_null("not given"))),
        pl.when(do & c("_pref_min_comlex2").is_not_null()).then(pl.concat_str(
            _lit("prefers COMLEX Level 2-CE "), c("_pref_min_comlex2"), _lit("+; you: "), _str(cx).fill_null("not given"))),
        pl.when(m1.is_not_null() & s1.is_null()).then(pl.concat_str(
            _lit("states a Step 1 minimum "), _str(m1), _lit(" (Step 1 is pass/fail since 2022): ask how it is applied"))),
    ]
    note = pl.concat_str(notes, separator="; ", ignore_nulls=True)
    out["min_score"] = {
        "verdict": pl.when(checks).then(chosen(ck1, ck2, ck3)).when(policy == "none").then(_v("pass"))
        .otherwise(_v("unknown")),
        "program_value": pl.when(checks).then(chosen(pl.concat_str(_lit("Step 2 CK minimum "), _str(m2)),
                                                     pl.concat_str(_lit("COMLEX 2-CE minimum "), _str(mc)),
                                                     pl.concat_str(_lit("Step 1 minimum "), _str(m1))))
        .when(policy == "none").then(_lit("no minimum score"))
        .when(policy == "stated").then(_lit("a minimum score, number not given for your exam")).otherwise(_lit(None)),
        "applicant_value": c("a_score_text"),
        "condition": pl.when(note != "").then(note).otherwise(_lit(None)),
        "fact_field": pl.when(checks).then(chosen(_lit("min_step2ck"), _lit("min_comlex2"), _lit("min_step1")))
        .when(policy.is_in(["none", "stated"])).then(_lit("score_minimum_policy")).otherwise(_lit(None)),
    }

    # visa: the best of the visas the applicant can use (J-1 first on a tie)
    j1, h1, kind = c("j1_visa"), c("h1b_visa"), c("_h1b_kind")
    yes_no = lambda v: pl.when(v == "yes").then(_v("pass")).when(v == "no").then(_v("fail")).otherwise(_v("unknown"))  # noqa: E731
    cond_h1b = h1 == "conditional"
    h1_v = staged(0, "_h1v", pl.when(~cond_h1b.fill_null(False)).then(yes_no(h1)) \
        .when(kind == "step3_by_date").then(pl.when(c("a_step3") == "passed").then(_v("pass")).otherwise(_v("conditional"))) \
        .when(kind == "transfer_only").then(pl.when(c("a_transfer")).then(_v("pass")).otherwise(_v("fail"))) \
        .when(kind == "us_graduates_only").then(pl.when(img).then(_v("fail")).otherwise(_v("pass"))) \
        .otherwise(_v("conditional")))
    h1_pv = pl.concat_str(_lit("H-1B: "), h1.fill_null("not stated"))
    h1_av = pl.when(~cond_h1b.fill_null(False)).then(_lit("needs H-1B")).otherwise(pl.concat_str(
        _lit("needs H-1B; Step 3 "), c("a_step3"), pl.when(c("a_transfer")).then(_lit("; transfer")).otherwise(_lit("")),
        pl.when(~img).then(_lit("; US graduate")).otherwise(_lit(""))))
    other = c("_h1b_condition")
    h1_cond = pl.when(~cond_h1b.fill_null(False)).then(_lit(None)) \
        .when(kind == "step3_by_date").then(pl.concat_str(_lit("step3_by_date: Step 3 passed by "),
                                                          c("_h1b_when").fill_null("a date the program sets"))) \
        .when(kind == "transfer_only").then(_lit("transfer_only: only residents transferring from another ACGME program")) \
        .when(kind == "us_graduates_only").then(_lit("us_graduates_only: only graduates of US schools (F-1)")) \
        .otherwise(pl.concat_str(_lit("other: "), pl.when(other.is_null() | (other == "")).then(_lit("conditions apply"))
                                 .otherwise(other)))
    order = lambda v: v.replace_strict({"pass": 0, "conditional": 1, "at_limit": 2, "unknown": 3, "fail": 4},  # noqa: E731
                                       return_dtype=pl.Int8)
    j1_v = staged(0, "_j1v", yes_no(j1))
    use_j1 = staged(1, "_usej1", (c("a_visa") == "j1") | ((c("a_visa") == "j1_or_h1b") & (order(j1_v) <= order(h1_v))))
    none = c("a_visa") == "none"
    pick_visa = lambda n, a, b: pl.when(none).then(n).when(use_j1).then(a).otherwise(b)  # noqa: E731
    out["visa"] = {
        "verdict": pick_visa(_v("pass"), j1_v, h1_v),
        "program_value": pick_visa(_lit(None), pl.concat_str(_lit("J-1: "), j1.fill_null("not stated")), h1_pv),
        "applicant_value": pick_visa(_lit("no visa needed"), _lit("needs J-1"), h1_av),
        "condition": pick_visa(_lit(None), _lit(None), h1_cond),
        "fact_field": pick_visa(_lit(None), _field_if("j1_visa"), _field_if("h1b_visa")),
    }

    # graduation: whole years to the application or to the start of training
    limit, at_start = c("yog_max_years"), c("_yog_start").fill_null(False)
    years = staged(0, "_years", pl.when(at_start).then(c("a_years_start")).otherwise(c("a_years_app")))
    exact = staged(0, "_exact", pl.when(at_start).then(c("a_exact_start")).otherwise(c("a_exact_app")))
    counted = pl.when(at_start).then(_lit(f"to the start of training ({start})")).otherwise(_lit("to the application"))
    over = years > limit
    excepted = over & c("_yog_exception").fill_null(False)
    stated = limit.is_not_null() & (limit != 0)
    out["graduation"] = {
        "verdict": pl.when(limit.is_null()).then(_v("unknown")).when(limit == 0).then(_v("pass"))
        .when(years < limit).then(_v("pass")).when(years == limit).then(_v("at_limit"))
        .when(excepted).then(_v("conditional")).otherwise(_v("fail")),
        "program_value": pl.when(limit.is_null()).then(_lit(None)).when(limit == 0)
        .then(_lit("no limit on years since graduation"))
        .otherwise(pl.concat_str(_lit("graduated within "), _str(limit), _lit(" years"))),
        "applicant_value": pl.when(stated).then(pl.concat_str(_str(years), _lit(" whole years "), counted))
        .otherwise(c("a_grad_text")),
        "condition": pl.when(stated).then(pl.concat_str(
            _lit("counted "), counted, pl.when(exact & (years == limit)).then(_lit("; exactly at the limit")).otherwise(_lit("")),
            pl.when(excepted).then(_lit("; the program states an exception: check whether it applies")).otherwise(_lit(""))))
        .otherwise(_lit(None)),
        "fact_field": pl.when(limit.is_null()).then(_lit(None)).otherwise(_lit("yog_max_years")),
    }

    # attempts, per exam where the program's words say so
    att, failed, k = c("attempts_policy"), c("a_failed"), c("a_exams")
    other_exams = staged(0, "_other_exams", c("_att_mask").is_not_null() & (k > 0) & ((c("a_exam_mask") & c("_att_mask")) == 0)).fill_null(False)
    per_exam = staged(0, "_per_exam", c("_att_per_exam").fill_null(False) & (k > 1))
    worst_exam = staged(1, "_worst_exam", pl.when(per_exam).then(failed - (k - 1)).otherwise(failed))
    decided = (failed == 0) | (att == "no_limit")
    out["attempts"] = {
        "verdict": pl.when(failed == 0).then(_v("pass")).when(att.is_null()).then(_v("unknown"))
        .when(att == "no_limit").then(_v("pass")).when(other_exams).then(_v("pass"))
        .when(att == "first_attempt_only").then(_v("fail"))
        .when(c("_att_allowed").is_not_null()).then(pl.when(worst_exam + 1 > c("_att_allowed")).then(_v("fail"))
                                                    .otherwise(_v("pass")))
        .otherwise(_v("unknown")),
        "program_value": att,
        "applicant_value": c("a_attempts_text"),
        "condition": pl.when(decided | att.is_null()).then(_lit(None))
        .when(other_exams).then(pl.concat_str(_lit("the rule names "), c("_att_names"),
                                              _lit("; your failed attempts are on other exams")))
        .when(c("_att_allowed").is_null()).then(_lit(None))
        .when(per_exam).then(pl.concat_str(_lit("counted per exam: at most "), _str(worst_exam),
                                           _lit(" failed attempt(s) on one exam")))
        .when(k > 1).then(_lit("checked as if every failure were on one exam")).otherwise(_lit(None)),
        "fact_field": _field_if("attempts_policy"),
    }

    # US clinical experience (a US graduate's clerkships count when usce_months is not given)
    usce, months, default = c("usce"), c("a_usce_months"), c("a_usce_default")
    out["usce"] = {
        "verdict": pl.when(default).then(_v("pass")).when(usce.is_null()).then(_v("unknown"))
        .when(usce == "required").then(pl.when(months <= 0).then(_v("fail"))
                                       .when(c("a_usce_kind") == "observership").then(_v("conditional"))
                                       .otherwise(_v("pass")))
        .otherwise(_v("pass")),
        "program_value": usce,
        "applicant_value": pl.when(default).then(_lit("US graduate: US clinical experience met")).otherwise(c("a_usce_text")),
        "condition": pl.when(default | usce.is_null()).then(_lit(None))
        .when(usce == "required").then(pl.when((months > 0) & (c("a_usce_kind") == "observership").fill_null(False))
                                       .then(_lit("observership may not count as hands-on")).otherwise(_lit(None)))
        .when((usce == "preferred") & (months <= 0)).then(_lit("preferred, not required")).otherwise(_lit(None)),
        "fact_field": _field_if("usce"),
    }

    # ECFMG certification timing
    ecfmg, expected, certified = c("ecfmg_cert_required"), c("a_ecfmg_expected"), c("a_ecfmg_certified")
    deadline = pl.when(ecfmg == "by_rank").then(_lit("by the rank list deadline")) \
        .when(ecfmg == "by_start").then(_lit(f"by the start of training ({start})")).otherwise(_lit("by a date the program sets"))
    early = (expected <= pl.lit(as_of)).fill_null(False)
    by_start_ok = ((ecfmg == "by_start") & (expected <= pl.lit(start))).fill_null(False)
    settled = ~img | certified | ecfmg.is_null()
    out["ecfmg"] = {
        "verdict": pl.when(~img | certified).then(_v("pass")).when(ecfmg.is_null()).then(_v("unknown"))
        .when(ecfmg == "by_application").then(pl.when(early).then(_v("conditional")).otherwise(_v("fail")))
        .when(by_start_ok).then(_v("pass")).otherwise(_v("conditional")),
        "program_value": ecfmg,
        "applicant_value": pl.when(~img).then(_lit("US graduate: not needed")).otherwise(c("a_ecfmg_text")),
        "condition": pl.when(settled).then(_lit(None))
        .when(ecfmg == "by_application").then(pl.when(early).then(_lit("certificate expected before applying"))
                                              .otherwise(_lit(None)))
        .when(by_start_ok).then(pl.concat_str(_lit("certificate "), deadline))
        .otherwise(pl.concat_str(_lit("certificate needed "), deadline)),
        "fact_field": _field_if("ecfmg_cert_required"),
    }

    # COMLEX accepted (decides only for a DO without a Step 2 CK)
    acc = c("comlex_accepted")
    usmle_known = ~do | s2.is_not_null()
    usmle_minimum = m2.is_not_null() | m1.is_not_null()
    out["comlex"] = {
        "verdict": pl.when(usmle_known).then(_v("pass")).when(acc.is_null()).then(_v("unknown"))
        .when(acc).then(_v("pass")).otherwise(_v("fail")),
        "program_value": pl.when(acc.is_not_null()).then(pl.when(acc).then(_lit("COMLEX accepted")).otherwise(_lit("USMLE required")))
        .when(~usmle_known & usmle_minimum).then(_lit("a USMLE minimum, no statement on COMLEX")).otherwise(_lit(None)),
        "applicant_value": pl.when(~usmle_known).then(_lit("COMLEX only"))
        .when(s2.is_not_null()).then(_lit("USMLE taken")).otherwise(_lit("MD")),
        "condition": pl.when(~usmle_known & acc.is_null() & usmle_minimum).then(_lit("verify that COMLEX is accepted"))
        .otherwise(_lit(None)),
        "fact_field": pl.when(usmle_known | acc.is_not_null()).then(_field_if("comlex_accepted"))
        .when(usmle_minimum).then(pl.when(m2.is_not_null()).then(_lit("min_step2ck")).otherwise(_lit("min_step1")))
        .otherwise(_lit(None)),
    }

    # considers IMGs
    imgs = c("accepts_imgs")
    out["imgs"] = {
        "verdict": pl.when(~img).then(_v("pass")).when(imgs.is_null()).then(_v("unknown"))
        .when(imgs).then(_v("pass")).otherwise(_v("fail")),
        "program_value": pl.when(imgs.is_null()).then(_lit(None)).when(imgs).then(_lit("considers IMGs"))
        .otherwise(_lit("does not consider IMGs")),
        "applicant_value": pl.when(img).then(_lit("IMG")).otherwise(_lit("US graduate")),
        "condition": _lit(None),
        "fact_field": _field_if("accepts_imgs"),
    }
    out["_stages"] = stages
    return out


def _with_rules(pairs: pl.LazyFrame, exprs: dict) -> pl.LazyFrame:
    for stage in exprs["_stages"]:
        pairs = pairs.with_columns(stage)
    return pairs


_STAGED = ("_ck1", "_ck2", "_ck3", "_h1v", "_j1v", "_years", "_exact", "_other_exams", "_per_exam", "_r1", "_r2", "_r3",
           "_usej1", "_worst_exam", "_worst", "_pick")


def batch_codes(pairs: pl.LazyFrame, as_of: date) -> pl.LazyFrame:
    """pairs plus `v_<rule>` (the verdict of each rule) and the per-pair summary the ranking and
    plans read: failed (any fail), visa_verdict, n_conditional (rules other than visa),
    n_at_limit, n_unknown."""
    exprs = _rule_exprs(as_of, VERDICT_ENUM)
    codes = [exprs[r]["verdict"].alias(f"v_{r}") for r in RULES]
    v = [pl.col(f"v_{r}") for r in RULES]
    return _with_rules(pairs, exprs).with_columns(codes).drop(_STAGED).with_columns(
        pl.any_horizontal([x == "fail" for x in v]).alias("failed"),
        pl.col("v_visa").alias("visa_verdict"),
        pl.sum_horizontal([(pl.col(f"v_{r}") == "conditional").cast(pl.Int32) for r in RULES if r != "visa"])
        .alias("n_conditional"),
        pl.sum_horizontal([(x == "at_limit").cast(pl.Int32) for x in v]).alias("n_at_limit"),
        pl.sum_horizontal([(x == "unknown").cast(pl.Int32) for x in v]).alias("n_unknown"),
    )


def chosen_facts(facts: pl.DataFrame) -> pl.DataFrame:
    """The selected fact of each program and field: the evidence a verdict rests on."""
    return facts.filter(pl.col("selected")).select(
        "program_id", pl.col("field").alias("fact_field"), "source", "url", "evidence",
        pl.col("seen_at").cast(pl.Datetime("us", "UTC"))).unique(["program_id", "fact_field"], keep="first")


def batch_wide(pairs: pl.LazyFrame, as_of: date) -> pl.LazyFrame:
    """pairs plus, per rule r, `r.verdict`, `r.program_value`, `r.applicant_value`, `r.condition`, `r.fact_field`."""
    exprs = _rule_exprs(as_of)
    return _with_rules(pairs, exprs).with_columns(
        [e.alias(f"{rule}.{k}") for rule, parts in exprs.items() if rule != "_stages" for k, e in parts.items()]
    ).drop(_STAGED)


def batch_rows(wide: pl.DataFrame, chosen: pl.DataFrame) -> pl.DataFrame:
    """marts.recommendation_verdicts rows (VERDICT_COLUMNS) from `batch_wide` pairs, with evidence,
    ordered by applicant (input order), program and rule."""
    keep = ["_applicant", "applicant_id", "program_id", "specialty_code", "role"]
    parts = [wide.select(*keep, pl.lit(i, dtype=pl.Int8).alias("_rule"), pl.lit(rule).alias("rule"),
                         *[pl.col(f"{rule}.{k}").alias(k) for k in _RESULT_SCHEMA if k != "rule"])
             for i, rule in enumerate(RULES)]
    long = pl.concat(parts).join(chosen, on=["program_id", "fact_field"], how="left")
    return long.sort("_applicant", "program_id", "_rule").select(list(VERDICT_COLUMNS))
