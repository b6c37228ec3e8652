"""ECFMG certification rules: required to apply, to be ranked, to start, or timing unstated."""

from __future__ import annotations

import re

from eligibility.rules.common import Claim, NEG, R, REQUIRE_SCOPE, clauses, polarity, used_lead_in

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
            or answer == "yes" or REQUIRE_SCOPE.search(scope) or (
                used_lead_in(ctx) and REQUIRE_SCOPE.search(ctx) and not NEG.search(text)):
        if not re.search(r"\b(?:or|and/or) (?:be |are )?(?:in the process|eligible|pending)", text):
            out.append(Claim("ecfmg_cert_required", "required_unspecified", rank=1,
                             uses_context=used_ctx))
        else:
            out.append(Claim("ecfmg_cert_required", "required_unspecified", rank=0,
                             uses_context=used_ctx))
    if out:
        out.append(Claim("accepts_imgs", True, rank=1, uses_context=used_ctx))
    return out
