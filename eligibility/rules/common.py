"""Shared vocabulary of the field rules: `Claim`, answer polarity, negation, hard vs soft wording.

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

from eligibility.prefilter import compile as prefiltered_compile

R = prefiltered_compile     # re.compile, with a literal prefilter (same answers, see eligibility.prefilter)


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
         r"candidates)|most of our|plus|likely|suggest\w*|priority|prioriti[sz]\w*|"
         r"stand out|more competitive|higher chance|best chance|tend to|often|rarely|seldom|"
         r"unlikely|unusual|uncommon|like to see|hope to see|love to see|nice to have|aim for|we hope|hope (?:that )?"
         r"(?:applicants|candidates|you)|strengthen\w*)\b")
HARD = R(r"\b(?:must|has to|have to|minimum|minimal|min|require[sd]?|requirement|requirements|required|"
         r"at least|cutoff|threshold|we (?:do )?expect|expected|need(?:ed|s)?|no less than|"
         r"not less than|or (?:higher|above|greater|better|more)|and (?:above|higher)|above|"
         r"greater than|over|>=|>|eligib\w*|only (?:consider|accept|interview|review)|"
         r"will not (?:be )?consider\w*|not be considered|screen\w*|mandatory|necessary|"
         r"should have|criteria|criterion|qualif\w*|no (?:failures?|fails?)|no more than|"
         r"not more than|at most|maximum|max|below|less than|under)\b|>=|>")
# The words that make a statement a rule by themselves (not a threshold's "at least", "minimum").
FORCE = R(r"\b(?:must|require[sd]?|requirements?|need(?:ed|s)?|mandatory|necessary|only|will not|can not|do not|"
          r"does not|not be|ineligible|eligib\w*|we (?:do )?expect|expected|should have|have to|has to)\b")
OTHERS = R(r"\b(?:average|averaged|mean|median|avg|our (?:current )?residents|matched|incoming|"
           r"class|last year|previous|past years?|interviewed|historically|range[ds]?|"
           r"scored|have scored|statistics|interviewees|(?:nearly |almost |virtually )?everyone|(?:nearly |almost )?all of "
           r"(?:those|them|our)|most of (?:those|them)|(?:has|have|had) scores|typically (?:have|had|"
           r"score)|most (?:\w+ ){0,2}(?:applicants|candidates|residents|interviewees|invitees)(?: we \w+)?"
           r" (?:have|had|score|scored|achieve|achieved))\b")
NAMED_THRESHOLD = R(r"national (?:median|mean|average)|(?:median|mean|average) national|"
                    r"standard deviations?|\b(?:1|one|2) sd\b|above (?:the )?pass(?:ing)?|"
                    r"\d{1,2}(?:st|nd|rd|th) percentile|percentile|\b(?:minimum|at least|score)\W{1,3}(?:score )?(?:of )?"
                    r"\d{2}\s*(?:%|percent)|\b2-digit (?:usmle |comlex |step\w* )?scores?\b")
COMBINED = R(r"\b(?:combined|total|sum|cumulative|composite|aggregate|added together)\b")
RETIRED = R(r"\bstep2cs\b|\blevel2pe\b")
YEAR = R(r"\b(?:19[89]\d|20[0-4]\d)\b")
CLAUSE_SPLIT = R(r";|\s(?:but|however|although|though|whereas|while)\b|\.\s")
YES_ANSWER = R(r"^(?:yes|yep|absolutely|certainly|of course|we (?:do|can|will|are)(?=\s*[.!]|\s*$)|"
               r"correct|definitely|indeed|sure|required|available|offered|accepted|sponsored|"
               r"mandatory|always)\b(?! not)")
CONDITIONAL_ANSWER = R(r"^(?:(?:a|answer)\s*[:.)-]\s*)?(?:only|if|provided|as long as|when|for (?:applicants|candidates|those)|"
                       r"case[- ]by[- ]case|in (?:some|certain|rare|limited) (?:cases|circumstances)|"
                       r"sometimes|occasionally|on occasion|limited|rarely|seldom)\b")
NO_ANSWER = R(r"^(?:no|nope|not|we do not|we are not|we can not|we will not|unfortunately|sorry|"
              r"none|negative|never|n/a)\b")
REQUIRE_SCOPE = R(r"\b(?:require\w*|must|eligib\w*|criteria|qualifications|prerequisites|minimum|mandatory|"
                  # "has to meet one of these:" (not "what you need to know")
                  r"(?:has|have|needs?) to(?! (?:know|see|read|visit|contact|check|click|look|learn|understand|do)\b))\b")
SOFT_SCOPE = R(r"\b(?:prefer\w*|suggest\w*|recommend\w*|competitive|desired|tips|"
               r"successful|advice|statistics|profile|our residents|current residents|"
               r"meet our|match (?:list|results))\b")
FELLOWSHIP = R(r"\bfellow(?:s|ship|ships)?\b")
RESIDENCY = R(r"\b(?:residency programs?|residents|resident (?:and|or|&) fellow|our residency|the residency|resident physicians|"
              r"residency (?:training|applicants|positions?)|residency and fellowship|interns?)\b")


ANSWER_PREFIX = R(r"^(?:a|answer)\s*[:.)-]\s*")


def strip_answer_prefix(text: str) -> str:
    """`text` without a leading "A:" / "Answer." (ANSWER_PREFIX.sub("", text): the pattern can only
    match at the start, so a match there is all a substitution would remove; the search of the
    rest of the string, which sub() makes, is saved)."""
    m = ANSWER_PREFIX.match(text)
    return text[m.end():] if m else text
# A condition that makes a sub-case of what its clause says ("... if the gap exceeds a year").
CONDITION = R(r"\b(?:if|unless|only for|only if|provided|as long as|in case|depending on)\b")


def used_lead_in(ctx: str) -> bool:
    """Whether the context is a list lead-in or label ("The applicant must:"), not a question."""
    return bool(ctx) and not ctx.endswith("?") and (ctx.endswith(":") or ": " in ctx or
                                                    len(ctx) < 60)


def polarity(answer: str) -> str | None:
    """"yes" / "no" for a short answer that opens with one; None otherwise."""
    answer = strip_answer_prefix(answer)
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
    for neg in NEG.finditer(head):
        if neg.group(0) == "not" and _RELATIVE_BEFORE.search(head[:neg.start()]):
            continue        # "applicants who are not US citizens must ...": not the predicate's
        if neg.group(0) in ("can not", "never", "not") and re.search(r"\b(?:who|that|whom)\s+$", head[:neg.start()]):
            continue        # "housestaff who cannot obtain a J-1 in time may be released": the subject's
        if neg.group(0) in ("neither", "nor") and (_RELATIVE_NEITHER.search(head) or
                                                   _RELATIVE_NEITHER.search(text[max(0, start - 160):start])):
            continue        # "those who are neither citizens nor permanent residents need ..."
        if neg.group(0) == "not" and _NOT_STATUS.match(head, neg.end()):
            continue        # "... who match and are not US citizens are sponsored": a subject's status
        return True
    return False


_RELATIVE_BEFORE = R(r"\b(?:who|that|which|whom)\s+(?:are|is|were|do|does|did|have|has|can|could|will|would)\s+$")
# "physicians who are neither US citizens nor permanent residents need ...": the negation is
# the relative clause's (the subject's status), not the predicate's.
_RELATIVE_NEITHER = R(r"\b(?:who|that|which|whom)\s+(?:are|is|were|have|has)\s+neither\b")
_NOT_STATUS = R(r"\s+(?:an?\s+)?(?:us\s+|american\s+|canadian\s+)?(?:citizens?|permanent residents?|green card holders?)\b")


# A requirement noun negated by its own determiner: "we have no US clinical experience
# requirement", "there is not any formal prerequisite of ...", "we do not have a minimum ...
# requirement". The words between are the noun's modifiers: a verb, preposition or exception
# word among them means the negation belongs to another noun ("no exceptions to the ...
# requirement", "no one may waive the ... requirement").
_NEG_DET = (r"\b(?:no|(?:not|never) (?:a|an|any)|(?:do|does|did) not (?:have|set|impose|maintain|keep|hold) "
            r"(?:a|an|any))\s+")
_NOT_MODIFIER = (r"(?!(?:exceptions?|exemptions?|exempt|waivers?|waive[sd]?|except|excepting|to|of|for|from|on|"
                 r"with|in|at|by|without|but|and|or|than|is|are|was|were|be|been|may|can|will|shall|must|should|"
                 r"has|have|had|one|1|longer)\b)")
NO_REQUIREMENT = R(_NEG_DET + r"(?P<mods>(?:" + _NOT_MODIFIER + r"[\w/-]+\s+){0,6}?)(?:minimum\s+)?"
                   r"(?:requirements?|prerequisites?)\b(?P<tail>\s+(?:for|of|regarding|concerning|on|related to|"
                   r"about)\s+(?:the |any |an? |prior |previous )?)?")


def negated_requirement(text: str, topic: re.Pattern) -> bool:
    """Whether `text` negates a requirement noun whose own phrase names `topic`: among the
    noun's modifiers ("no US clinical experience requirement") or right after it ("no formal
    requirement for US clinical experience"). A negated requirement of another thing in the
    same sentence ("no minimum score requirement, and US clinical experience is required")
    says nothing of `topic`."""
    for m in NO_REQUIREMENT.finditer(text):
        if topic.search(m.group("mods")) or (m.group("tail") and topic.match(text, m.end())):
            return True
    return False


HARD_WEAK = R(r"\b(?:above|over|greater than|or (?:higher|above|greater|better|more)|and (?:above|"
              r"higher)|below|less than|under)\b|>=|>")


def lead_in(context: str) -> str:
    """The lead-in itself: the last sentence of a context paragraph that ends with a colon
    ("Yes, IMGs are accepted. They must hold ... . We prefer the following:" -> "We prefer the
    following:"); the earlier sentences are statements of their own, not the items' force."""
    if context.endswith(":"):
        cut = context.rfind(". ")
        if cut >= 0:
            return context[cut + 2:]
    return context


_ADVICE = R(r"\b(?:tips|advice|suggestions|hints)\b")
_SHOULD = R(r"\bshould (?:have|be|hold|show|possess)\b")


def soft_lead_in(context: str, clause: str) -> bool:
    """A soft lead-in ("Preferred criteria:", a "Recommendations for IMGs" heading) over an item
    without force words of its own.

    Its threshold words ("at least 215") and "should" give the item no force under a soft lead-in;
    "must" / "required" in the item (or in the lead-in) do.
    """
    context = lead_in(context)
    return bool(context) and used_lead_in(context) and bool(SOFT.search(context) or _ADVICE.search(context)) and \
        not FORCE.search(_NOT_REQUIRED.sub(" ", context)) and not FORCE.search(_SHOULD.sub(" ", clause))


# "Helpful, but not required:": a negated requirement word gives a lead-in no force.
_NOT_REQUIRED = R(r"\bnot (?:\w+ )?(?:required|necessary|mandatory|needed|a requirement)\b")


def last_heading(scope: str) -> str:
    return scope.rsplit(" > ", 1)[-1] if scope else ""


_BECAUSE = R(r"^(?:because|since|as|given that)\b[^,;]{0,80},\s*")


def strictness_of(clause: str, context: str, scope: str) -> str | None:
    """"hard", "preferred" or None (neutral wording and no requirement-like context)."""
    # The reason given for a rule is not its force: "Because we are competitive, we require ..."
    clause = _BECAUSE.sub("", clause)
    if SOFT.search(clause):
        return "preferred"
    if soft_lead_in(context, clause) or (scope and soft_lead_in(last_heading(scope), clause)):
        return "preferred"
    context = lead_in(context)
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
