"""Score rules: USMLE / COMLEX minimums, named and combined thresholds, and "no minimum"."""

from __future__ import annotations

from eligibility import prefilter as rx    # re's functions, each inline pattern compiled once
from eligibility.rules.common import COMBINED, HARD_WEAK, Claim, HARD, NAMED_THRESHOLD, OTHERS, R, RETIRED, SOFT, clauses, polarity, soft_lead_in, strictness_of

EXAM = R(r"\b(?:step1|step2ck|step3|step2cs|level1|level2ce|level2pe|level3|usmle|comlex(?:-usa)?|"
         r"board scores?|board exams?|licensing exam\w*)\b")
SCORE_NUM = R(r"(?<![\d$.,/-])(\d{3})(?![\d%]|\s*(?:%|percent|th\b|positions|applicants|"
              r"applications|residents|hours|days|programs|interviews|beds|physicians|"
              r"students|graduates|members|faculty|patients|miles|sq|square|\w*-\d))")
EXAM_JOIN = R(r"^\s*(?:,|and|or|&|/|and/or|as well as|plus)?\s*(?:usmle\s+|comlex\s+)?$")
NONE_MIN = R(r"\b(?:no|without|(?:do|does|did|will) not (?:have|use|require|set|impose|apply|"
             r"employ|utilize)|(?:is|are) not|there is no|there are no|not have|not use)\s+"
             r"(?:an?\s+|any\s+)?(?:(?:specific|set|fixed|strict|rigid|hard and fast|hard|absolute|formal|official|"
             r"predetermined|particular|firm|minimum|required|usmle|comlex|step1|step2ck|"
             r"board|exam|test|numerical|numeric|score|strict|established)\s+){0,3}"
             r"(?:minimums?|min|cutoff|thresholds?|score requirements?|score cutoff|"
             r"requirements? for (?:usmle|comlex|step\w*|board) scores?|minimum (?:score|"
             r"requirement)s?)\b|\b(?:minimums?|cutoffs?) (?:is|are) not (?:used|required)|"
             r"\bnot screen\w* (?:applicants |applications |candidates |files )?(?:with|by|using|based on|on) "
             r"(?:a |any |the |their )?(?:(?:usmle|comlex|board|exam|test|step\w*|level\w*|numeric|numerical) ){0,2}"
             r"(?:scores?|minimum|cutoff|threshold|numeric)|\bavoid\w* (?:\w+,? ){0,3}"
             r"(?:numeric|numerical|score) (?:filters?|cutoffs?|thresholds?)|\b(?:scores?|results) (?:is|are) not used as "
             r"(?:an? )?(?:cutoffs?|minimums?|thresholds?|screens?|filters?)\b|\bno (?:absolute|formal|fixed|"
             r"strict|hard) (?:selection |admission )?criteria\b|"
             r"\bno (?:1|applicant|candidate)\b[^.;]{0,20}\b(?:screened|filtered|ruled|excluded) out\b[^.;]{0,25}"
             r"\bscores?\b|\bnot (?:screened|filtered|ruled) out (?:on|by|based on) (?:the |their |a )?scores?\b")
# "There is no fixed score an applicant must reach", "no set score that candidates need to achieve".
NO_SET_SCORE = R(r"\bno (?:fixed|set|particular|specific|single|required|minimum|magic) (?:usmle |comlex |board |test |exam |"
                 r"step1 |step2ck |level2ce )?(?:scores?|numbers?) (?:that |which )?(?:[\w']+ ){0,3}(?:must|has to|have to|needs? to|"
                 r"is required|are required|should)\b")
# A requirement on the applicant's average ("scores averaging 225 or better", "an average of 230
# or higher on the Steps"): a stated minimum, but no per-step number.
AVERAGE_REQ = R(r"\baverag(?:e|es|ing)\b (?:(?:score )?of )?(?:at least )?\d{3}\b(?: (?:or (?:better|higher|above|more|greater)|"
                r"and (?:above|higher)|\+))?|\b(?:an? )?average (?:score )?(?:of )?(?:at least|above|over|no (?:less|lower) than) \d{3}\b")
# "None of these is an absolute cut-off" after a list of scores and other factors.
NONE_OF_THESE = R(r"\bnone of (?:these|them|the above|those)\b[^.;]{0,20}\b(?:is|are)\b[^.;]{0,10}\b(?:an? )?"
                  r"(?:absolute |strict |hard |firm |fixed |formal )?(?:cutoffs?|minimums?|thresholds?)\b")


# A number that opens a sub-case: "if ... (is) below / under / less than N, ...".
SUBCASE_BELOW = R(r"(?:^|[^\w])(?:if|when|where|should|for (?:applicants|candidates|those) (?:with|whose))\b[^,;:]{0,80}?"
                  r"\b(?:below|under|less than|lower than|beneath|short of)\s*$")
# The sub-case's consequence an exclusion: then the number is the minimum after all.
EXCLUSION = R(r"\b(?:not (?:be )?(?:considered|eligible|invited|interviewed|ranked|reviewed|accepted)|ineligible|"
              r"reject\w*|screened out|exclud\w*|disqualif\w*|will not|can not|do not|does not|no (?:interview|invitation))\b")
NONE_LABEL = R(r"\b(?:minimum|cutoff)\w*(?: (?:usmle |board |test )?scores?)?\s*[:-]?\s*(?:none|no|n/a)\s*"
                r"\.?$")


def _exam_kind(token: str) -> list[str]:
    if token == "step1":
        return ["min_step1"]
    if token == "step2ck":
        return ["min_step2ck"]
    if token in ("usmle", "board score", "board scores", "board exam", "board exams") or \
            token.startswith("licensing"):
        return ["usmle"]
    if token in ("level2ce", "comlex", "comlex-usa"):
        return ["min_comlex2"]
    if token == "level1":
        return ["comlex1"]
    return ["other"]          # step3, level3, retired exams


def _mentions(text: str) -> list[tuple[int, int, list[str]]]:
    """Exam mentions with the fields they name; joined lists ("step1 and step2ck") are grouped."""
    raw = [(m.start(), m.end(), _exam_kind(m.group(0))) for m in EXAM.finditer(text)]
    grouped: list[tuple[int, int, list[str]]] = []
    for start, end, kinds in raw:
        if grouped and EXAM_JOIN.match(text[grouped[-1][1]:start]):
            prev = grouped[-1]
            # "usmle step2ck" is one mention naming step2ck; "step1 and step2ck" names both.
            if prev[2] == ["usmle"] and text[prev[1]:start].strip() == "":
                grouped[-1] = (prev[0], end, kinds)
            elif prev[2] == ["min_comlex2"] and kinds in (["comlex1"], ["min_comlex2"]) and \
                    text[prev[1]:start].strip() == "":
                grouped[-1] = (prev[0], end, kinds)
            else:
                grouped[-1] = (prev[0], end, prev[2] + kinds)
        else:
            grouped.append((start, end, kinds))
    return grouped


def _fields_for(kinds: list[str], number: int) -> list[str]:
    """Which minimum fields a number fills, given the exams it refers to and its range."""
    out: list[str] = []
    usmle_range = 150 <= number <= 300
    comlex_range = 300 <= number <= 900
    for kind in kinds:
        if kind == "usmle" and usmle_range:
            out += ["min_step1", "min_step2ck"]
        elif kind in ("min_step1", "min_step2ck") and usmle_range:
            out.append(kind)
        elif kind == "min_comlex2" and comlex_range:
            out.append(kind)
        elif kind == "usmle" and comlex_range and "min_comlex2" in kinds:
            continue
    # "USMLE/COMLEX minimum 220/500": each number goes to the family its range fits.
    return list(dict.fromkeys(out))


_TO_EXAM = R(r"^\s*(?:or (?:higher|above|more|better|greater)\s*)?(?:points? )?(?:on|in|for|at)\s+"
             r"(?:the\s+|each\s+|both\s+|each of\s+)?(?:usmle\s+|comlex\s+)?$")


def _comma_part(clause: str, at: int) -> str:
    """The comma- or bracket-delimited part of `clause` holding position `at`."""
    start = max(clause.rfind(",", 0, at), clause.rfind("(", 0, at), clause.rfind(")", 0, at)) + 1
    ends = [e for e in (clause.find(",", at), clause.find("(", at), clause.find(")", at)) if e >= 0]
    return clause[start:min(ends) if ends else len(clause)]


def _exam_for(s: str, pos: int, mentions, ctx_mentions, scope_mentions, clause: str):
    """(exam kinds, used the context, generic "USMLE") for the score number at `pos`."""
    before = [m for m in mentions if m[1] <= pos]
    after = [m for m in mentions if m[0] >= pos + 3]
    kinds = None
    if after and _TO_EXAM.match(s[pos + 3:after[0][0]]):
        kinds = after[0][2]                          # "225 on Step 2 CK"
    elif before and not SCORE_NUM.search(s[before[-1][1]:pos]):
        kinds = before[-1][2]                        # "Step 2 CK minimum 225"
    elif after and after[0][0] - (pos + 3) <= 40:
        kinds = after[0][2]
    elif before and not after:
        kinds = before[-1][2]                        # "Step 2 CK: 240 preferred, 220 minimum"
    if kinds is not None:
        return kinds, False, kinds == ["usmle"]
    if not mentions:
        if ctx_mentions:
            kinds = [k for m in ctx_mentions for k in m[2]]
            return kinds, True, kinds == ["usmle"]
        if scope_mentions and rx.search(r"\bscores?\b|\bminimum\b", clause):
            kinds = [k for m in scope_mentions for k in m[2]]
            return kinds, False, kinds == ["usmle"]
    return None, False, False


def score_claims(s: str, ctx: str, scope: str, block: str = "") -> list[Claim]:
    out: list[Claim] = []
    at = block.find(s) if block else -1
    before_s = block[:at] if at > 0 else ""        # the block's sentences before this one
    if RETIRED.search(s) and not rx.search(r"\b(?:step1|step2ck|level2ce|usmle|comlex)\b",
                                            RETIRED.sub(" ", s)):
        return out
    answer = polarity(s)
    ctx_min = bool(ctx) and rx.search(r"\b(?:minimums?|cutoffs?|thresholds?|score requirements?|"
                                      r"required scores?|min)\b", ctx) and \
        (EXAM.search(ctx) or rx.search(r"\bscores?\b", ctx))
    # "No minimum" / "no cutoff" -> policy none (unless this very sentence gives a number).
    if NONE_LABEL.search(s) or (NONE_MIN.search(s) or NO_SET_SCORE.search(s)) and (EXAM.search(s) or rx.search(r"\bscores?\b", s) or ctx_min or
                               rx.search(r"\bno (?:absolute|formal|fixed|strict|hard) (?:selection |admission )?"
                                         r"criteria\b", s) or
                               (ctx and (EXAM.search(ctx) or rx.search(r"\bscores?\b", ctx)))):
        out.append(Claim("score_minimum_policy", "none", rank=1))
    elif NONE_OF_THESE.search(s) and rx.search(r"\bscores?\b", before_s) and EXAM.search(before_s):
        out.append(Claim("score_minimum_policy", "none", rank=1))
    elif ctx_min and answer == "no" and (not rx.search(r"\b(?:must|require[sd]?|minimum|cutoff)\b", s)
                                         or rx.match(r"(?:none|no|not) (?:is |are )?required\b", s)):
        out.append(Claim("score_minimum_policy", "none", rank=1, uses_context=True))
    mentions = _mentions(s)
    ctx_mentions = _mentions(ctx) if ctx else []
    scope_mentions = _mentions(scope) if scope else []
    if not mentions and not ctx_mentions and before_s and rx.search(
            r"\b(?:minimum|at least|cutoff)\b[^.;]{0,12}\bscores?\b|\bscores?\b[^.;]{0,12}\b(?:minimum|at least)\b", s):
        # "Must have passed all USMLE exams on the first attempt. A minimum score of 225 is
        # required.": the score is of the exam the sentence before names.
        ctx_mentions = _mentions(before_s.rstrip(" .").rsplit(". ", 1)[-1])
    found_number = False
    label = s.split(":", 1)[0] if ":" in s[:40] else ""
    label_hard = bool(label) and bool(rx.search(r"\b(?:minimum|minimums|cutoffs?|required|"
                                                r"requirements?|thresholds?)\b", label))
    named = {k for m in mentions for k in m[2]}
    # A generic "COMLEX" number beside a Step 1 rule (and no Step 2 or Level 2) is Level 1's.
    comlex_for_step1 = "min_step1" in named and "min_step2ck" not in named and \
        not rx.search(r"\blevel2ce\b", s)
    previous = ""
    for clause in clauses(s):
        offset = s.find(clause)
        numbers = list(SCORE_NUM.finditer(clause))
        before, previous = previous, clause
        if not numbers:
            continue
        if rx.search(r"\b(?:h1b|j1|visas?)\b", clause):
            continue        # "H-1B is possible for candidates scoring above 245": a visa's condition
        clause_strict = strictness_of(clause, ctx, scope)
        if before and rx.search(r"\b(?:are|is|do|does|will|can|would)\s*\.?$", clause):
            # An elided predicate ("... are not prioritised; those scoring above 225 are."):
            # the clause means what the previous clause's verb says.
            clause_strict = "preferred" if SOFT.search(before) else strictness_of(before, ctx, scope)
        if clause_strict is None and ctx_min:
            clause_strict = "hard"
        if clause_strict is None and label_hard:
            clause_strict = "hard"          # "Minimum scores: Step 1 - pass; Step 2 CK - 220"
        avg = AVERAGE_REQ.search(clause)
        if avg and clause_strict == "hard" and not OTHERS.search(rx.sub(r"\baverag\w*", " ", clause)) and \
                not rx.search(r"\b(?:we|you|i|they)\b", clause[:avg.start()]):
            # "USMLE scores averaging 225 or better" as a requirement: stated, no per-step minimum
            out.append(Claim("score_minimum_policy", "stated", rank=2, condition="average score",
                             uses_context=False))
            found_number = True
            continue
        # Class averages and other people's numbers are not requirements (also when the
        # number is the value of a "Class average Step 2 CK" label).
        if OTHERS.search(NAMED_THRESHOLD.sub(" ", clause if mentions else f"{clause} {ctx}")) \
                and not rx.search(
                r"\b(?:must|minimum|require[sd]?|cutoff|at least)\b", clause):
            continue
        combined = COMBINED.search(clause)
        for num in numbers:
            value = int(num.group(1))
            pos = offset + num.start()
            if SUBCASE_BELOW.search(clause[:num.start()]) and not EXCLUSION.search(clause[num.end():]):
                # "If Step 1 or 2 is below 230, Step 2 must show a rise of 10 points": the number
                # is the condition of a sub-case, not the minimum ("if below 220, you will not be
                # considered" still is one)
                continue
            # "240 preferred, 220 minimum": the comma-part holding the number decides first.
            part = _comma_part(clause, num.start())
            # Only the part's own strong word overrides the clause: "we look for 230 and above
            # ..., and 220 and above for preliminary positions" stays a wish throughout.
            strict = (("preferred" if SOFT.search(part) or soft_lead_in(ctx, part) else "hard" if HARD.search(
                HARD_WEAK.sub(" ", part)) else None) if part != clause else None) or clause_strict
            kinds, used_ctx, generic = _exam_for(s, pos, mentions, ctx_mentions, scope_mentions,
                                                 clause)
            if not kinds:
                continue
            fields = _fields_for(kinds, value)
            if not fields and "usmle" in kinds and 300 <= value <= 900 and any(
                    k == "min_comlex2" for m in mentions for k in m[2]):
                fields = ["min_comlex2"]
            if not fields and "min_comlex2" in kinds and 150 <= value <= 300 and any(
                    k in ("usmle", "min_step1", "min_step2ck") for m in mentions for k in m[2]):
                fields = [k for m in mentions for k in m[2]
                          if k in ("min_step1", "min_step2ck")] or ["min_step1", "min_step2ck"]
            if "comlex1" in kinds and 300 <= value <= 900 and not fields and strict == "hard":
                out.append(Claim("score_minimum_policy", "stated", rank=2, uses_context=used_ctx))
                found_number = True
                continue
            if fields == ["min_comlex2"] and comlex_for_step1:
                continue        # "Step 1 (a COMLEX score above 550 instead)": a Level 1 value
            if not fields or strict is None:
                continue
            found_number = True
            if combined:
                if strict == "hard":
                    out.append(Claim("score_minimum_policy", "stated", rank=2,
                                     condition="combined score", uses_context=used_ctx))
                continue
            for field in dict.fromkeys(fields):
                # "USMLE minimum 210" is less specific than "Step 2 CK minimum 225".
                rank = 1 if generic and field != "min_comlex2" else 2
                out.append(Claim(field, value, strictness=strict, rank=rank, uses_context=used_ctx))
            if strict == "hard":
                out.append(Claim("score_minimum_policy", "stated", rank=2, uses_context=used_ctx))
    if not found_number and NAMED_THRESHOLD.search(s) and (EXAM.search(s) or ctx_mentions or
                                                          rx.search(r"\bscores?\b", f"{s} {ctx}")):
        strict = strictness_of(s, ctx, scope)
        if strict == "hard" and not NONE_MIN.search(s) and not (
                rx.search(r"\bmost (?:\w+ ){0,2}(?:applicants|candidates|residents|interviewees|invitees)\b|"
                          r"\b(?:have|had) scored\b", s) and
                not rx.search(r"\b(?:must|minimum|require[sd]?|cutoff|at least|needs?)\b", s)):
            # "most applicants we invite have scored above the national mean" describes them
            out.append(Claim("score_minimum_policy", "stated", rank=2,
                             condition="named threshold"))
    if not found_number and ctx_min and answer == "yes" and not out:
        out.append(Claim("score_minimum_policy", "stated", rank=1, uses_context=True))
    return out
