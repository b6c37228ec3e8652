"""Data shapes of the eligibility extractor: the thirteen CONTRACT fields, a Fact, a page result."""

from __future__ import annotations

from dataclasses import dataclass, field as dc_field

# The thirteen fields of CONTRACT.md, in the order `gme extract` prints them.
FIELDS: tuple[str, ...] = (
    "accepts_imgs", "j1_visa", "h1b_visa", "min_step2ck", "min_step1", "min_comlex2",
    "score_minimum_policy", "attempts_policy", "yog_max_years", "usce",
    "ecfmg_cert_required", "holistic_review", "comlex_accepted",
)


@dataclass(slots=True)
class Fact:
    """One statement a page makes about one field.

    `strictness` is "hard" for rules (must, minimum, require) and "preferred" for wishes
    (prefer, competitive, encouraged). Only hard facts fill the minimum/rule fields; a
    "preferred" US clinical experience fact fills `usce` with the value "preferred".
    `url` is set by `merge_program` (and by `extract_page` when a url is given).
    """

    field: str
    value: object
    strictness: str = "hard"
    condition: str | None = None
    evidence: str = ""
    stale: bool = False
    url: str | None = None


@dataclass(slots=True)
class PageResult:
    """What one page (or, after merging, one program) says: chosen values plus every fact."""

    values: dict = dc_field(default_factory=lambda: {f: None for f in FIELDS})
    facts: list[Fact] = dc_field(default_factory=list)
    page_stale: bool = False      # the page mentions retired exams or long-past deadlines
    url: str | None = None
    # Set when the page exceeded its size or time budget (`eligibility.extract`): it was not
    # read, every field is unknown, and this says why ("visible text 1048576 chars > ...").
    oversize: str | None = None

    def evidence(self) -> dict:
        """Field -> evidence text of the fact that decided its value (non-null fields only)."""
        out = {}
        for name in FIELDS:
            fact = self.chosen(name)
            if fact is not None:
                out[name] = fact.evidence
        return out

    def chosen(self, name: str) -> Fact | None:
        """The fact whose value was chosen for `name` (first one with that value), or None."""
        value = self.values.get(name)
        if value is None:
            return None
        for fact in self.facts:
            if fact.field == name and fact.value == value and _counts(fact):
                return fact
        return None


def _counts(fact: Fact) -> bool:
    """Whether a fact may decide its field's value (preferences fill only `usce`)."""
    return fact.strictness == "hard" or (fact.field == "usce" and fact.value == "preferred")


from eligibility.contract import CONTRACT, FieldSpec, field_spec  # noqa: E402,F401  (the field contract)
