"""J-1 and H-1B rules: sponsorship, refusals, J-1-only pages and conditional H-1B."""

from __future__ import annotations

from eligibility import prefilter as rx    # re's functions, each inline pattern compiled once
from eligibility.rules.common import (CONDITIONAL_ANSWER, Claim, FELLOWSHIP, NEG, R, RESIDENCY, _NOT_STATUS, _cond,
                                      last_heading, negated_before, polarity, soft_lead_in)

J1 = R(r"\bj1\b|exchange visitor|ecfmg[- ]sponsored")
H1B = R(r"\bh1b\b")
VISA = R(r"\bvisas?\b|\bsponsor\w*")
VISA_VERB = R(r"\b(?:must (?:have|hold) an?|sponsor\w*|required|participat\w*|placed on|on (?:an? )?j1|accept\w*|support\w*|offer\w*|consider\w*|available|eligib\w*|"
              r"welcome|process\w*|provide\w*|file|filing|petition\w*|take|takes|hold|holders?|"
              r"allow\w*|obtain|receive\w* (?:either )?(?:an? |the )?(?:j1|h1b|visa)|candidates? (?:on|with|requiring)|applicants? (?:on|with|"
              r"requiring)|qualif\w*|issue\w*|grant\w*|maintain)\b")
NO_VISAS = R(r"\bvisa sponsorship\W*\s*(?:none|no|not (?:available|offered))\s*\.?$|"
             r"(?:not|unable to|no longer|can not|do not|does not|will not|are not)\s+(?:\w+\s+){0,3}"
             r"(?:sponsor\w*|accept\w*|support\w*|offer\w*|provide\w*|consider\w*)\s+(?:any\s+|"
             r"(?:for\s+)?(?:a\s+|any\s+)?)?(?:type of |kind of |forms? of |work |entry |immigration |non-?immigrant |"
             r"employment |temporary |)visas?\b|\bno visa sponsorship\b|\bvisa sponsorship is not (?:available|offered|"
             r"provided)|\bvisas? (?:are|is) not (?:sponsored|accepted|supported|offered|"
             r"available)|\bdo not sponsor\b(?!\s+(?:\w+\s+)?(?:j1|h1b)\b)|\bnot (?:able to )?sponsor "
             r"(?:foreign|international|non-us)|\b(?:applicants|candidates|those)\b[^.;]{0,20}\b(?:requir\w*|need\w*) "
             r"(?:a )?visa(?: sponsorship)?\b[^.;]{0,30}\b(?:not (?:be )?(?:considered|eligible|accepted)|ineligible)|"
             r"\b(?:can not|do not|will not|unable to) (?:accept|consider)\b[^.;]{0,30}\b(?:requir\w*|need\w*) "
             r"(?:a )?visa|\bnot sponsor (?:[\w-]+ ){1,3}for (?:a |any )?visas?\b|"
             r"\b(?:do not|does not|can not|will not|unable to|not able to) (?:provide|offer) (?:any )?(?:visa )?"
             r"sponsorship\b|\b(?:sponsor|accept|support|offer|provide)s? no (?:(?!j1\b|h1b\b)\w+ )?visas?\b")
CITIZENS_ONLY = R(r"\bmust (?:be|have)\b[^.;]{0,40}\b(?:us citizens?|citizenship|permanent "
                  r"residen\w*|green card)\b(?![^.;]{0,60}\b(?:j1|h1b|visa|ead|employment "
                  r"authorization)\b)|\bonly (?:us citizens?|citizens)\b[^.;]{0,40}\b(?:can|will|may|are) "
                  r"(?:be )?(?:accepted|considered|eligible|appointed)\b(?![^.;]{0,60}\b(?:j1|h1b|visa)\b)")
ONLY_J1 = R(r"\b(?:must (?:hold|have|obtain|be on|secure|be eligible for)|(?:is|are) required to (?:hold|have|obtain))"
            r" (?:an? |the )?(?:ecfmg[- ]sponsored )?j1\b(?!(?: visas?)?\s*(?:,|\bor\b|\band\b|/))|"
            r"\b(?:the )?required (?:ecfmg[- ]sponsored )?j1\b|\b(?:limited|restricted) to (?:the )?(?:ecfmg[- ]sponsored )?"
            r"j1\b|\bonly\b[^.;]{0,40}\bj1\b|\bj1\b[^.;]{0,30}\bonly\b(?! (?:through|via|by|from|with|"
            r"after|when|for|if|in)\b)|\bexclusively\b[^.;]{0,30}"
            r"\bj1\b|\bj1\b[^.;]{0,30}\bexclusively|(?:other than|except(?: for)?|besides)"
            r" (?:the )?(?:ecfmg[- ]sponsored )?j1|\bsolely\b[^.;]{0,30}\bj1\b|"
            r"\bj1\b[^.;]{0,50}\b(?:is|are) the (?:only|1|sole|single) (?:visas?|visa types?|types? of visas?)\b")
# "... is not possible on any other visa", "no other visa is accepted": after a sentence naming
# the J-1 (in the same block), the J-1 is the one route.
NO_OTHER_VISA = R(r"\b(?:not|never|no longer|can not)\b[^.;]{0,40}\b(?:on|with|under|for|through) (?:any|an) other "
                  r"(?:kind of |type of )?visas?\b|\bno other (?:kind of |type of )?visas? (?:is|are|will be|can be)\b|"
                  r"\b(?:all |any )?other (?:visas?|visa types?|types? of visas?) (?:are|is|will|can) not\b")
ONLY_H1B = R(r"\bonly\b[^.;]{0,40}\bh1b\b|\bh1b\b[^.;]{0,30}\bonly\b")
H1B_COND = R(r"\b(?:if|only if|provided|as long as|contingent|condition\w*|otherwise|"
             r"transfer\w*|another acgme|(?:currently|already) (?:in|enrolled)|current(?:ly)? "
             r"(?:enrolled|training)|us (?:medical )?(?:school|graduates?|md)|f1|opt|"
             r"depend\w*|pgy-?[2-9] (?:and (?:higher|above) )?only|scor\w* (?:above|over|at least|of|higher than)|"
             r"subject to (?:program|department|institutional|gme|dio)|"
             r"after (?:acceptance|the match|matching)|by (?:the )?(?:rank|time)|unless|"
             r"eligible for(?! (?:an? |the |either )?(?:h1b|j1|visas?|them|it|one|sponsorship)\b)|who (?:pass|complete)|once\b[^.;]{0,30}\bpass\w*|(?:after|upon) (?:passing|completing)|in time for|who have (?:passed|"
             r"completed)|must (?:have )?(?:pass|complet)\w*|(?:must|need to|should) be (?:passed|"
             r"completed)|all 3 (?:usmle )?steps|all (?:usmle )?steps|to be considered)\b|"
             # a bracketed threshold: "for strong applicants (both Steps above 245)"
             r"\([^()]{0,60}\b(?:above|over|at least|or higher|minimum)\b[^()]{0,20}\b\d{2,3}\b")
STEP3 = R(r"\bstep3\b")
STRONG_COND = R(r"\bstep3\b|\btransfer\w*|\banother acgme|\bus (?:medical )?(?:school|graduates?|md)|"
                r"\bf1\b|\bonly (?:for|if|with|to|when)\b|\bpgy-?[2-9]\b[^.;]{0,25}\bonly\b")
# A hedge names no condition ("case by case", "in a limited number of cases", "rarely"): an
# H-1B offered that way is "yes" (CONTRACT: conditional means a stated condition).
HEDGE = R(r"\b(?:case[- ]by[- ]case|limited|rare(?:ly)?|select(?:ed|ive)?|exception\w*|"
          r"individual basis|certain (?:cases|circumstances)|in certain|some cases|sometimes|"
          r"occasionally|on occasion)\b")

# "depending on the (individual) case / circumstances / situation": no condition named.
CASE_HEDGE = R(r"\bdepend\w* (?:up)?on (?:the |each |your |their |his or her )?(?:individual |specific |particular )?(?:case|circumstances?|"
               r"situation)s?(?: and (?:the |your )?(?:individual |specific )?(?:case|circumstances?|situation)s?)?\b")

# Immigration statuses other than a visa: a J-1 listed among them ("a J-1 visa, a green card or
# citizenship") is the one visa route the page names.
STATUS = R(r"\b(?:citizen\w*|permanent residen\w*|green card|employment authori[sz]ation|ead)\b")
OTHER_VISA = R(r"\b(?:h1|o1|tn|e3|f1|opt|other (?:\w+ )?visas?|any (?:other )?visa|all visas|visa types?|"
               r"types? of visas?|work visas?)\b")
_STATUS_LIST = R(r"\bj1\b[^.;]{0,60}(?:,|\bor\b|\band\b)\s(?:[\w/-]+\s){0,5}(?:citizen\w*|permanent residen\w*|"
                 r"green card|employment authori[sz]ation|ead)\b|\b(?:citizen\w*|permanent residen\w*|green card|"
                 r"employment authori[sz]ation|ead)\b[^.;]{0,80}(?:,|\bor\b|\band\b)\s(?:[\w/-]+\s){0,5}j1\b")
# A list lead-in that refuses its items ("These are not accepted:", "We cannot sponsor:").
_NEG_LEADIN = R(r"\b(?:not|no longer|never|unable to|can not)\s+(?:be\s+)?(?:\w+\s+)?(?:accepted|sponsored|"
                r"considered|eligible|supported|offered|accept|sponsor|consider|support|offer)\b[^:]*:$|"
                r"^(?:not accepted|ineligible|excluded)\b[^:]*:$")
# A J-1 category that is not the clinical one: refusing it says nothing about the ECFMG J-1.
_OTHER_J1 = R(r"\bj1\W+(?:research|scholar|student|teacher|professor|non-?clinical)\b|\bj2\b")


_CLAUSE_BREAK = R(r";|,?\s\bbut\b|\bhowever\b|\bwhereas\b|\bwhile\b|\b(?:al)?though\b|\.\s|\bsince\b|"
                  r"\bbecause\b|"
                  r",\s+and\b(?=\s+(?:the|we|our|you|they|it|all|j1|h1b)\b)")
_VNEG = R(r"\b(?:not|no longer|never|unable|can not|no (?:visas?|sponsorship)|neither|nor)\b")
_VISA_TOKEN = R(r"\b(?:j1|h1b)\b")


def clause_negated(s: str, pos: int) -> bool:
    """Whether the clause holding the visa mention at `pos` negates its predicate.

    "H-1B visas for residency training are no longer sponsored", "no visa, J-1 or H-1B, can
    be sponsored", "J-1 visas are sponsored; H-1B and all other visas are not". A negation
    right before another visa ("we sponsor J-1, not H-1B") belongs to that visa; "not only"
    and "whether or not" negate nothing.
    """
    starts = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(s) if m.end() <= pos]
    ends = [m.start() for m in _CLAUSE_BREAK.finditer(s) if m.start() > pos]
    clause_start = starts[-1]
    clause = s[clause_start:ends[0] if ends else len(s)]
    here = pos - clause_start
    for neg in _VNEG.finditer(clause):
        if rx.match(r"\s+only\b", clause[neg.end():]) or clause[:neg.start()].endswith("or "):
            continue
        if neg.group(0) in ("not", "can not", "never") and rx.search(
                r"\b(?:who|that|which|whom|if)\s+(?:(?:are|is|do|does|have|has|were|could|will|would)\s+)?$",
                clause[:neg.start()]):
            continue        # a relative clause: "candidates who are not US citizens must ..."
        if neg.group(0) in ("neither", "nor") and rx.search(r"\b(?:who|that|whom)\s+(?:are|is|were|have|has)\s+"
                                                           r"neither\b", clause[:neg.end()]):
            continue        # "physicians who are neither citizens nor permanent residents need a J-1"
        if neg.group(0) == "not" and _NOT_STATUS.match(clause, neg.end()):
            continue        # "candidates who match and are not US citizens are sponsored ..."
        if rx.search(r"\bwithout\b", clause[neg.end():]):
            continue        # "cannot obtain a J-1 without that government's consent": a condition
        other = _VISA_TOKEN.search(clause, neg.end(), neg.end() + 25)
        if other and other.start() != here and not neg.group(0).startswith("no "):
            continue        # "not H-1B": the negation is that visa's
        if neg.start() > here and _VISA_TOKEN.search(clause, here + 3, neg.start()):
            continue        # "hold a J-1 ..., since the H-1B is not accepted": the nearer visa's
        if rx.search(r"\b(?:required|need\w*|have to)\b", clause[neg.end():neg.end() + 20]):
            continue        # "J-1 holders do not need a waiver": not about sponsorship
        return True
    return False


# Visa lines about people who are not residents or applicants.
OTHER_STAFF = R(r"\bfor (?:our |its |the )?(?:faculty(?: members| physicians)?|attendings?|attending physicians|"
                r"staff physicians|employees|researchers|research (?:staff|scientists)|postdoc\w*|nurses|"
                r"scientists|visiting scholars)\b")
_REQ_CONTEXT = R(r"\b(?:require\w*|must|eligib\w*|criteria|qualifications?|prerequisites|minimum|mandatory|"
                 r"conditions|that follow|meet\b[^:]{0,30}\b(?:following|these|below))\b")
_RELATIVE_NOT = R(r"\b(?:who|that|which|whom)\s+(?:are|is|do|does)\s+not\b")


def _later_j1_accepted(s: str, after: int) -> bool:
    """Whether a later clause of `s` accepts the J-1 (after a refusal limited to some positions)."""
    brk = rx.search(r";|\bbut\b|\bhowever\b|\bwhile\b|\bwhereas\b", s[after:])
    if not brk:
        return False
    rest_at = after + brk.end()
    later = rx.search(r"\bj1\b", s[rest_at:])
    if not later:
        return False
    pos = rest_at + later.start()
    clause = s[rest_at:]
    return bool(rx.search(r"\b(?:considered|accepted|eligible|welcome|sponsored|available)\b", clause)) and \
        not clause_negated(s, pos) and not negated_before(s, pos)


# A sentence whose subject is ECFMG or its documents, saying nothing of this program's trainees.
ECFMG_DESCRIBED = R(r"^(?:the )?ecfmg (?:runs|offers|operates|administers|introduces|provides|is|has|issues|"
                    r"describes|explains|publishes)\b|^(?:the )?ecfmg's\b")
_THIS_PROGRAM = R(r"\b(?:we|our|residents?|trainees?|applicants?|candidates?|accept\w*|consider\w*|must|"
                  r"required?)\b|\b(?:this|the) (?:program|hospital|institution|department)\b")


def visa_claims(s: str, ctx: str, scope: str, block: str) -> list[Claim]:
    out: list[Claim] = []
    if FELLOWSHIP.search(s) and not RESIDENCY.search(s):
        return out
    if FELLOWSHIP.search(scope) and not RESIDENCY.search(scope):
        return out
    if OTHER_STAFF.search(s) and not RESIDENCY.search(s) and not rx.search(r"\b(?:applicants|candidates|"
                                                                          r"trainees|graduates|img)\b", s):
        return out      # "The hospital sponsors H-1B visas for faculty physicians": not residents
    has_j1, has_h1b = J1.search(s), H1B.search(s)
    if has_j1 and not has_h1b and ECFMG_DESCRIBED.search(s) and not _THIS_PROGRAM.search(s):
        return out      # ECFMG's own programme described ("ECFMG runs its exchange visitor ..."): no policy here
    answer = polarity(s)
    if has_j1 and ctx.endswith(":") and rx.match(r"(?:hold|have|obtain|possess|secure)\b", s) and \
            _REQ_CONTEXT.search(ctx) and not rx.search(r"\bprefer|\bsuggest|\brecommend", ctx):
        s = "must " + s     # a bare item of a requirements list: "... who meet these:" - "Hold a J-1"
    if not has_j1 and not has_h1b:
        # A bare answer to a visa question ("No." / "Yes, J-1 only." handled below).
        if ctx and (J1.search(ctx) or H1B.search(ctx) or VISA.search(ctx)) and \
                (answer or CONDITIONAL_ANSWER.match(s) or (H1B.search(ctx) and STRONG_COND.search(s))) \
                and rx.search(r"\bvisa|\bsponsor|\bj1\b|\bh1b\b", ctx) and len(s) < 160:
            cj1, ch1b = J1.search(ctx), H1B.search(ctx)
            if answer == "no" and len(s) > 25 and rx.search(r"\b(?:graduat\w*|img|schools?)\b", s):
                pass        # "We do not accept graduates of foreign schools": an IMG rule, not a visa one
            elif answer == "no":
                if ch1b and not cj1:
                    out.append(Claim("h1b_visa", "no", rank=2, uses_context=True))
                elif cj1 and not ch1b:
                    out.append(Claim("j1_visa", "no", rank=2, uses_context=True))
                else:       # "Do you sponsor visas (J-1 or H-1B)?" - "No."
                    out.append(Claim("h1b_visa", "no", rank=1, uses_context=True))
                    out.append(Claim("j1_visa", "no", rank=1, uses_context=True))
            elif answer == "yes" or ((CONDITIONAL_ANSWER.match(s) or STRONG_COND.search(s)) and ch1b
                                     and not cj1):
                cond = H1B_COND.search(s) or (CONDITIONAL_ANSWER.match(s) and not HEDGE.search(s))
                if ch1b and not cj1:
                    out.append(Claim("h1b_visa", "conditional" if cond else "yes",
                                     condition=_cond(s) if cond else None, rank=2,
                                     uses_context=True))
                elif cj1 and not ch1b:
                    out.append(Claim("j1_visa", "yes", rank=2, uses_context=True))
        elif NO_OTHER_VISA.search(s) and block and J1.search(block[:max(block.find(s), 0)]) and \
                not H1B.search(block):
            # "Non-citizens train here on a J-1 visa. Training is not possible on any other visa."
            out.append(Claim("j1_visa", "yes", rank=2, uses_context=True))
            out.append(Claim("h1b_visa", "no", rank=1, uses_context=True))
        elif NO_VISAS.search(s) or (CITIZENS_ONLY.search(s) and (rx.search(r"applicant|candidate|\bonly\b", s) or (
                # a bare item of a requirements list: "Eligibility Criteria" - "Must be a US citizen ..."
                s.startswith("must be ") and _REQ_CONTEXT.search(f"{ctx} {scope}")))):
            out.append(Claim("h1b_visa", "no", rank=1))
            out.append(Claim("j1_visa", "no", rank=1))
        return out

    label_ctx = bool(ctx) and bool(rx.search(r"\bvisa|\bsponsor", ctx))
    # "J-1 (ECFMG): No", "Accepts J-1 visa holders - Yes", "H-1B: only with Step 3 ...".
    label_form = len(s) < 90 and rx.search(r"^[^.;:]{0,40}\b(?:j1|h1b)\b[^.;:]{0,25}(?::|\s-\s)", s)
    label_no = len(s) < 70 and rx.search(r"(?:[:)-]|\b(?:visas?|holders?|sponsorship|ecfmg))\W*\s*"
                                         r"(?:no|none|not (?:accepted|offered|available|sponsored|"
                                         r"supported|considered))\s*\.?$", s)
    verb = VISA_VERB.search(s) or label_ctx or label_form or \
        (len(s) < 40 and rx.search(r"\bvisas?\b", s))
    only_h1b = rx.search(r"\bh1b (?:visas? )?only\b|\bonly (?:sponsor|accept|offer|support)s? (?:the )?"
                         r"h1b\b", s) and not rx.search(r"\bj1\b", s) and not NEG.search(s) \
        and not STRONG_COND.search(s)
    if only_h1b:
        out.append(Claim("j1_visa", "no", rank=2))
    uses_ctx = label_ctx and not VISA_VERB.search(s)
    generic_no = NO_VISAS.search(s)
    if generic_no and rx.search(r"\b(?:j1|h1b)\W*$", s[:generic_no.start() + 1]):
        generic_no = None       # "J-1 visas are not sponsored" names its visa: not a blanket no
    if generic_no and rx.search(r"\b(?:j1|h1b) (?:visas? )?$", s[:generic_no.start()]):
        generic_no = None
    # A short "no" answers the question only up to a contrast: "No, but we do sponsor J-1".
    contrast = rx.search(r",?\s*\bbut\b|;|\bhowever\b", s)
    answer_end = contrast.start() if contrast and answer == "no" else len(s)

    neg_leadin = bool(ctx) and len(s) < 60 and bool(_NEG_LEADIN.search(ctx)) and \
        not _RELATIVE_NOT.search(ctx) and not NEG.search(s)
    if neg_leadin:
        # A bare item of a refusing list: "These are not accepted:" - "H1B Visa".
        if has_h1b and not has_j1:
            out.append(Claim("h1b_visa", "no", rank=2, uses_context=True))
        elif has_j1 and not has_h1b and not _OTHER_J1.search(s):
            out.append(Claim("j1_visa", "no", rank=2, uses_context=True))
        return out
    if has_j1 and _OTHER_J1.search(s) and not rx.search(r"\bclinical\b", s) and len(s) < 60:
        return out      # "J1 Research Visa", "J-2 dependants": not the ECFMG clinical J-1
    if has_j1:
        m = has_j1
        neg = negated_before(s, m.start()) or rx.search(
            r"^\W*(?:(?:visas?|petitions?|sponsorship|status|applications?|holders?)\W+){0,2}"
            r"(?:is|are|will|can|may)\s+(?:not|no longer|never)\b",
            s[m.end():]) or rx.search(r"^\W*(?:visas?\W*)?[:-]\s*(?:not|no|none)\b", s[m.end():]) \
            or (answer == "no" and label_ctx and not ONLY_J1.search(s) and m.start() < answer_end) or \
            (label_no and not has_h1b)
        if neg and rx.search(r"^[^.;]{0,60}\bwithout\b", s[m.end():]):
            neg = None      # "the hospital cannot obtain a J-1 visa without that consent": a condition
        if (ONLY_J1.search(s) or (not has_h1b and NO_OTHER_VISA.search(s, m.end()))) and \
                not negated_before(s, m.start(), 25):
            out.append(Claim("j1_visa", "yes", rank=3, uses_context=uses_ctx))
            if not has_h1b:     # inferred: a sentence naming H-1B outranks it
                out.append(Claim("h1b_visa", "no", rank=1, uses_context=uses_ctx))
        elif neg and not rx.search(r"(?:other than|except|besides)\W+(?:the )?(?:ecfmg[- ]sponsored )?j1", s):
            out.append(Claim("j1_visa", "no", rank=2, uses_context=uses_ctx))
        elif verb and clause_negated(s, m.start()) and not ONLY_J1.search(s):
            out.append(Claim("j1_visa", "no", rank=2, uses_context=uses_ctx))
        elif verb:
            out.append(Claim("j1_visa", "yes", rank=2, uses_context=uses_ctx))
        if out and out[-1].field == "j1_visa" and out[-1].value == "no" and _later_j1_accepted(s, m.end()):
            # "J-1 visas are not sponsored for the categorical positions; applicants on a J-1
            # are considered for the advanced positions": accepted in some positions is a yes.
            out[-1] = Claim("j1_visa", "yes", rank=2, uses_context=uses_ctx)
        if not has_h1b and _STATUS_LIST.search(s) and not OTHER_VISA.search(s) and \
                not any(c.field == "j1_visa" and c.value == "no" for c in out) and \
                not clause_negated(s, m.start()) and not negated_before(s, m.start()):
            # "Non-citizens need a J-1 visa or a permanent resident card", "we welcome citizens,
            # green card holders and J-1 holders": the J-1 is the only visa route named.
            if not any(c.field == "j1_visa" for c in out):
                out.append(Claim("j1_visa", "yes", rank=2, uses_context=uses_ctx))
            if not any(c.field == "h1b_visa" for c in out) and not (
                    soft_lead_in(ctx, s) or soft_lead_in(last_heading(scope), s)):
                # (a suggested list of statuses, "Suggested criteria" - "citizens, residents or
                # J-1 holders", welcomes the J-1 without ruling the H-1B out)
                out.append(Claim("h1b_visa", "no", rank=1, uses_context=uses_ctx))
    if has_h1b:
        mentions = list(H1B.finditer(s))
        # A heading fused to its paragraph ("H-1B Visas We are unable to sponsor H-1B visas")
        # mentions H-1B twice: the governed mention is the negated one, if any.
        m = next((x for x in mentions if negated_before(s, x.start())), mentions[-1]) \
            if len(mentions) > 1 else has_h1b
        after = s[m.end():]
        neg = (label_no and not has_j1) or negated_before(s, m.start()) or rx.search(
            r"^\W*(?:(?:visas?|petitions?|sponsorship|status|applications?|holders?)\W+){0,2}"
            r"(?:is|are|will|can|may)\s+(?:not|no longer|never)\b", after) \
            or (answer == "no" and label_ctx and m.start() < answer_end) or rx.search(
                r"^\W*(?:visas?\W*)?[:-]?\s*no\b", after)
        only_j1 = ONLY_J1.search(s) and not ONLY_H1B.search(s)
        # "J-1, H-1B, F-1 OPT or EAD": F-1 listed as one more status is no condition on the H-1B
        f1_listed = rx.search(r"\bh1b\b\s*(?:,|\bor\b|\band\b|/)\s*(?:an? )?f1\b", s)
        s_cond = rx.sub(r"\bf1(?: opt)?\b|\bopt\b", " ", s) if f1_listed else s
        # "depending on the individual case and circumstances" names no condition (a hedge)
        s_cond = CASE_HEDGE.sub(" ", s_cond)
        cond = H1B_COND.search(s_cond) or (STEP3.search(block) and rx.search(
            r"\bstep3\b[^.;]{0,80}\b(?:by|before|prior to|no later than|otherwise)\b|"
            r"\botherwise\b[^.;]{0,40}\bj1\b", block))
        if only_j1 and m.start() > ONLY_J1.search(s).start() and not neg and \
                rx.search(r"\bonly\b[^.;]{0,40}\bj1\b[^.;]{0,15}\b(?:and|or|&)\b[^.;]{0,10}\bh1b", s):
            out.append(Claim("h1b_visa", "yes", rank=2, uses_context=uses_ctx))
        elif neg:
            if rx.search(r"\b(?:unless|except|other than)\b", s) or (
                    cond and rx.search(r"\bonly\b", s)) or rx.search(
                    r"\bif\b[^.;]{0,40}\b(?:can not|not|unable)\b[^.;]{0,30}\bh1b\b", s):
                # ... or the refusal is itself a sub-case: "if it does, we cannot sponsor the H-1B"
                out.append(Claim("h1b_visa", "conditional", condition=_cond(s), rank=3,
                                 uses_context=uses_ctx))
            else:
                out.append(Claim("h1b_visa", "no", rank=2, uses_context=uses_ctx))
        elif only_j1:
            out.append(Claim("h1b_visa", "no", rank=2, uses_context=uses_ctx))
        elif len(s) < 70 and STRONG_COND.search(s_cond):
            # "H-1B: US medical school graduates on F-1 only" (a label and its condition)
            out.append(Claim("h1b_visa", "conditional", condition=_cond(s), rank=3,
                             uses_context=uses_ctx))
        elif verb and clause_negated(s, m.start()) and not cond:
            out.append(Claim("h1b_visa", "no", rank=2, uses_context=uses_ctx))
        elif verb or (STEP3.search(s) and rx.search(r"\b(?:must|required?|need)\b", s)):
            if cond:
                out.append(Claim("h1b_visa", "conditional", condition=_cond(s), rank=3,
                                 uses_context=uses_ctx))
            else:
                out.append(Claim("h1b_visa", "yes", rank=2, uses_context=uses_ctx))
    if generic_no and not has_h1b and not any(c.field == "h1b_visa" for c in out):
        out.append(Claim("h1b_visa", "no", rank=1))
    if answer == "no" and contrast and ctx and H1B.search(ctx) and not J1.search(ctx) and \
            not has_h1b and has_j1 and not any(c.field == "h1b_visa" for c in out):
        # "Do you sponsor H-1B visas?" - "No, but we do sponsor J-1 visas."
        out.append(Claim("h1b_visa", "no", rank=2, uses_context=True))
    return out
