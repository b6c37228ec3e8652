"""US clinical experience rules: required, preferred or not required (observerships aside)."""

from __future__ import annotations

from eligibility import prefilter as rx    # re's functions, each inline pattern compiled once
from eligibility.rules.common import (CONDITION, NO_REQUIREMENT, SOFT, Claim, R, last_heading, lead_in, negated_requirement,
                                      polarity, soft_lead_in, strictness_of, used_lead_in)

USCE = R(r"\busce\b|\bus\b[^.;]{0,30}\bclinical (?:patient |care )?(?:experience|rotations?|exposure|work|training|"
         r"electives?)|\bclinical (?:experience|rotations?|exposure|work|electives?|(?:patient )?care|training)\b[^.;]{0,80}\b"
         r"(?:in|within|at) (?:the |a |an )?(?:us|north america\w*|american)\b|\bus[- ]based "
         r"clinical|\bamerican clinical|\bhands[- ]on\b[^.;]{0,40}\bin (?:the |a )?us\b|"
         r"\bus (?:or canadian |and canadian |/canadian )?(?:hands[- ]on|healthcare|health care|"
         r"medical system|hospital) (?:experience|system)|\bexperience in (?:the |a )?us "
         r"(?:healthcare|health care|health[- ]system|hospital|medical|clinical)|\b(?:us|american) "
         r"(?:hospital|health[- ]?care|health[- ]system|medical|patient[- ]care) experience\b|"
         r"\bus health[- ]system (?:clinical )?experience|\bus (?:externships?|sub-?internships?|clerkships?|"
         r"electives?|rotations?)\b|\b(?:clerkships?|electives?|externships?|sub-?internships?) (?:completed |done )?"
         r"(?:in|within|at) (?:the |a )?us\b|\bus experience\b|\bexperience (?:in|within) the us\b|"
         r"\bclinical (?:performance|work|training|rotations?) (?:\w+ ){0,8}(?:in|within|at) (?:the |a |an )?us\b|"
         r"\b(?:direct |hands[- ]on )?patient[- ]care (?:experience|activit\w+|work|exposure)\b[^.;]{0,60}\b(?:in|within|at) "
         r"(?:the |a |an )?(?:us|north america\w*|american)\b|"
         r"\b(?:year|months?) (?:of |in )?(?:an? )?us (?:accredited |acgme[- ]accredited )?(?:residency|"
         r"training|program)|"
         r"\b(?:year|months?) of (?:[\w-]+ ){0,3}(?:residency|postgraduate) training\b[^.;]{0,30}\b(?:in|within|at) "
         r"(?:the |a |an )?us\b")
USCE_NOT_REQ = R(r"\brequire(?:ment|d)\W*\s*(?:none|no|n/a)\s*\.?$|\bnot (?:a |an )?(?:absolute |strict |strictly |formal |an absolute )?(?:required|requirement|"
                 r"necessary|mandatory|needed|essential|prerequisite|must|condition|criterion)\b|\b(?:do|does|did|will)"
                 r" not (?:require|need|mandate|demand|insist on)\b|\bno requirement\b|\bnot require\b|\boptional\b|"
                 r"\bneed not\b|\bnot needed\b|\b(?:apply|applicants?|considered|accepted|eligible|"
                 r"reviewed|welcome)\b[^.;]{0,30}\bwithout\b|\bno (?:[\w-]+ ){0,4}(?:is |are )?(?:needed|required|"
                 r"necessary)\b|\bwhether or not\b|\bregardless of whether\b")
USCE_PREF = R(r"\b(?:prefer\w*|preference|recommend\w*|encourag\w*|helpful|helps?|advantage\w*|advis\w*|"
              r"looked upon favou?rably|counts? in (?:your|an applicant's) favou?r|"
              r"beneficial|benefit|valued|value|(?:a|big|definite|real) plus|desir\w*|asset|favou?r\w*|strengthen\w*|"
              r"consider\w* positively|welcome(?! to apply)|bonus|useful|good idea|look for|like to see|would like|"
              r"appreciate\w*|nice to have|counts? (?:as|toward|towards|for) (?:a |an )?(?:significant|important|major|"
              r"big|considerable|key)|(?:significant|important|major|considerable|key) (?:part|factor|component|"
              r"consideration)|weigh\w* (?:heavily|strongly)|carr(?:y|ies) (?:a lot of |much |significant |considerable )?"
              r"weight)\b")
USCE_REQ = R(r"\b(?:must|required|require[sd]?|requirement|mandatory|necessary|need(?:ed|s)?|"
             r"prerequisite|essential|expected|minimum of|at least|only consider|"
             r"will not be considered)\b")
OTHER_TOPIC = R(r"\b(?:graduat\w*|step[123]\w*|usmle|comlex|visas?|j1|h1b|ecfmg|scores?|attempts?|"
                r"letters?)\b")
OBSERVER_DEF = R(r"\bobserver\w*\b[^.;]{0,60}\b(?:count|considered|qualif\w*|accepted as|"
                 r"acceptable|satisf\w*|equivalent|substitute|not (?:consider|count))")


# A letter of recommendation is not a recommendation of experience; a typical candidate or
# patient describes, it does not require or prefer.
_NOT_WISHES = R(r"\bletters? of (?:recommendation|reference)\b|\brecommendation letters?\b")
DESCRIPTIVE = R(r"\btypical(?:ly)?\b|\bmost of our\b|\bour (?:current )?residents\b|\b(?:have|has) done "
                r"(?:best|well)\b|\b(?:did|do) best\b|\bhave been (?:most )?successful\b|"
                r"\bsuccessful (?:applicants|candidates|residents)\b[^.;]{0,20}\b(?:have|had)\b|"
                r"\bin (?:past|previous|prior|recent) years\b")
# A rule for a subgroup of entrants (advanced, CA-1/PGY-2, transfers) is not the program's rule.
SUBGROUP = R(r"\b(?:ca-?1|pgy-?[234]|advanced|transfer|reapplicants?)\b(?:/\S+)?\s+(?:applicants|candidates|"
             r"positions|entrants)\b")


# Advice to a sub-group defined by something else: "Those without recent clinical contact should
# ideally do a US observership" (the experience is the remedy of that group, not a program rule).
SUBGROUP_REMEDY = R(r"^(?:those|applicants|candidates|anyone|graduates|img|people)\b(?: \w+){0,2}? (?:without|"
                    r"who (?:have not|lack|do not have|have had no)|lacking)\b(?P<what>[^.;]*?)\b(?:should|must|"
                    r"need to|are (?:required|expected|encouraged|advised))\b")
# A section that lists one visa's criteria ("H1b Visa Criteria", "Requirements for H-1B sponsorship").
VISA_CRITERIA_SCOPE = R(r"\b(?:h1b|j1)\b[^>]{0,20}\b(?:criteria|requirements|eligibility|qualifications)\b|"
                        r"\b(?:criteria|requirements|eligibility|qualifications) for (?:the )?(?:h1b|j1)\b")
FACTOR_LEADIN = R(r"\b(?:factors?|qualities|attributes|considerations?|we (?:weigh|consider|evaluate|look at))\b")


# Experience that may be gained outside the US too ("in the US, Canada, the UK or Australia",
# "in the US or abroad") is no US clinical experience requirement (Canada beside the US still
# is one); wished for, US experience is still among what is wished (d001, h031: preferred).
ABROAD_TOO = R(r"\bus\b[^.;]{0,40}?(?:,[^.;]{0,40}?)?\b(?:or|and/or)\s+(?:[\w-]+\s+){0,3}?(?:in\s+)?(?:the\s+|a\s+|any\s+)?"
               r"(?:uk|united kingdom|england|britain|australia|new zealand|ireland|europe\w*|abroad|overseas|"
               r"elsewhere|(?:an)?other country|other countries|(?:your |their )?home country)\b")

# A letter about the applicant's own clinical work: "from the faculty member who supervised your
# US clinical experience", "attesting to your clinical performance in the US".
LETTER_ON_USCE = R(r"\bletters?\b[^.;]{0,80}\b(?:who (?:supervised|oversaw|directed)|supervising|attest\w* to|"
                   r"document\w*|describ\w*|evaluat\w*|verif\w*)\b[^.;]{0,12}\b(?:your|their|the applicant'?s?|"
                   r"his or her)\b")


# Clinical experience OR something that is no clinical work ("clinical experience or graduate
# education in the US"): the wish or rule can be met without clinical experience.
NON_CLINICAL_ALT = R(r"\b(?:clinical|hands[- ]on|patient[- ]care) (?:experience|work|exposure)\b (?:or|and/or) (?:[\w/-]+ ){0,3}?"
                     r"(?:education|research|degree|stud(?:y|ies)|coursework|schooling|teaching)\b")
# US experience as one way among other credentials: "A degree from an LCME school, or ECFMG
# certification and/or hands-on work in US clinical settings": it can be met without the experience.
CREDENTIAL_ALT = R(r"\b(?:degree|diploma|certificat\w*|licen[cs]e|graduat\w*|education|research)\b[^.;]{0,80}"
                   r"\b(?:or|and/or),?\s+(?:(?!\band\b(?!/))[^.;]){0,50}$")
# An exception that lets some in without it: "(we will still consider applicants without it if
# their letters show ...)" - the rule stands, as a graduation limit with "unless ..." does.
EXCEPTION_WITHOUT = R(r"\s*\((?:[^()]*?\b)?(?:applicants|candidates|those|anyone|graduates|people)\b[^()]{0,20}\bwithout "
                      r"(?:it|this|that|them|such (?:experience|training))\b[^()]*?\b(?:if|when|provided|as long as|who)\b[^()]*\)")
# A bracketed wish about a detail of a required item: "(psychiatry preferred)", "(ideally in medicine)".
BRACKET_WISH = R(r"\s*\([^()]*\b(?:prefer\w*|ideally|recommended)\b[^()]*\)")


# A question that asks about a requirement ("Is US clinical experience required?").
REQUIRE_ASKED = R(r"\b(?:require|must|mandatory|need|necessary|prerequisite)")

def _abroad_too(s: str) -> bool:
    return bool(ABROAD_TOO.search(rx.sub(r"\bu\.k\.?", "uk", s)))


def usce_claims(s: str, ctx: str, scope: str) -> list[Claim]:
    out: list[Claim] = []
    s = _NOT_WISHES.sub("letter", s)
    if SUBGROUP.search(s):
        return out
    if ctx and OBSERVER_DEF.search(ctx) and not USCE.search(s):
        return out          # "Do observerships count as USCE?" - "No." defines, it does not require
    if EXCEPTION_WITHOUT.search(s):
        s = EXCEPTION_WITHOUT.sub("", s)
    topic = USCE.search(s)
    if topic and BRACKET_WISH.search(s):
        stripped = BRACKET_WISH.sub("", s)
        if USCE.search(stripped) and USCE_REQ.search(stripped) and not USCE_PREF.search(stripped):
            s, topic = stripped, USCE.search(stripped)
    if topic and (NON_CLINICAL_ALT.search(s) or CREDENTIAL_ALT.search(s, 0, topic.start())):
        return out
    answer = polarity(s)
    if VISA_CRITERIA_SCOPE.search(scope.rsplit(" > ", 1)[-1]) and not rx.search(
            r"\b(?:all|every|each) (?:\w+ )?(?:applicants?|candidates?|img|residents?)\b", s):
        return out      # experience wished for inside a visa's criteria is that sub-case's, not the program's
    remedy = SUBGROUP_REMEDY.match(s)
    if topic and remedy and not USCE.search(remedy.group("what")):
        return out
    if not topic:
        if answer == "no" and len(s) < 60 and ctx.endswith("?") and rx.search(
                r"\b(?:require|need|must (?:i |we |applicants )?have)\w*\b[^?]{0,30}\bany (?:prior |previous )?"
                r"clinical experience\b", ctx) and not USCE_PREF.search(s):
            # "Do you require any clinical experience?" - "We do not.": none, so no US experience
            return [Claim("usce", "not_required", rank=2, uses_context=True)]
        if ctx and USCE.search(ctx) and answer and len(s) < 220:
            if answer == "no":
                value = "preferred" if USCE_PREF.search(s) else "not_required"
                if rx.search(r"\b(?:accept|consider|take|interview|eligible)\w*\b[^?]{0,60}\bwithout\b",
                             ctx) and not USCE_PREF.search(s):
                    # "Do you accept IMGs without US clinical experience?" - "No."
                    out.append(Claim("usce", "required", rank=2, uses_context=True))
                elif REQUIRE_ASKED.search(ctx) or \
                        USCE_NOT_REQ.search(s):
                    out.append(Claim("usce", value,
                                     strictness="preferred" if value == "preferred" else "hard",
                                     rank=2, uses_context=True))
            elif answer == "yes":
                if (REQUIRE_ASKED.search(ctx) or
                        (len(ctx) < 50 and not ctx.endswith("?") and
                         rx.search(r"^(?:required|mandatory)\b", s))) \
                        and not USCE_PREF.search(s):
                    out.append(Claim("usce", "required", rank=2, uses_context=True))
                elif rx.search(r"\bprefer", ctx):
                    out.append(Claim("usce", "preferred", strictness="preferred", rank=2,
                                     uses_context=True))
        elif ctx and USCE.search(ctx) and len(s) < 220 and not OBSERVER_DEF.search(s):
            # "Helpful but not required." / "There is no such requirement." answering a USCE question.
            if USCE_NOT_REQ.search(s) or (NO_REQUIREMENT.search(s) and not OTHER_TOPIC.search(s)):
                value = "preferred" if USCE_PREF.search(s) else "not_required"
                out.append(Claim("usce", value,
                                 strictness="preferred" if value == "preferred" else "hard",
                                 rank=2, uses_context=True))
            elif len(ctx) < 50 and not ctx.endswith("?") and rx.search(
                    r"^(?:minimum of|at least|required|mandatory|\d+ (?:weeks?|months?))\b", s):
                out.append(Claim("usce", "required", rank=2, uses_context=True))
            elif rx.search(r"\b(?:strongly |highly )?(?:preferred|recommended|encouraged)\b", s) \
                    and not rx.search(r"\b(?:letters?|lor)\b", s):
                out.append(Claim("usce", "preferred", strictness="preferred", rank=2,
                                 uses_context=True))
        return out
    if OBSERVER_DEF.search(s):
        # Drop the clause that defines what counts ("observerships do not count as USCE");
        # a requirement may remain in another clause.
        # A bracketed definition is dropped whole, so the sentence around it stays one clause
        # ("hands-on clinical experience (observerships do not count) of 8 weeks in the US").
        s = rx.sub(r"\s*\([^()]*\)", lambda b: "" if OBSERVER_DEF.search(b.group(0)) else b.group(0), s)
        s = "; ".join(c for c in rx.split(r";|\(|\)|,\s*(?:and|but|while|though|although)\s|\s-\s", s)
                      if c.strip() and not OBSERVER_DEF.search(c))
        if not USCE.search(s):
            return out
    if ";" in s:
        # Keep the parts about clinical experience ("Graduation within 5 years is required;
        # exceptions for applicants with US clinical experience" is not a USCE rule).
        s = "; ".join(p for p in s.split(";") if USCE.search(p) or not OTHER_TOPIC.search(p))
    letters = rx.search(r"\bletters?\b[^.;]{0,60}\bfrom\b", s)
    topic = USCE.search(s)
    if letters and topic and letters.start() < topic.start() and LETTER_ON_USCE.search(s, letters.start()) and \
            not USCE_PREF.search(s) and not SOFT.search(ctx) and not CONDITION.search(s) and \
            not rx.search(r"\bor (?:an? |the )?(?:letter|evaluation|assessment|reference)\b", s):
        # A required letter from whoever supervised (or attests to) the applicant's US clinical
        # work presupposes that work: "a letter from the faculty member who supervised your US
        # clinical experience" (d034, d078); "or an evaluation from ..." is an alternative (a027).
        out.append(Claim("usce", "required", rank=2))
        return out
    if letters and (topic is None or letters.start() < topic.start()) and not rx.search(
            r"\b(?:must|required?|requires)\b[^.;]{0,40}\b(?:experience|rotations?)\b", s):
        return out      # "letters (preferably from US health care experience)" rule letters
    if FACTOR_LEADIN.search(lead_in(ctx)) and used_lead_in(ctx[-80:] if ctx.endswith(":") else ctx) and \
            not rx.search(r"\b(?:must|required?|requires|need(?:ed|s)?|mandatory|prefer\w*)\b", s):
        return out      # a bare item of a list of qualities or factors weighed: neither rule nor wish
    if DESCRIPTIVE.search(s) and not USCE_REQ.search(s) and not USCE_NOT_REQ.search(s) and \
            not rx.search(r"\b(?:prefer\w*|recommend\w*|encourag\w*)\b", s):
        return out      # "our typical candidate has recent US experience" describes
    if rx.search(r"\bwithout\b[^.;]{0,60}\b(?:will not|can not|are not|is not|not be|do not)\b[^.;]{0,12}\b(?:be )?"
                 r"(?:considered|accepted|eligible|reviewed|interviewed|ranked|consider|accept|review)\w*|"
                 r"\bwithout\b[^.;]{0,60}\bineligible\b|\b(?:do|does|will|can|are|is) not (?:be )?(?:\w+ )?(?:consider|accept|"
                 r"interview|review|rank)\w* (?:any )?(?:applicants?|candidates?|graduates|anyone|those|img)? ?(?:\w+ ){0,2}?"
                 r"without\b", s) and not USCE_PREF.search(s):
        value = "required"      # "Applicants without USCE will not be considered": an exclusion
    elif USCE_NOT_REQ.search(s) or negated_requirement(s, USCE):
        # ("we have no US clinical experience requirement": the "no" is the requirement's)
        value = "preferred" if USCE_PREF.search(s) else "not_required"
    elif USCE_PREF.search(s):
        value = "preferred"
    elif soft_lead_in(ctx, s) or soft_lead_in(last_heading(scope), s):
        value = "preferred"     # a bare or "should" item under "we prefer:" / a "Recommendations" heading
    elif USCE_REQ.search(s) or (used_lead_in(lead_in(ctx)) and USCE_REQ.search(lead_in(ctx))):
        value = "required"
    elif answer == "yes" and ctx.endswith("?") and rx.search(r"\b(?:require|must|mandatory|need|necessary|"
                                                            r"prerequisite)", ctx):
        value = "required"      # "Is US clinical experience required?" - "Yes: hands-on work in a US hospital"
    else:
        strict = strictness_of(s, ctx, scope)
        if strict is None:
            return out
        value = "required" if strict == "hard" else "preferred"
    if value == "required" and (CONDITION.search(s) or _abroad_too(s)):
        return out      # required only in a sub-case ("... experience if the gap exceeds a year")
    out.append(Claim("usce", value, strictness="preferred" if value == "preferred" else "hard",
                     rank=2))
    return out
