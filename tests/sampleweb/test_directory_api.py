"""The directory API against the real FREIDA JSON:API shape (docs/INTERFACES.md §1)."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from tests.sampleweb.helpers import fetch

API = "/api/node/program"
ALL = "include=field_survey,field_specialty,field_institution,field_program_director,field_program_coordinator"


def get_json(web, path_qs: str) -> dict:
    status, headers, body = fetch(web.url, None, path_qs)
    assert status == 200, body[:200]
    assert headers["content-type"].startswith("application/vnd.api+json")
    return json.loads(body)


def walk(web, first: str) -> list[dict]:
    docs, nxt = [], first
    while nxt:
        doc = get_json(web, nxt)
        docs.append(doc)
        href = doc["links"].get("next", {}).get("href")
        nxt = None
        if href:
            u = urlsplit(href)
            assert f"{u.scheme}://{u.netloc}" == web.url  # next links point back at us
            nxt = f"{u.path}?{u.query}"
    return docs


def test_limit_is_capped_at_50_and_next_links_walk_every_program_once(web):
    doc = get_json(web, f"{API}?page[limit]=500")
    assert len(doc["data"]) == 50
    assert doc["meta"]["count"] == 60
    docs = walk(web, f"{API}?page[limit]=25&sort=field_program_id")
    assert [len(d["data"]) for d in docs] == [25, 25, 10]
    assert "next" not in docs[-1]["links"]
    ids = [r["attributes"]["field_program_id"] for d in docs for r in d["data"]]
    assert len(ids) == len(set(ids)) == 60 == docs[0]["meta"]["count"]
    assert ids == sorted(ids)


def test_specialty_filter_and_count(web, truth):
    expected = sorted(pid for pid, r in truth.items() if r["specialty_code"] == "140")
    docs = walk(web, f"{API}?filter[field_specialty.field_specialty_code]=140&page[limit]=3")
    got = sorted(r["attributes"]["field_program_id"] for d in docs for r in d["data"])
    assert got == expected and docs[0]["meta"]["count"] == len(expected) > 3


def test_includes_resolve_by_type_and_id_and_are_listed_once(web):
    docs = walk(web, f"{API}?{ALL}")
    survey_types, person_nodes = set(), 0
    for doc in docs:
        index = {(n["type"], n["id"]): n for n in doc["included"]}
        assert len(index) == len(doc["included"])  # shared nodes appear once
        for r in doc["data"]:
            for rel, link in r["relationships"].items():
                node = index[(link["data"]["type"], link["data"]["id"])]
                if rel == "field_survey":
                    assert node["type"].startswith("node--survey_20")
                    survey_types.add(node["type"])
                if rel == "field_specialty":
                    assert node["attributes"]["field_specialty_code"] == (
                        r["attributes"]["field_program_id"][:3])
        person_nodes += sum(n["type"] == "node--person" for n in doc["included"])
    assert len(survey_types) >= 2  # each program's survey has its own age
    assert person_nodes == 120  # a director and a coordinator per program, for the spider to drop


def test_sentinels_basic_listings_and_directory_truth_agree(web, truth):
    docs = walk(web, f"{API}?include=field_survey")
    seen_sentinel = seen_basic = False
    for doc in docs:
        surveys = {(n["type"], n["id"]): n["attributes"] for n in doc["included"]}
        for r in doc["data"]:
            a = r["attributes"]
            link = r["relationships"]["field_survey"]["data"]
            s = surveys[(link["type"], link["id"])]
            t = truth[a["field_program_id"]]["directory"]
            assert (a["field_website"] or {}).get("uri") == t["website"]
            step2 = s.get("field_usmle_step_2_minimum_score")
            seen_sentinel |= step2 == 999 or s.get("field_years_since_graduation") == 99
            assert t["min_step2ck"] == (None if step2 in (None, 999) else step2)
            yog = s.get("field_years_since_graduation")
            assert t["yog_max_years"] == (None if yog in (None, 99) else yog)
            visas = s.get("field_visa_status")
            if not visas:
                assert t["j1_visa"] is None  # none listed is unknown, not "no"
            else:
                assert t["j1_visa"] == ("yes" if "J-1 through ECFMG" in visas else "no")
            if a["field_basic_listing"]:
                seen_basic = True
                assert len(s) <= 3  # a basic listing's survey has a few fields or none
    assert seen_sentinel and seen_basic


def test_bad_requests_answer_400_and_unknown_paths_404(web):
    status, headers, body = fetch(web.url, None, f"{API}?filter[field_nope]=1")
    assert status == 400 and json.loads(body)["errors"][0]["status"] == "400"
    status, _, _ = fetch(web.url, None, f"{API}?include=field_secret")
    assert status == 400
    status, _, _ = fetch(web.url, None, "/api/node/nothing")
    assert status == 404


def test_single_program_resource(web):
    first = get_json(web, f"{API}?page[limit]=1")["data"][0]
    doc = get_json(web, f"{API}/{first['id']}?include=field_survey")
    assert doc["data"] == first
    assert doc["included"][0]["id"] == first["relationships"]["field_survey"]["data"]["id"]


@pytest.mark.slow
def test_full_size_directory_serves_5000_programs_in_40_specialties():
    from sampleweb.server import running_sample_web
    from sampleweb.world import seed_programs

    codes = sorted({p.specialty_code for p in seed_programs()})
    with running_sample_web(programs=None) as full:
        assert get_json(full, f"{API}?page[limit]=1")["meta"]["count"] >= 5000
        served = [c for c in codes if get_json(
            full, f"{API}?filter[field_specialty.field_specialty_code]={c}&page[limit]=1"
        )["meta"]["count"] > 0]
        assert len(served) >= 40
        last = get_json(full, f"{API}?page[offset]=5050&page[limit]=50")
        assert "next" not in last["links"] and 0 < len(last["data"]) <= 50
