"""ECFMG certification rules: required to apply, to be ranked, to start, or timing unstated."""

from __future__ import annotations

from eligibility import prefilter as rx    # re's functions, each inline pattern compiled once
from eligibility.rules.common import (Claim, NEG, R, REQUIRE_SCOPE, clauses, last_heading, negated_before,
                                      negated_requirement, polarity,
                                      soft_lead_in, used_lead_in)

ECFMG = R(r"\becfmg[- ](?:standard )?(?:certified|certification|certificate)s?\b|\bcertifi\w* "
          r"(?:issued |granted |awarded )?(?:by|from|through|with|of) (?:the )?ecfmg\b|\becfmg\b[^.;]{0,15}\b(?:certif\w*|"
          r"certificate) (?:is|are|must|will)\b|\b(?:valid|current) ecfmg\b|"
          r"\becfmg\b[^.;]{0,80}?\b(?:must|should|need to|needs to|have to|has to) (?:also )?be (?:fully )?certified\b(?! in\b)|"
          # "you must meet all ECFMG requirements", "having satisfied every requirement of the ECFMG": certified
          r"\b(?:meet|meets|satisfy|satisfies|fulfil\w*|met|satisfied|complete[ds]?) (?:all |every |each |the )?(?:of )?"
          r"(?:the )?ecfmg(?:'s)? (?:requirements?|rules|standards|criteria)\b(?![^.;]{0,40}\b(?:visas?|j1|h1b|sponsorship)\b)|"
          r"\b(?:meet|meets|satisfy|satisfies|fulfil\w*|met|satisfied) (?:all |every |each )?(?:of )?(?:the )?requirements? "
          r"(?:of|set by) (?:the )?ecfmg\b(?![^.;]{0,40}\b(?:visas?|j1|h1b|sponsorship)\b)|"
          r"\b(?:all|every|each) (?:of the )?ecfmg(?:'s)? requirements? (?:must|has to|have to|needs? to|should) be "
          r"(?:met|satisfied|fulfilled|completed)\b(?![^.;]{0,40}\b(?:visas?|j1|h1b|sponsorship)\b)")
# "must preferably hold", "should ideally have": the adverb makes the modal a wish.
SOFTENED_MODAL = R(r"\b(?:must|should|need to|needs to|has to|have to) (?:preferably|ideally|optimally|if possible)\b")
# "eligible for ECFMG certification": eligibility for the certificate is no certificate rule.
ELIGIBLE_FOR = R(r"\beligib\w* (?:for|to (?:obtain|receive|get|apply for)) (?:an? |the )?ecfmg[- ](?:certification|certificate)\b")
BY_APPLICATION = R(r"\bat (?:the )?time of (?:your |the )?(?:application|applying|submission)|"
                   r"\bat the time (?:you|they|applicants?|candidates?) (?:apply|submit)|"
                   r"\b(?:before|prior to|when|upon|by the time (?:of|you|they)) (?:(?:you|they|i|"
                   r"applicants?|candidates?) )?(?:apply\w*|application|submi\w*)|\balready (?:ecfmg[- ])?"
                   r"certified\b|\bnot yet certified\b|\bto (?:apply|be considered|submit)\b|\bin order to apply|"
                   r"\bat (?:the )?application\b|\bwhen (?:you )?apply|\bby the application deadline|"
                   r"\bto be (?:eligible|considered) (?:to apply|for (?:application|review|an? "
                   r"interview))|\bfor (?:application|consideration)\b|\baccompany (?:the |your )?(?:eras )?"
                   r"application|\bto (?:get|receive|be offered|be granted|be invited (?:to|for)) an? "
                   r"interview|\bwith (?:the|your) (?:eras )?application\b|\bto be interviewed\b|"
                   r"\b(?:img|applicants?|candidates?|graduates|those|students) (?:who are )?applying (?:to|for) "
                   r"(?:the |our |this |a |an )?(?:[\w-]+ ){0,3}?(?:programs?|residency|residencies|positions?)\b|"
                   r"\band (?:have|submit) (?:a |your |the )?complete(?:d)? (?:eras )?(?:application|file)\b|"
                   # before an interview is offered (not "by the interview": that is later)
                   r"\b(?:before|prior to) (?:any |an? |the |your )?interviews? (?:is |are |can be |will be |has been )?"
                   r"(?:scheduled|offered|granted|arranged|extended)\b|\bbefore (?:we|you are) (?:schedul|offer|invit|grant)\w*")
BY_RANK = R(r"\brank\w*\b|\brol\b|\bmatch(?:ing)?\b|\b(?:january|february|march) \d{1,2}\b|"
            r"\bby (?:january|february)\b|\b(?:by|before|at|prior to) (?:the |your |we |you |an? )?(?:time of (?:the )?)?"
            r"interview\w*\b|"
            r"\b(?:end|close) of (?:the )?interview (?:season|period)")
BY_START = R(r"\bstart\w*\b|\bbegin\w*\b|\bcommence\w*|\bappointment\b|\borientation\b|"
             r"\bjuly 1|\bjune \d{1,2}|\bonboarding|\benter\w* (?:(?:the|our|a|an|any|us|acgme|accredited|"
             r"acgme-accredited)\s+){0,3}(?:program|residency|training)|\bcontract\b|\bfirst day|\bhired|"
             r"\bemployment\b(?! authori[sz]ation)|\btraining licen[cs]e|"
             r"\blicen[cs]e is issued|\bjoins? (?:the |our )?(?:program|residency)")
ECFMG_REQ = R(r"\b(?:must|required?|requirements?|requires|need\w*|should|expect\w*|eligib\w*|yes|"
              r"conditions?|due|deadline|"
              r"apply|without|ranked|"
              r"only|mandatory|necessary|prerequisite|prior to|before|by|no later than|have|"
              r"hold|possess)\b")


# A refusal of the uncertified: "We will not rank / consider applicants who are not ECFMG certified".
EXCLUDES = R(r"\b(?:will|do|does|can|would) not (?:\w+ )?(?P<verb>rank|consider|accept|review)\w*\b"
             r"[^.;]{0,60}\b(?:not|without)\b[^.;]{0,15}\becfmg\b")


# A document list about applying: "What makes an application complete?", "please provide:".
APPLICATION_LIST = R(r"\b(?:complete (?:file|application)|application (?:is complete|packet|materials|"
                     r"documents|file)|makes (?:an|the|your) application complete|(?:must|should|will) (?:also )?"
                     r"(?:contain|include)(?=\W*$)|(?:please )?(?:provide|"
                     r"submit|include|upload|send)\b|documents? (?:required|needed)|application must "
                     r"include|following documents|eras application with)\b")
APPLICATION_SCOPE = R(r"\b(?:application process|how to apply|application materials|application "
                      r"checklist|documents)\b")
# A heading of its own over ACGME eligibility routes (inside "Application Process"): its items are
# eligibility, not the application packet.
ELIGIBILITY_HEADING = R(r"\b(?:eligib\w*|qualifications?|acgme)\b")
FINITE_VERB = R(r"\b(?:must|is|are|was|will|should|need\w*|require\w*|have to|has to|may|can|"
                r"we|you|accepts?|holds|possesses)\b")
LATER = R(r"\b(?:may|can) be (?:sent|submitted|provided|uploaded) later\b|\bif you do not yet have")
OLD_DATE = R(r"\b(?:19\d\d|200\d|201[0-5])\b")


# A sentence whose own verb heads a document list: "We need ...", "Applicants must send ...".
DOC_LIST_VERB = R(r"^(?:we|you|applicants|candidates|the program|our program|the committee)? ?(?:will )?(?:also )?"
                  r"(?:need|require|ask for|request|must (?:submit|send|provide|upload|include)|should (?:submit|send))\s")
# Handing in a document: "show", "submit", "provide", "include", "send", "upload", "attach".
DOC_VERB = R(r"\b(?:show|submit|provide|include|send|upload|attach|present|enclose)(?:s|ed|ing)?\b|\badd(?:s|ed)?\b")
WISH = R(r"\b(?:prefer\w*|encourag\w*|recommend\w*|ideal(?:ly)?|advis\w*|suggest\w*|desir\w*)\b")
# Documents of an application packet: a certificate listed among them comes with the application.
DOCS = R(r"\b(?:transcripts?|letters? of (?:recommendation|reference)|recommendation letters|personal statement|"
         r"dean'?s letter|mspe|curriculum vitae|cv|photo(?:graph)?|score reports?)\b")
# A lead-in that makes its items conditions of applying or of an interview (not "to be considered",
# the eligibility boilerplate).
LEADIN_APPLY = R(r"\b(?:eligible )?to apply\b|\bapplying (?:to|for) (?:the |our |this |a |an )?(?:[\w-]+ ){0,3}?"
                 r"(?:programs?|residency|residencies|positions?)\b|\b(?:offer|grant|extend)\w* (?:an? )?interviews?\b|\bto (?:get|receive|"
                 r"be offered|be granted) an? interview|\bto be interviewed\b|\bfor (?:an? )?interviews?\b|"
                 r"\bwe (?:will )?(?:only )?interview\b")
# A lead-in that makes its items conditions of starting: "to start employment here, candidates must:".
LEADIN_START = R(r"\bto (?:start|begin|commence)\b[^.;:]{0,40}\b(?:employment|training|residency|program|"
                 r"appointment)\b|\b(?:before|prior to) (?:(?:the|your) )?(?:appointment|employment|hire|starting)\b")
# An item that is a requirement only in the passive: "..., in which case an ECFMG certificate is required".
PASSIVE_REQ = R(r"\becfmg certif\w* (?:is|are) (?:required|needed|necessary|mandatory)\b")
# Certified now, or an alternative that is no certificate at all: "or far enough along in the
# process to be eligible for the Match" (d070's "... to be certified by February 1" keeps its date).
ALT_NOT_CERTIFIED = R(r"\bor\b[^.;]{0,40}\b(?:process|along|through)\b[^.;]{0,40}\beligib\w*\b"
                      r"(?![^.;]{0,40}certif)")
OPTIONAL = R(r"\b(?:if|when) (?:available|you have (?:one|1|it)|already (?:issued|obtained))\b")
# Another subject inside the clause: "You must be ECFMG certified, and the CSA exam should be
# taken before your interview" - the timing is the exam's.
_SUBCLAUSE = R(r",\s+and\s+|\s+and\s+(?=(?:the|your|all) )|\s+and\s+(?=(?:they |he or she )?(?:must|should|need to|"
              r"will need to|have to|has to)\b)")
_OTHER_SUBJECT = R(r"\b(?:step[123]\w*|level[123]\w*|usmle|comlex|exams?|visas?|j1|h1b|letters?|transcripts?|"
                   r"ecfmg (?:status|eligibility|id|identification|report|application)\w*)\b")


CONTRAST_OPENING = R(r"(?:however|but|nevertheless|nonetheless|still|that said|even so)\b")
# Alternatives of one timing rule: "certified when they apply, or far enough along that the
# certificate arrives by February 1": either one meets the rule, so the later one is the deadline.
_ALTERNATIVE = R(r",?\s+\bor\b,?\s+(?=(?:be |are |is |have |has |hold )?(?:(?:far|close) enough|sufficiently|already|"
                 r"certified|expect\w*|on track|able|will|in a position|with|by|before|no later|at the latest|"
                 r"at least)\b)")
# An inline list's lead-in in the same paragraph: "... and, by the start of their contract, meet
# one of these criteria: A) ... B) ..." (the timing of the routes' list).
_INLINE_LEADIN = R(r"[^.:;]*\b(?:(?:1|one|any|each|all|either) of (?:these|the following|the below)|the following|these)"
                   r"(?: (?:criteria|requirements|conditions|qualifications|routes|ways))?\s*:")
_ORDER = ("by_application", "by_rank", "by_start")


def _inline_leadins(s: str, block: str) -> list[str]:
    """Lead-ins of an inline list before `s` in its paragraph, nearest first, not negated."""
    at = block.find(s)
    if at <= 0:
        return []
    return [m.group(0) for m in reversed(list(_INLINE_LEADIN.finditer(block, 0, at))) if not NEG.search(m.group(0))]
# "certified or in the process of certification / eligible / pending": no firm certificate rule.
IN_PROCESS_ALT = R(r"\b(?:or|and/or) (?:be |are )?(?:in the process|eligible|pending)")

def _timing(text: str) -> list[str]:
    kinds = []
    for clause in clauses(text):
        if rx.search(r"\b(?:may|can) (?:still )?(?:apply|interview)|\bin progress\b|\bpending\b", clause) \
                and not ECFMG.search(clause):
            continue        # "you may apply while certification is in progress" is a permission
        if rx.search(r"\beligib\w* for (?:an? )?ecfmg\b|\b(?:is|are) (?:enough|sufficient)\b", clause):
            continue        # "eligibility for a certificate is enough to apply": a permission
        if OLD_DATE.search(clause) and rx.search(r"\bissued (?:before|prior|after|on)\b", clause):
            continue        # "certificates issued before June 14, 2004": history, not a deadline
        parts = _SUBCLAUSE.split(clause)
        if len(parts) > 1:
            clause = " and ".join(p for p in parts if rx.search(r"\bcertif", p) or (
                rx.search(r"\becfmg", p) and not _OTHER_SUBJECT.search(p)) or not _OTHER_SUBJECT.search(p))
        alternatives = [_clause_timing(a) for a in _ALTERNATIVE.split(clause)]
        timed = [min(a, key=_ORDER.index) for a in alternatives if a]
        if len(timed) > 1:
            kinds.append(max(timed, key=_ORDER.index))     # either alternative meets the rule
        else:
            kinds.extend(k for a in alternatives for k in a)
    return kinds


def _clause_timing(clause: str) -> list[str]:
    kinds = []
    neg = NEG.search(clause)
    if BY_APPLICATION.search(clause) and not neg:
        kinds.append("by_application")
    if BY_RANK.search(clause) and not rx.search(r"\bnot (?:required|needed|necessary)\b[^.;]{0,30}"
                                                r"\brank", clause):
        kinds.append("by_rank")
    if BY_START.search(clause):
        kinds.append("by_start")
    return kinds


def ecfmg_claims(s: str, ctx: str, scope: str, block: str = "") -> list[Claim]:
    out: list[Claim] = []
    if ctx and rx.fullmatch(r"(?:the )?ecfmg\W*", ctx):
        ctx = "ecfmg certification"     # a bare "ECFMG" label (a table row, "ECFMG: required")
    topic = ECFMG.search(s)
    if not topic and block and rx.search(r"(?:^|, )(?:the|this|your|a valid) (?:ecfmg )?certificat\w*\b", s) \
            and ECFMG.search(block) and (BY_START.search(s) or BY_RANK.search(s) or
                                         BY_APPLICATION.search(s)):
        # "The certificate must be valid at the start of residency" after an ECFMG sentence
        # (also after a condition: "If you do not yet have it, the certificate must be ...").
        topic = rx.search(r"certificat\w*", s)
    if not topic and block and ECFMG.search(block) and rx.search(r"\becfmg certificat", block) and (
            BY_START.search(s) or BY_RANK.search(s) or BY_APPLICATION.search(s)):
        # "IMGs must also send a valid ECFMG certificate and ... We ask for these documents
        # before any interview is scheduled.": the documents' deadline is the certificate's.
        topic = rx.search(r"\b(?:these|those|the above|all (?:of )?(?:these|the|those)|the listed|such) "
                          r"(?:documents|items|materials|papers)\b", s)
    answer = polarity(s)
    # the lead-ins of an inline list before this item in its paragraph, nearest first
    inline = _inline_leadins(s, block) if topic and block and (not ctx or (
        len(ctx) < 40 and not ctx.endswith("?"))) else []
    if not topic and rx.search(r"\becfmg status(?: reports?)?\b", s) and not NEG.search(s) and \
            not rx.search(r"\b(?:h1b|j1|visas?)\b", s):
        # "ECFMG status report" among the documents: an IMG document, no certificate rule
        return [Claim("accepts_imgs", True, rank=1)]
    text, used_ctx = s, False
    colon = s.rfind(":", 0, topic.start()) if topic else -1
    if topic and (OPTIONAL.search(s) or (used_lead_in(ctx) and WISH.search(ctx) and not rx.search(
            r"\b(?:must|required?|requires|need(?:ed|s)?|mandatory)\b", s)) or soft_lead_in(ctx, s) or
                  soft_lead_in(last_heading(scope), s) or SOFTENED_MODAL.search(s) or ELIGIBLE_FOR.search(s)):
        # "an ECFMG certificate, if available" is not required; "Suggested criteria include:" /
        # "we look for:" - "A valid ECFMG certificate by the match" is a wish. Either shows IMGs
        # are considered.
        return [Claim("accepts_imgs", True, rank=1, uses_context=bool(ctx))]
    doc_list = topic is not None and len(DOCS.findall(s[:topic.start()])) >= 2
    if doc_list and colon < 0 and DOC_LIST_VERB.match(s):
        # "We need USMLE transcripts, ..., and the ECFMG certificate (IMGs)": the verb heads the list
        colon = DOC_LIST_VERB.match(s).end() - 1
    item = rx.sub(r"\([^)]*\)|\bif you [^;,.]*|\bwhere (?:it )?(?:applies|applicable)", " ",
                  s[colon + 1:] if colon >= 0 and (APPLICATION_LIST.search(s[:colon]) or doc_list) else s)
    if topic and not FINITE_VERB.search(item) and len(s) < 400 and not _timing(s) and (
            APPLICATION_LIST.search(ctx) or (not REQUIRE_SCOPE.search(ctx) and not ctx.endswith("?") and
                                       APPLICATION_SCOPE.search(scope) and not ELIGIBILITY_HEADING.search(
                                           last_heading(scope))) or
            APPLICATION_LIST.search(s[:topic.start()]) or doc_list or
            rx.fullmatch(r"(?:residency )?application requirements\W*", ctx)) and \
            not NEG.search(rx.sub(r"\([^)]*\)", " ", s)):
        # A bare item of an application's document list: the certificate comes with it.
        value = "required_unspecified" if LATER.search(s) else "by_application"
        return [Claim("ecfmg_cert_required", value, rank=2, uses_context=bool(ctx)),
                Claim("accepts_imgs", True, rank=1, uses_context=bool(ctx))]
    if not topic:
        if rx.search(r"\b(?:h1b|j1|visas?|step[123]\w*|usmle|comlex|scores?)\b", s):
            return out      # a sentence about something else, even if it follows an ECFMG question
        if not (ctx and ECFMG.search(ctx) and (answer or rx.search(r"\bcertif|\brequired\b", s) or
                                               BY_START.search(s) or BY_RANK.search(s) or
                                               BY_APPLICATION.search(s))):
            return out
        if answer == "yes" and not rx.search(r"\bcertif", s):
            text, used_ctx = f"{ctx} {s}", True
        else:
            text, used_ctx = s, True
            if not (BY_RANK.search(s) or BY_START.search(s) or (
                    BY_APPLICATION.search(s) and rx.search(r"\bcertif", s))):
                return out      # ("read the requirements before applying" is no ECFMG timing)
    elif not ECFMG_REQ.search(s) and not EXCLUDES.search(s) and not (ctx and (REQUIRE_SCOPE.search(ctx) or rx.search(
            r"\b(?:need|required?|have to|has to|needs to)\b", ctx))) and not REQUIRE_SCOPE.search(scope) and \
            not any(REQUIRE_SCOPE.search(lead) for lead in inline):
        return out
    if rx.search(r"\bnot (?:be )?required\b|\bdo(?:es)? not (?:need|require|have to)\b|\bneed not\b",
                 text[:300]) and not (BY_RANK.search(text) or BY_START.search(text)) and \
            rx.search(r"ecfmg[^.;]{0,40}\bnot\b|\bnot\b[^.;]{0,40}ecfmg|\bneed not\b", text):
        return out
    if (negated_requirement(text, ECFMG) or rx.search(r"\becfmg\b[^.;]{0,40}\b(?:is|are) not (?:a |an )?"
                                                        r"(?:\w+ )?(?:requirement|prerequisite)\b", text)) \
            and not (BY_RANK.search(text) or BY_START.search(text)):
        return out      # "there is no ECFMG certification requirement at the time of application"
    if rx.search(r"\b(?:required|needed|necessary) (?:for|to (?:obtain|receive|get|earn)) (?:the |your |an? )?"
                 r"ecfmg certif|\brequirements? (?:for|of) (?:the |your |an? )?ecfmg certif", text) or (WISH.search(text) and not rx.search(
                     r"\b(?:must|required?|requires|need(?:ed|s)?|mandatory)\b", text)):
        return out      # what the certificate itself requires, or a wish ("encouraged to obtain")
    if topic and ALT_NOT_CERTIFIED.search(text):
        return [Claim("accepts_imgs", True, rank=1)]    # no firm certificate rule, but IMG-specific
    kinds = _timing(text)
    if kinds and IN_PROCESS_ALT.search(text):
        kinds = []      # "certified or in the process of certification": no firm timing
    if answer == "yes" and ctx and rx.search(r"\b(?:unless|except)\b", s) and \
            rx.search(r"\bcertif|\becfmg", ctx) and _timing(ctx):
        # "Do I need the certificate to apply?" - "Yes, unless you are a student; then by the
        # rank list": the question's timing is the rule, the exception a sub-case.
        kinds, used_ctx = _timing(ctx), True
    permission = rx.search(r"\b(?:is|are) (?:enough|sufficient)\b|\b(?:may|can) (?:still )?apply\b|\bnot (?:be )?"
                           r"(?:required|needed|necessary)\b|\bdo(?:es)? not (?:need|have to)\b", text)
    if not kinds and ctx and not used_ctx and not permission and (rx.search(r"\bcertif|\becfmg", ctx) or (
            ctx.endswith("?") and rx.search(r"\bneed|\brequire|\bmust", ctx))) and \
            not LATER.search(text) and not (ctx.endswith("?") and (CONTRAST_OPENING.match(s) or (
                block and polarity(block) == "no"))):
        # (an answer that opens with a "no" or a contrast, "No. However, you must ...", denies
        # the question's timing: the rule it states keeps its own)
        kinds = _timing(ctx)        # the question sets the timing: "... to get an interview?"
        used_ctx = bool(kinds)
    if not kinds and topic and used_lead_in(ctx) and (not FINITE_VERB.search(item) or PASSIVE_REQ.search(item)) \
            and not permission and REQUIRE_SCOPE.search(ctx):
        # A bare item of a requirements lead-in takes the lead-in's timing ("To be eligible to
        # apply, you must have:" / "we offer interviews to applicants who meet these criteria:" /
        # "to start employment in our programs, candidates must:").
        kinds = ["by_application"] if LEADIN_APPLY.search(ctx) and not NEG.search(ctx) else (
            ["by_start"] if LEADIN_START.search(ctx) and not NEG.search(ctx) else [])
        used_ctx = bool(kinds)
    if not kinds and inline:
        # An item of a list written inline in its paragraph takes the timing of the lead-in
        # before it, the nearest one that names a stage ("by the start of their contract, meet
        # one of these criteria: ... c. holds a valid ECFMG certificate").
        for lead in inline:
            timing = _timing(lead)
            if timing:
                kinds, used_ctx = [min(timing, key=_ORDER.index)], True
                break
    if not kinds and topic and used_lead_in(ctx) and APPLICATION_LIST.search(ctx) and not NEG.search(ctx) and \
            not permission and (doc := DOC_VERB.search(s, 0, topic.start())) and \
            not negated_before(s, doc.start(), 40) and not NEG.search(s[doc.start():topic.start()]):
        # A sentence read with an application's document list that adds the certificate to it
        # ("Your application should contain:" ... "IMGs must, in addition, show a valid ECFMG
        # certificate"): the certificate comes with the application.
        kinds, used_ctx = ["by_application"], True
    excl = EXCLUDES.search(text)
    if excl and not kinds and excl.group("verb") == "rank":
        kinds = ["by_rank"]     # ("not considered without it" is a rule with no stated timing)
    order = ["by_application", "by_rank", "by_start"]
    if kinds:
        value = min(kinds, key=order.index)
        out.append(Claim("ecfmg_cert_required", value, rank=2, uses_context=used_ctx))
    elif rx.search(r"\b(?:must|required?|requires|requirement|need|should|mandatory|necessary|only|"
                   r"yes|expected to|has to|have to|needs to)\b", text) or excl or any(REQUIRE_SCOPE.search(lead) for lead in inline) \
            or answer == "yes" or REQUIRE_SCOPE.search(scope) or (
                used_lead_in(ctx) and REQUIRE_SCOPE.search(ctx) and not NEG.search(text)):
        if not IN_PROCESS_ALT.search(text):
            out.append(Claim("ecfmg_cert_required", "required_unspecified", rank=1,
                             uses_context=used_ctx))
        else:
            out.append(Claim("ecfmg_cert_required", "required_unspecified", rank=0,
                             uses_context=used_ctx))
    if out:     # an ECFMG rule is an IMG-specific requirement (CONTRACT: implies true)
        out.append(Claim("accepts_imgs", True, rank=1, uses_context=used_ctx))
    return out
