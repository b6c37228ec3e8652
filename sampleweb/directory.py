"""The FREIDA-shaped directory: a Drupal JSON:API at /api/node/program (docs/INTERFACES.md §1).

Shape follows FREIDA's public back end: `node--program` resources with relationships to a
year-versioned survey node (`node--survey_2024`, `node--survey_2025`, ...), a specialty term,
an institution node (shared between programs, listed once in `included[]`) and two person
nodes (director, coordinator) that clients must drop. Paging by `page[offset]`/`page[limit]`
(capped at 50) with `links.next`; `meta.count` is the total for the filter.
"""

from __future__ import annotations

import json
import uuid
from urllib.parse import parse_qsl, urlencode

from sampleweb.facts import ProgramFacts
from sampleweb.world import SeedProgram, World, unit

PAGE_CAP = 50
INCLUDABLE = ("field_survey", "field_specialty", "field_institution",
              "field_program_director", "field_program_coordinator")
FILTERS = {
    "filter[field_specialty.field_specialty_code]": lambda p, v: p.specialty_code == v,
    "filter[field_program_id]": lambda p, v: p.program_id == v,
    "filter[field_state]": lambda p, v: p.state == v,
}
_NS = uuid.UUID("5b1f2c1e-8f3a-4f0e-9d7c-2a6f0e4b9c11")
FIRST_NAMES = ("Alex", "Jordan", "Sam", "Robin", "Casey", "Morgan", "Taylor", "Jamie", "Riley",
               "Avery", "Quinn", "Drew")
LAST_NAMES = ("Rivera", "Okafor", "Lindqvist", "Nakamura", "Haddad", "Kowalski", "Mensah",
              "Castellano", "Byrne", "Ferreira", "Iyer", "Novak")


class BadRequest(ValueError):
    """A JSON:API 400: unknown filter, include path or malformed paging."""


def node_id(*parts: object) -> str:
    return str(uuid.uuid5(_NS, "|".join(map(str, parts))))


def _person(world: World, p: SeedProgram, role: str) -> dict:
    """A synthetic person node (never a real name): the spider must drop these."""
    first = FIRST_NAMES[int(unit(world.seed, role, "f", p.program_id) * len(FIRST_NAMES))]
    last = LAST_NAMES[int(unit(world.seed, role, "l", p.program_id) * len(LAST_NAMES))]
    title = f"{first} {last}, MD" if role == "director" else f"{first} {last}"
    n = int(unit(world.seed, role, "phone", p.program_id) * 100)
    return {"type": "node--person", "id": node_id(world.seed, role, p.program_id),
            "attributes": {"title": title, "field_email": f"{role}@{p.host}",
                           "field_phone": f"555-01{n:02d}"}}


def program_resources(world: World, p: SeedProgram, f: ProgramFacts, website: str) -> tuple:
    """(program resource, {rel: related resource}) for one program."""
    survey_type = f"node--survey_{f.survey_year}"
    survey = {"type": survey_type, "id": node_id(world.seed, "survey", p.program_id),
              "attributes": dict(f.survey)}
    specialty = {"type": "taxonomy_term--specialty", "id": node_id("specialty", p.specialty_code),
                 "attributes": {"name": p.specialty, "title": p.specialty,
                                "field_specialty_code": p.specialty_code}}
    inst_key = p.institution
    institution = {"type": "node--institution", "id": node_id("institution", inst_key, p.state),
                   "attributes": {"title": p.institution, "field_city": p.city,
                                  "field_state": p.state}}
    related = {"field_survey": survey, "field_specialty": specialty,
               "field_institution": institution,
               "field_program_director": _person(world, p, "director"),
               "field_program_coordinator": _person(world, p, "coordinator")}
    resource = {
        "type": "node--program", "id": node_id(world.seed, "program", p.program_id),
        "attributes": {
            "title": p.name, "field_program_id": p.program_id, "field_city": p.city,
            "field_state": p.state,
            "field_address": {"locality": p.city, "administrative_area": p.state,
                              "country_code": "US"},
            "field_website": {"uri": website} if website else None,
            "field_basic_listing": f.basic_listing, "field_expanded_listing": not f.basic_listing,
            "changed": f.changed,
        },
        "relationships": {rel: {"data": {"type": r["type"], "id": r["id"]}}
                          for rel, r in related.items()},
    }
    return resource, related


def parse_query(query: str) -> tuple[dict, list[str], int, int]:
    params = parse_qsl(query, keep_blank_values=True)
    filters, include, offset, limit = {}, [], 0, PAGE_CAP
    for k, v in params:
        if k.startswith("filter["):
            if k not in FILTERS:
                raise BadRequest(f"Invalid filter field: {k}")
            filters[k] = v
        elif k == "include":
            include = [x for x in v.split(",") if x]
            bad = [x for x in include if x not in INCLUDABLE]
            if bad:
                raise BadRequest(f"{bad[0]} is not a valid relationship field name.")
        elif k == "page[offset]":
            offset = _nonneg(k, v)
        elif k == "page[limit]":
            limit = min(PAGE_CAP, _nonneg(k, v)) or PAGE_CAP
        elif k == "sort":
            if v.lstrip("-") not in ("field_program_id", "title"):
                raise BadRequest(f"Invalid sort field: {v}")
    return filters, include, offset, limit


def _nonneg(k: str, v: str) -> int:
    try:
        n = int(v)
    except ValueError:
        raise BadRequest(f"{k} must be an integer") from None
    if n < 0:
        raise BadRequest(f"{k} must not be negative")
    return n


def listing(world: World, base: str, query: str, facts_of, website_of) -> dict:
    """The JSON:API document for GET /api/node/program?<query>."""
    filters, include, offset, limit = parse_query(query)
    progs = [p for p in world.programs if all(FILTERS[k](p, v) for k, v in filters.items())]
    sort = dict(parse_qsl(query)).get("sort", "field_program_id")
    key = (lambda p: p.name) if sort.lstrip("-") == "title" else (lambda p: p.program_id)
    progs.sort(key=key, reverse=sort.startswith("-"))
    page = progs[offset:offset + limit]
    data, included, seen = [], [], set()
    for p in page:
        resource, related = program_resources(world, p, facts_of(p), website_of(p))
        data.append(resource)
        for rel in include:
            r = related[rel]
            if (r["type"], r["id"]) not in seen:
                seen.add((r["type"], r["id"]))
                included.append(r)
    params = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True)
              if k not in ("page[offset]", "page[limit]")]
    doc = {"jsonapi": {"version": "1.0", "meta": {"links": {"self": {
               "href": "http://jsonapi.org/format/1.0/"}}}},
           "data": data}
    if include:
        doc["included"] = included
    links = {"self": {"href": _href(base, params, offset, limit)}}
    if offset + limit < len(progs):
        links["next"] = {"href": _href(base, params, offset + limit, limit)}
    if offset > 0:
        links["prev"] = {"href": _href(base, params, max(0, offset - limit), limit)}
    doc["meta"] = {"count": len(progs)}
    doc["links"] = links
    return doc


def single(world: World, base: str, uid: str, query: str, facts_of, website_of) -> dict | None:
    _, include, _, _ = parse_query(query)
    for p in world.programs:
        if node_id(world.seed, "program", p.program_id) == uid:
            resource, related = program_resources(world, p, facts_of(p), website_of(p))
            doc = {"jsonapi": {"version": "1.0"}, "data": resource,
                   "links": {"self": {"href": f"{base}/api/node/program/{uid}"}}}
            if include:
                doc["included"] = [related[r] for r in include]
            return doc
    return None


def _href(base: str, params: list, offset: int, limit: int) -> str:
    q = params + [("page[offset]", str(offset)), ("page[limit]", str(limit))]
    return f"{base}/api/node/program?{urlencode(q)}"


def error_doc(status: int, title: str, detail: str) -> bytes:
    return json.dumps({"jsonapi": {"version": "1.0"},
                       "errors": [{"status": str(status), "title": title, "detail": detail}]},
                      separators=(",", ":")).encode()
