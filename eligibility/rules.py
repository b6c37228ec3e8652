"""Field rules: what one sentence (with the question/label it answers and its headings) states.

Every rule reads canonical text (`normalize.canon`) and returns `Claim`s. A claim carries the
field, value, strictness, an optional condition, a specificity rank (used when one page says
several things about a field) and whether it needed the context to make sense (then the
evidence includes the question or label). Precision first: a rule fires only on wording that
states the fact; hedged, preferred or other people's numbers (class averages) never fill a
minimum or a rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

R = re.compile


@dataclass(slots=True)
class Claim:
    field: str
    value: object
    strictness: str = "hard"
    condition: str | None = None
    rank: int = 1            # higher = more specific statement
    uses_context: bool = False


# ------------------------------------------------------------------ shared vocabulary

NEG = R(r"\b(?:not|no|never|unable|none|neither|nor|without|can not|no longer|unfortunately)\b")
SOFT = R(r"\b(?:prefer\w*|preference|competitive|encourag\w*|recommend\w*|ideal(?:ly)?|"
         r"desir\w*|favou?r\w*|advantage\w*|helpful|beneficial|typical(?:ly)?|usually|generally|"
         r"look(?:ing)? for|strong(?:er)? (?:applicants|candidates)|successful (?:applicants|"
         r"candidates)|most of our|plus|likely|suggest\w*|priority|prioritiz\w*|"
         r"stand out|more competitive|higher chance|best chance|tend to|often|rarely|seldom|"
         r"unlikely)\b")
HARD = R(r"\b(?:must|minimum|minimal|min|require[sd]?|requirement|requirements|required|"
         r"at least|cutoff|threshold|we expect|expected|need(?:ed|s)?|no less than|"
         r"not less than|or (?:higher|above|greater|better|more)|and (?:above|higher)|above|"
         r"greater than|over|>=|>|eligib\w*|only (?:consider|accept|interview|review)|"
         r"will not (?:be )?consider\w*|not be considered|screen\w*|mandatory|necessary|"
         r"should have|criteria|criterion|qualif\w*|no (?:failures?|fails?)|no more than|"
         r"not more than|at most|maximum|max|below|less than|under)\b|>=|>")
OTHERS = R(r"\b(?:average|averaged|mean|median|avg|our (?:current )?residents|matched|incoming|"
           r"class|last year|previous|past years?|interviewed|historically|range[ds]?|"
           r"scored|have scored|statistics)\b")
NAMED_THRESHOLD = R(r"national (?:median|mean|average)|(?:median|mean|average) national|"
                    r"standard deviations?|\b(?:1|one|2) sd\b|above (?:the )?pass(?:ing)?|"
                    r"\d{1,2}(?:st|nd|rd|th) percentile|percentile")
COMBINED = R(r"\b(?:combined|total|sum|cumulative|composite|aggregate|added together)\b")
RETIRED = R(r"\bstep2cs\b|\blevel2pe\b")
YEAR = R(r"\b(?:19[89]\d|20[0-4]\d)\b")
CLAUSE_SPLIT = R(r";|\s(?:but|however|although|though|whereas|while)\b|\.\s")
YES_ANSWER = R(r"^(?:yes|yep|absolutely|certainly|of course|we (?:do|can|will|are)(?=\s*[.!]|\s*$)|"
               r"correct|definitely|indeed|sure|required|available|offered|accepted|sponsored|"
               r"mandatory|always)\b(?! not)")
CONDITIONAL_ANSWER = R(r"^(?:(?:a|answer)\s*[:.)-]\s*)?(?:only|if|provided|as long as|when|for (?:applicants|candidates|those)|"
                       r"case[- ]by[- ]case|in (?:some|certain|rare|limited) (?:cases|circumstances)|"
                       r"sometimes|occasionally|on occasion|limited)\b")
NO_ANSWER = R(r"^(?:no|nope|not|we do not|we are not|we can not|we will not|unfortunately|sorry|"
              r"none|negative|never|n/a)\b")
REQUIRE_SCOPE = R(r"\b(?:require\w*|must|eligib\w*|criteria|qualifications|prerequisites|"
                  r"minimum|mandatory)\b")
SOFT_SCOPE = R(r"\b(?:prefer\w*|suggest\w*|recommend\w*|competitive|desired|tips|"
               r"successful|advice|statistics|profile|our residents|current residents|"
               r"meet our|match (?:list|results))\b")
FELLOWSHIP = R(r"\bfellow(?:s|ship|ships)?\b")
RESIDENCY = R(r"\b(?:residency programs?|residents|our residency|the residency|resident physicians|"
              r"residency (?:training|applicants|positions?)|residency and fellowship|interns?)\b")


ANSWER_PREFIX = R(r"^(?:a|answer)\s*[:.)-]\s*")


def polarity(answer: str) -> str | None:
    """"yes" / "no" for a short answer that opens with one; None otherwise."""
    answer = ANSWER_PREFIX.sub("", answer)
    if NO_ANSWER.match(answer):
        return "no"
    if YES_ANSWER.match(answer):
        return "yes"
    return None


def clauses(text: str) -> list[str]:
    return [c.strip() for c in CLAUSE_SPLIT.split(text) if c.strip()]


def negated_before(text: str, start: int, window: int = 60) -> bool:
    """A negation word between the last clause break before `start` and `start`."""
    head = text[max(0, start - window):start]
    cut = max(head.rfind(";"), head.rfind(","), head.rfind(" but "), head.rfind(". "),
              head.rfind(" and "), head.rfind(":"))
    if cut >= 0:
        head = head[cut + 1:]
    return bool(NEG.search(head))


HARD_WEAK = R(r"\b(?:above|over|greater than|or (?:higher|above|greater|better|more)|and (?:above|"
              r"higher)|below|less than|under)\b|>=|>")


def strictness_of(clause: str, context: str, scope: str) -> str | None:
    """"hard", "preferred" or None (neutral wording and no requirement-like context)."""
    if SOFT.search(clause):
        return "preferred"
    if HARD.search(HARD_WEAK.sub(" ", clause)):
        return "hard"
    if (context and SOFT.search(context)) or (scope and SOFT_SCOPE.search(scope)):
        return "preferred"
    if HARD_WEAK.search(clause):
        return "hard"
    if context and SOFT.search(context):
        return "preferred"
    if context and (HARD.search(context) or REQUIRE_SCOPE.search(context)):
        return "hard"
    if scope and SOFT_SCOPE.search(scope):
        return "preferred"
    if scope and REQUIRE_SCOPE.search(scope):
        return "hard"
    return None


def _cond(text: str) -> str:
    return text.strip(" .;,")


# ------------------------------------------------------------------ visas

J1 = R(r"\bj1\b|exchange visitor|ecfmg[- ]sponsored")
H1B = R(r"\bh1b\b")
VISA = R(r"\bvisas?\b|\bsponsor\w*")
VISA_VERB = R(r"\b(?:must (?:have|hold) an?|sponsor\w*|accept\w*|support\w*|offer\w*|consider\w*|available|eligib\w*|"
              r"welcome|process\w*|provide\w*|file|filing|petition\w*|take|takes|hold|holders?|"
              r"allow\w*|obtain|candidates? (?:on|with|requiring)|applicants? (?:on|with|"
              r"requiring)|qualif\w*|issue\w*|grant\w*|maintain)\b")
NO_VISAS = R(r"\bvisa sponsorship\W*\s*(?:none|no|not (?:available|offered))\s*\.?$|"
             r"(?:not|unable to|no longer|can not|do not|does not|will not|are not)\s+(?:\w+\s+){0,3}"
             r"(?:sponsor\w*|accept\w*|support\w*|offer\w*|provide\w*|consider\w*)\s+(?:any\s+|"
             r"(?:for\s+)?(?:a\s+|any\s+)?)?(?:type of |kind of |forms? of |work |entry |)"
             r"visas?\b|\bno visa sponsorship\b|\bvisa sponsorship is not (?:available|offered|"
             r"provided)|\bvisas? (?:are|is) not (?:sponsored|accepted|supported|offered|"
             r"available)|\bdo not sponsor\b(?!\s+(?:\w+\s+)?(?:j1|h1b)\b)|\bnot (?:able to )?sponsor "
             r"(?:foreign|international|non-us)")
CITIZENS_ONLY = R(r"\bmust (?:be|have)\b[^.;]{0,40}\b(?:us citizens?|citizenship|permanent "
                  r"residen\w*|green card)\b(?![^.;]{0,60}\b(?:j1|h1b|visa|ead|employment "
                  r"authorization)\b)")
ONLY_J1 = R(r"\bonly\b[^.;]{0,40}\bj1\b|\bj1\b[^.;]{0,30}\bonly\b|\bexclusively\b[^.;]{0,30}"
            r"\bj1\b|\bj1\b[^.;]{0,20}\bexclusively|(?:other than|except(?: for)?|besides)"
            r" (?:the )?(?:ecfmg[- ]sponsored )?j1|\bsolely\b[^.;]{0,30}\bj1\b")
ONLY_H1B = R(r"\bonly\b[^.;]{0,40}\bh1b\b|\bh1b\b[^.;]{0,30}\bonly\b")
H1B_COND = R(r"\b(?:if|only if|provided|as long as|contingent|condition\w*|otherwise|"
             r"transfer\w*|another acgme|(?:currently|already) (?:in|enrolled)|current(?:ly)? "
             r"(?:enrolled|training)|us (?:medical )?(?:school|graduates?|md)|f1|opt|"
             r"case[- ]by[- ]case|limited (?:number|basis|circumstances)|rare(?:ly)?|"
             r"select(?:ed)? (?:candidates|applicants)|exceptional|individual basis|"
             r"depend\w*|subject to (?:program|department|institutional|gme|dio)|"
             r"after (?:acceptance|the match|matching)|by (?:the )?(?:rank|time)|unless|"
             r"in certain|certain (?:cases|circumstances)|eligible for|who have (?:passed|"
             r"completed)|must (?:have )?(?:pass|complet)\w*|(?:must|need to|should) be (?:passed|"
             r"completed)|all 3 (?:usmle )?steps|all (?:usmle )?steps|to be considered)\b")
STEP3 = R(r"\bstep3\b")
STRONG_COND = R(r"\bstep3\b|\btransfer\w*|\banother acgme|\bus (?:medical )?(?:school|graduates?|md)|"
                r"\bf1\b|\bcase[- ]by[- ]case|\bonly (?:for|if|with|to|when)\b")


def visa_claims(s: str, ctx: str, scope: str, block: str) -> list[Claim]:
    out: list[Claim] = []
    if FELLOWSHIP.search(s) and not RESIDENCY.search(s):
        return out
    if FELLOWSHIP.search(scope) and not RESIDENCY.search(scope):
        return out
    has_j1, has_h1b = J1.search(s), H1B.search(s)
    answer = polarity(s)
    if not has_j1 and not has_h1b:
        # A bare answer to a visa question ("No." / "Yes, J-1 only." handled below).
        if ctx and (J1.search(ctx) or H1B.search(ctx) or VISA.search(ctx)) and \
                (answer or CONDITIONAL_ANSWER.match(s) or (H1B.search(ctx) and STRONG_COND.search(s))) \
                and re.search(r"\bvisa|\bsponsor|\bj1\b|\bh1b\b", ctx) and len(s) < 160:
            cj1, ch1b = J1.search(ctx), H1B.search(ctx)
            if answer == "no":
                if ch1b and not cj1:
                    out.append(Claim("h1b_visa", "no", rank=2, uses_context=True))
                elif cj1 and not ch1b:
                    out.append(Claim("j1_visa", "no", rank=2, uses_context=True))
                else:       # "Do you sponsor visas (J-1 or H-1B)?" - "No."
                    out.append(Claim("h1b_visa", "no", rank=1, uses_context=True))
                    out.append(Claim("j1_visa", "no", rank=1, uses_context=True))
            elif answer == "yes" or ((CONDITIONAL_ANSWER.match(s) or STRONG_COND.search(s)) and ch1b
                                     and not cj1):
                cond = H1B_COND.search(s) or CONDITIONAL_ANSWER.match(s)
                if ch1b and not cj1:
                    out.append(Claim("h1b_visa", "conditional" if cond else "yes",
                                     condition=_cond(s) if cond else None, rank=2,
                                     uses_context=True))
                elif cj1 and not ch1b:
                    out.append(Claim("j1_visa", "yes", rank=2, uses_context=True))
        elif NO_VISAS.search(s) or (CITIZENS_ONLY.search(s) and re.search(r"applicant|candidate", s)):
            out.append(Claim("h1b_visa", "no", rank=1))
            out.append(Claim("j1_visa", "no", rank=1))
        return out

    label_ctx = bool(ctx) and bool(re.search(r"\bvisa|\bsponsor", ctx))
    # "J-1 (ECFMG): No", "Accepts J-1 visa holders - Yes", "H-1B: only with Step 3 ...".
    label_form = len(s) < 90 and re.search(r"^[^.;:]{0,40}\b(?:j1|h1b)\b[^.;:]{0,25}(?::|\s-\s)", s)
    label_no = len(s) < 70 and re.search(r"(?:[:)-]|\b(?:visas?|holders?|sponsorship|ecfmg))\W*\s*"
                                         r"(?:no|none|not (?:accepted|offered|available|sponsored|"
                                         r"supported|considered))\s*\.?$", s)
    verb = VISA_VERB.search(s) or label_ctx or label_form or \
        (len(s) < 40 and re.search(r"\bvisas?\b", s))
    only_h1b = re.search(r"\bh1b (?:visas? )?only\b|\bonly (?:sponsor|accept|offer|support)s? (?:the )?"
                         r"h1b\b", s) and not re.search(r"\bj1\b", s) and not NEG.search(s) \
        and not STRONG_COND.search(s)
    if only_h1b:
        out.append(Claim("j1_visa", "no", rank=2))
    uses_ctx = label_ctx and not VISA_VERB.search(s)
    generic_no = NO_VISAS.search(s)

    if has_j1:
        m = has_j1
        neg = negated_before(s, m.start()) or re.search(
            r"^\W*(?:(?:visas?|petitions?|sponsorship|status|applications?|holders?)\W+){0,2}"
            r"(?:is|are|will|can|may)\s+(?:not|no longer|never)\b",
            s[m.end():]) or re.search(r"^\W*(?:visas?\W*)?[:-]\s*(?:not|no|none)\b", s[m.end():]) \
            or (answer == "no" and label_ctx and not ONLY_J1.search(s)) or \
            (label_no and not has_h1b)
        if ONLY_J1.search(s) and not negated_before(s, m.start(), 25):
            out.append(Claim("j1_visa", "yes", rank=3, uses_context=uses_ctx))
            if not has_h1b:
                out.append(Claim("h1b_visa", "no", rank=2, uses_context=uses_ctx))
        elif neg and not re.search(r"(?:other than|except|besides)\W+(?:the )?(?:ecfmg[- ]sponsored )?j1", s):
            out.append(Claim("j1_visa", "no", rank=2, uses_context=uses_ctx))
        elif verb:
            out.append(Claim("j1_visa", "yes", rank=2, uses_context=uses_ctx))
    if has_h1b:
        mentions = list(H1B.finditer(s))
        # A heading fused to its paragraph ("H-1B Visas We are unable to sponsor H-1B visas")
        # mentions H-1B twice: the governed mention is the negated one, if any.
        m = next((x for x in mentions if negated_before(s, x.start())), mentions[-1]) \
            if len(mentions) > 1 else has_h1b
        after = s[m.end():]
        neg = (label_no and not has_j1) or negated_before(s, m.start()) or re.search(
            r"^\W*(?:(?:visas?|petitions?|sponsorship|status|applications?|holders?)\W+){0,2}"
            r"(?:is|are|will|can|may)\s+(?:not|no longer|never)\b", after) \
            or (answer == "no" and label_ctx) or re.search(r"^\W*(?:visas?\W*)?[:-]?\s*no\b", after)
        only_j1 = ONLY_J1.search(s) and not ONLY_H1B.search(s)
        cond = H1B_COND.search(s) or (STEP3.search(block) and re.search(
            r"\bstep3\b[^.;]{0,80}\b(?:by|before|prior to|no later than|otherwise)\b|"
            r"\botherwise\b[^.;]{0,40}\bj1\b", block))
        if only_j1 and m.start() > ONLY_J1.search(s).start() and not neg and \
                re.search(r"\bonly\b[^.;]{0,40}\bj1\b[^.;]{0,15}\b(?:and|or|&)\b[^.;]{0,10}\bh1b", s):
            out.append(Claim("h1b_visa", "yes", rank=2, uses_context=uses_ctx))
        elif neg:
            if re.search(r"\b(?:unless|except|other than)\b", s) or (
                    cond and re.search(r"\bonly\b", s)):
                out.append(Claim("h1b_visa", "conditional", condition=_cond(s), rank=3,
                                 uses_context=uses_ctx))
            else:
                out.append(Claim("h1b_visa", "no", rank=2, uses_context=uses_ctx))
        elif only_j1:
            out.append(Claim("h1b_visa", "no", rank=2, uses_context=uses_ctx))
        elif len(s) < 70 and STRONG_COND.search(s):
            # "H-1B: US medical school graduates on F-1 only" (a label and its condition)
            out.append(Claim("h1b_visa", "conditional", condition=_cond(s), rank=3,
                             uses_context=uses_ctx))
        elif verb or (STEP3.search(s) and re.search(r"\b(?:must|required?|need)\b", s)):
            if cond:
                out.append(Claim("h1b_visa", "conditional", condition=_cond(s), rank=3,
                                 uses_context=uses_ctx))
            else:
                out.append(Claim("h1b_visa", "yes", rank=2, uses_context=uses_ctx))
    if generic_no and not has_h1b and not any(c.field == "h1b_visa" for c in out):
        out.append(Claim("h1b_visa", "no", rank=1))
    return out


# ------------------------------------------------------------------ scores

EXAM = R(r"\b(?:step1|step2ck|step3|step2cs|level1|level2ce|level2pe|level3|usmle|comlex(?:-usa)?|"
         r"board scores?|board exams?|licensing exam\w*)\b")
SCORE_NUM = R(r"(?<![\d$.,/-])(\d{3})(?![\d%]|\s*(?:%|percent|th\b|positions|applicants|"
              r"applications|residents|hours|days|programs|interviews|beds|physicians|"
              r"students|graduates|members|faculty|patients|miles|sq|square|\w*-\d))")
EXAM_JOIN = R(r"^\s*(?:,|and|or|&|/|and/or|as well as|plus)?\s*(?:usmle\s+|comlex\s+)?$")
NONE_MIN = R(r"\b(?:no|without|(?:do|does|did|will) not (?:have|use|require|set|impose|apply|"
             r"employ|utilize)|(?:is|are) not|there is no|there are no|not have|not use)\s+"
             r"(?:an?\s+|any\s+)?(?:(?:specific|set|strict|rigid|hard|absolute|formal|official|"
             r"predetermined|particular|firm|minimum|required|usmle|comlex|step1|step2ck|"
             r"board|exam|test|numerical|numeric|score|strict|established)\s+){0,3}"
             r"(?:minimums?|min|cutoff|thresholds?|score requirements?|score cutoff|"
             r"requirements? for (?:usmle|comlex|step\w*|board) scores?|minimum (?:score|"
             r"requirement)s?)\b|\b(?:minimums?|cutoffs?) (?:is|are) not (?:used|required)|"
             r"\bnot screen\w* (?:by|based on|on) scores")


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
             r"(?:the\s+|each\s+|both\s+)?(?:usmle\s+|comlex\s+)?$")


def _comma_part(clause: str, at: int) -> str:
    start = clause.rfind(",", 0, at) + 1
    end = clause.find(",", at)
    return clause[start:end if end >= 0 else len(clause)]


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
        if scope_mentions and re.search(r"\bscores?\b|\bminimum\b", clause):
            kinds = [k for m in scope_mentions for k in m[2]]
            return kinds, False, kinds == ["usmle"]
    return None, False, False


def score_claims(s: str, ctx: str, scope: str) -> list[Claim]:
    out: list[Claim] = []
    if RETIRED.search(s) and not re.search(r"\b(?:step1|step2ck|level2ce|usmle|comlex)\b",
                                            RETIRED.sub(" ", s)):
        return out
    answer = polarity(s)
    ctx_min = bool(ctx) and re.search(r"\b(?:minimums?|cutoffs?|thresholds?|score requirements?|"
                                      r"required scores?|min)\b", ctx) and \
        (EXAM.search(ctx) or re.search(r"\bscores?\b", ctx))
    # "No minimum" / "no cutoff" -> policy none (unless this very sentence gives a number).
    if NONE_LABEL.search(s) or NONE_MIN.search(s) and (EXAM.search(s) or re.search(r"\bscores?\b", s) or ctx_min or
                               (ctx and (EXAM.search(ctx) or re.search(r"\bscores?\b", ctx)))):
        out.append(Claim("score_minimum_policy", "none", rank=1))
    elif ctx_min and answer == "no" and not SCORE_NUM.search(s):
        out.append(Claim("score_minimum_policy", "none", rank=1, uses_context=True))
    mentions = _mentions(s)
    ctx_mentions = _mentions(ctx) if ctx else []
    scope_mentions = _mentions(scope) if scope else []
    found_number = False
    for clause in clauses(s):
        offset = s.find(clause)
        numbers = list(SCORE_NUM.finditer(clause))
        if not numbers:
            continue
        clause_strict = strictness_of(clause, ctx, scope)
        if clause_strict is None and ctx_min:
            clause_strict = "hard"
        # Class averages and other people's numbers are not requirements (also when the
        # number is the value of a "Class average Step 2 CK" label).
        if OTHERS.search(NAMED_THRESHOLD.sub(" ", clause if mentions else f"{clause} {ctx}")) \
                and not re.search(
                r"\b(?:must|minimum|require[sd]?|cutoff|at least)\b", clause):
            continue
        combined = COMBINED.search(clause)
        for num in numbers:
            value = int(num.group(1))
            pos = offset + num.start()
            # "240 preferred, 220 minimum": the comma-part holding the number decides first.
            part = _comma_part(clause, num.start())
            strict = (("preferred" if SOFT.search(part) else "hard" if HARD.search(part)
                       else None) if part != clause else None) or clause_strict
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
                                                          re.search(r"\bscores?\b", f"{s} {ctx}")):
        strict = strictness_of(s, ctx, scope)
        if strict == "hard" and not NONE_MIN.search(s):
            out.append(Claim("score_minimum_policy", "stated", rank=2,
                             condition="named threshold"))
    if not found_number and ctx_min and answer == "yes" and not out:
        out.append(Claim("score_minimum_policy", "stated", rank=1, uses_context=True))
    return out


# ------------------------------------------------------------------ attempts

FIRST_ATTEMPT = R(r"first[- ]?(?:attempt|time|try|take|sitting)s?|1st[- ]?(?:attempt|time|try)|"
                  r"\bon (?:the|their|your) first\b|\b1 attempt\b|\bno (?:failures?|fails?|"
                  r"failed (?:attempts?|exams?|scores?|steps?)|attempt failures|prior failures?)\b|"
                  r"\bwithout (?:any )?(?:failures?|fails?|failed attempts?)\b|"
                  r"\b(?:not|never) (?:have )?failed\b|\bzero (?:failures?|fails?)\b|"
                  r"\bfail\w*(?: \w+){0,2} (?:[:-] )?not (?:accepted|considered|allowed|permitted)\b|"
                  r"\bfail(?:ures?|s|ed attempts?)? (?:is|are|will) not (?:be )?(?:accepted|"
                  r"considered|allowed|permitted)\b")
MAX_ATTEMPTS = R(r"\b(?:no more than|not more than|maximum(?: of)?|max\.?|up to|at most|within|"
                 r"fewer than|less than|limit(?:ed)? (?:of|to)|in)\s+(\d{1,2})\s+(?:attempts?|tries|"
                 r"sittings|takes|times)\b|\b(\d{1,2}) (?:or fewer|or less|maximum) attempts\b|"
                 r"\b(\d{1,2}) attempts? (?:or (?:fewer|less)|maximum|max)\b")
MAX_FAILS = R(r"\b(?:no more than|not more than|maximum(?: of)?|max\.?|up to|at most|only)\s+"
              r"(\d{1,2})\s+(?:failures?|fails?|failed attempts?|unsuccessful attempts?|"
              r"attempt failures?)\b|\b(\d{1,2}) (?:failures?|fails?|failed attempts?)\b[^.;]{0,30}?"
              r"(?:is |are |will be )?(?:allowed|accept\w*|permitted|considered|maximum|ok|fine)\b")
NO_LIMIT = R(r"\bno (?:limit|restriction|maximum|cap|max)\b[^.;]{0,40}\b(?:attempts?|tries|"
             r"failures?|times)\b|\b(?:attempts?|failures?)\b[^.;]{0,30}\b(?:does|do|will) not "
             r"(?:matter|disqualify|exclude|automatically)|\bnumber of (?:attempts|tries) "
             r"(?:does|do|is) not\b|\b(?:multiple|several|more than 1) attempts (?:are|is|will be) "
             r"(?:accepted|considered|allowed|fine|ok)\b|\bnot (?:have |impose |set )?(?:an? |any )?"
             r"(?:attempt limits?|limits? on (?:the )?(?:number of )?attempts)\b|"
             r"\bregardless of (?:the )?(?:number of )?attempts\b|\bno attempt limit|\b(?:do|does|will) not "
             r"(?:limit|restrict|cap) (?:the )?(?:number of )?(?:attempts|tries)|\bunlimited attempts")
ATTEMPT_TOPIC = R(r"\battempts?\b|\bfail|\bfirst[- ]?(?:time|try|take|sitting)|\btries\b|\bretake")
EXAM_WORDS = R(r"\b(?:usmle|comlex|step1|step2ck|step3|level1|level2ce|exams?|examinations?|"
               r"boards?|steps?|levels?|pass\w*|scores?|tests?)\b")
FAIL_Q = R(r"\bfail\w*|\bmultiple attempts|\bmore than 1 attempt|\bsecond attempt|\bretake|\brepeat")
LIMIT_Q = R(r"\blimit|\bmaximum number|\bhow many attempts|\bfirst[- ]?(?:attempt|time|try)")


EXCLUDED = R(r"\b(?:not (?:be )?(?:eligible|considered|accepted|competitive)|ineligible|"
             r"disqualif\w*|exclud\w*|will not (?:be )?(?:ranked|interviewed|reviewed)|"
             r"can not be considered)\b")
MORE_THAN_ATTEMPTS = R(r"\bmore than (\d{1,2}) (?:attempts?|tries|sittings|takes)\b")
ANY_FAILURE = R(r"\b(?:a|any|one) (?:failure|fail|failed (?:attempt|exam|step|score)s?|"
                r"unsuccessful attempt)\b")
LABEL_N = R(r"\battempts?\b[^:.;]{0,30}(?::|\s-)\s*(?:up to |no more than |maximum(?: of)? |max\.? |at most )?"
            r"(\d{1,2})\b")
ANSWER_N = R(r"^(?:(?:a|answer)\s*[:.)-]\s*)?(?:up to |no more than |maximum(?: of)? |max\.? |"
             r"at most |limit(?:ed)? to )?(\d{1,2})\b(?: (?:attempts?|tries|per (?:exam|step)|"
             r"on each|for each|each)\b|\s*$|\.)")


NTH_ATTEMPT = R(r"\b(?:pass\w*|succeed\w*) (?:on|in|by|within) (?:the |their |your )?(second|2nd|third|3rd|"
                r"fourth|4th) (?:attempt|try|sitting)")
_ORDINAL = {"second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def _attempt_value(n: int) -> str:
    return "first_attempt_only" if n <= 1 else f"max_attempts_{n}"


def attempts_claims(s: str, ctx: str, scope: str) -> list[Claim]:
    out: list[Claim] = []
    topic_s = ATTEMPT_TOPIC.search(s)
    answer = polarity(s)
    if not topic_s:
        ctx_topic = ctx and ATTEMPT_TOPIC.search(ctx) and (EXAM_WORDS.search(ctx) or
                                                        re.search(r"\battempt", ctx))
        if not ctx_topic or len(s) >= 200:
            return out
        m = ANSWER_N.match(s)
        short_label = len(ctx) < 50 and not ctx.endswith("?")
        if re.search(r"^(?:no limit|unlimited|not limited|none)\b", s) and re.search(r"\battempt", ctx):
            out.append(Claim("attempts_policy", "no_limit", rank=2, uses_context=True))
        elif short_label and re.search(r"\bfail", ctx) and answer == "no":
            out.append(Claim("attempts_policy", "first_attempt_only", rank=2, uses_context=True))
        elif m and re.search(r"\battempt|\btries|\bsitting", ctx) and not SOFT.search(s):
            out.append(Claim("attempts_policy", _attempt_value(int(m.group(1))), rank=2,
                             uses_context=True))
        elif FAIL_Q.search(ctx) and re.search(r"\b(?:accept|consider|allow|eligible)", ctx):
            nth = NTH_ATTEMPT.search(s)
            if answer == "yes" and nth:
                out.append(Claim("attempts_policy", _attempt_value(_ORDINAL[nth.group(1)]), rank=2,
                                 uses_context=True))
            elif answer == "no":
                out.append(Claim("attempts_policy", "first_attempt_only", rank=1,
                                 uses_context=True))
            elif answer == "yes" and re.search(r"\bmultiple attempts|\bmore than 1 attempt", ctx) \
                    and len(s) < 30:
                out.append(Claim("attempts_policy", "no_limit", rank=1, uses_context=True))
        elif LIMIT_Q.search(ctx) and answer == "no" and re.search(r"\blimit|\bmaximum", ctx):
            out.append(Claim("attempts_policy", "no_limit", rank=1, uses_context=True))
        elif re.search(r"\bfirst[- ]?(?:attempt|time|try)", ctx) and answer == "yes" and \
                re.search(r"\b(?:require|must|need)", ctx):
            out.append(Claim("attempts_policy", "first_attempt_only", rank=1, uses_context=True))
        return out
    masked = RETIRED.sub(" ", s)
    if RETIRED.search(s) and not re.search(r"\b(?:step1|step2ck|step3|level1|level2ce|usmle|"
                                            r"comlex|exams?|boards?)\b", masked):
        return out
    if not (EXAM_WORDS.search(s) or (ctx and EXAM_WORDS.search(ctx)) or EXAM_WORDS.search(scope)
            or re.search(r"\battempt", s)):
        return out
    if NO_LIMIT.search(s) or re.search(r"\battempts?\b[^:.;]{0,30}(?::|\s-|\s)\s*(?:none|no limit|"
                                       r"unlimited|not limited)\b", s):
        out.append(Claim("attempts_policy", "no_limit", rank=2))
        return out
    for clause in clauses(s):
        strict = strictness_of(clause, ctx, scope)
        soft = SOFT.search(clause)
        m = MAX_FAILS.search(clause)
        if m:
            n = int(m.group(1) or m.group(2))
            out.append(Claim("attempts_policy", _attempt_value(n + 1) if n >= 1 else
                             "first_attempt_only", strictness="preferred" if soft else "hard",
                             rank=2))
            continue
        m = NTH_ATTEMPT.search(clause)
        if m and (answer == "yes" or re.search(r"\b(?:must|only|if|provided|as long as)\b", clause)) \
                and not soft:
            # "Yes, if they passed on the second attempt." -> at most two attempts.
            out.append(Claim("attempts_policy", _attempt_value(_ORDINAL[m.group(1)]), rank=2))
            continue
        m = MORE_THAN_ATTEMPTS.search(clause)
        if m and EXCLUDED.search(clause):
            # "needed more than two attempts ... are not eligible" -> at most two.
            out.append(Claim("attempts_policy", _attempt_value(int(m.group(1))), rank=2))
            continue
        m = MAX_ATTEMPTS.search(clause) or LABEL_N.search(clause)
        if m and re.search(r"\battempts?|tries|sittings|takes|times", clause):
            n = int(next(g for g in m.groups() if g))
            if re.search(r"\b(?:fewer|less) than\b", m.group(0)):
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
        if strict is None and re.search(r"\bonly\b", clause):
            strict = "hard"
        m = FIRST_ATTEMPT.search(clause)
        if m:
            if re.search(r"\bfirst[- ]?time\b", m.group(0)) and not re.search(
                    r"\bpass\w*|\bfail|\bexam|\bstep|\blevel|\busmle|\bcomlex", clause):
                continue
            neg = negated_before(clause, m.start(), 40) and not m.group(0).startswith(
                ("no ", "without", "not", "never", "zero"))
            if neg and not re.search(r"\bfail", m.group(0)):
                # "we do not require first-attempt passes" is not a rule.
                continue
            if strict is None and re.search(r"\bnot (?:be )?(?:accepted|considered|allowed|permitted)|"
                                            r"^(?:no|without|zero)\b", m.group(0)):
                strict = "hard"         # an exclusion is a rule even without "must"
            if strict is not None:
                out.append(Claim("attempts_policy", "first_attempt_only", strictness=strict,
                                 rank=2))
    return out


# ------------------------------------------------------------------ year of graduation

GRAD = R(r"graduat\w*|\byog\b|out of (?:medical )?school|since (?:medical school|md|diploma|"
         r"(?:your |their )?degree)|medical (?:school )?(?:diploma|degree)|completion of medical "
         r"school|completed medical school|finish\w* medical school|received (?:their|your|the) "
         r"(?:md|medical degree)|\bsince (?:obtaining|receiving)")
YOG_N = [
    R(r"(?:years? (?:since|from|after|out of) (?:medical school )?graduation|\byog\b|graduation)"
      r"[^.;\d]{0,25}?(?:[:\u2013-]|\(maximum\)|maximum|max)\s*(\d{1,2})\b(?!\s*(?:%|percent))"),
    R(r"\bmore than (\d{1,2})\s*(?:years?|yrs?) (?:out of|since|from|after) (?:medical school|"
      r"graduat\w*)\b(?=.*\b(?:not (?:be )?(?:consider\w*|eligible|accept\w*)|ineligible)\b)|"
      r"\bnot (?:consider|accept|interview)\w* (?:\w+ ){0,4}more than (\d{1,2})\s*(?:years?|yrs?) "
      r"(?:out of|since|from|after|ago|before|prior|earlier)\b"),
    R(r"\b(?:from|in|during|over) the (?:last|past|previous|preceding) (\d{1,2})\s*(?:years?|yrs?)\b"),
    R(r"\bwithin (?:the )?(?:last |past |previous |preceding |prior )?(\d{1,2})\s*(?:-\s*)?(?:calendar )?"
      r"(?:years?|yrs?)\b"),
    R(r"\bin the (?:last|past|previous|preceding|prior) (\d{1,2})\s*(?:years?|yrs?)\b"),
    R(r"\bmore than (\d{1,2})\s*(?:years?|yrs?) (?:ago|before|prior|since|earlier)\b(?=[^.;]*\b(?:not "
      r"(?:be )?(?:eligible|considered|accepted)|ineligible)\b)"),
    R(r"\b(?:no more than|not more than|less than|fewer than|maximum of|max\.?|up to|at most|"
      r"under|not exceed\w*|no greater than)\s+(\d{1,2})\s*(?:years?|yrs?)\b"),
    R(r"\b(\d{1,2})\s*(?:years?|yrs?)\s*(?:or less|or fewer|or sooner|or more recent\w*|maximum|"
      r"max|limit|cutoff|or under)\b"),
    R(r"(?:yog|year of graduation|graduation|graduated)\W+(?:[^.;\d]{0,30})(?:<=|<|within|less than|"
      r"no more than|not more than)\s*(\d{1,2})\b"),
    R(r"\b(\d{1,2})[- ]years? (?:since|from|after|of) (?:medical school )?graduation\b"),
    R(r"\b(\d{1,2})[- ](?:years?|yrs?)\b[^.;]{0,20}\b(?:cutoff|limit)\b"),
]
YOG_ZERO = R(r"\b(?:limit|cutoff|restriction|maximum)s?\W*\s*(?:none|no|n/a)\s*\.?$|"
             r"\bno (?:[\w-]+ ){0,2}(?:cutoff|limit|restrictions?|requirements?|maximum)\b|"
             r"\b(?:do|does|will) not (?:restrict|limit|screen|filter|exclude)\w* (?:\w+ ){0,3}(?:by|"
             r"based on|on|for) (?:the )?(?:year of |date of |time since )?graduation|"
             r"\b(?:time|years?) since (?:medical school )?graduation (?:is|are) not (?:used|considered|"
             r"a factor|a criterion|part)|\bnot used to screen\b|"
             r"\b(?:no|not have an?|not have any|without|not impose an?|not use an?|not set an?|"
             r"there is no|not have)\s+(?:\w+\s+){0,3}(?:cutoff|limit|restrictions?|requirements?|"
             r"maximum|time limit|time frame|timeframe)s?\b|\bregardless of (?:the |your )?(?:year "
             r"of |date of |time since )?graduation|\bgraduation (?:year|date) (?:is|does) not "
             r"(?:a )?(?:factor|barrier|criterion|matter|limit)|\bnot (?:limited|restricted) by "
             r"(?:year of |date of )?graduation|\bno (?:year of graduation|yog|graduation)[- ]"
             r"(?:cutoff|limit|requirement|restriction)")
YOG_EXCEPT = R(r"\b(?:unless|except|exception|waived|provided that|if (?:you|the applicant|they) "
               r"(?:have|has))\b.*$")


def yog_claims(s: str, ctx: str, scope: str) -> list[Claim]:
    out: list[Claim] = []
    grad_s = GRAD.search(s)
    answer = polarity(s)
    if not grad_s:
        zero_answer = re.search(r"^(?:none|no (?:limit|restriction|cutoff|maximum|requirement)s?|"
                                r"unlimited|n/a|not limited|not restricted)\b", s)
        if ctx and GRAD.search(ctx) and (re.search(r"\b(?:cutoff|limit|restriction|requirement|"
                                                   r"how long|how many years|how recent\w*|maximum|"
                                                   r"years since|time since)\b", ctx) or
                                         any(p.search(s) for p in YOG_N) or zero_answer):
            if answer == "no" and not re.search(r"\d", s):
                out.append(Claim("yog_max_years", 0, rank=1, uses_context=True))
            elif YOG_ZERO.search(s) or zero_answer:
                out.append(Claim("yog_max_years", 0, rank=1, uses_context=True))
            else:
                m = (re.search(r"\b(\d{1,2})\s*(?:years?|yrs?)\b", s) or
                     (re.search(r"\byears?\b", ctx) and
                      re.search(r"^(?:yes,?\s*)?(?:up to |no more than |maximum(?: of)? |max\.? )?"
                                r"(\d{1,2})\.?$", s)))
                if m and 1 <= int(m.group(1)) <= 20 and not re.search(
                        r"\b(?:residency|training|program|experience|practice)\b", s[:m.start()]):
                    strict = strictness_of(s, ctx, scope) or "hard"
                    out.append(Claim("yog_max_years", int(m.group(1)), strictness=strict,
                                     rank=2, uses_context=True))
        return out
    if re.search(r"\b(?:residency|fellowship) graduates?\b|\bgraduates? of our|\bour graduates\b"
                 r"|\bgraduat\w* (?:from|of) (?:our|the) (?:program|residency)", s):
        return out
    parts = re.split(r";|,\s*(?:and|but)\s|\s(?:but|however|although|though|whereas|while)\b", s)
    parts = [p for p in parts if p.strip()]
    for clause in parts:
        if not GRAD.search(clause) and not (ctx and GRAD.search(ctx)):
            # "within 3 years" whose graduation word sits in another clause of this sentence.
            if not grad_s:
                continue
        if YOG_ZERO.search(clause) and (GRAD.search(clause) or len(parts) == 1 or not re.search(
                r"\b(?:usmle|comlex|step\w*|scores?|attempts?|visas?|usce|clinical)\b", clause)):
            out.append(Claim("yog_max_years", 0, rank=1))
            continue
        for pattern in YOG_N:
            m = pattern.search(clause)
            if not m:
                continue
            n = int(next(g for g in m.groups() if g))
            if not 1 <= n <= 20:
                continue
            strict = strictness_of(clause, ctx, scope)
            if strict is None and len(s) < 80:
                strict = "hard"         # a label and its value ("Year of graduation: within 5 years")
            if strict is None and re.search(r"\b(?:applicants|candidates|graduated)\b", s):
                strict = "hard" if re.search(r"\b(?:must|should|only|need|require|not consider|"
                                             r"not accept|ineligible|not eligible)", s) else None
            if strict is None:
                break
            exc = YOG_EXCEPT.search(s[s.find(clause):] if clause in s else s)
            out.append(Claim("yog_max_years", n, strictness=strict,
                             condition=_cond(exc.group(0)) if exc else None, rank=2))
            break
    return out


# ------------------------------------------------------------------ US clinical experience

USCE = R(r"\busce\b|\bus\b[^.;]{0,30}\bclinical (?:patient |care )?(?:experience|rotations?|exposure|work|training|"
         r"electives?)|\bclinical (?:experience|rotations?|exposure|work|electives?)\b[^.;]{0,40}\b"
         r"(?:in|within|at) (?:the |a |an )?(?:us|north america\w*|american)\b|\bus[- ]based "
         r"clinical|\bamerican clinical|\bhands[- ]on\b[^.;]{0,40}\bin (?:the |a )?us\b|"
         r"\bus (?:or canadian |and canadian |/canadian )?(?:hands[- ]on|healthcare|health care|"
         r"medical system|hospital) (?:experience|system)|\bexperience in (?:the |a )?us "
         r"(?:healthcare|health care|hospital|medical|clinical)")
USCE_NOT_REQ = R(r"\brequire(?:ment|d)\W*\s*(?:none|no|n/a)\s*\.?$|\bnot (?:a |an )?(?:absolute |strict |formal )?(?:required|requirement|"
                 r"necessary|mandatory|needed|essential|prerequisite|must|condition|criterion)\b|\b(?:do|does|did|will)"
                 r" not (?:require|need|mandate)\b|\bno requirement\b|\bnot require\b|\boptional\b|"
                 r"\bneed not\b|\bnot needed\b|\bwithout\b")
USCE_PREF = R(r"\b(?:prefer\w*|preference|recommend\w*|encourag\w*|helpful|help|advantage\w*|"
              r"beneficial|benefit|valued|value|plus|desir\w*|asset|favou?r\w*|strengthen\w*|"
              r"consider\w* positively|welcome|bonus|useful|good idea|look for)\b")
USCE_REQ = R(r"\b(?:must|required|require[sd]?|requirement|mandatory|necessary|need(?:ed|s)?|"
             r"prerequisite|essential|expected|minimum of|at least|only consider|"
             r"will not be considered)\b")
OBSERVER_DEF = R(r"\bobserver\w*\b[^.;]{0,60}\b(?:count|considered|qualif\w*|accepted as|"
                 r"acceptable|satisf\w*|equivalent|substitute|not (?:consider|count))")


def usce_claims(s: str, ctx: str, scope: str) -> list[Claim]:
    out: list[Claim] = []
    if ctx and OBSERVER_DEF.search(ctx) and not USCE.search(s):
        return out          # "Do observerships count as USCE?" - "No." defines, it does not require
    topic = USCE.search(s)
    answer = polarity(s)
    if not topic:
        if ctx and USCE.search(ctx) and answer and len(s) < 220:
            if answer == "no":
                value = "preferred" if USCE_PREF.search(s) else "not_required"
                if re.search(r"\b(?:require|must|mandatory|need|necessary|prerequisite)", ctx) or \
                        USCE_NOT_REQ.search(s):
                    out.append(Claim("usce", value,
                                     strictness="preferred" if value == "preferred" else "hard",
                                     rank=2, uses_context=True))
            elif answer == "yes":
                if (re.search(r"\b(?:require|must|mandatory|need|necessary|prerequisite)", ctx) or
                        (len(ctx) < 50 and not ctx.endswith("?") and
                         re.search(r"^(?:required|mandatory)\b", s))) \
                        and not USCE_PREF.search(s):
                    out.append(Claim("usce", "required", rank=2, uses_context=True))
                elif re.search(r"\bprefer", ctx):
                    out.append(Claim("usce", "preferred", strictness="preferred", rank=2,
                                     uses_context=True))
        elif ctx and USCE.search(ctx) and len(s) < 220 and not OBSERVER_DEF.search(s):
            # "Helpful but not required." answering a USCE question.
            if USCE_NOT_REQ.search(s):
                value = "preferred" if USCE_PREF.search(s) else "not_required"
                out.append(Claim("usce", value,
                                 strictness="preferred" if value == "preferred" else "hard",
                                 rank=2, uses_context=True))
            elif len(ctx) < 50 and not ctx.endswith("?") and re.search(
                    r"^(?:minimum of|at least|required|mandatory|\d+ (?:weeks?|months?))\b", s):
                out.append(Claim("usce", "required", rank=2, uses_context=True))
            elif re.search(r"\b(?:strongly |highly )?(?:preferred|recommended|encouraged)\b", s) \
                    and not re.search(r"\b(?:letters?|lor)\b", s):
                out.append(Claim("usce", "preferred", strictness="preferred", rank=2,
                                 uses_context=True))
        return out
    if OBSERVER_DEF.search(s):
        # Drop the clause that defines what counts ("observerships do not count as USCE");
        # a requirement may remain in another clause.
        s = "; ".join(c for c in re.split(r";|\(|\)|,\s*(?:and|but|while|though|although)\s|\s-\s", s)
                      if c.strip() and not OBSERVER_DEF.search(c))
        if not USCE.search(s):
            return out
    if USCE_NOT_REQ.search(s):
        value = "preferred" if USCE_PREF.search(s) else "not_required"
    elif USCE_PREF.search(s):
        value = "preferred"
    elif USCE_REQ.search(s):
        value = "required"
    else:
        strict = strictness_of(s, ctx, scope)
        if strict is None:
            return out
        value = "required" if strict == "hard" else "preferred"
    out.append(Claim("usce", value, strictness="preferred" if value == "preferred" else "hard",
                     rank=2))
    return out


# ------------------------------------------------------------------ ECFMG certification

ECFMG = R(r"\becfmg[- ](?:standard )?(?:certified|certification|certificate)s?\b|\bcertifi\w* "
          r"(?:by|from|through|with|of) (?:the )?ecfmg\b|\becfmg\b[^.;]{0,15}\b(?:certif\w*|"
          r"certificate) (?:is|are|must|will)\b")
BY_APPLICATION = R(r"\bat (?:the )?time of (?:your |the )?(?:application|applying|submission)|"
                   r"\b(?:before|prior to|when|upon|by the time (?:of|you|they)) (?:(?:you|they|i|"
                   r"applicants?|candidates?) )?(?:apply\w*|application|submi\w*)|\balready (?:ecfmg[- ])?"
                   r"certified\b|\bnot yet certified\b|\bto (?:apply|be considered|submit)\b|\bin order to apply|"
                   r"\bat (?:the )?application\b|\bwhen (?:you )?apply|\bby the application deadline|"
                   r"\bto be (?:eligible|considered) (?:to apply|for (?:application|review|an? "
                   r"interview))|\bfor (?:application|consideration)\b")
BY_RANK = R(r"\brank\w*\b|\brol\b|\bmatch\b|\b(?:january|february|march) \d{1,2}\b|"
            r"\bby (?:january|february)\b|\b(?:by|before|at) (?:the )?(?:time of (?:the )?)?interview\w*\b")
BY_START = R(r"\bstart\w*\b|\bbegin\w*\b|\bcommence\w*|\bappointment\b|\borientation\b|"
             r"\bjuly 1|\bjune \d{1,2}|\bonboarding|\benter\w* (?:the |our )?(?:program|residency|"
             r"training)|\bcontract\b|\bfirst day|\bhired|\bemployment\b")
ECFMG_REQ = R(r"\b(?:must|required?|requirements?|requires|need\w*|should|expect\w*|eligib\w*|yes|"
              r"conditions?|due|deadline|"
              r"apply|without|ranked|"
              r"only|mandatory|necessary|prerequisite|prior to|before|by|no later than|have|"
              r"hold|possess)\b")


def ecfmg_claims(s: str, ctx: str, scope: str) -> list[Claim]:
    out: list[Claim] = []
    topic = ECFMG.search(s)
    answer = polarity(s)
    text, used_ctx = s, False
    if not topic:
        if re.search(r"\b(?:h1b|j1|visas?|step[123]\w*|usmle|comlex|scores?)\b", s):
            return out      # a sentence about something else, even if it follows an ECFMG question
        if not (ctx and ECFMG.search(ctx) and (answer or re.search(r"\bcertif|\brequired\b", s) or
                                               BY_START.search(s) or BY_RANK.search(s) or
                                               BY_APPLICATION.search(s))):
            return out
        if answer == "yes" and not re.search(r"\bcertif", s):
            text, used_ctx = f"{ctx} {s}", True
        else:
            text, used_ctx = s, True
            if not (BY_RANK.search(s) or BY_START.search(s)):
                return out
    elif not ECFMG_REQ.search(s) and not (ctx and REQUIRE_SCOPE.search(ctx)) and \
            not REQUIRE_SCOPE.search(scope):
        return out
    if re.search(r"\bnot (?:be )?required\b|\bdo(?:es)? not (?:need|require|have to)\b|\bneed not\b",
                 text[:300]) and not (BY_RANK.search(text) or BY_START.search(text)) and \
            re.search(r"ecfmg[^.;]{0,40}\bnot\b|\bnot\b[^.;]{0,40}ecfmg|\bneed not\b", text):
        return out
    kinds = []
    for clause in clauses(text):
        if re.search(r"\b(?:may|can) (?:still )?(?:apply|interview)|\bin progress\b|\bpending\b", clause) \
                and not ECFMG.search(clause):
            continue        # "you may apply while certification is in progress" is a permission
        neg = NEG.search(clause)
        if BY_APPLICATION.search(clause) and not neg:
            kinds.append("by_application")
        if BY_RANK.search(clause) and not re.search(r"\bnot (?:required|needed|necessary)\b[^.;]{0,30}"
                                                    r"\brank", clause):
            kinds.append("by_rank")
        if BY_START.search(clause):
            kinds.append("by_start")
    order = ["by_application", "by_rank", "by_start"]
    if kinds:
        value = min(kinds, key=order.index)
        out.append(Claim("ecfmg_cert_required", value, rank=2, uses_context=used_ctx))
    elif re.search(r"\b(?:must|required?|requires|requirement|need|should|mandatory|necessary|only|"
                   r"yes)\b", text) \
            or answer == "yes" or REQUIRE_SCOPE.search(scope):
        if not re.search(r"\b(?:or|and/or) (?:be |are )?(?:in the process|eligible|pending)", text):
            out.append(Claim("ecfmg_cert_required", "required_unspecified", rank=1,
                             uses_context=used_ctx))
        else:
            out.append(Claim("ecfmg_cert_required", "required_unspecified", rank=0,
                             uses_context=used_ctx))
    if out:
        out.append(Claim("accepts_imgs", True, rank=1, uses_context=used_ctx))
    return out


# ------------------------------------------------------------------ holistic review

HOLISTIC = R(r"\bholistic\w*|\b(?:entire|whole)[- ](?:application|applicant|file|"
             r"candidate|person|package|picture|story)|\b(?:experiences?|attributes|service|"
             r"background)\b[^.;]{0,80}\b(?:in addition to|alongside|as well as|together with|beyond) "
             r"(?:test |board |their |usmle |exam )?(?:scores|metrics|numbers|test performance)|\ball (?:aspects|components|parts|elements|"
             r"facets) of (?:the|an|your|each|a) (?:application|applicant|candidate)|\bno 1 "
             r"(?:criterion|factor|metric|element|component|score|number|data point)|"
             r"\b(?:scores?|metrics|numbers|test scores?) (?:are|is) (?:only|just|but|simply) "
             r"(?:1|a|one) (?:small )?(?:part|factor|consideration|component|aspect|piece|element|"
             r"criterion|of many)|\bnot (?:solely|only|just|exclusively|simply) (?:on|by) "
             r"(?:\w+ )?(?:scores|numbers|metrics|test)|\bin (?:its|their) entirety|\bbeyond (?:test )?"
             r"scores|\bmore than (?:just )?(?:a |test )?(?:scores?|numbers?)\b|\b(?:with|alongside|"
             r"in the context of|together with) the rest of (?:the|their|your|an?) (?:application|file)|"
             r"\bmission[- ]aligned|\brather than (?:on )?(?:any|a) (?:1|single) (?:metric|score|number|"
             r"factor|criterion)|\b(?:read|reviewed|considered|evaluated) in full\b|\b(?:application|applicant|candidate|file)s? as a whole\b|\bexperiences,? attributes,? and (?:academic )?metrics|"
             r"\bindividual(?:ly|ized)? (?:review|consideration)")
APPLICATION_CTX = R(r"applica|applicant|candidate|review|selection|select|interview|screen|"
                    r"consider|admission")
PATIENT_CARE = R(r"\b(?:patient|care|medicine|wellness|well-being|wellbeing|health|healing|"
                 r"curriculum|education|training|approach to)\b")


def holistic_claims(s: str, ctx: str, scope: str) -> list[Claim]:
    m = HOLISTIC.search(s)
    if not m:
        return []
    if not APPLICATION_CTX.search(s) and not (ctx and APPLICATION_CTX.search(ctx)):
        return []
    if m.group(0).startswith("holistic") and PATIENT_CARE.search(s[m.end():m.end() + 30]) and \
            not re.search(r"\breview|\bapplica|\bselection|\bapproach to (?:reviewing|selection|"
                          r"applica)", s):
        return []
    if re.search(r"\bnot (?:use |conduct |do |perform )?(?:a )?holistic", s):
        return []
    return [Claim("holistic_review", True, rank=2)]


# ------------------------------------------------------------------ COMLEX

COMLEX = R(r"\bcomlex\b|\blevel2ce\b|\blevel1\b")
DO_SUBJECT = R(r"\bdo (?:applicants|students|graduates|candidates|residents)\b|\bosteopathic\b|"
               r"\bd\.o\.")
COMLEX_FALSE = R(r"\bcomlex\b[^.;]{0,40}\s(?:no|not accepted)\s*\.?$|"
             r"\busmle\b[^.;]{0,40}\b(?:required|mandatory)\b[^.;]{0,20}\b(?:for|of) all "
                 r"(?:applicants|candidates)[^.;]{0,40}\b(?:comlex|do|osteopathic)|\bcomlex\b[^.;]{0,30}"
                 r"(?::|\s-)\s*no\b|\busmle (?:is |scores are |results are )?also required\b|"
                 r"\bin addition to,? (?:but |and )?not in (?:place|lieu) of\b|\bnot (?:in place|in "
                 r"lieu|instead|as a substitute) of\b|\b(?:do|does|will|can) not accept (?:the )?"
                 r"comlex|\bcomlex(?: (?:scores?|results?|alone))?\s+(?:is|are|will)(?: not|n't) (?:be )?(?:accepted|"
                 r"sufficient|considered|a substitute|an alternative)|\bcomlex alone (?:is|will be|would be) (?:not|in)\w*|\b(?:do (?:applicants|students|graduates|candidates)|"
                 r"osteopathic)\b[^.;]{0,50}(?<!not )\b(?:must|required to|need to|are required|should|"
                 r"have to)\b[^.;]{0,20}\b(?:take|pass|submit|have|complete|sit for)\b[^.;]{0,25}"
                 r"\busmle\b|\busmle\b[^.;]{0,40}\brequired (?:for|of) all\b[^.;]{0,40}\b(?:do|"
                 r"osteopathic)|\bonly (?:accept|consider|review) usmle\b|\bcomlex\b[^.;]{0,30}"
                 r"\bin addition to\b[^.;]{0,15}\busmle\b|\busmle\b[^.;]{0,30}\bin addition to\b"
                 r"[^.;]{0,15}\bcomlex\b")
COMLEX_TRUE = R(r"\b(?:accept\w*|consider\w*|welcome|allow\w*|take|honor|review|use|submit\w*|"
                r"report|provide)\b[^.;]{0,40}"
                r"\bcomlex\b|\bcomlex\b[^.;]{0,40}\b(?:is|are|will be|also|scores)?\s*(?:accepted|"
                r"acceptable|considered|sufficient|allowed|welcome|fine|ok)\b|\bcomlex\b[^.;]{0,30}"
                r"\b(?:in lieu of|in place of|instead of|as a substitute|as an alternative|"
                r"equivalent)\b|\b(?:do (?:applicants|students|graduates|candidates)|osteopathic)\b[^.;]{0,40}\b(?:not required|do not need|"
                r"need not|are not required) to (?:take|submit|sit for) (?:the )?usmle|"
                r"\beither (?:the )?(?:usmle|comlex)\b[^.;]{0,30}\bor (?:the )?(?:usmle|comlex)\b|\bcomlex "
                r"alone (?:is|will be) (?:sufficient|enough|accepted|fine)")
COMLEX_OR = R(r"\b(?:usmle|step1|step2ck)\b\s*(?:or|/|and/or)\s*(?:the )?comlex\b|\bcomlex\b\s*"
              r"(?:or|/|and/or)\s*(?:the )?(?:usmle|step1|step2ck)\b|\b(?:step1|step2ck)\b[^.;]{0,30}"
              r"\bor (?:the )?(?:comlex|level1|level2ce)\b")


def comlex_claims(s: str, ctx: str, scope: str) -> list[Claim]:
    s = RETIRED.sub(" ", s)         # COMLEX Level 2-PE is retired: not evidence about COMLEX
    if ctx and re.search(r"\bcomlex\b", ctx) and re.search(r"^(?:either|both)\b[^.;]{0,20}\b(?:is |are )?"
                                                          r"(?:accepted|acceptable|fine|ok)", s):
        return [Claim("comlex_accepted", True, rank=2, uses_context=True)]
    if not COMLEX.search(s) and DO_SUBJECT.search(s):
        if COMLEX_TRUE.search(s):
            return [Claim("comlex_accepted", True, rank=2)]
        if COMLEX_FALSE.search(s):
            return [Claim("comlex_accepted", False, rank=2)]
    if not COMLEX.search(s):
        if ctx and re.search(r"\bcomlex\b", ctx) and re.search(r"\b(?:accept|lieu|place|instead|"
                                                              r"substitut)", ctx):
            answer = polarity(s)
            if answer == "no" or COMLEX_FALSE.search(f"{ctx} {s}") or re.search(
                    r"\bin addition to\b|\busmle (?:is )?required\b", s):
                return [Claim("comlex_accepted", False, rank=2, uses_context=True)]
            if answer == "yes":
                return [Claim("comlex_accepted", True, rank=2, uses_context=True)]
        return []
    if COMLEX_FALSE.search(s):
        return [Claim("comlex_accepted", False, rank=2)]
    if ctx and re.search(r"\bcomlex\b", ctx) and re.search(r"\b(?:lieu|place|instead|substitut)", ctx):
        answer = polarity(s)
        if answer:
            return [Claim("comlex_accepted", answer == "yes", rank=2, uses_context=True)]
    m = COMLEX_TRUE.search(s)
    if m and not negated_before(s, m.start() + 1, 40) and not re.search(r"\bnot accept", s):
        return [Claim("comlex_accepted", True, rank=2)]
    if COMLEX_OR.search(s) and (HARD.search(s) or REQUIRE_SCOPE.search(scope)):
        return [Claim("comlex_accepted", True, rank=1)]
    if re.search(r"\bcomlex\b", s) and re.search(r"\b(?:must|require[sd]?|minimum|at least|pass\w*)\b", s) \
            and not re.search(r"\busmle\b", s) and not NEG.search(s):
        return [Claim("comlex_accepted", True, rank=0)]
    return []


# ------------------------------------------------------------------ accepts IMGs

IMG = R(r"\bimg\b|\b(?:us|domestic|american) or international\b|\bpercent img\b|\bgraduates? of (?:international|foreign|non-us|non-lcme|offshore|caribbean) "
        r"(?:medical )?schools?|\bgraduates? of (?:\w+ ){0,2}(?:medical )?schools? (?:located )?outside "
        r"(?:of )?(?:the )?(?:us|north america)|\b(?:international|foreign) (?:medical )?(?:applicants|schools?)")
IMG_YES_VERB = R(r"\b(?:accept\w*|consider\w*|welcome\w*|encourag\w*|eligible|invite\w*|"
                 r"interview\w*|rank\w*|review\w*|recruits?|sponsor\w*|open to|"
                 r"apply|may apply|can apply|are (?:also )?welcome|have (?:had|many|several)|"
                 r"currently have|proud|include\w*)\b|\b\d{1,2}\s*(?:%|percent) of (?:our )?(?:current )?"
                 r"(?:residents|trainees|house staff|class)\b[^.;]{0,20}\b(?:are|were)\s+img\b|\bimg\b (?:\w+ )?trains?\b|\b(?:we|program) (?:currently )?(?:have|has|"
                 r"trains?)\b[^.;]{0,15}\bimg\b")
IMG_REQ = R(r"\bimg\b(?: applicants| candidates)?[^.;]{0,25}\b(?:must|are (?:also )?required|should|"
            r"need to|will need|are expected)\b|\b(?:required|requirements?|necessary|mandatory|preferred|"
            r"eligibility|needed|expected)\b (?:of |for )(?:all )?img\b")
US_ONLY = R(r"\b(?:limited|restricted|open only|only open) to (?:applicants who are )?graduates (?:of|from) "
            r"(?:an? )?(?:lcme|us|aoa|coca|american)\b|\bonly graduates (?:of|from) (?:an? )?(?:lcme|us|"
            r"aoa|coca|american)\b[^.;]{0,60}\b(?:eligible|considered|accepted|may apply|can apply)|"
            r"\b(?:only|exclusively) (?:accept|consider|review|interview)\w* (?:applications )?"
            r"(?:from )?(?:graduates|applicants|students) (?:of|from) (?:an? )?(?:lcme|us|aoa|"
            r"accredited us|us or canadian|us and canadian|american|us/canadian)|\b(?:must|need to|"
            r"are required to) (?:be|have) (?:a )?graduat\w* (?:of|from) (?:an? )?(?:lcme|aoa|us|"
            r"american)\b(?:[\s-]+[\w/-]+){0,6}?\s+(?:schools?|colleges?|programs?)\b(?![^.;]{0,40}\b(?:or|and) "
            r"(?:img|international|foreign|ecfmg))")


def img_claims(s: str, ctx: str, scope: str) -> list[Claim]:
    out: list[Claim] = []
    if US_ONLY.search(s) and not re.search(r"\bvisa|\bexcept|\bunless|\bsponsor|\bh1b\b|\bj1\b|"
                                           r"\bf1\b", s):
        return [Claim("accepts_imgs", False, rank=2)]
    m = IMG.search(s)
    if not m:
        if ctx and IMG.search(ctx) and not ctx.endswith("?") and len(ctx) < 60 and \
                re.search(r"\b(?:must|required|requires|need to|mandatory)\b", s) and \
                not NEG.search(s) and not FELLOWSHIP.search(ctx):
            # A requirement under an "IMG applicants" label or heading is IMG-specific.
            out.append(Claim("accepts_imgs", True, rank=1, uses_context=True))
        elif ctx and IMG.search(ctx) and not ctx.endswith("?") and len(ctx) < 50 and len(s) < 60 \
                and re.search(r"^(?:(?:are |is )?(?:welcome|accepted|considered|eligible|encouraged)|"
                              r"yes)\b", s):
            out.append(Claim("accepts_imgs", True, rank=2, uses_context=True))
        elif ctx and IMG.search(ctx) and (re.search(r"\b(?:accept|consider|take|eligible|welcome|"
                                                    r"apply)", ctx) or
                                          (len(ctx) < 50 and not ctx.endswith("?")
                                           and re.search(r"\b(?:accept|consider|eligib|welcome)", s))) \
                and polarity(s) and len(s) < 200:
            if polarity(s) == "yes":
                out.append(Claim("accepts_imgs", True, rank=2, uses_context=True))
            elif not re.search(r"\bvisa|\bsponsor", s + ctx):
                out.append(Claim("accepts_imgs", False, rank=2, uses_context=True))
        return out
    if re.search(r"\bvisa|\bsponsor|\bj1\b|\bh1b\b", s) and NEG.search(s):
        # "We do not accept IMGs who need a visa" is a visa rule, not an IMG rule.
        return out
    if FELLOWSHIP.search(s) and not RESIDENCY.search(s):
        return out
    if re.search(r"\bpercent img\W+\s*(?:[1-9]\d?(?:\.\d)?)\s*%", s):
        return [Claim("accepts_imgs", True, rank=1)]
    label_no = re.search(r"\bimg\b[^.;:]{0,25}\b(?:considered|accepted|eligible|welcome)\W{0,3}"
                         r"(?:no|not|none)\b", s)
    if label_no:
        return [Claim("accepts_imgs", False, rank=2)]
    lo = max(0, m.start() - 60)
    window = s[lo:m.end() + 60]
    verbs = list(IMG_YES_VERB.finditer(window))
    # The verb that governs the IMG mention is the one closest to it.
    v = min(verbs, key=lambda x: min(abs(x.start() - (m.start() - lo)),
                                     abs(x.end() - (m.end() - lo)))) if verbs else None
    neg_img = (v and negated_before(window, v.start(), 50)) or re.search(
        r"\bimg\b[^.;]{0,30}\b(?:are|is|will)\s+not\s+(?:be\s+)?(?:accepted|considered|eligible|"
        r"invited|interviewed|ranked)", s) or re.search(r"\b(?:can|do|does|will|are) not "
                                                       r"(?:\w+ ){0,3}(?:accept|consider)\w*\b[^.;]{0,40}\bimg\b", s)
    if neg_img:
        if re.search(r"\brarely|\bexcept|\bunless|\bonly\b", s):
            return out
        out.append(Claim("accepts_imgs", False, rank=2))
    elif v:
        if re.search(r"\brarely\b|\bunlikely\b", s):
            return out
        out.append(Claim("accepts_imgs", True, rank=2))
    elif IMG_REQ.search(s) and (not NEG.search(s) or re.search(
            r"\bnot (?:required|necessary|mandatory|needed|expected) (?:of|for) (?:all )?img\b", s)):
        out.append(Claim("accepts_imgs", True, rank=1))
    return out


# Cheap gates, so most sentences of a page cost one regex search. RAW_GATE runs on the page's
# own text (before canonical spelling); GATES on canonical text decide which rules run.
RAW_WORDS = (
    "j-1", "j1", "j 1", "h-1", "h1", "h 1", "visa", "sponsor", "step", "usmle", "comlex",
    "complex", "level", "score", "minimum", "cut", "attempt", "fail", "first", "graduat", "yog",
    "clinical", "usce", "hands", "ecfmg", "certif", "holistic", "entire", "whole", "single",
    "metric", "img", "fmg", "international", "foreign", "lcme", "aoa", "citizen", "osteopath",
    "d.o.", "do applicants", "do students", "do graduates", "each applica", "every applica",
    "all applica", "individual", "mission", "beyond", "only one", "just one", "criteri",
    "threshold", "prefer", "require", "limit", "within", "observ", "experience", "accept",
    "board", "exam", "percentile", "median", "more than a number", "more than just",
    "rest of the applica", "as a whole", "in its entirety", "medical school", "out of school",
    "years since", "year of", "time since", "medical degree", "diploma",
)


def raw_gate(text: str) -> bool:
    """Whether a sentence of the page may state a fact at all (substring tests: cheap)."""
    low = text.lower()
    return any(w in low for w in RAW_WORDS)


GATES = (
    (R(r"\bj1\b|\bh1b\b|visa|sponsor|citizen|exchange visitor"), "visa"),
    (R(r"\bimg\b|international|foreign|lcme|aoa|\bus or canadian|\bgraduat"), img_claims),
    (R(r"\bstep\w*|usmle|comlex|level\w+|score|minimum|cutoff|board|threshold|median|mean|"
       r"percentile|\b[1-9]\d\d\b|licens"), score_claims),
    (R(r"attempt|fail|first|tries|retake|sitting"), attempts_claims),
    (R(r"graduat|yog|out of (?:medical )?school|medical school|diploma|degree"), yog_claims),
    (R(r"usce|clinical|hands[- ]on|us (?:health|medical|hospital)|american"), usce_claims),
    (R(r"ecfmg|certif"), ecfmg_claims),
    (R(r"holistic|entire|whole|\bno 1\b|only 1|just 1|metric|every|each|all (?:aspects|"
       r"components|parts|elements|facets|applica)|solely|beyond|more than|mission|individual|"
       r"comprehensive"), holistic_claims),
    (R(r"comlex|level\w+|osteopathic|\bdo (?:applicants|students|graduates|candidates)|usmle"),
     comlex_claims),
)


# Advice about residency programs in general ("most programs require...", "for example, a
# program can write...") is not this program's rule.
GENERIC = R(r"\b(?:most|many|some|several|other|these|those|such|few|a (?:limited|small) number of|"
            r"a handful of|certain)\s+(?:\w+\s+)?(?:residency\s+|hospital\s+|training\s+)?"
            r"(?:programs|hospitals|institutions)\b|\b(?:residency )?programs (?:often|usually|"
            r"typically|generally|tend|may|might|commonly|frequently)\b|\bfor example\b|"
            r"\bsuch as (?:the )?(?:j1|h1b)\b|\bthe program can write\b|\beach (?:hospital|program) "
            r"(?:has|sets|decides)\b")


# Text about other trainees (fellows, observers, visiting students) is not a residency rule.
OTHER_TRAINEES = R(r"\b(?:fellowships?|fellows?|observerships?|observers?|externships?|externs?|"
                   r"visiting (?:medical )?students?|clerkships?|sub-?internships?|(?:medical )?"
                   r"student electives?|research (?:positions?|scholars?))\b")


def _about_other_trainees(text: str) -> bool:
    return bool(OTHER_TRAINEES.search(text)) and not RESIDENCY.search(text)


def sentence_claims(s: str, ctx: str, scope: str, block: str) -> list[Claim]:
    """All claims of one canonical sentence, running only the rules whose gate matches."""
    s = ANSWER_PREFIX.sub("", s)
    if GENERIC.search(s):
        return []
    last_heading = scope.rsplit(" > ", 1)[-1] if scope else ""
    if (last_heading and _about_other_trainees(last_heading) and not RESIDENCY.search(s)) or (
            re.match(r"(?:our |the )?(?:fellows?|fellowships?|visiting|externs?|observers)\b", s)
            and not RESIDENCY.search(s)) or re.match(
            r"^(?:fellowship|observership|externship|visiting student) (?:applicants|candidates)", s):
        return []
    both = f"{s} {ctx}" if ctx else s
    out: list[Claim] = []
    for gate, rule in GATES:
        if gate.search(both):
            if rule == "visa":
                out.extend(visa_claims(s, ctx, scope, block))
            else:
                out.extend(rule(s, ctx, scope))
    return out
