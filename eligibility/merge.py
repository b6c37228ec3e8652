"""`merge_program`: combine the facts of one program's pages into one set of values.

Precedence, strongest first:
1. the page kind: a dedicated eligibility / requirements / FAQ / IMG page beats an
   application or program-overview page, which beats the home page, which beats news, blog
   and event posts (kind from the caller, else guessed from the URL path);
2. within the same kind, the page-level rules of `eligibility.extract` (specific beats
   generic; "stated" beats "none"; conditional H-1B beats yes; required > preferred >
   not_required for USCE; the earliest ECFMG deadline; COMLEX False beats True);
3. fresh beats stale: a fact whose evidence names a retired exam or a long-past deadline
   loses to a fresh fact from an equally ranked page;
4. a disagreement left after that between equally ranked pages leaves the field null.
Every fact of every page is kept in `facts` (with its url), so `core.program_facts` shows
conflicts; `values` holds the chosen ones.
"""

from __future__ import annotations

import re

from eligibility.extract import resolve
from eligibility.model import FIELDS, Fact, PageResult, _counts

KIND_RANK = {"eligibility": 4, "requirements": 4, "faq": 4, "img": 4, "application": 3,
             "apply": 3, "program": 2, "about": 2, "home": 1, "other": 1, "news": 0, "blog": 0,
             "event": 0}
_URL_KINDS = [     # news first: a news post about visas is still a news post
    ("news", re.compile(r"news|blog|event|press|story|stories|announce|/20\d\d/", re.I)),
    ("eligibility", re.compile(r"eligib|requirement|criteria|qualif|img|international|"
                               r"foreign|visa|faq|frequently|prospective", re.I)),
    ("application", re.compile(r"appl(?:y|ication)|how-to|selection|recruit|admission", re.I)),
]


def page_kind(url: str | None, kind: str | None) -> str:
    if kind:
        return kind.lower()
    if not url:
        return "other"
    path = re.sub(r"^[a-z]+://[^/]+", "", url)
    if path in ("", "/", "/index.html"):
        return "home"
    for name, pattern in _URL_KINDS:
        if pattern.search(path):
            return name
    return "other"


def merge_program(pages: list[tuple[str | None, str | None, PageResult]]) -> PageResult:
    """Merge `(url, page_kind_or_None, result)` triples of one program (see module doc)."""
    merged = PageResult()
    per_field: dict[str, list[tuple[Fact, int]]] = {f: [] for f in FIELDS}
    ranked: list[tuple[int, str, int, Fact]] = []
    for url, kind, result in pages:
        weight = KIND_RANK.get(page_kind(url, kind), 1)
        for fact in result.facts:
            fact = Fact(fact.field, fact.value, fact.strictness, fact.condition, fact.evidence,
                        fact.stale, fact.url or url)
            # Rank pages first, freshness second.
            rank = weight * 2 + (0 if fact.stale else 1)
            ranked.append((rank, fact.url or "", len(ranked), fact))
            if result.values.get(fact.field) == fact.value and _counts(fact):
                per_field[fact.field].append((fact, rank))
        merged.page_stale = merged.page_stale or result.page_stale
    # Facts strongest first, then by URL and page order: `chosen(field)` (the first fact with the
    # chosen value) then names the page that decided, and the same pages in any order give the same
    # chosen fact (two equally ranked pages with one value: the first URL).
    merged.facts = [fact for *_, fact in sorted(ranked, key=lambda r: (-r[0], r[1], r[2]))]
    for field in FIELDS:
        facts = per_field[field]
        if not facts:
            continue
        top = max(r for _, r in facts)
        merged.values[field] = resolve(field, [(f, 1) for f, r in facts if r == top])
    return merged
