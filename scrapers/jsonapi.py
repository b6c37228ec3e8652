"""FREIDA-style JSON:API pages: strip person data, resolve side-loaded nodes and turn a page
into typed program records (pure functions, no Scrapy)."""

from __future__ import annotations

import copy
import re
from typing import Any

PERSON_TYPES = frozenset({"node--person"})
# Sentinels the survey uses for "not given" (DOMAIN.md): 99 for small counts and years,
# 999 for scores, percentages and positions. A real 99 % therefore stays a number.
SENTINEL_99 = 99
SENTINEL_999 = 999
_SURVEY_TYPE = re.compile(r"^node--survey_(\d{4})$")

INCLUDE = "field_survey,field_specialty,field_institution"  # never side-load person nodes


def _related(rel: Any) -> list[dict]:
    data = rel.get("data") if isinstance(rel, dict) else None
    if isinstance(data, dict):
        return [data]
    if isinstance(data, list):
        return [d for d in data if isinstance(d, dict)]
    return []


def strip_persons(page: dict) -> dict:
    """A copy of the page without person nodes and without relationships pointing at them."""
    page = copy.deepcopy(page)
    if isinstance(page.get("included"), list):
        page["included"] = [n for n in page["included"] if n.get("type") not in PERSON_TYPES]
    data = page.get("data")
    nodes = data if isinstance(data, list) else [data] if isinstance(data, dict) else []
    nodes = nodes + list(page.get("included") or [])
    for node in nodes:
        rels = node.get("relationships")
        if not isinstance(rels, dict):
            continue
        for name in list(rels):
            if any(d.get("type") in PERSON_TYPES for d in _related(rels[name])):
                del rels[name]
    return page


def included_index(page: dict) -> dict[tuple[str, str], dict]:
    """Side-loaded nodes by (type, id): never by position (DOMAIN.md)."""
    return {(n.get("type"), n.get("id")): n for n in page.get("included") or [] if isinstance(n, dict)}


def _resolve(node: dict, rel_name: str, index: dict) -> dict | None:
    for ref in _related((node.get("relationships") or {}).get(rel_name)):
        found = index.get((ref.get("type"), ref.get("id")))
        if found is not None:
            return found
    return None


def _number_or_none(value: Any) -> float | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _int_or_none(value: Any, sentinel: int) -> int | None:
    number = _number_or_none(value)
    return None if number is None or number == sentinel else int(number)


def _pct_or_none(value: Any) -> float | None:
    number = _number_or_none(value)
    return None if number is None or number == SENTINEL_999 or not 0 <= number <= 100 else number


def _bool_or_none(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return None


def _website(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("uri") or value.get("url")
    if isinstance(value, list) and value:
        return _website(value[0])
    return value.strip() or None if isinstance(value, str) else None


def _text(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("value") or value.get("name")
    return value.strip() or None if isinstance(value, str) else None


def survey_year(node_type: str | None) -> int | None:
    match = _SURVEY_TYPE.match(node_type or "")
    return int(match.group(1)) if match else None


def parse_program(node: dict, index: dict, source_url: str) -> dict:
    """One typed program record (INTERFACES.md §5, the raw directory programs file)."""
    attrs = node.get("attributes") or {}
    survey = _resolve(node, "field_survey", index) or {}
    specialty = _resolve(node, "field_specialty", index) or {}
    institution = _resolve(node, "field_institution", index) or {}
    s = survey.get("attributes") or {}
    sp = specialty.get("attributes") or {}
    inst = institution.get("attributes") or {}
    visas = s.get("field_visa_status")
    if isinstance(visas, str):
        visas = [visas]
    basic = _bool_or_none(attrs.get("field_basic_listing"))
    return {
        "program_id": str(attrs.get("field_program_id") or "").strip() or None,
        "name": _text(attrs.get("title")),
        "specialty_code": _text(sp.get("field_specialty_code")) or _specialty_from_id(attrs),
        "specialty": _text(sp.get("name")),
        "institution": _text(inst.get("title")),
        "city": _text(attrs.get("field_city")) or _text(inst.get("field_city")),
        "state": _text(attrs.get("field_state")) or _text(inst.get("field_state")),
        "setting": _text(s.get("field_program_best_described_as")),
        "website": _website(attrs.get("field_website")),
        "first_year_positions": _int_or_none(s.get("field_first_year_positions"), SENTINEL_999),
        "pct_img": _pct_or_none(s.get("field_pct_img")),
        "pct_do": _pct_or_none(s.get("field_pct_do")),
        "pct_usmd": _pct_or_none(s.get("field_pct_usmd")),
        "visa_statuses": [str(v) for v in visas] if isinstance(visas, list) else None,
        "min_step1": _int_or_none(s.get("field_usmle_step_1_minimum_score"), SENTINEL_999),
        "min_step2ck": _int_or_none(s.get("field_usmle_step_2_minimum_score"), SENTINEL_999),
        "min_comlex2": _int_or_none(s.get("field_comlex_level_2_minimum_score"), SENTINEL_999),
        "yog_max_years": _int_or_none(s.get("field_years_since_graduation"), SENTINEL_99),
        "interviews_conducted": _int_or_none(s.get("field_interviews_conducted"), SENTINEL_999),
        "participates_in_eras": _bool_or_none(s.get("field_participates_in_eras")),
        "accepting_applications": _bool_or_none(s.get("field_accepting_applications")),
        "survey_year": survey_year(survey.get("type")),
        "basic_listing": bool(basic) if basic is not None else False,
        "changed_at": _text(attrs.get("changed")),  # the node's Drupal `changed` time (pages.changed is a bool)
        "source_url": source_url,
    }


def _specialty_from_id(attrs: dict) -> str | None:
    program_id = str(attrs.get("field_program_id") or "")
    return program_id[:3] if re.fullmatch(r"\d{10}", program_id) else None


def parse_page(page: dict, source_url: str) -> list[dict]:
    """All program records on one API page (person data is never read)."""
    index = included_index(page)
    data = page.get("data") or []
    return [
        parse_program(node, index, source_url)
        for node in (data if isinstance(data, list) else [data])
        if isinstance(node, dict) and node.get("type", "node--program") == "node--program"
    ]


def page_count(page: dict) -> int | None:
    count = (page.get("meta") or {}).get("count")
    try:
        return int(count) if count is not None else None
    except (TypeError, ValueError):
        return None


def next_href(page: dict) -> str | None:
    nxt = (page.get("links") or {}).get("next")
    if isinstance(nxt, dict):
        nxt = nxt.get("href")
    return nxt or None
