"""Exam-attempt rules: first attempt only, at most N attempts, or no limit."""

from __future__ import annotations

from eligibility import prefilter as rx    # re's functions, each inline pattern compiled once
from eligibility.rules.common import OTHERS, Claim, R, RETIRED, SOFT, clauses, negated_before, polarity, strictness_of

FIRST_ATTEMPT = R(r"first[- ]?(?:attempt|time|try|take|sitting)s?|1st[- ]?(?:attempt|time|try)|"
                  r"\bon (?:the|their|your) first\b|\b1 attempt\b|\bno (?:(?:usmle|comlex|step\w*|level\w*|exam|board) )?"
                  r"(?:failures?|fails?|"
                  r"failed (?:attempts?|exams?|scores?|steps?)|attempt failures|prior failures?)\b|"
                  r"\bwithout (?:any )?(?:failures?|fails?|failed attempts?)\b|"
                  r"\b(?:not|never) (?:have )?failed\b|\bzero (?:failures?|fails?)\b|"
                  r"\bfail\w*(?: \w+){0,2}\s*(?:[:-]\s*)?not (?:accepted|considered|allowed|permitted)\b|"
                  r"\bfail(?:ures?|s|ed attempts?)? (?:is|are|will) not (?:be )?(?:accepted|"
                  r"considered|allowed|permitted)\b|"
                  # "multiple attempts on the USMLE are not considered"
                  r"\b(?:multiple|repeated|several|more than 1) (?:attempts|failures|sittings|tries)\b[^.;]{0,40}\b(?:are|is|will) "
                  r"not (?:be )?(?:accepted|considered|allowed|permitted)\b")
MAX_ATTEMPTS = R(r"\b(?:no more than|not more than|maximum(?: of)?|max\.?|up to|at most|within|"
                 r"fewer than|less than|limit(?:ed)? (?:of|to)|in)\s+(\d{1,2})\s+(?:attempts?|tries|"
                 r"sittings|takes|times)\b|\b(\d{1,2}) (?:or fewer|or less|maximum) attempts\b|"
                 r"\b(\d{1,2}) attempts? (?:or (?:fewer|less)|maximum|max)\b")
MAX_FAILS = R(r"\b(?:no more than|not more than|maximum(?: of)?|max\.?|up to|at most|only)\s+"
              r"(\d{1,2})\s+(?:failures?|fails?|failed attempts?|unsuccessful attempts?|"
              r"attempt failures?)\b|\b(\d{1,2}) (?:failures?|fails?|failed attempts?)\b[^.;]{0,30}?"
              r"(?:is |are |will be )?(?:allowed|accept\w*|permitted|considered|maximum|ok|fine)\b")
NO_LIMIT = R(r"\bno (?:limits?|restrictions?|maximum|cap|max)\b[^.;]{0,40}\b(?:attempts?|tries|"
             r"failures?|times)\b|\b(?:attempts?|failures?|failed|failing)\b[^.;]{0,80}\b(?:does|do|will) not "
             r"(?:(?:by|in) itself |alone |on its own )?(?:matter|disqualify|exclude|automatically)|\bnumber of (?:attempts|tries) "
             r"(?:does|do|is) not\b|\bnumber of times\b[^.;]{0,50}?\b(?:does|do|will) not (?:matter|count|disqualify|"
             r"exclude)|\b(?:do|does|will) not (?:limit|restrict|cap) (?:the number of|how many) times\b|\b(?:multiple|several|more than 1) attempts (?:are|is|will be) "
             r"(?:accepted|considered|allowed|fine|ok)\b|\bnot (?:have |impose |set )?(?:an? |any )?"
             r"(?:attempt limits?|limits? on (?:the )?(?:number of )?attempts)\b|"
             r"\bregardless of (?:the )?(?:number of )?attempts\b|\bno attempt limit|\b(?:do|does|will) not "
             r"(?:limit|restrict|cap) (?:the )?(?:number of )?(?:attempts|tries)|\bunlimited attempts|"
             # "a single failure ... is not a reason to exclude an applicant", "a failed attempt will
             # not by itself rule you out"
             r"\b(?:failures?|failed (?:attempts?|exams?|steps?)|fails?)\b[^.;]{0,60}(?:;|,)?\s*(?:but )?(?:it |this |they )?"
             r"(?:is|are|will|would) not,? (?:be )?(?:(?:by itself|in itself|on its own|alone),? )?(?:an? )?(?:reason|grounds?|"
             r"cause|basis) (?:to|for) (?:exclu|reject|rul|disqualif|declin|screen)\w*|"
             r"\b(?:failures?|failed (?:attempts?|exams?|steps?))\b[^.;]{0,40}\b(?:will|does|do|would) not (?:by itself |in itself |"
             r"on its own |alone |automatically )?rule (?:you|applicants?|candidates?|anyone|them) out\b|"
             # "applicants who failed once are not excluded automatically"
             r"\b(?:failed|failures?|attempts?)\b[^.;]{0,60}\b(?:are|is|will) not (?:be )?(?:automatically )?(?:excluded|"
             r"disqualified|rejected|ruled out|screened out)\b")
# "One failure is no reason to exclude, but two failures are": a limit on the second, not none.
_SINGLE_ONLY = R(r"\b(?:but|while|whereas|however)\b[^.;]{0,30}\b(?:2|two|multiple|more|several|repeated|repeat|a second)\b"
                 r"[^.;]{0,30}\b(?:are|is|will|would|do|does)\b(?! not)")
# "times" counts attempts when an exam-taking verb governs it ("the number of times a Step was
# taken", "how many times you sat the boards"), not in "at all times".
TIMES_TAKEN = (r"\b(?:number of|how many) times\b[^.;]{0,40}?\b(?:taken|take|takes|took|sat|sit|sits|attempted|"
               r"attempt|tested|test|tried)\b|\btimes (?:(?:a|an|the|each|any|you|they|applicants?|"
               r"candidates?) )?(?:[\w-]+ ){0,3}?(?:was|is|were|are|has been|have been|had been) (?:taken|attempted|sat)\b")
ATTEMPT_TOPIC = R(r"\battempts?\b|\bfail|\bfirst[- ]?(?:time|try|take|sitting)|\btries\b|\bretake|"
                  r"\b(?:second|2nd|third|3rd|fourth|4th) (?:try|sitting)\b|"
                  r"\b(?:taken|sat|attempted) (?:\w+ ){0,3}more than \d{1,2} times|" + TIMES_TAKEN)
EXAM_WORDS = R(r"\b(?:usmle|comlex|step1|step2ck|step3|level1|level2ce|exams?|examinations?|"
               r"boards?|steps?|levels?|pass\w*|scores?|tests?)\b")
FAIL_Q = R(r"\bfail\w*|\bmultiple attempts|\bmore than 1 attempt|\bsecond attempt|\bretake|\brepeat")
LIMIT_Q = R(r"\blimit|\bmaximum number|\bhow many attempts|\bfirst[- ]?(?:attempt|time|try)")


EXCLUDED = R(r"\b(?:not (?:be )?(?:eligible|considered|accepted|competitive)|ineligible|not (?:issue|grant) an? "
             r"licen[cs]e|(?:do|does|will|can) not "
             r"(?:consider|accept|interview|rank|review)|"
             r"disqualif\w*|exclud\w*|will not (?:be )?(?:ranked|interviewed|reviewed)|"
             r"can not be considered)\b")
MORE_THAN_ATTEMPTS = R(r"\bmore than (\d{1,2}) (?:attempts?|tries|sittings|takes)\b|\b(?:taken|sat|attempted) "
                       r"(?:\w+ ){0,3}more than (\d{1,2}) times\b")
# "Applicants who have failed any part three times are not considered" -> N attempts (dev
# convention: a third failure excludes, so at most three attempts count).
FAILED_N_TIMES = R(r"\bfail\w* (?:\w+ ){0,6}?(\d{1,2}) times\b")
WITHIN_FIRST = R(r"\bwithin (?:their|your|the|his or her) first (\d{1,2}) (?:attempts?|tries|sittings)\b")
FAILED_ONCE_OK = R(r"\b(?:consider|accept|review|interview)\w* (?:\w+ ){0,2}who (?:have )?failed (?:\w+ ){0,3}?"
                   r"(?:1 time|once)\b")
ANY_FAILURE = R(r"\b(?:a|any|one|1) (?:failure|fail|failed (?:attempt|exam|step|score)s?|"
                r"unsuccessful attempt)\b|\bwith (?:\w+ ){0,3}(?:failures|fails|failed (?:attempts|exams|scores|steps))\b|"
                r"\bfailed (?:any|a|one|1)(?: of (?:the|their|your))? (?:(?:usmle|comlex) )?(?:part|step|level|exam|"
                r"examination|attempt|board)s?\b|\bfailures? (?:of|on|in) (?:any|a|one|1) (?:(?:usmle|comlex) )?(?:part|step\w*|"
                r"level\w*|exam|examination|board)s?\b")
LABEL_N = R(r"\battempts?\b[^:.;]{0,30}(?::|\s-)\s*(?:up to |no more than |maximum(?: of)? |max\.? |at most )?"
            r"(\d{1,2})\b")
ANSWER_N = R(r"^(?:(?:a|answer)\s*[:.)-]\s*)?(?:up to |no more than |maximum(?: of)? |max\.? |"
             r"at most |limit(?:ed)? to )?(\d{1,2})\b(?: (?:attempts?|tries|per (?:exam|step)|"
             r"on each|for each|each)\b|\s*$|\.(?!\s*[a-z]))")     # ("5. I have ...": a list number, no answer)


NTH_ATTEMPT = R(r"\b(?:pass\w*|succeed\w*) (?:on|in|by|within) (?:the |their |your )?(second|2nd|third|3rd|"
                r"fourth|4th) (?:attempt|try|sitting)")
_ORDINAL = {"second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


# One clause may carry one rule per exam ("Step 1 with at most one failure, and Step 2 CK
# without any") or a soft tail ("..., and preferably above 235"): each part is read on its own.
_PART_BREAK = R(r",?\s+and\s+(?=(?:(?:both|all|each|every) (?:parts?|levels?|steps?) of )?(?:the )?(?:(?:usmle|comlex) )?"
                r"(?:step\w+|level\w+)\b)|,\s*(?:and|but|or)\s+"
                r"(?=(?:preferably|ideally|optimally)\b)")


def _parts(s: str) -> list[tuple[str, str]]:
    """(clause, part) pairs: the clauses of `s`, each split where another exam or a wish begins."""
    out = []
    for clause in clauses(s):
        parts = [p for p in _PART_BREAK.split(clause) if p.strip()]
        if len(parts) > 1 and sum(1 for p in parts if ATTEMPT_TOPIC.search(p)) >= 1:
            out.extend((clause, p) for p in parts)
        else:
            out.append((clause, clause))
    return out


def _attempt_value(n: int) -> str:
    return "first_attempt_only" if n <= 1 else f"max_attempts_{n}"


def attempts_claims(s: str, ctx: str, scope: str) -> list[Claim]:
    out: list[Claim] = []
    topic_s = ATTEMPT_TOPIC.search(s)
    answer = polarity(s)
    if not topic_s:
        ctx_topic = ctx and ATTEMPT_TOPIC.search(ctx) and (EXAM_WORDS.search(ctx) or
                                                        rx.search(r"\battempt", ctx))
        if not ctx_topic or len(s) >= 200:
            return out
        m = ANSWER_N.match(s)
        short_label = len(ctx) < 50 and not ctx.endswith("?")
        if rx.search(r"^(?:there (?:is|are) )?(?:no limit|unlimited|not limited|none)\b", s) and \
                rx.search(r"\battempt", ctx):
            out.append(Claim("attempts_policy", "no_limit", rank=2, uses_context=True))
        elif short_label and rx.search(r"\bfail", ctx) and answer == "no":
            out.append(Claim("attempts_policy", "first_attempt_only", rank=2, uses_context=True))
        elif m and rx.search(r"\battempt|\btries|\bsitting", ctx) and not SOFT.search(s):
            out.append(Claim("attempts_policy", _attempt_value(int(m.group(1))), rank=2,
                             uses_context=True))
        elif FAIL_Q.search(ctx) and rx.search(r"\b(?:accept|consider|allow|eligible)", ctx):
            nth = NTH_ATTEMPT.search(s)
            if answer == "yes" and nth:
                out.append(Claim("attempts_policy", _attempt_value(_ORDINAL[nth.group(1)]), rank=2,
                                 uses_context=True))
            elif answer == "no":
                out.append(Claim("attempts_policy", "first_attempt_only", rank=1,
                                 uses_context=True))
            elif answer == "yes" and rx.search(r"\bmultiple attempts|\bmore than 1 attempt", ctx) \
                    and len(s) < 30:
                out.append(Claim("attempts_policy", "no_limit", rank=1, uses_context=True))
        elif LIMIT_Q.search(ctx) and answer == "no" and rx.search(r"\blimit|\bmaximum", ctx):
            out.append(Claim("attempts_policy", "no_limit", rank=1, uses_context=True))
        elif rx.search(r"\bfirst[- ]?(?:attempt|time|try)", ctx) and answer == "yes" and \
                rx.search(r"\b(?:require|must|need|have to|has to)", ctx):
            out.append(Claim("attempts_policy", "first_attempt_only", rank=1, uses_context=True))
        return out
    if OTHERS.search(s) and not rx.search(r"\b(?:must|require[sd]?|only|not (?:be )?(?:considered|"
                                          r"eligible|accepted|interviewed|ranked|reviewed)|limit\w*)\b", s):
        return out      # "most applicants we interview passed at the first attempt" describes
    masked = RETIRED.sub(" ", s)
    if RETIRED.search(s) and not rx.search(r"\b(?:step1|step2ck|step3|level1|level2ce|usmle|"
                                            r"comlex|exams?|boards?)\b", masked):
        return out
    if not (EXAM_WORDS.search(s) or (ctx and EXAM_WORDS.search(ctx)) or EXAM_WORDS.search(scope)
            or rx.search(r"\battempt", s)):
        return out
    if (NO_LIMIT.search(s) and not _SINGLE_ONLY.search(s)) or rx.search(
            r"\battempts?\b[^:.;]{0,30}(?::|\s-|\s)\s*(?:none|no limit|unlimited|not limited)\b", s):
        out.append(Claim("attempts_policy", "no_limit", rank=2))
        return out
    for whole, clause in _parts(s):
        strict = strictness_of(clause, ctx, scope) or (strictness_of(whole, ctx, scope) if clause != whole
                                                       else None)
        soft = SOFT.search(clause)
        if clause != whole and SOFT.search(whole[:whole.find(clause)]):
            # a wish governs the parts after it: "we prefer Step 1 and Step 2 CK ... at the first attempt"
            strict, soft = "preferred", True
        m = MAX_FAILS.search(clause)
        if m:
            n = int(m.group(1) or m.group(2))
            out.append(Claim("attempts_policy", _attempt_value(n + 1) if n >= 1 else
                             "first_attempt_only", strictness="preferred" if soft else "hard",
                             rank=2))
            continue
        m = NTH_ATTEMPT.search(clause)
        if m and (answer == "yes" or rx.search(r"\b(?:must|only|if|provided|as long as|has to|have to|needs? to|"
                                               r"required?)\b", clause)) and not soft:
            # "Yes, if they passed on the second attempt." -> at most two attempts.
            out.append(Claim("attempts_policy", _attempt_value(_ORDINAL[m.group(1)]), rank=2))
            continue
        m = MORE_THAN_ATTEMPTS.search(clause)
        if m and EXCLUDED.search(clause):
            # "needed more than two attempts ... are not eligible" -> at most two.
            out.append(Claim("attempts_policy", _attempt_value(int(m.group(1) or m.group(2))), rank=2))
            continue
        m = FAILED_N_TIMES.search(clause)
        if m and EXCLUDED.search(clause[m.end():]) and not soft:
            out.append(Claim("attempts_policy", _attempt_value(int(m.group(1))), rank=2))
            continue
        m = WITHIN_FIRST.search(clause)
        if m and (strict == "hard" or rx.search(r"\bmust\b|\b(?:acceptable|accepted|considered|eligible) (?:only )?"
                                                r"(?:with|if)\b", clause)) and not soft:
            out.append(Claim("attempts_policy", _attempt_value(int(m.group(1))), rank=2))
            continue
        if FAILED_ONCE_OK.search(clause) and not soft:
            out.append(Claim("attempts_policy", "max_attempts_2", rank=2))
            continue
        m = MAX_ATTEMPTS.search(clause) or LABEL_N.search(clause)
        if m and rx.search(r"\battempts?|tries|sittings|takes|times", clause):
            n = int(next(g for g in m.groups() if g))
            if rx.search(r"\b(?:fewer|less) than\b", m.group(0)):
                n -= 1
            # A numeric attempt limit is a rule unless it is worded as a wish.
            if n >= 1:
                out.append(Claim("attempts_policy", _attempt_value(n),
                                 strictness="preferred" if soft else "hard", rank=2))
            continue
        m = ANY_FAILURE.search(clause)
        if m and EXCLUDED.search(clause) and not soft:
            out.append(Claim("attempts_policy", "first_attempt_only", rank=2))
            continue
        if strict is None and rx.search(r"\bonly\b", clause):
            strict = "hard"
        m = FIRST_ATTEMPT.search(clause)
        if m:
            if rx.search(r"\bfirst[- ]?time\b", m.group(0)) and not rx.search(
                    r"\bpass\w*|\bfail|\bexam|\bstep|\blevel|\busmle|\bcomlex", clause):
                continue
            neg = negated_before(clause, m.start(), 40) and not m.group(0).startswith(
                ("no ", "without", "not", "never", "zero"))
            if neg and not rx.search(r"\bfail", m.group(0)):
                if EXCLUDED.search(clause[m.end():]):
                    # "who did not pass on the first attempt are not eligible" is a rule
                    out.append(Claim("attempts_policy", "first_attempt_only", rank=2))
                # "we do not require first-attempt passes" is not a rule.
                continue
            if strict is None and rx.search(r"\bnot (?:be )?(?:accepted|considered|allowed|permitted)|"
                                            r"^(?:no|without|zero)\b", m.group(0)):
                strict = "hard"         # an exclusion is a rule even without "must"
            if strict is not None:
                out.append(Claim("attempts_policy", "first_attempt_only", strictness=strict,
                                 rank=2))
    return out
