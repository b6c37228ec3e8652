"""The field contract: the thirteen eligibility fields with their kind, values, SQL type and text codec.

This is the one definition of the vocabulary of CONTRACT.md ("gme extract --format jsonl").
Everything else is built from it or tested against it:
- the Great Expectations suites' field expectations (`expectations/suites.py`);
- the pipeline's text codec and published column types (`pipelines/transforms/fields.py`);
- `warehouse/schema.sql`'s field columns and comments, and the sample web's truth vocabulary
  (`sampleweb/text/registry.py`, which keeps its own copy so that it stays an independent
  truth), checked by `tests/contract/`.

Values travel as text in `staging.page_facts.value` and `core.program_facts.value`
(`true`/`false`, integers in decimal, policy names as they are); `core.programs` holds them typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BOOL, ENUM, INT = "bool", "enum", "int"
_SQL_TYPES = {BOOL: "BOOLEAN", ENUM: "VARCHAR", INT: "INTEGER"}
_INT_TEXT = re.compile(r"-?[0-9]+")


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One CONTRACT field: what kind of value it takes and which values are allowed.

    `values` lists the allowed values of a bool or enum field in their Python form (True/False,
    strings); an int field allows every integer from `minimum` to `maximum` (inclusive).
    """

    name: str
    kind: str
    values: tuple = ()
    minimum: int | None = None
    maximum: int | None = None
    meaning: str = ""

    @property
    def sql_type(self) -> str:
        """The column type of this field in `core.programs` (DuckDB)."""
        return _SQL_TYPES[self.kind]

    def allows(self, value: object) -> bool:
        """Whether `value` (Python form; None = not stated) is a value this field may take."""
        if value is None:
            return True
        if self.kind == INT:
            return type(value) is int and self.minimum <= value <= self.maximum
        if self.kind == BOOL:
            return type(value) is bool and value in self.values
        return type(value) is str and value in self.values

    def to_text(self, value: object) -> str | None:
        """The canonical text form of a value (what `program_facts.value` holds)."""
        if value is None:
            return None
        if self.kind == BOOL:
            if type(value) is not bool:
                raise ValueError(f"{self.name}: {value!r} is not a boolean")
            return "true" if value else "false"
        if self.kind == INT:
            if type(value) is not int:
                raise ValueError(f"{self.name}: {value!r} is not an integer")
            return str(value)
        return str(value)

    def from_text(self, text: str | None) -> object:
        """Inverse of `to_text`; a text that is not of this field's kind is a ValueError."""
        if text is None:
            return None
        if self.kind == BOOL:
            if text not in ("true", "false"):
                raise ValueError(f"{self.name}: {text!r} is not true or false")
            return text == "true"
        if self.kind == INT:
            if not _INT_TEXT.fullmatch(text):
                raise ValueError(f"{self.name}: {text!r} is not an integer")
            return int(text)
        return text

    def text_values(self) -> tuple[str, ...]:
        """Allowed values of a bool or enum field as text (empty for an int field)."""
        return tuple(self.to_text(v) for v in self.values)

    def text_pattern(self) -> str:
        """A regular expression that the text form of every allowed value matches in full."""
        if self.kind == INT:
            return f"[0-9]{{{len(str(self.minimum))},{len(str(self.maximum))}}}"
        return "(?:" + "|".join(re.escape(v) for v in self.text_values()) + ")"


def _enum(name: str, values: tuple[str, ...], meaning: str) -> FieldSpec:
    return FieldSpec(name, ENUM, values, meaning=meaning)


def _bool(name: str, values: tuple[bool, ...], meaning: str) -> FieldSpec:
    return FieldSpec(name, BOOL, values, meaning=meaning)


def _int(name: str, minimum: int, maximum: int, meaning: str) -> FieldSpec:
    return FieldSpec(name, INT, minimum=minimum, maximum=maximum, meaning=meaning)


# The largest attempts limit a program states in practice is 3-4; 6 leaves room without
# letting a misread number ("max_attempts_20") through.
MAX_ATTEMPTS = 6

# Score ranges: USMLE three-digit scores (Step 2 CK pass mark 214, Step 1 legacy 194; the
# extractor reads USMLE numbers from 150 to 300 and COMLEX ones from 300 to 900, and a minimum
# below 180 is not one a program states); COMLEX Level 2-CE pass mark 400.
SPECS: tuple[FieldSpec, ...] = (
    _bool("accepts_imgs", (True, False), "the program considers (or does not consider) IMGs"),
    _enum("j1_visa", ("yes", "no"), "accepts or sponsors ECFMG J-1"),
    _enum("h1b_visa", ("yes", "no", "conditional"), "sponsors H-1B; conditional: only under a stated condition"),
    _int("min_step2ck", 180, 300, "hard USMLE Step 2 CK minimum"),
    _int("min_step1", 180, 300, "hard numeric USMLE Step 1 minimum (legacy)"),
    _int("min_comlex2", 300, 900, "hard COMLEX Level 2-CE minimum"),
    _enum("score_minimum_policy", ("stated", "none"), "a hard minimum is given / the page says there is none"),
    _enum("attempts_policy",
          ("first_attempt_only", *(f"max_attempts_{n}" for n in range(1, MAX_ATTEMPTS + 1)), "no_limit"),
          "hard rule on exam attempts"),
    _int("yog_max_years", 0, 60, "must have graduated within N years; 0 = no limit"),
    _enum("usce", ("required", "preferred", "not_required"), "US clinical experience"),
    _enum("ecfmg_cert_required", ("by_application", "by_rank", "by_start", "required_unspecified"),
          "when ECFMG certification must be held"),
    _bool("holistic_review", (True,), "the program says it reviews applications as a whole (never False)"),
    _bool("comlex_accepted", (True, False), "COMLEX can stand in for USMLE"),
)

CONTRACT: dict[str, FieldSpec] = {spec.name: spec for spec in SPECS}
CONTRACT_FIELDS: tuple[str, ...] = tuple(CONTRACT)  # CONTRACT.md order (= eligibility.FIELDS)


def field_spec(name: str) -> FieldSpec:
    """The spec of one field; an unknown name is a one-line KeyError."""
    try:
        return CONTRACT[name]
    except KeyError:
        raise KeyError(f"{name!r} is not one of the thirteen eligibility fields") from None


def fields_of_kind(kind: str) -> tuple[str, ...]:
    """The names of the fields of one kind (BOOL, ENUM or INT), in contract order."""
    return tuple(s.name for s in SPECS if s.kind == kind)
