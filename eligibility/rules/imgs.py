"""Whether the program considers international medical graduates at all."""

from __future__ import annotations

import re

from eligibility import prefilter as rx    # re's functions, each inline pattern compiled once
from eligibility.rules.common import (Claim, FELLOWSHIP, NEG, R, RESIDENCY, SOFT, last_heading, lead_in, negated_before, polarity,
                                      used_lead_in)

IMG = R(r"\bimg\b|\bgraduated from (?:an? )?(?:international|foreign|non-us|offshore|caribbean)\b|\b(?:us|domestic|american) or international\b|\bpercent img\b|\bgraduates? of (?:international|foreign|non-us|non-lcme|offshore|caribbean) "
        r"(?:medical )?schools?|\bgraduates? of (?:\w+ ){0,2}(?:medical )?schools? (?:located )?outside "
        r"(?:of )?(?:the )?(?:us|north america)|\b(?:international|foreign) (?:medical )?(?:applicants|schools?)|"
        r"\b(?:caribbean|offshore|foreign[- ]trained|internationally[- ]trained) (?:medical )?(?:graduates?|physicians|"
        r"applicants)\b|"
        # "applicants from non-US medical schools", "graduates of a school outside the US", "a medical school abroad"
        r"\b(?:graduates?|applicants?|candidates?|students?|physicians) (?:of|from) (?:an? |the )?(?:international|foreign|"
        r"non-us|non-lcme|offshore|caribbean|overseas) (?:medical )?(?:schools?|colleges?|universities)\b|"
        r"\b(?:medical )?schools? (?:located )?(?:abroad|overseas)\b|"
        # "those trained abroad", "physicians educated outside North America"
        r"\b(?:trained|educated|studied(?: medicine)?|graduated) (?:abroad|overseas|outside (?:of )?(?:the )?(?:us|north america))\b")
IMG_YES_VERB = R(r"\b(?:accept\w*|consider\w*|welcome\w*|encourag\w*|eligible|invite\w*|"
                 r"interview\w*|rank\w*|review\w*|recruits?|sponsor\w*|open to|"
                 r"apply|may apply|can apply|applying (?:for|to)|(?:may|can|will) qualify|are (?:also )?welcome|have (?:had|many|several)|"
                 r"currently have|proud|includ\w*|friendly)\b|\b\d{1,2}\s*(?:%|percent) of (?:our )?(?:current )?"
                 r"(?:residents|trainees|house staff|class)\b[^.;]{0,20}\b(?:are|were)\s+img\b|\bimg\b (?:\w+ )?trains?\b|\b(?:we|program) (?:currently )?(?:have|has|"
                 r"trains?)\b[^.;]{0,15}\bimg\b")
IMG_REQ = R(r"\bimg\b(?: applicants| candidates)?[^.;]{0,45}\b(?:must|are (?:also )?required|should|"
            r"need to|will need|are expected|have to|has to|needs to)\b|\b(?:required|requirements?|necessary|mandatory|preferred|"
            r"eligibility|needed|expected)\b (?:of |for )(?:all )?img\b")
# The same requirement after any IMG wording ("Graduates of international schools ... should ask ...").
IMG_REQ_AFTER = R(r"(?: applicants| candidates)?[^.;]{0,45}\b(?:must|are (?:also )?required|should|need to|will need|"
                  r"are expected|have to|has to|needs? to)\b")
US_ONLY = R(r"\b(?:limited|restricted|open only|only open) to (?:applicants who are )?graduates (?:of|from) "
            r"(?:an? )?(?:lcme|us|aoa|coca|american)\b|\bonly graduates (?:of|from) (?:an? )?(?:lcme|us|"
            r"aoa|coca|american)\b[^.;]{0,60}\b(?:eligible|considered|accepted|may apply|can apply)|"
            r"\b(?:only|exclusively) (?:accept|consider|review|interview)\w* (?:applications )?"
            r"(?:from )?(?:graduates|applicants|students) (?:of|from) (?:an? )?(?:lcme|us|aoa|"
            r"accredited us|us or canadian|us and canadian|american|us/canadian)|"
            r"\bopen (?:only )?to\b[^.;]{0,40}\bgraduates (?:of|from) (?:us|lcme|american|us or canadian)\b[^.;]{0,30}\bonly\b|"
            r"\b(?:must|need to|"
            r"are required to) (?:be|have) (?:a )?graduat\w* (?:of|from) (?:an? )?(?:lcme|aoa|coca|us|"
            r"american|osteopathic)\b(?:[\s-]+[\w/-]+){0,6}?\s+(?:schools?|colleges?|programs?)\b(?![^.;]{0,70}\b(?:or|and)\b[^.;]{0,25}"
            r"\b(?:img|international|foreign|ecfmg|outside|non-us|offshore))")

# An interview or position pool named by US accreditors only: "interviews are offered to
# qualified students of LCME-accredited (MD) and COCA-accredited (DO) medical schools".
US_POOL = R(r"\b(?:interviews?|interview invitations?|positions?|invitations?) (?:are|is) (?:only )?(?:offered|granted|"
            r"extended|given|open|available) (?:only )?to (?:qualified |eligible )?(?:students|seniors|graduates|"
            r"applicants|candidates) (?:of|from) (?:an? )?(?:lcme|coca|aoa|us)\b"
            r"(?![^.;]*\b(?:img|international|foreign|ecfmg|outside|non-us|offshore|abroad|world)\b)")

# The predicate right after an IMG subject: "IMGs do not need ...", "IMGs must ...".
OWN_PREDICATE = R(r"^(?: applicants| candidates)?(?:\s+(?:do|does|will|are|is|also|still|not|"
                  r"not yet|however|generally))*\s+(?P<verb>need|must|have to|are required|"
                  r"should|will need)\b")


# A refusal of some applicants only: "(do not|will not) consider applicants who/with/without/more than ...".
_SUBGROUP_REFUSED = R(r"\b(?:not|never|unable to) (?:\w+ )?(?:consider|accept|interview|review|rank)\w* "
                      r"(?:any )?(?:applicants|candidates|graduates|physicians|those|anyone) (?:who|without|with|"
                      r"whose|that|lacking|more than|over|older than)\b")


_IMG_CLAUSE_BREAK = R(r";|\bsince\b|\bbecause\b|,?\s\bbut\b|\bhowever\b|\.\s")
_RELATIVE_NOT = R(r"\b(?:who|that) (?:are|is|do|does|have) not\b")


def _img_clause(s: str, pos: int) -> str:
    starts = [0] + [b.end() for b in _IMG_CLAUSE_BREAK.finditer(s) if b.end() <= pos]
    ends = [b.start() for b in _IMG_CLAUSE_BREAK.finditer(s) if b.start() > pos]
    return s[starts[-1]:ends[0] if ends else len(s)]


# A pointer to another page ("IMGs: please see the IMG page for more requirements") says nothing itself.
POINTER = R(r"\b(?:please )?(?:see|visit|refer to|go to|click|consult)\b[^.;]{0,40}\b(?:page|section|website|site|link|"
            r"here|below|above)\b")
# A question about how IMGs apply or what they must provide.
IMG_PROCESS_Q = R(r"\b(?:application (?:process|procedure|requirements?)|how (?:do|does|can|should|may) (?:an? )?img\b|"
                  r"requirements?|criteria|documents?|what (?:do|does|must|should) (?:an? )?img\b[^?]{0,30}\b(?:need|"
                  r"submit|send|provide|have))\b")
# Immigration status is no IMG rule: "International Applicants" - "Every applicant must hold a work permit".
STATUS_RULE = R(r"\b(?:work permits?|work authori[sz]ation|employment authori[sz]ation|visas?|citizen\w*|"
                r"permanent residen\w*|green cards?|immigration)\b")
# "We encourage IMGs to send letters from US mentors": advice to IMGs, not that they are considered.
ENCOURAGED_TO = R(r"\bencourag\w* [^.;]{0,60}?\bto (?!apply\b|submit (?:an |their |your )?applications?\b)[a-z]+")

# A list item naming only US schools' graduates ("Recent US school graduates (within 3 years)",
# "Graduate of a COCA-accredited college of osteopathic medicine", "Graduate of a US LCME school").
US_ONLY_ITEM = R(r"(?:recent |current )?(?:us|lcme|coca|aoa|american|us or canadian|us/canadian)(?:[- ]accredited)? "
                 r"(?:allopathic |osteopathic )?(?:medical |osteopathic )?(?:school |college )?(?:graduates|seniors|students)\b|"
                 r"(?:an? )?(?:graduates?|graduation) (?:of|from) (?:an? )?(?:us (?:\(us\) )?|american |united states )?"
                 r"(?:lcme|coca|aoa)\b[^,;]{0,40}?\b(?:colleges?|schools?)\b|"
                 r"(?:an? )?(?:graduates?|graduation) (?:of|from) (?:an? )?(?:us|american|united states) (?:\(us\) )?"
                 r"(?:(?:allopathic|osteopathic|md|do)(?: or | and |/| ))*(?:medical |osteopathic )?(?:schools?|colleges?)\b|"
                 r"(?:an? )?(?:graduates?|graduation) (?:of|from) (?:an? )?(?:us )?(?:osteopathic|coca[- ]accredited) "
                 r"(?:medical )?(?:colleges?|schools?)\b|"
                 r"(?:satisfactory )?(?:completion|graduation)\b[^.;]{0,40}\b(?:of|from) an? (?:accredited |lcme[- ]accredited )?"
                 r"(?:medical school|school of medicine|college of medicine) (?:in|of) the us(?: or canada)?\b")
_REQ_LEADIN = R(r"\b(?:must|require\w*|eligib\w*|qualif\w*|criteria|prerequisites?|mandatory)\b|"
                r"\bselection\b[^:]{0,30}\b(?:rests on|is based on|based on|evaluation of)\b")

_IMG_GLOSS = R(r"\b((?:graduates?|schools?|physicians|applicants|candidates|img))\s*\(\s*img\s*\)")


def img_claims(s: str, ctx: str, scope: str) -> list[Claim]:
    out: list[Claim] = []
    # "graduates of international medical schools (IMG)": the bracket glosses the words before
    # it, it does not mark an IMG-only item.
    s = _IMG_GLOSS.sub(r"\1", s)
    if POINTER.search(s) and not rx.search(r"\b(?:must|required?|accept\w*|consider\w*|welcome\w*|eligible|"
                                           r"sponsor\w*|not)\b", POINTER.sub(" ", s)):
        return out
    if (US_ONLY.search(s) or US_POOL.search(s)) and not rx.search(r"\bvisa|\bexcept|\bunless|\bsponsor|\bh1b\b|\bj1\b|"
                                           r"\bf1\b", s):
        return [Claim("accepts_imgs", False, rank=2)]
    us_item = US_ONLY_ITEM.match(s)
    if us_item and (SOFT.search(s) or rx.search(r"\b(?:receive\w*|are|is|will|get|gets|given|may|can|have|has)\b", rx.sub(
            r"\b(?:who|that|which|with)\b.*$", "", s[us_item.end():]))):
        us_item = None      # a sentence of its own ("LCME graduates receive the highest priority"), no bare item
    if us_item and not IMG.search(s) and not rx.search(r"\b(?:or|and/or)\b[^.;]{0,40}\b(?:abroad|outside|"
                                                                     r"international|foreign|world|ecfmg)\b", s) and (
            (used_lead_in(ctx) and _REQ_LEADIN.search(lead_in(ctx)) and not NEG.search(lead_in(ctx))) or
            (not ctx and _REQ_LEADIN.search(last_heading(scope)))):
        # A bare item of a requirements list or heading that names US (LCME, COCA) schools only:
        # "Program Requirements" - "Recent US school graduates", "To be eligible to interview you
        # must meet one of these:" - "Graduate of a COCA-accredited college". The weakest claim: any
        # IMG item or IMG-specific rule elsewhere on the page (a sibling route "graduates of schools
        # abroad with ECFMG certification") outranks it.
        return [Claim("accepts_imgs", False, rank=0)]
    m = IMG.search(s)
    if not m:
        if ctx and IMG.search(ctx) and not ctx.endswith("?") and len(ctx) < 60 and \
                rx.search(r"\b(?:must|required|requires|need to|mandatory)\b", s) and \
                not NEG.search(s) and not FELLOWSHIP.search(ctx) and not (
                    STATUS_RULE.search(s) and not rx.search(r"\bimg\b", ctx)):
            # ("International applicants" may be any non-citizen: a work-permit rule under it is
            # immigration; under an "IMGs" label it is still an IMG requirement.)
            # A requirement under an "IMG applicants" label or heading is IMG-specific.
            out.append(Claim("accepts_imgs", True, rank=1, uses_context=True))
        elif ctx and ctx.endswith("?") and IMG.search(ctx) and IMG_PROCESS_Q.search(ctx) and \
                rx.search(r"\b(?:must|required?|requires|need to|needs to|mandatory)\b", s) and \
                not NEG.search(s) and not FELLOWSHIP.search(ctx) and not STATUS_RULE.search(s):
            # "What is the application process for IMGs?" - "Every application must ...": the
            # answer states IMGs' own requirements.
            out.append(Claim("accepts_imgs", True, rank=1, uses_context=True))
        elif ctx and IMG.search(ctx) and not ctx.endswith("?") and len(ctx) < 50 and len(s) < 60 \
                and rx.search(r"^(?:(?:are |is )?(?:welcome|accepted|considered|eligible|encouraged)|"
                              r"yes)\b", s):
            out.append(Claim("accepts_imgs", True, rank=2, uses_context=True))
        elif ctx and IMG.search(ctx) and (rx.search(r"\b(?:accept|consider|take|eligible|welcome|"
                                                    r"apply)", ctx) or
                                          (len(ctx) < 50 and not ctx.endswith("?")
                                           and rx.search(r"\b(?:accept|consider|eligib|welcome)", s))) \
                and polarity(s) and len(s) < 200:
            if polarity(s) == "yes":
                out.append(Claim("accepts_imgs", True, rank=2, uses_context=True))
            elif rx.search(r"\b(?:without|who (?:have not|lack|do not have)|unless|lacking)\b", ctx):
                # "Do you accept IMGs without US experience?" - "No.": the "no" binds to the
                # condition; IMGs who meet it are considered.
                out.append(Claim("accepts_imgs", True, rank=1, uses_context=True))
            elif not ctx.endswith("?") and _SUBGROUP_REFUSED.search(s):
                # Under an "IMG Applicants" heading, "We do not consider applicants who are more
                # than ten years out of school" refuses a sub-group: IMGs who qualify are
                # considered (as "IMGs who failed a Step will not be considered").
                out.append(Claim("accepts_imgs", True, rank=1, uses_context=True))
            elif not rx.search(r"\bvisa|\bsponsor", s + ctx):
                out.append(Claim("accepts_imgs", False, rank=2, uses_context=True))
        return out
    # A sentence may name IMGs more than once ("Graduates of Foreign Schools About a third of our
    # residents trained abroad, and international medical graduates are encouraged to apply", a
    # heading glued to its text): a mention whose own clause says nothing leaves the verdict to
    # the next one.
    for m in IMG.finditer(s):
        said = _mention_claims(s, m)
        if said is not None:
            return said
    return out


def _mention_claims(s: str, m: re.Match) -> list[Claim] | None:
    """What the IMG mention `m` of `s` says: claims, [] (the sentence is not an IMG rule), or None
    (its clause says nothing about it)."""
    out: list[Claim] = []
    img_clause = _img_clause(s, m.start())
    if rx.search(r"\bvisa|\bsponsor|\bj1\b|\bh1b\b", s) and NEG.search(_RELATIVE_NOT.sub(" ", img_clause)):
        # "We do not accept IMGs who need a visa" is a visa rule, not an IMG rule (a negation in
        # another clause, "since the H-1B is not accepted", or a relative "who are not
        # citizens", is not that).
        return out
    if FELLOWSHIP.search(s) and not RESIDENCY.search(s):
        return out
    if rx.search(r"\bpercent img\W+\s*(?:[1-9]\d?(?:\.\d)?)\s*%", s) or rx.search(
            r"\b[1-9]\d?\s*(?:%|percent) of (?:our )?(?:current )?(?:residents|trainees|house staff|class)\b[^.;]{0,40}"
            r"\b(?:img|graduated from (?:an? )?(?:international|foreign|non-us))", s):
        return [Claim("accepts_imgs", True, rank=1)]     # a share of current residents are IMGs
    if (rx.search(r"\bimg\b(?: applicants| candidates)? only\b|^(?:for )?img\s*(?::|\s-)\s*\w|\(\s*(?:for )?img"
                  r"(?: only)?\s*\)|,\s*(?:for|of) (?:all )?img\W*$", s) or (
            m.start() <= 4 and rx.match(r"\s*(?::|\s-)\s*\w", s[m.end():]))) and not NEG.search(s):
        # an IMG-only document or requirement ("ECFMG status report - foreign graduates only",
        # "Graduates of international schools: a letter attesting ...")
        return [Claim("accepts_imgs", True, rank=1)]
    label_no = rx.search(r"\bimg\b[^.;:]{0,25}\b(?:considered|accepted|eligible|welcome)\W{0,3}"
                         r"(?:no|not|none)\b", s)
    if label_no:
        return [Claim("accepts_imgs", False, rank=2)]
    # The verbs that can govern the IMG mention are those of its own clause ("USCE is not a
    # prerequisite for an interview, but it gives international applicants insight": the
    # negated "interview" is another clause's).
    c_start = s.find(img_clause)
    c_end = c_start + len(img_clause) if c_start >= 0 else len(s)
    lo = max(0, m.start() - 60, c_start)
    window = s[lo:min(m.end() + 60, c_end)]
    verbs = [v for v in IMG_YES_VERB.finditer(window)
             if not (v.group(0).startswith("encourag") and ENCOURAGED_TO.match(window, v.start()))]
    # The verb that governs the IMG mention is the one closest to it.
    v = min(verbs, key=lambda x: min(abs(x.start() - (m.start() - lo)),
                                     abs(x.end() - (m.end() - lo)))) if verbs else None
    own = OWN_PREDICATE.match(s[m.end():])
    if v is not None and own and v.start() + lo > m.end() + own.end() - len(own.group("verb")):
        # The subject's own predicate comes first ("IMGs do not need X before the interview"):
        # the negation binds to it, not to a later verb.
        v = None
        if not rx.search(r"\bneed not apply\b|\bnot (?:be )?(?:eligible|considered)", s):
            return [Claim("accepts_imgs", True, rank=1)]
    neg_img = (v and negated_before(window, v.start(), 50)) or rx.search(
        r"\bimg\b[^.;]{0,30}\b(?:are|is|will)\s+not\s+(?:be\s+)?(?:accepted|considered|eligible|"
        r"invited|interviewed|ranked)", s) or rx.search(r"\b(?:can|do|does|will|are) not "
                                                       r"(?:\w+ ){0,3}(?:accept|consider)\w*\b[^.;]{0,40}\bimg\b", s)
    if neg_img:
        if rx.search(r"\brarely|\bexcept|\bunless|\bonly\b", s) or (v is not None and v.group(0) == "friendly"):
            return out      # ("not IMG friendly" says little: IMGs may still be considered)
        if rx.match(r"\W*(?:applicants |candidates |physicians )?(?:who|without|with|that|whose|lacking|requiring|"
                    r"needing|more than|over)\b", s[m.end():]):
            # "IMGs without US clinical experience are not considered", "IMGs who failed a Step
            # will not be considered": a refused sub-group, so IMGs who qualify are considered
            return [Claim("accepts_imgs", True, rank=1)]
        if rx.search(r"\bnot (?:be )?eligible for (?:our |the )?(?:\w+ ){0,2}(?:positions?|tracks?|slots?)\b", s):
            return out      # "IMGs are not eligible for our preliminary positions": some positions only
        out.append(Claim("accepts_imgs", False, rank=2))
    elif v:
        if rx.search(r"\brarely\b|\bunlikely\b", s):
            return out
        out.append(Claim("accepts_imgs", True, rank=2))
    elif (IMG_REQ.search(s) or IMG_REQ_AFTER.match(s, m.end())) and (not NEG.search(_RELATIVE_NOT.sub(" ", img_clause))
                                or rx.search(
            r"\bnot (?:required|necessary|mandatory|needed|expected) (?:of|for) (?:all )?img\b", s)):
        out.append(Claim("accepts_imgs", True, rank=1))
    return out or None
