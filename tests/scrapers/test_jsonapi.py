"""The directory's JSON:API pages become typed program rows without person data."""

import json
import random

from scrapers import jsonapi
from tests.scrapers.mockweb import PERSON_EMAIL, program_node


def _page(n=3, shuffle=False):
    data, included = [], {}
    for i in range(1, n + 1):
        node, inc = program_node(i)
        data.append(node)
        included.update({(x["type"], x["id"]): x for x in inc})
    inc = list(included.values())
    if shuffle:
        random.Random(7).shuffle(inc)
    return {"data": data, "included": inc, "meta": {"count": 10},
            "links": {"next": {"href": "http://127.0.0.1:1/api/node/program?page%5Boffset%5D=3"}}}


def test_person_nodes_and_their_relationships_are_removed():
    clean = jsonapi.strip_persons(_page())
    text = json.dumps(clean)
    assert PERSON_EMAIL not in text
    assert "node--person" not in text
    assert all("field_program_director" not in n["relationships"] for n in clean["data"])


def test_strip_persons_leaves_the_input_untouched():
    page = _page()
    jsonapi.strip_persons(page)
    assert PERSON_EMAIL in json.dumps(page)


def test_included_nodes_are_resolved_by_type_and_id_not_position():
    ordered = jsonapi.parse_page(_page(), "u")
    shuffled = jsonapi.parse_page(_page(shuffle=True), "u")
    assert ordered == shuffled
    assert [p["specialty"] for p in ordered] == ["Internal Medicine"] * 3
    assert ordered[0]["institution"] == "General Hospital"


def test_survey_year_comes_from_the_versioned_node_type():
    rows = jsonapi.parse_page(_page(), "u")
    assert [r["survey_year"] for r in rows] == [2025, 2024, 2025]


def test_sentinels_become_null_but_a_real_99_percent_stays():
    rows = {r["program_id"]: r for r in jsonapi.parse_page(_page(5), "u")}
    first, second, fifth = rows["1400000001"], rows["1400000002"], rows["1400000005"]
    assert first["min_step2ck"] is None and second["min_step2ck"] == 220
    assert first["yog_max_years"] is None and second["yog_max_years"] == 5
    assert first["pct_img"] == 99.0  # 99 is a percentage; only 999 means "not given"
    assert fifth["pct_img"] is None


def test_empty_visa_list_is_kept_as_listed():
    rows = jsonapi.parse_page(_page(3), "u")
    assert rows[2]["visa_statuses"] == []
    assert rows[0]["visa_statuses"] == ["J-1 through ECFMG"]


def test_website_basic_listing_and_source_url():
    row = jsonapi.parse_page(_page(4), "http://api/p1")[3]
    assert row["website"] == "http://site4.test/"
    assert row["basic_listing"] is True
    assert row["source_url"] == "http://api/p1"


def test_paging_fields():
    page = _page()
    assert jsonapi.page_count(page) == 10
    assert jsonapi.next_href(page).endswith("offset%5D=3")
    del page["links"]["next"]
    assert jsonapi.next_href(page) is None
