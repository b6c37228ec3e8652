"""The applicant profile of CONTRACT.md ("Applicant profiles"): fields, strict validation, loading.

Every refusal is one line, `FILE: field: reason` (`FILE:LINE: field: reason` for JSONL), so a
CLI can print it as is and exit 2.
"""

from __future__ import annotations

import csv
import json
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

SPECIALTIES_CSV = Path(__file__).resolve().parents[1] / "data" / "specialties.csv"

# The 50 states, DC, and the territories with ACGME programs (and the other USPS territory codes).
STATE_CODES = frozenset(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY "
    "NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR GU VI AS MP".split()
)

# USMLE Step 2 CK minimum passing score by the date the exam was taken. The USMLE program
# announced the rise from 209 to 214 for examinations on or after July 1, 2022 (USMLE
# announcement "USMLE Step 2 CK minimum passing score increase", usmle.org, 2022). Earlier
# changes are not modelled: 209 is used for every date before 2022-07-01.
STEP2CK_PASS_MARKS: tuple[tuple[date, int], ...] = ((date(2022, 7, 1), 214), (date.min, 209))


def step2ck_pass_mark(taken: date | None) -> tuple[int, date | None]:
    """(pass mark, in force since) for an exam taken on `taken` (None: today's pass mark)."""
    for since, mark in STEP2CK_PASS_MARKS:
        if taken is None or taken >= since:
            return mark, (since if since != date.min else None)
    raise AssertionError("unreachable")


@lru_cache(maxsize=1)
def specialty_names() -> dict[str, str]:
    """ACGME specialty code -> name, from pipelines/data/specialties.csv (see SOURCE.md there)."""
    with SPECIALTIES_CSV.open(encoding="utf-8", newline="") as fh:
        return {row["acgmeSpecialtyCode"].strip().zfill(3): row["name"].strip() for row in csv.DictReader(fh)}


class ProfileError(ValueError):
    """A profile that cannot be used, with where and why (one line)."""


def _codes(value: list[str]) -> list[str]:
    known = specialty_names()
    out = []
    for raw in value:
        code = str(raw).strip().zfill(3)
        if not (len(code) == 3 and code.isdigit()):
            raise ValueError(f"{raw!r} is not a 3-digit ACGME specialty code")
        if code not in known:
            raise ValueError(f"{code} is not an ACGME residency specialty code (pipelines/data/specialties.csv)")
        if code in out:
            raise ValueError(f"{code} is listed twice")
        out.append(code)
    return out


def _states(value: list[str]) -> list[str]:
    out = []
    for s in value:
        code = str(s).strip().upper()
        if code not in STATE_CODES:
            raise ValueError(f"{s!r} is not a US state, DC or territory code")
        out.append(code)
    return out


class Preferences(BaseModel):
    """What shapes and diversifies the list; excludes nothing unless `only` is true."""

    model_config = ConfigDict(extra="forbid")

    regions: list[Literal["northeast", "midwest", "south", "west"]] = Field(default_factory=list)
    states: list[str] = Field(default_factory=list)
    settings: list[Literal["university", "community", "community_university_affiliated"]] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list)
    mission: list[Literal["underserved", "rural", "urban", "research"]] = Field(default_factory=list)
    only: bool = False

    _check_states = field_validator("states")(classmethod(lambda cls, v: _states(v)))


class Profile(BaseModel):
    """An applicant profile (examples/*.yaml, or one JSON object per line of a .jsonl file)."""

    model_config = ConfigDict(extra="forbid")

    applicant_id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_.-]+$")
    description: str | None = None
    specialties: list[str] = Field(min_length=1, description="primary ACGME specialty codes, in order of preference")
    backup_specialties: list[str] = Field(default_factory=list, description="parallel or backup plan")
    img: bool = Field(description="international medical graduate")
    degree: Literal["MD", "DO"] = "MD"
    visa: Literal["none", "j1", "h1b", "j1_or_h1b"] = "none"
    step1: Literal["pass", "fail_then_pass", "not_taken"] | int | None = None
    step2ck: int | None = Field(default=None, ge=180, le=300)
    step2ck_date: date | None = None
    step3: Literal["passed", "scheduled", "not_taken"] = "not_taken"
    comlex2: int | None = Field(default=None, ge=200, le=999)
    failed_attempts: int = Field(default=0, ge=0, le=10)
    failed_exams: list[Literal["step1", "step2ck", "step3", "comlex1", "comlex2"]] = Field(default_factory=list)
    graduation_date: date | None = None
    graduation_year: int | None = Field(default=None, ge=1960, le=2035)
    usce_months: float | None = Field(default=None, ge=0, le=120)
    usce_kind: Literal["hands_on", "observership", "research"] | None = None
    ecfmg_certified: bool = False
    ecfmg_expected: date | None = None
    transfer: bool = False
    preferences: Preferences = Field(default_factory=Preferences)
    states: list[str] = Field(default_factory=list, description="preferred states (legacy; same as preferences.states)")
    max_applications: int | None = Field(default=None, ge=1, le=500)
    top: int = Field(default=25, ge=1, le=1000)

    _check_codes = field_validator("specialties", "backup_specialties")(classmethod(lambda cls, v: _codes(v)))
    _check_states = field_validator("states")(classmethod(lambda cls, v: _states(v)))

    @field_validator("step1")
    @classmethod
    def _step1(cls, value):
        if isinstance(value, int) and not 1 <= value <= 300:
            raise ValueError(f"{value} is not a 3-digit Step 1 score (or pass / fail_then_pass / not_taken)")
        return value

    @model_validator(mode="after")
    def _whole(self) -> "Profile":
        if self.graduation_date is None and self.graduation_year is None:
            raise ValueError("graduation_date (YYYY-MM-DD) or graduation_year is required")
        if self.graduation_date is not None and self.graduation_year is not None and self.graduation_date.year != self.graduation_year:
            raise ValueError(f"graduation_year {self.graduation_year} contradicts graduation_date {self.graduation_date}")
        overlap = set(self.specialties) & set(self.backup_specialties)
        if overlap:
            raise ValueError(f"backup_specialties: {', '.join(sorted(overlap))} is also a primary specialty")
        if self.step2ck is not None:
            mark, since = step2ck_pass_mark(self.step2ck_date)
            if self.step2ck < mark:
                when = f"in force since {since}" if since else f"in force before {STEP2CK_PASS_MARKS[0][0]}"
                hint = "" if self.step2ck_date else " (no step2ck_date given: today's pass mark applies)"
                raise ValueError(f"step2ck: {self.step2ck} is below the Step 2 CK pass mark {mark} {when}{hint}; "
                                 "give the passing score")
        if self.failed_attempts == 0 and self.failed_exams:
            raise ValueError("failed_exams: given with failed_attempts 0")
        return self

    @property
    def graduated_on(self) -> date:
        """Graduation date; a bare graduation_year counts as June 1 (US schools graduate in May-June)."""
        return self.graduation_date or date(self.graduation_year, 6, 1)

    @property
    def preferred_states(self) -> list[str]:
        return sorted(set(self.states) | set(self.preferences.states))

    def sections(self) -> list[tuple[str, str]]:
        """(specialty_code, role) in the order the applicant gave them."""
        return [(c, "primary") for c in self.specialties] + [(c, "backup") for c in self.backup_specialties]


def _refusal(where: str, exc: ValidationError) -> ProfileError:
    errors = exc.errors()
    first = errors[0]
    field = ".".join(str(p) for p in first["loc"]) or "(profile)"
    msg = first["msg"].removeprefix("Value error, ")
    if first["type"] == "extra_forbidden":
        msg = "not a profile field (CONTRACT.md \"Applicant profiles\")"
    if ": " in msg and field == "(profile)":  # model-level check names its own field
        field, msg = msg.split(": ", 1)
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return ProfileError(f"{where}: {field}: {msg}{more}")


def profile_from_dict(data: object, where: str) -> Profile:
    if not isinstance(data, dict):
        raise ProfileError(f"{where}: (profile): a profile is a mapping of fields, got {type(data).__name__}")
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        raise _refusal(where, exc) from None


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ProfileError(f"{path}: (file): no such profile file") from None
    except IsADirectoryError:
        raise ProfileError(f"{path}: (file): is a directory, not a profile file") from None
    if b"\x00" in data:
        raise ProfileError(f"{path}: (file): binary data, not a YAML/JSON profile")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProfileError(f"{path}: (file): not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                           "save the profile as UTF-8") from None


def load_profile(path: str | Path) -> Profile:
    """One profile from a YAML file."""
    path = Path(path)
    if path.suffix == ".jsonl":
        profiles = load_profiles(path)
        if len(profiles) != 1:
            raise ProfileError(f"{path}: (file): {len(profiles)} profiles; use --profiles for many")
        return profiles[0]
    text = _read_text(path)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise ProfileError(f"{where}: (file): not valid YAML ({getattr(exc, 'problem', None) or exc})") from None
    return profile_from_dict(data, str(path))


def load_profiles(path: str | Path) -> list[Profile]:
    """Many profiles: one JSON object per line (blank lines skipped); a YAML file gives one."""
    path = Path(path)
    if path.suffix in (".yaml", ".yml"):
        return [load_profile(path)]
    text = _read_text(path)
    out: list[Profile] = []
    seen: set[str] = set()
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ProfileError(f"{path}:{n}: (line): not a JSON object ({exc.msg})") from None
        profile = profile_from_dict(data, f"{path}:{n}")
        if profile.applicant_id in seen:
            raise ProfileError(f"{path}:{n}: applicant_id: {profile.applicant_id!r} appears twice")
        seen.add(profile.applicant_id)
        out.append(profile)
    if not out:
        raise ProfileError(f"{path}: (file): no profile in the file")
    return out
