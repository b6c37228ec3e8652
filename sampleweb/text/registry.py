"""The phrasing registry: every hand-written template, with the CONTRACT values it expresses.

A template is registered with, for each CONTRACT field it states, a matcher saying which truth
values it can express. Rendering picks a template only when every field it states is in the
program's facts with a value its matcher accepts, so the metadata here *is* the reference
reading of the text: tests check the text against it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping

FIELDS: tuple[str, ...] = (
    "accepts_imgs",
    "j1_visa",
    "h1b_visa",
    "min_step2ck",
    "min_step1",
    "min_comlex2",
    "score_minimum_policy",
    "attempts_policy",
    "yog_max_years",
    "usce",
    "ecfmg_cert_required",
    "holistic_review",
    "comlex_accepted",
)

# What the sampleweb engineer may draw. Score ranges bracket real minimums: Step 2 CK pass mark
# 214 (2022), older cut-offs around 210-240; Step 1 minimums are legacy (pass mark 194 then);
# COMLEX Level 2-CE pass mark 400.
VALUES: dict[str, list] = {
    "accepts_imgs": [True, False],
    "j1_visa": ["yes", "no"],
    "h1b_visa": ["yes", "no", "conditional"],
    "min_step2ck": list(range(210, 246)),
    "min_step1": list(range(200, 241)),
    "min_comlex2": list(range(400, 561)),
    "score_minimum_policy": ["stated", "none"],
    "attempts_policy": ["first_attempt_only", "max_attempts_2", "max_attempts_3", "no_limit"],
    "yog_max_years": list(range(0, 11)),
    "usce": ["required", "preferred", "not_required"],
    "ecfmg_cert_required": ["by_application", "by_rank", "by_start", "required_unspecified"],
    "holistic_review": [True],
    "comlex_accepted": [True, False],
}

SCORE_FIELDS = ("min_step2ck", "min_step1", "min_comlex2")


@dataclass(frozen=True)
class Matcher:
    """Which truth values of one field a template can express."""

    name: str
    accepts: Callable[[object], bool]

    def __call__(self, value: object) -> bool:
        return self.accepts(value)


def one_of(*values: object) -> Matcher:
    # bools are compared by identity of type too, so that True never matches the int 1
    return Matcher(
        "|".join(map(str, values)),
        lambda v: any(type(v) is type(x) and v == x for x in values),
    )


def _is_int(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


ANY_SCORE = Matcher("score", lambda v: _is_int(v) and v > 0)
YEARS = Matcher("years>=1", lambda v: _is_int(v) and v >= 1)
NO_YOG_LIMIT = Matcher("0", lambda v: _is_int(v) and v == 0)
MAX_ATTEMPTS = Matcher(
    "max_attempts_N",
    lambda v: isinstance(v, str) and v.startswith("max_attempts_") and v[13:].isdigit()
    and int(v[13:]) >= 2,
)


@dataclass(frozen=True)
class Template:
    """One phrasing. `kind` is "qa" (question, answer), "say" (one statement) or "row"
    (label, cell). Parts are format strings over the render context (see render.context)."""

    key: str
    kind: str
    parts: tuple[str, ...]
    values: Mapping[str, Matcher]
    variant: str = ""
    guard: Callable[[Mapping[str, object]], bool] | None = None
    hints: tuple[str, ...] = ()
    named: frozenset[str] = frozenset()  # the fields it names on purpose (not implied ones)

    @property
    def fields(self) -> frozenset[str]:
        return frozenset(self.values)

    def fits(self, facts: Mapping[str, object]) -> bool:
        for name, match in self.values.items():
            if name not in facts or not match(facts[name]):
                return False
        return self.guard is None or self.guard(facts)


@dataclass(frozen=True)
class Distractor:
    """Text that states no CONTRACT field: boilerplate, stale references, look-alikes.
    `requires` keeps a distractor off pages where it could be misread against the facts."""

    key: str
    kind: str
    parts: tuple[str, ...]
    hints: tuple[str, ...]
    purpose: str  # "boilerplate" | "stale" | "lookalike"
    requires: Callable[[Mapping[str, object]], bool] | None = None


TEMPLATES: list[Template] = []
DISTRACTORS: list[Distractor] = []

_counters: dict[str, int] = {}


def _implied(values: dict[str, Matcher]) -> dict[str, Matcher]:
    """Fields a careful labeller reads into a statement beyond the ones it names."""
    out = dict(values)
    # A numeric minimum is a stated score policy (CONTRACT: "stated: a hard minimum is given").
    if any(f in out for f in SCORE_FIELDS):
        out.setdefault("score_minimum_policy", one_of("stated"))
    # A COMLEX minimum says COMLEX scores are taken (phrasings that keep USMLE mandatory
    # name comlex_accepted=False themselves).
    if "min_comlex2" in out:
        out.setdefault("comlex_accepted", one_of(True))
    # ECFMG certification is an IMG-specific requirement, which implies IMGs are considered.
    if "ecfmg_cert_required" in out:
        out.setdefault("accepts_imgs", one_of(True))
    return out


def add(
    kind: str,
    parts: tuple[str, ...] | str,
    variant: str = "",
    guard: Callable[[Mapping[str, object]], bool] | None = None,
    hints: tuple[str, ...] = (),
    **values: Matcher | object,
) -> Template:
    """Register a template. Keyword arguments name fields; a plain value means `one_of(value)`."""
    if isinstance(parts, str):
        parts = (parts,)
    expected = {"qa": 2, "say": 1, "row": 2}[kind]
    if len(parts) != expected:
        raise ValueError(f"{kind} template needs {expected} parts: {parts!r}")
    matchers = {
        name: (m if isinstance(m, Matcher) else one_of(m)) for name, m in values.items()
    }
    unknown = set(matchers) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown fields {unknown}")
    matchers = _implied(matchers)
    stem = "+".join(f for f in FIELDS if f in values)
    _counters[stem] = _counters.get(stem, 0) + 1
    t = Template(
        key=f"{stem}.{_counters[stem]:02d}",
        kind=kind,
        parts=tuple(parts),
        values=matchers,
        variant=variant,
        guard=guard,
        hints=hints,
        named=frozenset(values),
    )
    TEMPLATES.append(t)
    return t


def distractor(
    kind: str,
    parts: tuple[str, ...] | str,
    purpose: str,
    hints: tuple[str, ...],
    requires: Callable[[Mapping[str, object]], bool] | None = None,
) -> Distractor:
    if isinstance(parts, str):
        parts = (parts,)
    key = f"{purpose}.{sum(d.purpose == purpose for d in DISTRACTORS) + 1:02d}"
    d = Distractor(key, kind, tuple(parts), hints, purpose, requires)
    DISTRACTORS.append(d)
    return d
