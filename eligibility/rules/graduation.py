"""Year-of-graduation rules: "within N years", exceptions, and "no graduation cutoff"."""

from __future__ import annotations

from eligibility import prefilter as rx    # re's functions, each inline pattern compiled once
from eligibility.rules.common import HARD, HARD_WEAK, SOFT, Claim, R, _cond, polarity, strictness_of, used_lead_in

GRAD = R(r"\bgraduat\w*|\byog\b|out of (?:medical )?school|medical school (?:finished|completed|ended)|left medical school|since (?:medical school|md|diploma|"
         r"(?:your |their )?degree)|medical (?:school )?(?:diploma|degree)|completion of medical "
         r"school|completed medical school|finish\w* medical school|received (?:their|your|the) "
         r"(?:md|medical degree)|\bsince (?:obtaining|receiving)|"
         r"\b(?:an? )?(?:md|do|medical degree)\b[^.;]{0,60}\b(?:earned|obtained|received|awarded|conferred)\b")
YOG_N = [
    R(r"(?:years? (?:since|from|after|out of) (?:medical school )?graduation|\byog\b|graduation)"
      r"[^.;\d]{0,25}?(?:[:\u2013-]|\(maximum\)|maximum|max)\s*(\d{1,2})\b(?!\s*(?:%|percent))"),
    R(r"\bmore than (\d{1,2})\s*(?:years?|yrs?) (?:out of|since|from|after) (?:medical school|"
      r"graduat\w*)\b(?=.*\b(?:not (?:be )?(?:consider\w*|eligible|accept\w*)|ineligible)\b)|"
      r"\bmore than (\d{1,2})\s*(?:years?|yrs?) (?:past|beyond) (?:medical school )?graduat\w*\b(?=.*\bnot "
      r"(?:be )?(?:consider\w*|eligible|accept\w*|reviewed|interviewed|ranked)\b)|"
      r"\bnot (?:consider|accept|interview|review)\w* (?:\w+ ){0,7}more than (\d{1,2})\s*(?:years?|yrs?) "
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
# (an existence test, `rx.AnyOf`: only whether the sentence says so matters)
YOG_ZERO = rx.AnyOf(r"\b(?:limit|cutoff|restriction|maximum)s?\W*\s*(?:none|no|n/a)\s*\.?$|"
             r"^no (?:[\w-]+ ){0,3}(?:rules?|excludes?|disqualifies|screens?) (?:anyone|anybody|you|an applicant|"
             r"applicants|candidates) out\b|"
             r"\bno (?!more\b|longer\b|less\b)(?:[\w-]+ ){0,4}(?:cutoff|limit|restrictions?|requirements?|maximum)\b|"
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
             r"(?:cutoff|limit|requirement|restriction)|\bwhatever (?:their|your|the) (?:year of graduation|"
             r"graduation year)|\bno (?:graduation year|year of graduation|date of graduation) before which|"
             r"\bgraduates? (?:from |of )any (?:graduation )?year\b|\bany (?:year of graduation|graduation year)\b|"
             r"\bnot require\w* [^.;]{0,60}\bwithin any (?:particular |specific |set |certain |fixed )?(?:period|"
             r"time|timeframe|time frame|number of years)\b|"
             # "we do not take the year of graduation into account", "graduation year plays no role"
             r"\b(?:do|does|will) not (?:take|factor|weigh|count) (?:the |your |their |an applicant'?s? )?(?:year|date) of "
             r"graduation\b[^.;]{0,20}\b(?:into account|into consideration|in|against)\b|\b(?:year|date) of graduation (?:is|are) "
             r"not (?:taken into (?:account|consideration)|weighed|counted|held against)|\b(?:year|date) of graduation "
             r"plays no (?:role|part)|\bgraduation (?:year|date) plays no (?:role|part)|\bgraduation (?:year|date) (?:is|are) "
             r"not (?:taken into (?:account|consideration)|weighed|counted|held against)|\b(?:do|does|will) not (?:consider|"
             r"look at|weigh|count) (?:the |your |their )?(?:year|date|time) (?:when )?(?:you|applicants|candidates|they) "
             r"graduated\b")
# A limit written as a permission: "graduates of up to 9 years will be considered".
OUTER_LIMIT = R(r"\b(?:up to|no more than|not more than|within|at most)\s+\d{1,2}\s*(?:years?|yrs?)\b[^.;]{0,40}"
                r"\b(?:will|would|can|may|are|is) (?:still )?(?:be )?(?:considered|accepted|eligible|reviewed)\b")
YOG_EXCEPT = R(r"\b(?:unless|except|exception|waived|provided that|if (?:you|the applicant|they) "
               r"(?:have|has))\b.*$")


# A gap past the limit that only counts against ("longer periods will be viewed unfavorably",
# "older graduates are less competitive"): the limit is a wish, unless it has hard words of its own.
COUNTS_AGAINST = R(r"\b(?:longer|more|older|greater|earlier|beyond (?:this|that))\b[^.;]{0,80}\b(?:(?:viewed|looked upon|seen|"
                   r"considered|regarded|judged) (?:very |more |much )?(?:un|less )favou?rabl\w*|counts? against|less "
                   r"competitive|a disadvantage)")
_OWN_FORCE = R(r"\b(?:must|required?|requires|requirement|only|not (?:be )?(?:consider\w*|eligible|accept\w*)|ineligible|"
               r"need(?:s|ed)? to|have to|has to)\b")


def yog_claims(s: str, ctx: str, scope: str, block: str = "") -> list[Claim]:
    out = _yog_claims(s, ctx, scope)
    if out and block and not _OWN_FORCE.search(s) and any(c.value != 0 and c.strictness == "hard" for c in out):
        at = block.find(s)
        after = block[at + len(s):] if at >= 0 else ""
        if COUNTS_AGAINST.search(after[:300]) or COUNTS_AGAINST.search(s):
            # "Applicants should have graduated in the past 6 years. Longer periods ... will be
            # viewed unfavorably": a wish
            for c in out:
                if c.value != 0:
                    c.strictness = "preferred"
    return out


def _yog_claims(s: str, ctx: str, scope: str) -> list[Claim]:
    out: list[Claim] = []
    grad_s = GRAD.search(s)
    answer = polarity(s)
    if not grad_s:
        zero_answer = rx.search(r"^(?:none|no (?:limit|restriction|cutoff|maximum|requirement)s?|"
                                r"unlimited|n/a|not limited|not restricted|there (?:is|are) (?:none|no (?:such )?"
                                r"(?:limit|restriction|cutoff|maximum)s?))\b", s)
        if ctx and GRAD.search(ctx) and (rx.search(r"\b(?:cutoff|limit|restriction|requirement|"
                                                   r"how long|how many years|how recent\w*|maximum|"
                                                   r"years since|time since|latest|oldest|earliest)\b", ctx) or
                                         any(p.search(s) for p in YOG_N) or zero_answer):
            if answer == "no" and not rx.search(r"\d", s):
                out.append(Claim("yog_max_years", 0, rank=1, uses_context=True))
            elif YOG_ZERO(s) or zero_answer:
                out.append(Claim("yog_max_years", 0, rank=1, uses_context=True))
            else:
                m = (rx.search(r"\b(\d{1,2})\s*(?:years?|yrs?)\b", s) or
                     (rx.search(r"\byears?\b", ctx) and
                      rx.search(r"^(?:yes,?\s*)?(?:up to |no more than |maximum(?: of)? |max\.? )?"
                                r"(\d{1,2})\.?$", s)))
                if m and 1 <= int(m.group(1)) <= 20 and not rx.search(
                        r"\b(?:residency|training|program|experience|practice)\b", s[:m.start()]) and not (
                        # "applicants who finished more than about 3 years ago need ...": a sub-case
                        rx.search(r"\b(?:more than|over|beyond|greater than)\s+(?:about |around |approximately )?$",
                                  s[:m.start()]) and not rx.search(r"\bnot (?:be )?(?:consider\w*|eligible|"
                                                                   r"accept\w*)|\bineligible\b", s)):
                    strict = strictness_of(s, ctx, scope) or "hard"
                    out.append(Claim("yog_max_years", int(m.group(1)), strictness=strict,
                                     rank=2, uses_context=True))
        return out
    if rx.search(r"\b(?:residency|fellowship) graduates?\b|\bgraduates? of our|\bour graduates\b"
                 r"|\bgraduat\w* (?:from|of) (?:our|the) (?:program|residency)", s):
        return out
    s = rx.sub(r",\s*(?:however|though|therefore|in turn),", "", s)    # an aside, not a clause break
    parts = rx.split(r";|,\s*(?:and|but)\s|\s(?:but|however|although|though|whereas|while)\b", s)
    parts = [p for p in parts if p.strip()]
    for clause in parts:
        if not GRAD.search(clause) and not (ctx and GRAD.search(ctx)):
            # "within 3 years" whose graduation word sits in another clause of this sentence.
            if not grad_s:
                continue
        if YOG_ZERO(clause) and (GRAD.search(clause) or len(parts) == 1 or not rx.search(
                r"\b(?:usmle|comlex|step\w*|scores?|attempts?|visas?|usce|clinical|numeric\w*|"
                r"exams?)\b", clause)):
            out.append(Claim("yog_max_years", 0, rank=1))
            continue
        for pattern in YOG_N:
            m = pattern.search(clause)
            if not m:
                continue
            n = int(next(g for g in m.groups() if g))
            if not 1 <= n <= 20:
                continue
            if rx.search(r"(?<!no )(?<!not )\b(?:more than|over|beyond|greater than)\s+(?:about |around |"
                         r"approximately )?$", clause[:m.start()] + m.group(0)[
                    :m.group(0).find(str(n))]) and not rx.search(
                    r"\bnot (?:be )?(?:consider\w*|eligible|accept\w*|review\w*|interview\w*|ranked)\b|\bineligible\b",
                    clause):
                break       # "applicants more than 5 years out must have ...": a sub-case, not a limit
            strict = strictness_of(clause, ctx, scope)
            head = s[:s.find(clause)] if clause in s else ""
            contrast = rx.search(r"\b(?:but|however|although|though|whereas|while)\W*$", head)
            if strict == "hard" and SOFT.search(head) and not HARD.search(HARD_WEAK.sub(" ", clause)) and \
                    not contrast:
                # a list governed by an earlier wish: "we prefer a first-time pass, ..., and
                # fewer than 10 years since graduation"
                strict = "preferred"
            if strict is None and (YOG_EXCEPT.search(s) or (used_lead_in(ctx) and not rx.search(
                    r"\b(?:we|you|is|are|will|may|can|should)\b", s))):
                strict = "hard"     # a limit with its exception, or a bare item of a requirements list
            if strict is None and (len(s) < 80 or rx.match(
                    r"(?:for )?(?:img|applicants|candidates|requirements?|eligibility|criteria)\b[^:.;]{0,30}:", s)):
                strict = "hard"         # a label and its value ("Year of graduation: within 5 years", "IMGs: ...")
            if strict in (None, "preferred") and contrast and OUTER_LIMIT.search(clause) and \
                    not SOFT.search(clause):
                strict = "hard"     # "we prefer 4 years, although graduates of up to 9 years are considered"
            if strict is None and rx.search(r"\b(?:applicants|candidates|graduated)\b", s):
                strict = "hard" if rx.search(r"\b(?:must|should|only|need|require|not consider|"
                                             r"not accept|ineligible|not eligible|not (?:be )?(?:review\w*|"
                                             r"interview\w*|ranked))", s) else None
            if strict is None:
                break
            exc = YOG_EXCEPT.search(s[s.find(clause):] if clause in s else s)
            out.append(Claim("yog_max_years", n, strictness=strict,
                             condition=_cond(exc.group(0)) if exc else None, rank=2))
            break
    return out
