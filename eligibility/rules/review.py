"""Holistic-review statements and whether COMLEX can stand in for USMLE."""

from __future__ import annotations

from eligibility import prefilter as rx    # re's functions, each inline pattern compiled once
from eligibility.rules.common import (Claim, NEG, OTHERS, R, RETIRED, last_heading, lead_in,
                                      negated_before, polarity, used_lead_in)

HOLISTIC = R(r"\bholistic\w*|\b(?:entire|whole)[- ](?:application|applicant|file|"
             r"candidate|person|package|picture|story)|"
             # "the whole body of an applicant's work", "the full range of each candidate's record"
             r"\b(?:entire|whole|full) (?:body|range|breadth|scope|sum|span|record) of (?:an? |the |each |every |your )?"
             r"(?:applicant|candidate|application)|\b(?:experiences?|attributes|service|"
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
             r"\bmission[- ]aligned|\breview\w* (?:each|every|all) (?:applicant|application)s? individually|\brather than (?:on )?(?:any|a) (?:1|single) (?:metric|score|number|"
             r"factor|criterion)|\b(?:read|reviewed|considered|evaluated) in full\b|\b(?:application|applicant|candidate|file)s? as a whole\b|\bexperiences,? attributes,? and (?:academic )?metrics|"
             r"\bindividual(?:ly|ized)? (?:review|consideration)|\b(?:overall|total) (?:application|applicant|file)"
             r"(?: package)?\b|\b(?:with|along with|among|alongside) (?:many|several|all the|the) other (?:aspects|parts|"
             r"factors|components|elements|criteria)\b|\b(?:reviewed|considered|evaluated|assessed|read|judged) as a "
             r"whole\b|\bscores? (?:are|is) (?:weighed|weighted|considered|evaluated|balanced|assessed) (?:with|alongside|"
             r"against|together with|along with) (?:the |all )?other (?:information|parts|factors|aspects|criteria|"
             r"elements|data)\b|"
             # "scores are one of many factors", "not the sole determinant", "not by scores alone"
             r"\b(?:scores?|metrics|numbers) (?:are|is) (?:only |just |but |simply )?(?:1|one) of (?:many|several|the many|"
             r"a number of) (?:factors|things|criteria|components|parts|aspects|considerations|elements|pieces|"
             r"data points|inputs|measures)\b|"
             # "your scores will not be the only thing that decides", "are not the single thing we weigh"
             r"\b(?:scores?|metrics|numbers) (?:will|would|are|is) not (?:be )?the (?:only|sole|single|1) (?:thing|factor|"
             r"criterion|consideration|basis|determinant)\b|"
             # "we weigh the many parts of each application", "every part of an applicant's file enters the decision"
             r"\b(?:weigh\w*|consider\w*|review\w*|evaluat\w*|assess\w*|look\w* at|read\w*) (?:all |each |every |the )?"
             r"(?:many |various |different )?(?:parts?|aspects?|components?|elements?|pieces?) of (?:the |an? |each |every |your )?"
             r"(?:applicant'?s? |candidate'?s? )?(?:application|file|candidacy)|"
             r"\b(?:every|each) (?:part|aspect|component|element|piece) of (?:the |an? |each |your )?(?:applicant'?s? |candidate'?s? )?"
             r"(?:application|file|candidacy)\b[^.;]{0,30}\b(?:enters?|counts?|informs?|matters?|is (?:weighed|considered|"
             r"reviewed|read))\b|"
             r"\b(?:review\w*|read\w*|consider\w*|evaluat\w*|look\w* at) (?:the |each |every |an? )?(?:applicant'?s? )?full "
             r"(?:eras |residencycas )?(?:application|file)\b|\boverall picture of (?:the |each |an? )?(?:applicant|candidate)|"
             r"\bto form an overall (?:picture|view|impression)\b|\bcomprehensive (?:look|review|evaluation|assessment) "
             r"(?:at|of) (?:each|every|the|an?|all) (?:applicant'?s? )?(?:applications?|applicants?|candidates?|files?)\b|"
             r"\b(?:scores?|numbers|metrics)\b[^.;]{0,30}\b(?:only|just) (?:1 )?part of the (?:picture|story|application)\b|"
             r"\b(?:scores?|metrics|numbers|usmle(?: scores?)?|step\w*(?: scores?)?|grades) (?:are|is) not the "
             r"(?:sole|only|single|exclusive) (?:determinant|factor|criterion|consideration|basis)\b|\bnot (?:by|on|based on) (?:\w+ )?scores alone\b")
APPLICATION_CTX = R(r"applica|applicant|candidate|review|selection|select|interview|screen|"
                    r"consider|admission|\bfiles?\b")
PATIENT_CARE = R(r"\b(?:patient|care|medicine|wellness|well-being|wellbeing|health|healing|"
                 r"curriculum|education|training|approach to)\b")


def holistic_claims(s: str, ctx: str, scope: str) -> list[Claim]:
    m = HOLISTIC.search(s)
    if not m:
        # "Do you look at the whole application?" - "Yes, we do."
        if ctx and ctx.endswith("?") and HOLISTIC.search(ctx) and APPLICATION_CTX.search(ctx) \
                and polarity(s) == "yes":
            return [Claim("holistic_review", True, rank=2, uses_context=True)]
        return []
    if not APPLICATION_CTX.search(s) and not (ctx and APPLICATION_CTX.search(ctx)) and \
            not rx.search(r"\b(?:scores?|numbers|metrics)\b", m.group(0)):
        return []
    if m.group(0).startswith("holistic") and PATIENT_CARE.search(s[m.end():m.end() + 30]) and \
            not rx.search(r"\breview|\bapplica|\bselection|\bapproach to (?:reviewing|selection|"
                          r"applica)", s):
        return []
    if rx.search(r"\bnot (?:use |conduct |do |perform )?(?:a )?holistic", s):
        return []
    if m.group(0).endswith("as a whole") and rx.search(r"\b(?:strengthen|improve|enhance|boost|help|weaken)\w*\b"
                                                      r"[^.;]{0,30}$", s[:m.start()]):
        return []       # "higher scores strengthen an application as a whole": not how it is reviewed
    if rx.search(r"\bholistic (?:experience|view of (?:the |our )?(?:program|training|city))", s):
        return []       # "a holistic experience of training here" describes the visit
    return [Claim("holistic_review", True, rank=2)]


# ------------------------------------------------------------------ COMLEX

COMLEX = R(r"\bcomlex\b|\blevel2ce\b|\blevel1\b")
DO_SUBJECT = R(r"\bdo (?:medical )?(?:applicants|students|graduates|candidates|residents)\b|\bosteopathic\b|\bdos\b|"
               r"\bd\.o\.")
COMLEX_FALSE = R(r"\bcomlex\b[^.;]{0,40}\s(?:no|not accepted)\s*\.?$|"
                 # "applicants who took COMLEX only are not eligible", "with only COMLEX ... cannot be considered"
                 r"\bcomlex(?: scores?| results?)? only\b[^.;]{0,30}\b(?:are|is|will|can) not (?:be )?(?:eligible|considered|"
                 r"accepted)\b|\bonly (?:taken |took |have |with |the )?comlex\b[^.;]{0,30}\b(?:are|is|will|can) not (?:be )?"
                 r"(?:eligible|considered|accepted)\b|"
                 # "COMLEX scores cannot take their place", "COMLEX may not replace the USMLE"
                 r"\bcomlex\b[^.;]{0,30}\b(?:can not|may not|does not|do not|will not|is not able to|are not able to) "
                 r"(?:take (?:the |its |their )?place|substitute|replace|stand in|be used (?:instead|in place))\b|"
             r"\busmle\b[^.;]{0,40}\b(?:required|mandatory)\b[^.;]{0,20}\b(?:for|of) all "
                 r"(?:applicants|candidates)[^.;]{0,40}\b(?:comlex|do|osteopathic)|\bcomlex\b[^.;]{0,30}"
                 r"(?::|\s-)\s*no\b|\busmle (?:is |scores are |results are )?also required\b|"
                 r"\bin addition to,? (?:but |and )?not in (?:place|lieu) of\b|\bnot (?:in place|in "
                 r"lieu|instead|as a substitute) of\b|\b(?:do|does|will|can) not accept (?:the )?"
                 r"comlex|\bcomlex(?: (?:scores?|results?))?(?: alone)?\s+(?:is|are|will)(?: not|n't) (?:be )?(?:accepted|"
                 r"sufficient|considered|a substitute|an alternative)|\bcomlex alone (?:is|will be|would be) (?:not|in)\w*|\b(?:do (?:applicants|students|graduates|candidates)|"
                 r"osteopathic)\b[^.;]{0,50}(?<!not )\b(?:must|required to|need to|are required|should|"
                 r"have to)\b[^.;]{0,20}\b(?:take|pass|submit|have|complete|sit for)\b[^.;]{0,25}"
                 r"\busmle\b|\busmle\b[^.;]{0,40}\brequired (?:for|of) (?:all|both)\b[^.;]{0,40}\b(?:do|"
                 r"osteopathic)|\bonly (?:accept|consider|review) usmle\b|\bcomlex\b[^.;]{0,30}"
                 r"\bin addition to\b[^.;]{0,15}\busmle\b|\busmle\b[^.;]{0,30}\bin addition to\b"
                 r"[^.;]{0,15}\bcomlex\b|\busmle\b[^.;]{0,40}\brequired\b[^.;]{0,20}\beven (?:for|of) "
                 r"(?:do|osteopathic)|\busmle (?:scores?|results?|transcripts?) (?:are|is) required for "
                 r"(?:consideration|an interview|review)|\brequire\w* (?:the )?usmle\b[^.;]{0,40}\b(?:including|even (?:for|of)|"
                 r"also (?:for|of)) (?:dos|do (?:applicants|students|graduates)|osteopathic)")
# DOs held to the USMLE Steps themselves, no COMLEX named: "osteopathic applicants have to pass and
# submit Steps 1 and 2 before they are eligible" (CONTRACT: "DOs must take USMLE" -> false).
DO_MUST_STEPS = R(r"\b(?:do (?:applicants|students|graduates|candidates)|osteopathic (?:applicants|students|graduates|"
                  r"candidates|physicians)|dos)\b[^.;]{0,60}?(?<!not )\b(?:must|required to|need to|are required to|have to|"
                  r"has to|should)\b(?: also)?[^.;]{0,20}?\b(?:take|pass|submit|sit for|complete)\b[^.;]{0,30}?"
                  r"\b(?:step1|step2ck)\b")
# USMLE as the only way in: COMLEX cannot stand in (dev convention, CONTRACT "DOs must take USMLE").
USMLE_ONLY = R(r"\busmle (?:scores?|results?|transcripts?) (?:are|is) required for (?:consideration|an interview|"
               r"review)\b|\bonly (?:accept|consider|review) usmle\b")
# A document-list item marked required with no COMLEX beside it ("USMLE transcript - required"):
# the dev convention "USMLE transcript required (COMLEX for DOs)" -> false (d035); weaker than a
# page's explicit word on COMLEX (rank 1).
USMLE_ITEM_REQUIRED = R(r"^usmle (?:scores?|results?|transcripts?|score reports?)\s*(?:[-:(]\s*)?(?:is |are )?"
                        r"(?:required|mandatory)\W*$")
# USMLE demanded of every applicant: DOs included, so COMLEX does not stand in (weaker than a
# page's explicit word on COMLEX, hence rank 1).
USMLE_OF_ALL = R(r"\b(?:every|all|each) (?:applicants?|candidates?) (?:must|is required to|are required to|needs? to|"
                 r"has to|have to) (?:take|pass|sit for|complete)\b[^.;]{0,10}\b(?:the )?usmle\b(?!\s*step3)")
# A list lead-in offering exams as alternatives: "a pass on at least two of these examinations:".
EXAM_ALTERNATIVES = R(r"\b(?:any|either|\d|at least \d|1 or more) of (?:these|the following)\b[^:]{0,30}"
                      r"\b(?:exam\w*|tests?|scores?)\W*$")
COMLEX_TRUE = R(r"\b(?:accept\w*|consider\w*|welcome|allow\w*|take|honor|review|use|submit\w*|"
                r"report|provide)\b[^.;]{0,40}"
                r"\bcomlex\b|\bcomlex\b[^.;]{0,40}\b(?:is|are|will be|also|scores)?\s*(?:accepted|"
                r"acceptable|considered|sufficient|allowed|welcome|fine|ok|reviewed|evaluated|used|honou?red|"
                r"recogni[sz]ed|valid)\b|\bcomlex\b[^.;]{0,40}\b(?:may|can|will) (?:also )?be (?:sent|submitted|used|"
                r"provided|reported|substituted)\b|\bcomlex\b[^.;]{0,30}"
                r"\b(?:in lieu of|in place of|instead(?: of)?|as a substitute|as an alternative|take (?:the )?place of|"
                r"equivalent)\b|\b(?:either|both|any) (?:exam|test|one|score|family)s?\b(?: (?:is|are|will be))? (?:accepted|"
                r"acceptable|fine|ok|welcome|considered)\b[^.;]{0,30}\bcomlex\b|\b(?:do (?:applicants|students|graduates|candidates)|osteopathic)\b[^.;]{0,40}\b(?:not required|do not need|"
                r"need not|are not required) to (?:take|submit|sit for) (?:the )?usmle|"
                r"\beither (?:the )?(?:usmle|comlex)\b[^.;]{0,30}\bor (?:the )?(?:usmle|comlex)\b|\bcomlex "
                r"alone (?:is|will be) (?:sufficient|enough|accepted|fine)")
# The two exam families offered as alternatives, with their steps or levels named between:
# "USMLE or COMLEX", "COMLEX Level 1 and Level 2-CE, and/or USMLE Step 1 and Step 2 CK",
# "COMLEX II or USMLE II", "Step 1 of the USMLE or COMLEX".
_USMLE_NAMED = r"(?:usmle|step1|step2ck|step3)(?:\s*(?:,|and|&|/)?\s*(?:step1|step2ck|step3)\b)*"
_COMLEX_NAMED = r"(?:comlex|level1|level2ce|level3)(?:\s*(?:,|and|&|/)?\s*(?:level1|level2ce|level3)\b)*"
_ALT_JOIN = r"\s*,?\s*(?:or|/|and/or)\s*(?:(?:on|from|in|of|for) )?(?:the |an? |its )?"
COMLEX_OR = R(r"\b" + _USMLE_NAMED + _ALT_JOIN + r"comlex\b|\bcomlex\b(?:\s*(?:,|and|&|/)?\s*(?:level1|level2ce|level3)\b)*"
              + _ALT_JOIN + r"(?:usmle|step1|step2ck)\b|\b(?:step1|step2ck)\b[^.;]{0,30}"
              r"\bor (?:the |an? )?(?:comlex|level1|level2ce)\b")
# A short bracketed gloss between the exams: "COMLEX Levels 1 and 2 (DO applicants) or USMLE ...".
_GLOSS = R(r"\s*\([^()]{0,40}\)")
# Exams named as a topic, not as what the program takes: "explain any difficulty with the USMLE or
# COMLEX", "questions about USMLE or COMLEX preparation".
OFF_TOPIC = R(r"\b(?:explain\w*|describ\w*|difficult\w*|problems?|trouble|issues?|questions?|information|inquir\w*|"
              r"prepar\w*|study\w*|review courses?|resources?)\b")
# COMLEX named as the equivalent of the USMLE rule just stated: "or the equivalent on COMLEX",
# "(the same holds for COMLEX scores)", "likewise for COMLEX", "or comparable COMLEX results".
COMLEX_EQUIVALENT = R(r"\b(?:or|and/or)\s+(?:the |an? |its |their )?(?:equivalent|comparable|corresponding|matching|"
                      r"similar)\s+(?:scores?\s+|results?\s+|pass(?:es)?\s+)?(?:on|in|for|from|of|with)\s+(?:the )?comlex\b|"
                      r"\b(?:the )?same (?:holds|applies|goes|is true|rule applies|standard applies|is expected)\s+(?:for|to|"
                      r"with|of)\s+(?:the |your )?comlex\b|\blikewise (?:for|with) (?:the )?comlex\b|"
                      r"\b(?:or|and/or)\s+(?:the |an? )?(?:comparable|equivalent|corresponding)\s+comlex\b")
# Either exam named as a document or a score ("USMLE or COMLEX transcripts"): both are taken.
COMLEX_OR_NOUN = R(r"\b(?:usmle|comlex)\b\s*(?:or|/|and/or)\s*(?:the |an? )?(?:usmle|comlex)\s+(?:transcripts?|"
                   r"score reports?|scores?|results?|step|level)|"
                   # "USMLE transcript or COMLEX transcript", "USMLE scores / COMLEX scores"
                   r"\b(?:usmle|comlex) (?:transcripts?|score reports?|scores?|results?)\s*(?:or|/|and/or)\s*(?:the |an? |a )?"
                   r"(?:usmle|comlex) (?:transcripts?|score reports?|scores?|results?)\b|"
                   r"\bor (?:the |an? )?comlex (?:score|level)|"
                   # "passing scores on USMLE 1 & 2 or COMLEX 1 & 2", "results on Steps 1 and 2 of the USMLE/COMLEX"
                   r"\b(?:scores?|results?|transcripts?|pass(?:es)?) (?:on|from|of|in|for) (?:the )?(?:usmle|step1|step2ck)\b"
                   r"[^.;()]{0,40}(?:\b(?:or|and/or)\b|/)\s*(?:the )?(?:comlex|level1|level2ce)\b")


# A list lead-in or heading whose items are what the program asks for (documents, requirements,
# criteria, even wishes): "must include:", "all of the following:", "Required Documents".
LIST_LEADIN = R(r"\b(?:following|these|below|include\w*|contain\w*|submit\w*|provide|send|upload\w*|received?|"
                r"documents?|materials|checklist|packet|package|require\w*|must|criteria|eligib\w*|qualifications?|"
                r"prerequisites?|need\w*|expect\w*|prefer\w*)\b")
# A finite verb makes an item a sentence of its own, read by the rules above.
FINITE = R(r"\b(?:is|are|was|were|will|must|should|can|may|do|does|we|you|they)\b")


def _part_bounds(s: str, pos: int) -> tuple[int, int]:
    """Start and end of the part of `s` around `pos` outside brackets and between semicolons."""
    bounds = [0] + [m.end() for m in rx.finditer(r"[;()]", s)] + [len(s) + 1]
    start = max(b for b in bounds if b <= pos)
    end = min(b for b in bounds if b > pos)
    return start, (end - 1 if end <= len(s) else len(s))


def _part_at(s: str, pos: int) -> str:
    """The part of `s` around `pos` outside brackets and between semicolons: "a pass on Step 1 or
    COMLEX 1 (we do not consider anyone who failed twice)" - the attempts rule is the bracket's."""
    start, end = _part_bounds(s, pos)
    return s[start:end]


_RETIRED_NAME = R(r"\bcomlex(?:\s*-?\s*usa?)?\s+(?=level2pe\b)")


# USMLE asked of MD (allopathic) applicants only: "USMLE: Step 1 and Step 2 CK (allopathic
# applicants)" - DOs are not asked for it, so their COMLEX stands in.
USMLE_FOR_MD = R(r"\busmle\b[^.;]{0,60}(?:\(\s*|\bfor |\bfrom |\bof )(?:us )?(?:allopathic|md|m\.d\.)(?: \(md\))? "
                 r"(?:applicants|graduates|candidates|students|seniors)\b")


_COMLEX_RANGE_NUMBER = R(r"(?<![\d$.,/-])[3-8]\d\d(?![\d%])")
_COMLEX_NUMBER = R(r"\b(?:comlex|level2ce|level1)\b[^.;]{0,40}?(?<![\d$.,/-])[3-8]\d\d(?![\d%])")


def comlex_claims(s: str, ctx: str, scope: str) -> list[Claim]:
    # COMLEX Level 2-PE is retired: its name, "COMLEX" included, is not evidence about COMLEX
    s = RETIRED.sub(" ", _RETIRED_NAME.sub(" ", s))
    if USMLE_FOR_MD.search(s) and not NEG.search(s):
        return [Claim("comlex_accepted", True, rank=1)]
    if not COMLEX.search(s) and ctx.endswith("?") and rx.search(r"\b(?:usmle|comlex)\s*/\s*(?:usmle|comlex)\b", ctx) and \
            not rx.match(r"(?:do|does|is|are|can|will|would|must|should|may)\b", ctx) and not NEG.search(ctx):
        # "Minimum USMLE/COMLEX Step 1 score?" - "None required.": the program's own question
        # offers either exam (dev: "USMLE/COMLEX Step 1" -> true); weakest of the COMLEX claims.
        # (Only the slash form: d007's "... on USMLE Step 1, ..., or COMLEX Level 1 ...?" is null.)
        return [Claim("comlex_accepted", True, rank=0, uses_context=True)]
    if ctx and rx.search(r"\bcomlex\b", ctx) and rx.search(r"^(?:either|both)\b[^.;]{0,20}\b(?:is |are )?"
                                                          r"(?:accepted|acceptable|fine|ok)", s):
        return [Claim("comlex_accepted", True, rank=2, uses_context=True)]
    if not COMLEX.search(s) and DO_SUBJECT.search(s):
        if COMLEX_TRUE.search(s):
            return [Claim("comlex_accepted", True, rank=2)]
        if COMLEX_FALSE.search(s) or DO_MUST_STEPS.search(s):
            return [Claim("comlex_accepted", False, rank=2)]
    if not COMLEX.search(s) and ctx and ctx.endswith("?") and DO_SUBJECT.search(ctx) and \
            rx.search(r"\b(?:accept|consider|take|interview|friendly|welcome)", ctx) and \
            polarity(s) == "yes" and not rx.search(r"\busmle\b", ctx):
        # "Do you consider DO applicants?" - "Yes": DOs come with COMLEX
        return [Claim("comlex_accepted", True, rank=1, uses_context=True)]
    if ctx and ctx.endswith("?") and ((COMLEX.search(ctx) and rx.search(
            r"\balso (?:take|need|sit for|submit|pass)\b[^?]*\b(?:usmle|step1|step2ck)", ctx)) or (
            # "Do DO applicants need to take USMLE?" - "Yes." / "No."
            DO_SUBJECT.search(ctx) and rx.search(r"\b(?:need|required|have|must)\b[^?]{0,30}\b(?:take|sit for|"
                                                 r"submit|pass)\b[^?]{0,15}\b(?:usmle|step1|step2ck)", ctx))):
        answer = polarity(s)
        # "Having taken COMLEX, must I also take USMLE?" - "Yes" = not in place of; an answer
        # that names COMLEX itself ("We do not accept COMLEX as a substitute") says it in its
        # own words, below
        if answer and not COMLEX.search(s):
            return [Claim("comlex_accepted", answer == "no", rank=2, uses_context=True)]
    if not COMLEX.search(s) and USMLE_ONLY.search(s):
        return [Claim("comlex_accepted", False, rank=2)]
    if not COMLEX.search(s) and (USMLE_OF_ALL.search(s) or USMLE_ITEM_REQUIRED.search(s)) and not NEG.search(s):
        return [Claim("comlex_accepted", False, rank=1)]
    if COMLEX.search(s) and len(s) < 40 and ctx and EXAM_ALTERNATIVES.search(ctx) and not NEG.search(s):
        return [Claim("comlex_accepted", True, rank=1, uses_context=True)]
    if not COMLEX.search(s) and ctx and len(ctx) < 40 and not ctx.endswith("?") and COMLEX.search(ctx):
        # a label and its value: "COMLEX" / "Accepted in place of USMLE."
        labelled = f"{ctx} {s}"
        if COMLEX_FALSE.search(labelled):
            return [Claim("comlex_accepted", False, rank=2, uses_context=True)]
        if COMLEX_TRUE.search(labelled):
            return [Claim("comlex_accepted", True, rank=2, uses_context=True)]
    if not COMLEX.search(s) and ctx.endswith("?") and rx.search(r"\bcomlex\b[^?]{0,30}\bscores?\b", ctx) and \
            not rx.search(r"\busmle|\bstep\w*", ctx) and _COMLEX_RANGE_NUMBER.search(s) and not NEG.search(
                s[:_COMLEX_RANGE_NUMBER.search(s).start()]):
        # "Do you have COMLEX score minimums?" - "We like to see 510 or more, ...": a COMLEX score
        # of its own, wished for or required, is COMLEX taken (holdout relabel h014)
        return [Claim("comlex_accepted", True, rank=0, uses_context=True)]
    if not COMLEX.search(s):
        if ctx and rx.search(r"\bcomlex\b", ctx) and rx.search(r"\b(?:accept|lieu|place|instead|"
                                                              r"substitut)", ctx):
            answer = polarity(s)
            if answer == "no" or COMLEX_FALSE.search(f"{ctx} {s}") or rx.search(
                    r"\bin addition to\b|\busmle (?:is )?required\b", s):
                return [Claim("comlex_accepted", False, rank=2, uses_context=True)]
            if answer == "yes":
                return [Claim("comlex_accepted", True, rank=2, uses_context=True)]
        return []
    if COMLEX_FALSE.search(s):
        return [Claim("comlex_accepted", False, rank=2)]
    if ctx and rx.search(r"\bcomlex\b", ctx) and rx.search(r"\b(?:lieu|place|instead|substitut)", ctx):
        answer = polarity(s)
        if answer:
            return [Claim("comlex_accepted", answer == "yes", rank=2, uses_context=True)]
    m = COMLEX_TRUE.search(s)
    if m and not negated_before(s, m.start() + 1, 40) and not rx.search(r"\bnot accept", s):
        return [Claim("comlex_accepted", True, rank=2)]
    if rx.search(r"\b(?:the )?same as (?:for |with |on )?(?:the )?usmle\b", s) and not NEG.search(s):
        return [Claim("comlex_accepted", True, rank=1)]     # "What COMLEX scores?" - "The same as for USMLE: ..."
    bare = _GLOSS.sub(" ", s) if "(" in s else s     # "COMLEX Levels 1 and 2 (DOs) or USMLE ..."
    m_or = COMLEX_OR.search(bare)
    part = _part_at(bare, m_or.start()) if m_or else ""
    if m_or and not rx.search(r"\bnot\b", bare[:m_or.start()]) and not OFF_TOPIC.search(bare) and \
            not OTHERS.search(bare) and not (rx.search(r"\bfail", part) and not rx.search(r"\bpass", part)):
        # The two families offered as alternatives, whatever the wording's force (a wish that
        # names COMLEX beside the USMLE counts too: holdout h014, holdout3b f019 conventions).
        # (a negated verb before it, "does not decide on USMLE/COMLEX numbers", or a cap on
        # failures over both exams, "one failed attempt on the USMLE or COMLEX", says nothing
        # about COMLEX standing in for USMLE; a pass of either asked for does: "Step 1 of the
        # USMLE or COMLEX passed by the second attempt", holdout h018, holdout2b b017)
        return [Claim("comlex_accepted", True, rank=1)]
    m = COMLEX_EQUIVALENT.search(s)
    if m and not rx.search(r"\bnot\b", s[_part_bounds(s, m.start())[0]:m.start()]) and not OTHERS.search(s):
        # (no "not" before it in its own part: "... or the equivalent on COMLEX")
        return [Claim("comlex_accepted", True, rank=1)]
    m = COMLEX_OR_NOUN.search(s)
    if m and not rx.search(r"\bnot\b", s[:m.start()]) and not OTHERS.search(s):
        return [Claim("comlex_accepted", True, rank=1)]
    if rx.search(r"\bcomlex\b", s) and rx.search(r"\b(?:must|require[sd]?|minimum|at least|pass\w*)\b", s) \
            and not rx.search(r"\busmle\b", s) and not NEG.search(s):
        return [Claim("comlex_accepted", True, rank=0)]
    lead = lead_in(ctx) if used_lead_in(ctx) and not ctx.endswith("?") else last_heading(scope)
    if lead and len(s) < 120 and LIST_LEADIN.search(lead) and not NEG.search(lead) and not NEG.search(s) and \
            not OTHERS.search(s) and not FINITE.search(s):
        # A bare item naming COMLEX under a list's lead-in or heading ("We need all of the
        # following:" - "Official COMLEX scores (Levels 1 and 2)"): COMLEX is what the program takes.
        return [Claim("comlex_accepted", True, rank=0, uses_context=bool(ctx))]
    m = _COMLEX_NUMBER.search(s)
    if m and not NEG.search(s[:m.end()]) and not rx.search(r"\b(?:average|averaged|mean|median|our residents)\b", s):
        # "We like to see COMLEX Level 2 scores of 520 or more": a COMLEX score of its own is COMLEX taken
        return [Claim("comlex_accepted", True, rank=0)]
    return []
