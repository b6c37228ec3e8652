"""Choose and fill phrasings for one program: fact blocks for every known field, plus distractors.

All choices come from the caller's `random.Random`, in a fixed order (CONTRACT field order,
registry order), so the same rng state and arguments give the same blocks.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from typing import Mapping

from sampleweb.text import markup
from sampleweb.text.registry import (
    DISTRACTORS,
    FIELDS,
    MAX_ATTEMPTS,
    SCORE_FIELDS,
    TEMPLATES,
    VALUES,
    Distractor,
    Template,
)

FORMS = ("qa", "bullet", "table_row", "prose", "heading_section")
PAGE_HINTS = ("eligibility", "faq", "img", "apply", "about", "news", "benefits", None)


@dataclass(frozen=True)
class Block:
    """One self-contained piece of a program's site.

    `fields` are the CONTRACT fields this block states (empty for distractors/boilerplate);
    `html` is a fragment whose root is one element (<li> for bullets, <tr> for table rows,
    a single <dl>/<div>/<details> for Q/A, <p> for prose, <section> for heading sections);
    `text` has the same words, for PDFs. `template` names the phrasing (for debugging and
    tests; " & " joins the names when statements share a paragraph)."""

    fields: frozenset
    form: str
    html: str
    text: str
    page_hint: str | None
    pdf_ok: bool
    template: str = ""
    # for a paragraph joined from several statements: each statement's plain text, in the
    # order of `template`'s " & "-separated keys (empty otherwise)
    statements: tuple[str, ...] = ()


# Where a statement about a field usually lives on a real site.
FIELD_PAGES: dict[str, tuple[str, ...]] = {
    "accepts_imgs": ("img", "eligibility", "apply"),
    "j1_visa": ("img", "eligibility", "faq"),
    "h1b_visa": ("img", "eligibility", "faq"),
    "min_step2ck": ("eligibility", "apply"),
    "min_step1": ("eligibility", "apply"),
    "min_comlex2": ("eligibility", "apply"),
    "score_minimum_policy": ("eligibility", "apply", "faq"),
    "attempts_policy": ("eligibility", "apply"),
    "yog_max_years": ("eligibility", "img"),
    "usce": ("eligibility", "img", "apply"),
    "ecfmg_cert_required": ("img", "eligibility", "apply"),
    "holistic_review": ("apply", "about", "eligibility"),
    "comlex_accepted": ("eligibility", "apply", "faq"),
}

# Neutral section headings: they name a topic and never state a value.
HEADINGS: dict[str, tuple[str, ...]] = {
    "accepts_imgs": ("International Medical Graduates", "IMG Applicants",
                     "Graduates of Foreign Schools"),
    "j1_visa": ("Visa Sponsorship", "Visas", "Immigration Status"),
    "h1b_visa": ("Visa Sponsorship", "Visa Information", "H-1B Visas"),
    "min_step2ck": ("Board Scores", "USMLE Requirements", "Examination Scores"),
    "min_step1": ("Board Scores", "USMLE Requirements", "Step 1"),
    "min_comlex2": ("COMLEX", "Osteopathic Applicants", "Board Scores"),
    "score_minimum_policy": ("Score Cut-offs", "Board Scores", "Screening"),
    "attempts_policy": ("Exam Attempts", "USMLE Attempts", "Board Examinations"),
    "yog_max_years": ("Year of Graduation", "Graduation Date", "Recency of Graduation"),
    "usce": ("Clinical Experience", "US Clinical Experience", "Prior Clinical Work"),
    "ecfmg_cert_required": ("ECFMG Certification", "Certification", "ECFMG"),
    "holistic_review": ("How We Review Applications", "Our Selection Process", "Selection"),
    "comlex_accepted": ("Osteopathic Applicants", "COMLEX", "DO Applicants"),
}

_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
          "ten", "eleven", "twelve")


def word(n: int) -> str:
    return _WORDS[n] if 0 <= n < len(_WORDS) else str(n)


def plural(n: int, unit: str, words: bool = False) -> str:
    count = word(n) if words else str(n)
    return f"{count} {unit}" if n == 1 else f"{count} {unit}s"


def _attempts(value: object) -> int:
    if isinstance(value, str) and value.startswith("max_attempts_"):
        return int(value.rsplit("_", 1)[1])
    return 2  # unused by templates for other values; keeps formatting total


def context(facts: Mapping[str, object], rng: random.Random, program: Mapping[str, object]) -> dict:
    """Everything a template may refer to. Non-fact extras (dates, months) come from rng."""
    yog = facts.get("yog_max_years")
    yog = yog if isinstance(yog, int) and not isinstance(yog, bool) else 3
    att = _attempts(facts.get("attempts_policy"))
    step2 = facts.get("min_step2ck") or 220
    comlex = facts.get("min_comlex2") or 450
    floor = max(int(step2), int(facts.get("min_step1") or 0))
    specialty = str(program.get("specialty") or "residency")
    past = rng.randint(2012, 2020)
    return {
        "name": program.get("name") or "our residency program",
        "institution": program.get("institution") or "our hospital",
        "specialty": specialty,
        "city": program.get("city") or "our city",
        "state": program.get("state") or "",
        "step2": step2,
        "step1": facts.get("min_step1") or 210,
        "comlex": comlex,
        "yog": yog,
        "yog_word": word(yog),
        "yog_years": plural(yog, "year"),
        "yog_years_word": plural(yog, "year", words=True),
        "att": att,
        "att_word": word(att),
        "att_attempts_word": plural(att, "attempt", words=True),
        "fails_word": plural(att - 1, "failed attempt", words=True),
        "step3_deadline": rng.choice(("January 31", "February 1", "the rank order list deadline",
                                      "December 31 of the application year", "January 15")),
        "rank_deadline": rng.choice(("January 31", "February 15", "February 1",
                                     "the NRMP rank order list certification deadline")),
        "usce_months": rng.choice(("three months", "3 months", "two months", "6 months",
                                   "four weeks", "8 weeks", "one month")),
        # Look-alike numbers sit above any stated minimum so they never read as a lower bound.
        "pref_score": max(floor + 6, rng.choice((230, 235, 238, 240, 245))),
        "avg_score": max(floor + 4, rng.randint(236, 251)),
        "avg_comlex": max(comlex + 20, rng.randint(540, 610)),
        "past": past,
        "past_next": past + 1,
        "past_prev": past - 1,
        "day": rng.choice(("October 1", "November 1", "September 15", "October 15",
                           "December 1")),
        "n_positions": rng.choice(("six", "eight", "ten", "twelve", "fourteen", "18", "24")),
    }


def check_consistent(facts: Mapping[str, object]) -> None:
    """Refuse fact sets that no page could state without also stating something else."""
    for name, value in facts.items():
        if name not in FIELDS:
            raise ValueError(f"unknown CONTRACT field {name!r}")
        allowed = VALUES[name]
        is_int = isinstance(value, int) and not isinstance(value, bool)
        if isinstance(allowed[0], int) and not isinstance(allowed[0], bool):
            if not is_int or value < 0:
                raise ValueError(f"{name} must be a non-negative integer, not {value!r}")
        elif name == "attempts_policy" and MAX_ATTEMPTS(value):
            continue  # CONTRACT allows any N; VALUES lists the usual ones
        elif not any(type(value) is type(a) and value == a for a in allowed):
            raise ValueError(f"{name}={value!r} is not one of {allowed}")
    if any(f in facts for f in SCORE_FIELDS) and facts.get("score_minimum_policy") != "stated":
        raise ValueError(
            "a numeric score minimum states score_minimum_policy='stated'; "
            "set it (see sampleweb.text.consistent_facts)"
        )
    if "min_comlex2" in facts and "comlex_accepted" not in facts:
        raise ValueError(
            "a COMLEX minimum states comlex_accepted (True, or False with 'in addition to "
            "USMLE' wording); set it (see sampleweb.text.consistent_facts)"
        )
    if "ecfmg_cert_required" in facts and facts.get("accepts_imgs") is not True:
        raise ValueError(
            "an ECFMG certification rule is an IMG-specific requirement and states "
            "accepts_imgs=True; set it (see sampleweb.text.consistent_facts)"
        )


def consistent_facts(facts: Mapping[str, object]) -> dict[str, object]:
    """A copy of `facts` (nulls dropped) with the values that stating the others implies:
    any numeric minimum → score_minimum_policy "stated"; a COMLEX minimum → comlex_accepted
    True unless it is already given; an ECFMG rule → accepts_imgs True (or, if the facts say
    IMGs are not accepted, the ECFMG rule is dropped)."""
    out = {k: v for k, v in facts.items() if v is not None}
    if any(f in out for f in SCORE_FIELDS):
        out["score_minimum_policy"] = "stated"
    if "min_comlex2" in out:
        out.setdefault("comlex_accepted", True)
    if "ecfmg_cert_required" in out:
        if out.get("accepts_imgs") is False:
            del out["ecfmg_cert_required"]
        else:
            out["accepts_imgs"] = True
    return out


def _fill(parts: tuple[str, ...], ctx: dict) -> tuple[str, ...]:
    filled = (p.format_map(ctx) for p in parts)
    # a sentence may open with a filled-in name ("our hospital ...")
    return tuple(p[:1].upper() + p[1:] for p in filled)


def _render(kind: str, parts: tuple[str, ...], style: str, rng: random.Random,
            headings: tuple[str, ...]) -> tuple[str, str, str]:
    """→ (form, html, text)."""
    if kind == "qa":
        return ("qa", *markup.qa(style, *parts))
    if kind == "row":
        if rng.random() < 0.7:
            return ("table_row", *markup.table_row(style, *parts))
        return ("bullet", *markup.labelled_bullet(style, *parts))
    roll = rng.random()
    if roll < 0.45:
        return ("bullet", *markup.bullet(style, parts[0]))
    if roll < 0.8:
        return ("prose", *markup.prose(style, parts[0]))
    return ("heading_section", *markup.heading_section(style, rng.choice(headings), parts[0]))


def _page(form: str, hints: tuple[str, ...], rng: random.Random) -> str | None:
    if form == "qa" and rng.random() < 0.7:
        return "faq"
    return rng.choice(hints)


# Sentences that carry no fact, added around a statement the way real paragraphs pad them.
NEUTRAL_AFTER = (
    "Questions may be sent to the program coordinator.",
    "This policy is reviewed each year by the program leadership.",
    "The information on this page is updated every recruitment season.",
    "Please contact our office if anything here is unclear.",
    "Thank you for your interest in {name}.",
)
# Hedges that keep the meaning ("at this time" is how real pages soften a rule).
HEDGES = ("At this time, ", "For the current recruitment season, ", "Currently, ",
          "As of this year, ")
NOTES = ("Please note: ", "Note: ", "Important: ")
_LOWER_OK = {"We", "The", "There", "Applicants", "All", "Our", "Each", "Every", "Candidates",
             "Applications", "No", "Only", "A", "An", "Graduation", "Graduates"}


def _decorate(sentence: str, fields: frozenset, ctx: dict, rng: random.Random) -> str:
    """Pad a prose statement with a hedge, a note label or a neutral follow-up sentence."""
    first = sentence.split(" ", 1)[0]
    roll = rng.random()
    # a hedge like "at this time" would blur *when* ECFMG certification is due: not there
    if roll < 0.2 and first in _LOWER_OK and "ecfmg_cert_required" not in fields:
        sentence = rng.choice(HEDGES) + sentence[0].lower() + sentence[1:]
    elif roll < 0.35 and ":" not in sentence:
        sentence = rng.choice(NOTES) + sentence
    if rng.random() < 0.3:
        sentence = f"{sentence} {rng.choice(NEUTRAL_AFTER).format_map(ctx)}"
    return sentence


def _fact_block(t: Template, lead: str, ctx: dict, style: str,
                rng: random.Random) -> tuple[Block, str]:
    """The block, and its statement (kept so prose blocks can later share a paragraph)."""
    parts = _fill(t.parts, ctx)
    if t.kind == "say":
        parts = (_decorate(parts[0], t.fields, ctx, rng),)
    form, html, text = _render(t.kind, parts, style, rng, HEADINGS[lead])
    block = Block(t.fields, form, html, text, _page(form, t.hints or FIELD_PAGES[lead], rng),
                  True, t.key)
    return block, parts[0]


def _paragraphs(blocks: list[Block], sentences: dict[int, str], style: str,
                rng: random.Random) -> list[Block]:
    """Real pages run several rules together in one paragraph: join some prose statements
    bound for the same page (never two about the same field) into one <p>."""
    by_page: dict[str | None, list[int]] = {}
    for i, b in enumerate(blocks):
        if b.form == "prose" and i in sentences:
            by_page.setdefault(b.page_hint, []).append(i)
    dropped: set[int] = set()
    out = list(blocks)
    for indices in by_page.values():
        if len(indices) < 2 or rng.random() < 0.4:
            continue
        first, group = indices[0], [indices[0]]
        fields = set(blocks[first].fields)
        for i in indices[1:rng.randint(2, 3)]:
            if not fields & blocks[i].fields:
                group.append(i)
                fields |= blocks[i].fields
        if len(group) < 2:
            continue
        html, text = markup.prose(style, " ".join(sentences[i] for i in group))
        out[first] = Block(frozenset(fields), "prose", html, text, blocks[first].page_hint,
                           True, " & ".join(blocks[i].template for i in group),
                           tuple(markup.plain(sentences[i]) for i in group))
        dropped.update(group[1:])
    return [b for i, b in enumerate(out) if i not in dropped]


def _named(t: Template) -> frozenset[str]:
    """The fields a template names on purpose (not the ones it implies)."""
    return t.named


# A variant names the condition a phrasing attaches to one field; two blocks about that field
# must carry the same one (both plain, or both "observerships count", ...).
VARIANT_FIELD = {"h1b": "h1b_visa", "obs": "usce", "yog": "yog_max_years"}


def _variant(t: Template, field: str) -> str:
    if t.variant and VARIANT_FIELD[t.variant.split("_", 1)[0]] == field:
        return t.variant
    return ""


_index: tuple[int, dict[str, list[Template]]] = (0, {})


def _by_field(field: str) -> list[Template]:
    """Templates stating `field`, in registry order; re-indexed if phrasings were added."""
    global _index
    if _index[0] != len(TEMPLATES):
        index: dict[str, list[Template]] = {}
        for t in TEMPLATES:
            for f in t.fields:
                index.setdefault(f, []).append(t)
        _index = (len(TEMPLATES), index)
    return _index[1].get(field, [])


def _pick(
    field: str,
    facts: Mapping[str, object],
    covered: set[str],
    variants: dict[str, str],
    used: set[str],
    rng: random.Random,
    allow_combo: bool,
) -> Template | None:
    def compatible(t: Template) -> bool:
        if t.key in used or field not in t.values or not t.fits(facts):
            return False
        return all(variants.get(f, _variant(t, f)) == _variant(t, f) for f in t.fields)

    fitting = [t for t in _by_field(field) if compatible(t)]
    # a repeat names only its own field, so no other field gets a third mention
    single = [t for t in fitting if len(_named(t)) == 1 and (allow_combo or _named(t) == {field})]
    combo = [t for t in fitting if len(_named(t)) > 1 and not ((_named(t) - {field}) & covered)]
    if allow_combo and combo and (not single or rng.random() < 0.3):
        return rng.choice(combo)
    if single:
        return rng.choice(single)
    if not allow_combo:
        return None
    return rng.choice(fitting) if fitting else None


def render_blocks(
    facts: Mapping[str, object],
    rng: random.Random,
    style: str,
    program: Mapping[str, object],
) -> list[Block]:
    """Blocks stating exactly `facts` (null values are skipped), plus 1-4 distractors."""
    facts = {k: v for k, v in facts.items() if v is not None}
    check_consistent(facts)
    ctx = context(facts, rng, program)
    order = [f for f in FIELDS if f in facts]
    rng.shuffle(order)
    covered: set[str] = set()
    variants: dict[str, str] = {}
    used: set[str] = set()
    blocks: list[Block] = []
    sentences: dict[int, str] = {}  # block index -> statement, for prose blocks
    mentions: Counter[str] = Counter()  # how many blocks name each field

    def emit(t: Template, lead: str) -> None:
        block, sentence = _fact_block(t, lead, ctx, style, rng)
        if block.form == "prose":
            sentences[len(blocks)] = sentence
        blocks.append(block)
        covered.update(t.fields)
        used.add(t.key)
        mentions.update(_named(t))
        for f in t.fields:
            variants.setdefault(f, _variant(t, f))

    for field in order:
        if field in covered:
            continue
        t = _pick(field, facts, covered, variants, used, rng, allow_combo=True)
        if t is None:
            raise ValueError(f"no phrasing for {field}={facts[field]!r} with these facts")
        emit(t, field)
    # Real sites repeat themselves (FAQ and eligibility page); repeats must agree.
    for field in order:
        if rng.random() < 0.12 and mentions[field] < 2:
            t = _pick(field, facts, covered, variants, used, rng, allow_combo=False)
            if t is not None:
                emit(t, field)
    blocks = _paragraphs(blocks, sentences, style, rng)

    pool = [d for d in DISTRACTORS if d.requires is None or d.requires(facts)]
    for d in rng.sample(pool, min(len(pool), rng.randint(1, 4))):
        blocks.append(_distractor_block(d, ctx, style, rng))
    rng.shuffle(blocks)
    return blocks


def _distractor_block(d: Distractor, ctx: dict, style: str, rng: random.Random) -> Block:
    form, html, text = _render(d.kind, _fill(d.parts, ctx), style, rng,
                               ("Additional Information", "Please Note", "General Information"))
    page = _page(form, d.hints, rng)
    # news items and benefits boilerplate do not belong in a requirements PDF
    return Block(frozenset(), form, html, text, page, page not in ("news", "benefits"), d.key)
