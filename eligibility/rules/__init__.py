"""Field rules: what one sentence (with the question/label it answers and its headings) states.

Each field family lives in its own module; this one holds the cheap gates and
`sentence_claims`, which runs only the rules whose gate matches a sentence.
"""

from __future__ import annotations

from eligibility import prefilter as rx    # re's functions, each inline pattern compiled once
from eligibility.prefilter import AnyOf
from eligibility.rules.common import FELLOWSHIP, NEG, RETIRED, YEAR, Claim, R, RESIDENCY, strip_answer_prefix
from eligibility.rules.visas import H1B_COND, visa_claims
from eligibility.rules.scores import score_claims
from eligibility.rules.attempts import attempts_claims
from eligibility.rules.graduation import yog_claims
from eligibility.rules.experience import usce_claims
from eligibility.rules.ecfmg import ecfmg_claims
from eligibility.rules.review import comlex_claims, holistic_claims
from eligibility.rules.imgs import img_claims

# Cheap gates, so most sentences of a page cost one regex search. RAW_GATE runs on the page's
# own text (before canonical spelling); GATES on canonical text decide which rules run.
RAW_WORDS = (
    "j-1", "j1", "j 1", "h-1", "h1", "h 1", "visa", "sponsor", "step", "usmle", "comlex",
    "complex", "nbome", "level", "score", "minimum", "cut", "attempt", "fail", "first", "graduat", "yog",
    "clinical", "usce", "hands", "ecfmg", "certif", "holistic", "entire", "whole", "single",
    "metric", "img", "fmg", "international", "foreign", "lcme", "aoa", "citizen", "osteopath",
    "d.o.", "do applicants", "do students", "do graduates", "each applica", "every applica",
    "all applica", "individual", "mission", "beyond", "only one", "just one", "criteri",
    "threshold", "prefer", "require", "limit", "within", "observ", "experience", "accept",
    "board", "exam", "percentile", "median", "more than a number", "more than just",
    "rest of the applica", "as a whole", "in its entirety", "medical school", "out of school",
    "years since", "year of", "time since", "medical degree", "diploma",
    "total applica", "overall", "other aspects", "other factors", "extern", "clerkship", "elective",
    "rotation", "aspects of", "these documents", "these items", "these materials", "abroad", "overseas",
    "outside the u", "outside of the u", "outside north america",
    "patient care", "patient-care", "full applica", "full eras", "full range", "full body", "full record",
    "full scope", "full breadth", "not be the only", "part of", "parts of",
    "school of medicine", "college of medicine", "component", "element of", "elements of", "aspect of",
)


# A word containing another ("ecfmg" has "fmg") adds nothing to the test: left out of it.
_RAW_TESTS = tuple(w for w in RAW_WORDS if not any(v != w and v in w for v in RAW_WORDS))


def raw_gate(text: str) -> bool:
    """Whether a sentence of the page may state a fact at all (substring tests: cheap)."""
    low = text.lower()
    for w in _RAW_TESTS:        # (a plain loop: a third faster than any() over a generator)
        if w in low:
            return True
    return False


# Each gate is an existence test (`AnyOf`: its alternatives one at a time, plain words as
# substring tests): whether a rule family can apply to the sentence at all.
GATES = (
    (AnyOf(r"\bj1\b|\bh1b\b|visa|sponsor|citizen|exchange visitor"), visa_claims),
    (AnyOf(r"\bimg\b|international|foreign|non-us|abroad|overseas|outside (?:of )?(?:the )?(?:us|north america)|lcme|aoa|\bus or canad|\bgraduat|\bcoca\b|\b(?:school|college) of medicine in\b"),
     img_claims),
    (AnyOf(r"\bstep\w*|usmle|comlex|level\w+|score|minimum|cutoff|board|threshold|median|mean|"
       r"percentile|\b[1-9]\d\d\b|licens|\bno (?:absolute|formal|fixed|strict|hard) (?:selection |admission )?"
       r"criteria"), score_claims),
    (AnyOf(r"attempt|fail|first|tries|retake|sitting|(?:second|third|fourth|2nd|3rd|4th) try|(?:number of|how many) times|times\b[^.;]{0,40}\b(?:taken|sat)\b|"
       r"\b(?:taken|sat|attempted)\b[^.;]{0,30}\btimes\b"),
     attempts_claims),
    (AnyOf(r"graduat|yog|out of (?:medical )?school|medical school|diploma|degree"), yog_claims),
    (AnyOf(r"usce|clinical|hands[- ]on|us (?:health|medical|hospital|experience|accredited|acgme|externship|"
       r"sub-?internship|clerkship|elective|rotation)|(?:clerkships?|electives?|externships?) (?:completed )?in "
       r"the us|american|"
       r"experience (?:in|within) the us|training in (?:the )?us\b|patient[- ]care (?:experience|activit|work|exposure)"),
     usce_claims),
    (AnyOf(r"ecfmg|certif|\b(?:these|those) (?:documents|items|materials)\b"), ecfmg_claims),
    (AnyOf(r"holistic|entire|whole|\bno 1\b|only 1|just 1|metric|every|each|all (?:aspects|"
       r"components|parts|elements|facets|applica)|solely|beyond|more than|mission|individual|"
       r"comprehensive|other (?:aspects|parts|factors|components|elements|criteria|information)|overall|"
       r"\bsole\b|not the only|scores alone|\b1 of (?:many|several|the many|a number)|"
       r"total applica|full (?:eras |residencycas )?(?:application|file)|(?:full|entire|whole) (?:body|range|breadth|scope|record) of|not be the (?:only|sole|single|1)\b|\b(?:only|just) (?:1 )?part of the\b"),
     holistic_claims),
    (AnyOf(r"comlex|level\w+|osteopathic|\bdo (?:applicants|students|graduates|candidates)|usmle"),
     comlex_claims),
)


# Advice about residency programs in general ("most programs require...", "for example, a
# program can write...") is not this program's rule; a bracketed "(for example a copy of the
# green card)" only illustrates a document.
GENERIC = R(r"\b(?:most|many|some|several|other|these|those|such|few|a (?:limited|small) number of|"
            r"a handful of|certain)\s+(?:\w+\s+)?(?:residency\s+|hospital\s+|training\s+)?"
            r"(?:programs|hospitals|institutions)\b|\b(?:residency )?programs (?:often|usually|"
            r"typically|generally|tend|may|might|commonly|frequently)\b|(?<!\()\bfor example\b|"
            r"\bsuch as (?:the )?(?:j1|h1b)\b|\bthe program can write\b|\beach (?:hospital|program) "
            r"(?:has|sets|decides)\b")

# A rule for other positions, given as a condition on the reader: "If you want a preliminary
# position at one of our hospitals, note that they require ..." (the sub-case's, not the program's).
OTHER_POSITIONS = R(r"^(?:if|when)\s+(?:you|applicants?|candidates?|img|they)\b[^,;]{0,40}\b(?:preliminary|prelim|"
                    r"transitional|advanced)\b[^,;]{0,20}\b(?:positions?|years?|programs?|tracks?|spots?|slots?|"
                    r"residency|residencies)\b")

# A section for US graduates only ("U.S. medical school graduates", "For LCME graduates"): its
# rules are a sub-group's, not the program's (dev d045: a hard attempts rule for US graduates,
# only a preference for IMGs -> null); its word on COMLEX (DOs are US graduates) still counts.
US_GRADS_HEADING = R(r"^(?:for |requirements for |criteria for )?(?:us|american|lcme|domestic|lcme-accredited) "
                     r"(?:allopathic )?(?:medical )?(?:school )?(?:graduates|seniors|students|applicants)\W*$")

# Text about other trainees (fellows, observers, visiting students) is not a residency rule.
OTHER_TRAINEES = R(r"\b(?:fellowships?|fellows?|observerships?|observers?|externships?|externs?|"
                   r"visiting (?:medical )?students?|clerkships?|sub-?internships?|(?:medical )?"
                   r"student electives?|research (?:positions?|scholars?))\b")


def _about_other_trainees(text: str) -> bool:
    return bool(OTHER_TRAINEES.search(text)) and not RESIDENCY.search(text)


_NEGATED_VERB = R(r"^(?:no,?\s+)?(?:we|i|the program|our program)\s+(?:do|does|did|can|will|are|is)\s+not\s+"
                  r"(?:\w+ly\s+)?(\w+)")
_WH_QUESTION = R(r"^(?:what|which|how|when|where|who|why)\b")


def answers(s: str, ctx: str) -> bool:
    """Whether a "we do not <verb>" sentence answers the question in `ctx`.

    It does when the question is a yes/no one and names the negated verb ("Do you sponsor
    visas?" - "We do not sponsor visas"); a "no" to a wh-question, or one about another verb
    ("Do you limit attempts?" - "We do not post scores online"), is a statement of its own.
    """
    if not ctx.endswith("?"):
        return True
    m = _NEGATED_VERB.match(s)
    if not m:
        return True
    verb = m.group(1)
    stem = verb[:4]
    if _WH_QUESTION.match(ctx) and not rx.search(r"\b(?:minimum|cutoff|limit|requirement|policy)", ctx):
        return stem in ctx and verb not in ("want", "know", "post")
    return stem in ctx or verb in ("have", "require", "need", "accept", "consider")


# The rules that also read the sentence's whole block (the paragraph around it).
_READ_BLOCK = frozenset({visa_claims, score_claims, ecfmg_claims, yog_claims})


def sentence_claims(s: str, ctx: str, scope: str, block: str) -> list[Claim]:
    """All claims of one canonical sentence, running only the rules whose gate matches."""
    s = strip_answer_prefix(s)
    if OTHER_POSITIONS.search(s):
        return []
    g = GENERIC.search(s)
    if g and not (g.group(0).startswith("other") and rx.search(r"\b(?:from|into) other\b|\btransfer", s)):
        return []       # ("transfers from other ACGME programs" are this program's entrants)
    last_heading = scope.rsplit(" > ", 1)[-1] if scope else ""
    if (last_heading and _about_other_trainees(last_heading) and not RESIDENCY.search(s)) or (
            rx.match(r"(?:our |the )?(?:fellows?|fellowships?|visiting|externs?|observers)\b", s)
            and not RESIDENCY.search(s)) or rx.match(
            r"^(?:fellowship|observership|externship|visiting student) (?:applicants|candidates)", s):
        return []
    if ctx and not answers(s, ctx):
        ctx = ""        # "Is there an attempt limit?" - "We do not post scores.": not its answer
    both = f"{s} {ctx}" if ctx else s
    us_grads = bool(scope and US_GRADS_HEADING.search(last_heading)) or bool(
        ctx and not ctx.endswith("?") and US_GRADS_HEADING.search(ctx))
    out: list[Claim] = []
    for gate, rule in GATES:
        if gate(both):
            out.extend(rule(s, ctx, scope, block) if rule in _READ_BLOCK else rule(s, ctx, scope))
    if us_grads:        # (COMLEX standing in for USMLE is exactly what a US DO section says)
        out = [c for c in out if c.field == "comlex_accepted"]
    elif out and _img_labelled(ctx, last_heading) and any(_is_requirement(c) for c in out) and \
            not any(c.field == "accepts_imgs" for c in out):
        # A requirement under an IMG label or heading ("International Medical Graduates" - "US
        # clinical experience should have been gained within the last 3 years") is an
        # IMG-specific requirement: IMGs are considered (CONTRACT). A visa line, or an answer that
        # lifts a requirement ("USCE is not needed", "no graduation limit"), is none.
        out.append(Claim("accepts_imgs", True, rank=1, uses_context=True))
    return out


_IMG_LABEL = R(r"\bimg\b|\b(?:international|foreign)\b[^.;]{0,20}\b(?:graduates?|applicants?|candidates?)\b")


def _img_labelled(ctx: str, heading: str) -> bool:
    """Whether the sentence sits under a short IMG label (not a question) or an IMG heading."""
    for label in (ctx if ctx and not ctx.endswith("?") and len(ctx) < 70 else "", heading):
        if label and _IMG_LABEL.search(label) and not FELLOWSHIP.search(label) and not NEG.search(label) \
                and not rx.search(r"\b(?:us|american|lcme|domestic)\b", label):
            return True
    return False


def _is_requirement(c: Claim) -> bool:
    """A hard claim that asks something of the applicant (not a visa, not a lifted requirement)."""
    if c.strictness != "hard":
        return False
    if c.field in ("min_step1", "min_step2ck", "min_comlex2", "ecfmg_cert_required"):
        return True
    return (c.field, c.value) in (("usce", "required"), ("score_minimum_policy", "stated")) or (
        c.field == "attempts_policy" and c.value != "no_limit") or (
        c.field == "yog_max_years" and isinstance(c.value, int) and c.value > 0)


__all__ = ["H1B_COND", "RETIRED", "YEAR", "Claim", "raw_gate", "sentence_claims"]
