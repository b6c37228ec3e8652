"""Canonical spelling for matching: one token per exam and visa, digits for number words.

Rules match on `canon(text)`; evidence is always the original text. The canonical forms:
`step1`, `step2ck`, `step2cs` (retired), `step3`, `level1`, `level2ce`, `level2pe` (retired),
`level3`, `j1`, `h1b`, `f1`, `us` (U.S., United States, USA), `img`.
"""

from __future__ import annotations

import re

from eligibility.prefilter import compile as prefiltered

# (pattern, replacement, guards): a pattern runs only when one of its guard substrings is in
# the (lower-case, partly rewritten) text, so most sentences skip most patterns.
# (Each pattern is also prefiltered by its own literals, `eligibility.prefilter`: same answers.)
_SUBS: list[tuple[re.Pattern, object, tuple[str, ...]]] = [(prefiltered(p, re.I), r, g) for p, r, g in [
    (r"\bsteps?\s+((?:(?:1|2|3|i{1,3})\b(?:\s*(?:ck|cs)\b)?\s*(?:,|and/or|and|&|/|or)?\s*(?:step\s*)?){2,})",
     lambda m: _expand(m, "step"), ("step",)),
    (r"\blevels?\s+((?:(?:1|2|3|i{1,3})\b(?:\s*(?:ce|pe)\b)?\s*(?:,|and/or|and|&|/|or)?\s*(?:level\s*)?){2,})",
     lambda m: _expand(m, "level"), ("level",)),
    # "U.S.A." but not "U.S. applicants" (the A must end its word)
    (r"\bu\.\s?s\.\s?a\b\.?|\bu\.\s?s\.(?=\W|$)|\bunited states( of america)?\b|\busa\b|\bu\.s\b", " us ", ("u.", "united states", "usa")),
    (r"\bn\.?r\.?m\.?p\.?\b", "nrmp", ("nrmp", "n.r")),
    # visas
    (r"\bj[\s-]?1\b|\bj1-?\b|\bj(?= visas?\b)", " j1 ", ("j1", "j-1", "j 1", "j visa")),
    (r"\bh[\s-]?1[\s-]?b\b|\bh1b\b|\bh[\s-]?1\b(?![\s-]?\d)", " h1b ", ("h1", "h-1", "h 1")),
    (r"\bf[\s-]?1\b", " f1 ", ("f1", "f-1", "f 1")),
    # a visa's descriptive gloss is not a condition: "H-1 (temporary worker) visas"
    (r"\b(j1|h1b)\s*\(\s*(?:temporary worker|exchange visitor|specialty occupation|work|employment|"
     r"training|research scholar|alien physician)(?: visas?)?\s*\)", r" \1 ", ("(",)),
    # "USMLE 1 and 2", "USMLE parts I and II": the steps without the word "step"
    (r"\busmle\s+(?:parts?\s+)?(?:1|i)\s*(?:,|and|&|/)\s*(?:part\s+)?(?:2|ii)\b(?!\s*(?:cs|clinical skills)\b)",
     " usmle step1 and step2ck ", ("usmle",)),
    (r"\busmle\s+part\s+(?:1|i)\b", " usmle step1 ", ("usmle",)),
    (r"\busmle\s+part\s+(?:2|ii)\s*(?:cs|clinical skills)\b", " usmle step2cs ", ("usmle",)),
    (r"\busmle\s+part\s+(?:2|ii)\b(?!\s*(?:cs|clinical skills)\b)", " usmle step2ck ", ("usmle",)),
    # the steps without "step" or "part": "USMLE II", "USMLE I or II" ("USMLE I" only before a
    # break: in "if you fail the USMLE I can retake" it is a pronoun)
    (r"\busmle\s+((?:(?:1|2|3|iii|ii|i(?=\s*(?:$|[,.;:)/&]|and\b|or\b|scores?\b|exam)))\b(?:\s*-?\s*(?:ck|cs)\b)?"
     r"\s*(?:,|and/or|and|&|/|or)?\s*)+)(?<!\s)", lambda m: _numbered(m, "usmle"), ("usmle",)),
    # COMLEX levels without "level": "COMLEX 1 and 2", "COMLEX II", "COMLEX-USA 2 CE"
    (r"\bcomlex(?:\s*-\s*usa?)?\s+((?:(?:1|2|3|iii|ii|i(?=\s*(?:$|[,.;:)/&]|and\b|or\b)))\b(?:\s*-?\s*(?:ce|pe)\b)?"
     r"\s*(?:,|and/or|and|&|/|or)?\s*)+)(?<!\s)", lambda m: _numbered(m, "comlex"), ("comlex",)),
    # the body that sets COMLEX: "the NBOME exams", "a USMLE/NBOME transcript", "or the NBOME equivalent"
    (r"\bnational board of osteopathic medical examiners\b(?:\s*\(\s*nbome\s*\))?|\bnbome\b(?:\s*\(\s*national "
     r"board of osteopathic medical examiners\s*\))?", " comlex ", ("nbome", "national board of osteopathic")),
    # USMLE steps (Step 2 alone means Step 2 CK since CS ended)
    (r"\bstep\s*(?:2|ii|two)\s*[-(]?\s*(?:cs|clinical skills)\b\)?", " step2cs ", ("step",)),
    # (a bracket is the step's own only around "CK": "Step 2 (MD applicants)" keeps its bracket)
    (r"\bstep\s*(?:2|ii|two)\s*(?:\(\s*(?:ck|clinical knowledge)\s*\)|-?\s*(?:ck|clinical knowledge)\b|\b)", " step2ck ",
     ("step",)),
    (r"\bstep\s*(?:1|i|one)\b(?!\.\d)", " step1 ", ("step",)),
    (r"\bstep\s*(?:3|iii|three)\b", " step3 ", ("step",)),
    (r"\bcs exam\b|\bclinical skills (exam|assessment)\b", " step2cs ", ("cs exam", "clinical skills")),
    (r"\bcsa\b", " step2cs ", ("csa",)),
    # COMLEX levels
    (r"\blevel\s*(?:2|ii|two)\s*[-(]?\s*(?:pe|performance evaluation)\b\)?", " level2pe ", ("level",)),
    (r"\blevel\s*(?:2|ii|two)\s*(?:\(\s*(?:ce|cognitive evaluation)\s*\)|-?\s*(?:ce|cognitive evaluation)\b|\b)",
     " level2ce ", ("level",)),
    (r"\blevel\s*(?:1|i|one)\b", " level1 ", ("level",)),
    (r"\blevel\s*(?:3|iii|three)\b", " level3 ", ("level",)),
    # the expansion as pages spell it, words dropped or changed ("... on Foreign Medical Graduates",
    # "... for Foreign Graduates", "Education Commission ..."): the acronym beside it names it anyway
    (r"\beducation(?:al)? commission (?:for|on|of) (?:the )?foreign (?:medical )?graduates\b", "ecfmg",
     ("commission",)),
    # letters swapped or mistyped on real pages ("ECMFG", "ECFME certificate", "ECGMG Certification")
    (r"\becmfg\b|\becfgm\b|\b(?:ecfme|ecgmg|ecfmc)\b(?=\s*certif)", "ecfmg", ("ecmfg", "ecfgm", "ecfme", "ecgmg", "ecfmc")),
    # graduates
    (r"\binternational medical (?:school )?graduates?\b|\bforeign medical graduates?\b"
     r"|\binternational graduates?\b|\bforeign graduates?\b|\bimgs?\b|\bfmgs?\b"
     r"|\bnon-\s*us\s+(?:medical\s+)?graduates?\b|\binternational medical students?\b", " img ", ("graduat", "img", "fmg", "international medical")),
    (r"\bcut[\s-]offs?\b|\bcutoffs?\b", " cutoff ", ("cut",)),
    (r"\b(\d{3})\s*\+(?=\s|$|[.,;)])", r"\1 or higher", ("+",)),
    (r"\bdon't\b", "do not", ("'",)), (r"\bdoesn't\b", "does not", ("'",)), (r"\bwon't\b", "will not", ("'",)),
    (r"\bcan't\b|\bcannot\b", "can not", ("'", "cannot")), (r"\bisn't\b", "is not", ("'",)), (r"\baren't\b", "are not", ("'",)),
    (r"\bdidn't\b", "did not", ("'",)), (r"\bwe're\b", "we are", ("'",)),
]]

# Characters first (one translate): dashes, quotes and the inequality signs.
_CHARS = str.maketrans({**{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"},
                        **{c: "'" for c in "\u2018\u2019\u201b\u2032"},
                        **{c: '"' for c in "\u201c\u201d\u201e"},
                        "\u2265": " >= ", "\u2264": " <= "})
# Every guard word in one scan: which patterns can apply to this text at all.
_GUARD_WORDS = sorted({g for _, _, gs in _SUBS for g in gs}, key=len, reverse=True)
_GUARD_RE = re.compile("|".join(map(re.escape, _GUARD_WORDS)))
# guard word -> the positions in _SUBS of the patterns it lets run
_SUBS_OF_GUARD: dict[str, tuple[int, ...]] = {
    word: tuple(i for i, (_, _, guards) in enumerate(_SUBS) if word in guards) for word in _GUARD_WORDS}

_PART = re.compile(r"\b(1|2|3|i{1,3})\b(\s*(?:ck|cs|ce|pe)\b)?")
_ROMAN = {"i": "1", "ii": "2", "iii": "3"}


_PART_TOKEN = re.compile(r"\b(1|2|3|iii|ii|i)\b(?:\s*-?\s*(ce|pe|ck|cs)\b)?")
_PART_NAME = {"comlex": {"1": "level1", "2": "level2ce", "3": "level3", "2pe": "level2pe"},
              "usmle": {"1": "step1", "2": "step2ck", "3": "step3", "2cs": "step2cs"}}


def _numbered(match: re.Match, exam: str) -> str:
    """"COMLEX 1 and 2" -> "comlex level1 and level2ce", "USMLE I or II" -> "usmle step1 or step2ck"
    (the joiners kept: an "or" stays an "or")."""
    names = _PART_NAME[exam]

    def one(m: re.Match) -> str:
        n = _ROMAN.get(m.group(1), m.group(1))
        kind = m.group(2) or ""
        return names.get(n + kind, names[n]) if kind in ("pe", "cs") else names[n]
    return f" {exam} " + _PART_TOKEN.sub(one, match.group(1)) + " "


def _expand(match: re.Match, exam: str) -> str:
    """"Steps 1 and 2 CK" -> "step 1 and step 2 ck" (so each step gets its own token)."""
    found = list(_PART.finditer(match.group(1)))
    parts = [f"{exam} {_ROMAN.get(m.group(1), m.group(1))}{(' ' + m.group(2).strip()) if m.group(2) else ''}"
             for m in found]
    # "Step 1 or 2" offers either step: the "or" between the parts stays ("and", "&", "/",
    # "and/or" join as "and"); a joiner after the last part belongs to what follows ("Step 1/Step 2
    # CK or COMLEX ...") and is kept.
    between = match.group(1)[found[0].end():found[-1].start()] if found else ""
    joiner = " or " if _OR_ONLY.search(between) else " and "
    tail = match.group(1)[found[-1].end():] if found else ""
    tail = re.sub(r"\bstep\s*$|\blevel\s*$", "", tail)
    return " " + joiner.join(parts) + " " + tail.strip() + " "


_OR_ONLY = re.compile(r"(?<!and/)\bor\b")


NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "fifteen": "15",
    "twenty": "20", "once": "1 time", "twice": "2 times", "single": "1",
}
_NUMBER_WORD = prefiltered(r"\b(" + "|".join(NUMBER_WORDS) + r")\b")
_PAREN_DUP = re.compile(r"\b(\d+)\s*\(\s*\1\s*\)")
# An aside inside a verb phrase ("we do, however, expect"), not one between clauses ("We take
# J-1, however, we do not sponsor H-1B" keeps its break).
_ASIDE = prefiltered(r"\b(do|does|did|are|is|will|can|must|would|should)\s*,\s*(?:however|though|"
                    r"therefore|of course|also|moreover|furthermore),\s*")


_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9}
_HUNDREDS = re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine) hundred(?: and)?"
                       r"(?: (twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety))?"
                       r"(?:[ -](one|two|three|four|five|six|seven|eight|nine))?\b")


def _hundreds(m: re.Match) -> str:
    return str(_UNITS[m.group(1)] * 100 + _TENS.get(m.group(2) or "", 0)
               + _UNITS.get(m.group(3) or "", 0))


# The normalisation pass, on the page's own text (case still known), before canonical spelling:
_PRE: list[tuple[re.Pattern, object]] = [(re.compile(p), r) for p, r in [
    # dotted acronyms of three or more letters: E.C.F.M.G. -> ECFMG (U.S.A. is left to _SUBS)
    (r"\b(?!U\.S\.A\b)((?:[A-Za-z]\.){3,})(?!\w)", lambda m: m.group(1).replace(".", "")),
    # an exam written in capitals is the exam: COMPLEX -> COMLEX (lower-case "complex" is a word)
    (r"\bCOMPLEX\b", "COMLEX"),
    (r"\b(?:[Cc]omplex)(?=\s*(?:[Ll]evel|exam|score|board|transcript|[/,]?\s*(?:or|and)\s+USMLE\b|"
     r"\s*\(|\s+[12](?:\b|CE)))|(?<=USMLE or )complex\b|(?<=USMLE/)complex\b", "COMLEX"),
    # words glued where a link was removed: "placed onJ-1 status", "theECFMG", "andUSMLE"
    (r"(?<=[a-z])(?=(?:J-?1|H-?1B?|ECFMG|USMLE|COMLEX|IMGs?)\b)", " "),
    # glued number and unit: "1SD" -> "1 SD", "2SD"
    (r"\b(\d)(SDs?)\b", r"\1 \2"),
]]
# An acronym beside its own bracketed expansion, once both are canonical: "ecfmg (ecfmg)".
_ACRONYM_DUP = prefiltered(r"\b(ecfmg|usmle|comlex|img|usce|j1|h1b|nrmp|eras)\s*\(\s*\1s?\s*\)")
# An acronym and its bracketed expansion, the expansion misspelt so that no rule rewrote it
# ("ECFMG (Education Committee for Foreign Medical Graduates) certificate"): the acronym names it.
_ACRONYM_GLOSS = prefiltered(r"\b(ecfmg|usmle|comlex|lcme|acgme|nrmp|eras|coca|aoa)\s*\(\s*((?:the )?[a-z][a-z'-]+"
                             r"(?:\s+(?:[a-z][a-z'-]*|img|us|&)){1,9})\s*\)")


def _gloss(m: re.Match) -> str:
    words = m.group(2).split()
    if words[0] == "the":
        words = words[1:]
    return m.group(1) if words and words[0][0] == m.group(1)[0] else m.group(0)


_EXPANSIONS = [(prefiltered(p, re.I), r) for p, r in [
    (r"\b(?:united states|us)\s+medical licens(?:ing|ure) exam(?:ination)?s?\b", "usmle"),
    (r"\bcomprehensive osteopathic medical licens(?:ing|ure) exam(?:ination)?s?\b", "comlex"),
    (r"\bus\s+clinical experience\s*\(\s*usce\s*\)", "us clinical experience"),
    (r"\bclinical experience in the\s+us\b", "us clinical experience"),
    # the exam named generically: "215 on each of the two steps", "both Step exams"
    (r"\beach of the (?:two|2) steps\b|\bboth (?:usmle )?steps?(?: exams?)?\b(?!\s*(?:1|2|i\b|one|two))|"
     r"\bboth (?:usmle )?step exams\b", "each of step1 and step2ck"),
]]


# Each guard is true wherever its pattern can match (substring tests where the pattern needs
# a literal: "COMPLEX", "omplex", "SD"; a dotted letter ".X." before the letter-dot run test).
_DOT_LETTER_DOT = re.compile(r"\.[A-Za-z]\.")
_DOTTED_RUN = re.compile(r"[A-Za-z]\.[A-Za-z]\.[A-Za-z]\.")
_GLUED = prefiltered(r"[a-z](?:J-?1|H-?1|ECFMG|USMLE|COMLEX|IMG)")
_PRE_GUARDS = (lambda t: _DOT_LETTER_DOT.search(t) is not None and _DOTTED_RUN.search(t) is not None,
               lambda t: "COMPLEX" in t, lambda t: "omplex" in t,
               lambda t: _GLUED.search(t) is not None, lambda t: "SD" in t)
assert len(_PRE_GUARDS) == len(_PRE)


def prenormalize(text: str) -> str:
    """The page's text with acronyms, capitalised exams and glued words made matchable."""
    for guard, (pattern, repl) in zip(_PRE_GUARDS, _PRE):
        if guard(text):
            text = pattern.sub(repl, text)
    return text


def canon(text: str) -> str:
    """Lower-case text with exams, visas and number words in one canonical spelling."""
    out = prenormalize(text).lower()
    if "hundred" in out:
        out = _HUNDREDS.sub(_hundreds, out)
    out = out.translate(_CHARS)
    # Guard words are looked up once, before the rewrites: a rewrite only creates words of its
    # own pattern's guards ("steps 1 and 2" -> "step 1 and step 2"), never another's.
    present = set(_GUARD_RE.findall(out))
    if present:
        # the patterns one of whose guards is present, in their order in _SUBS
        for i in sorted({i for word in present for i in _SUBS_OF_GUARD[word]}):
            pattern, repl, _ = _SUBS[i]
            out = pattern.sub(repl, out)
    if "licens" in out or "clinical experience" in out or "steps" in out or "step exams" in out:
        for pattern, repl in _EXPANSIONS:
            out = pattern.sub(repl, out)
    if "(" in out:
        out = _ACRONYM_DUP.sub(r"\1", out)
        out = _ACRONYM_GLOSS.sub(_gloss, out)
        out = _PAREN_DUP.sub(r"\1", out)
    out = _NUMBER_WORD.sub(lambda m: NUMBER_WORDS[m.group(1)], out)
    if "(" in out:
        out = _PAREN_DUP.sub(r"\1", out)     # "five (5) years" once the word is a digit
    if ", " in out:
        out = _ASIDE.sub(r"\1 ", out)      # "we do, however, expect" -> "we do expect"
    if '"' in out:
        out = out.replace('"', " ")     # 'no USMLE "cut offs"': quotes are not words
    if "non- us" in out:
        out = out.replace("non- us ", "non-us ")     # "non-U.S." once "U.S." is "us"
    return " ".join(out.split())       # runs of whitespace (re's \s, the same set) -> one space
