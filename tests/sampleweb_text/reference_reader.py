"""A deliberately simple, independent reading of rendered eligibility text, for tests.

It does not extract values; it checks that a block's text carries the cues a reader needs for
the value its template is registered with (the number itself, a negation for "no", "only" for a
conditional...), and that a block does not carry cues of fields it does not claim to state.
"""

from __future__ import annotations

import re

_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
NEG = r"\b(no|not|none|unable|cannot|do not|does not|only|unfortunately)\b"


def _has(pattern: str, text: str) -> bool:
    return re.search(pattern, text, re.I) is not None


def _number(n: int, text: str) -> bool:
    forms = [str(n)] + ([_WORDS[n]] if n < len(_WORDS) else [])
    return any(_has(rf"\b{f}\b", text) for f in forms)


def cue(field: str, value: object, text: str) -> str | None:
    """None when the text carries a cue for field=value, else what is missing."""
    checks: list[tuple[str, bool]] = []
    if field == "accepts_imgs":
        restricted = _has(r"graduates of a US or Canadian", text)
        checks.append(("names IMGs", restricted or _has(
            r"IMG|international|foreign|abroad|outside the United|LCME|ECFMG|"
            r"Educational Commission", text)))
        if value is False:
            checks.append(("negation", restricted or _has(NEG, text)))
    elif field == "j1_visa":
        checks.append(("names the J-1 or visas", _has(r"J-1|visas?\b", text)))
        if value == "no":
            checks.append(("negation", _has(NEG, text)))
    elif field == "h1b_visa":
        checks.append(("names the H-1B or visas", _has(r"H-1B|visas?\b", text)))
        if value == "no":
            checks.append(("negation", _has(NEG, text)))
        if value == "conditional":
            checks.append(("a condition", _has(r"\bonly\b|if, and only if|limited to", text)))
        if value == "yes":
            checks.append(("no condition", not _has(r"Step 3|\bonly if\b|transfer|F-1", text)))
    elif field in ("min_step2ck", "min_step1", "min_comlex2"):
        checks.append((f"the number {value}", _has(rf"\b{value}\b", text)))
        checks.append(("hard wording", not _has(r"prefer|competitive|usually", text)))
    elif field == "score_minimum_policy":
        if value == "stated":
            checks.append(("a threshold", _has(r"\b\d{3}\b|national|standard deviation|"
                                               r"percentile", text)))
        else:
            checks.append(("no cutoff", _has(r"\bno\b|not|none", text)))
            checks.append(("no number", not _has(r"\b\d{3}\b", text)))
    elif field == "attempts_policy":
        if value == "first_attempt_only":
            checks.append(("first attempt", _has(r"first[- ](attempt|try)|any fail|failure on any|"
                                                 r"failed exam attempts\W+not accepted", text)))
        elif value == "no_limit":
            checks.append(("no limit", _has(r"no (limit|cap|restriction)|do not limit|None|"
                                            r"limit on the number of attempts\?\W+(A:\s*)?No\b",
                                            text)))
        else:
            n = int(str(value).rsplit("_", 1)[1])
            checks.append((f"{n} attempts", _number(n, text) or (
                _number(n - 1, text) and _has("fail", text))))
    elif field == "yog_max_years":
        if value == 0:
            checks.append(("no limit", _has(r"\bno\b|not|None|regardless", text)))
        else:
            checks.append((f"{value} years", _number(int(value), text)))
    elif field == "usce":
        checks.append(("names US clinical experience",
                       _has(r"US clinical|USCE|clinical experience in the United|"
                            r"clinical work or rotations in a US|US setting|"
                            r"clinical experience in a US", text)))
        if value == "required":
            checks.append(("hard wording", _has(r"requir|must|need", text)
                           and not _has(r"prefer|recommend|helpful|not required", text)))
        elif value == "preferred":
            checks.append(("preference", _has(r"prefer|recommend|helpful", text)))
        else:
            checks.append(("not required", _has(r"\bnot\b|\bno\b|None", text)
                           and not _has(r"prefer|recommend|helpful", text)))
    elif field == "ecfmg_cert_required":
        checks.append(("names ECFMG", _has(r"ECFMG|Educational Commission", text)))
        timing = {
            "by_application": r"\bappl(y|ying|ication)",
            "by_rank": r"rank",
            "by_start": r"start|begin|orientation|first day",
        }
        for kind, pattern in timing.items():
            if kind == value:
                checks.append((f"timing {kind}", _has(pattern, text)))
            elif value == "required_unspecified" or kind != "by_application":
                checks.append((f"not timing {kind}", not _has(pattern, text)))
    elif field == "holistic_review":
        checks.append(("whole-application wording",
                       _has(r"holistic|entire|whole|single (criterion|factor)|one consideration|"
                            r"one part|complete application|in full|more than a number|"
                            r"one metric", text)))
    elif field == "comlex_accepted":
        checks.append(("names COMLEX", _has("COMLEX|Level 2-CE", text)))
        if value is True:
            # a COMLEX minimum says COMLEX scores are taken
            minimum = _has(r"COMLEX|Level 2-CE", text) and _has(r"\b\d{3}\b", text)
            checks.append(("stands in", minimum or _has(
                r"in place|in lieu|instead|either|alone is sufficient|on their own|"
                r"or a COMLEX|or COMLEX", text)))
        else:
            checks.append(("does not stand in", _has(r"not|\bNo\b|in addition|as well|"
                                                     r"mandatory|cannot", text)))
    missing = [name for name, ok in checks if not ok]
    return ", ".join(missing) if missing else None


def cues_ok(text: str, stated: dict) -> tuple[bool, str]:
    for field, value in stated.items():
        why = cue(field, value, text)
        if why:
            return False, f"{field}={value!r} lacks {why}"
    return True, ""


def absent_cues_ok(text: str, fields: frozenset) -> tuple[bool, str]:
    """A fact block must not carry the tell-tale words of a field it does not state."""
    if "j1_visa" not in fields and _has(r"J-1", text):
        return False, "mentions J-1"
    if "h1b_visa" not in fields and _has(r"H-1B", text):
        return False, "mentions H-1B"
    if "ecfmg_cert_required" not in fields and _has(r"certif", text):
        return False, "mentions certification"
    if not fields & {"min_step2ck", "min_step1", "min_comlex2"} and _has(r"\b\d{3}\b", text):
        return False, "quotes a score"
    if "attempts_policy" not in fields and _has(r"attempt|first try|retake", text):
        return False, "mentions attempts"
    if "usce" not in fields and _has(r"\bUS clinical|USCE|observership", text):
        return False, "mentions US clinical experience"
    if "holistic_review" not in fields and _has(r"holistic|entire application|as a whole",
                                                 text):
        return False, "mentions holistic review"
    if "yog_max_years" not in fields and _has(r"graduat(ed|ion) (within|year|date|cutoff)",
                                               text):
        return False, "mentions a graduation-year rule"
    if "accepts_imgs" not in fields and _has(r"\bIMGs?\b|international medical|international "
                                             r"graduates", text):
        return False, "mentions IMGs"
    return True, ""
