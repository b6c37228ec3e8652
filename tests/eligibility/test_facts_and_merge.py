"""Facts as the pipeline stores them (strictness, condition, staleness) and program merging."""

from eligibility import FIELDS, extract_page, merge_program


def _facts(result, field):
    return [f for f in result.facts if f.field == field]


def test_preference_is_kept_as_a_preferred_fact_but_fills_no_minimum():
    r = extract_page("Step 2 CK scores of 240 or higher are preferred.", "text/plain")
    assert r.values["min_step2ck"] is None
    [fact] = _facts(r, "min_step2ck")
    assert (fact.value, fact.strictness) == (240, "preferred")


def test_conditional_h1b_carries_its_condition_and_evidence():
    page = ("<ul><li>We sponsor J-1 and H-1B visas.</li><li>H-1B sponsorship requires a "
            "passing USMLE Step 3 score before the rank order list deadline.</li></ul>")
    r = extract_page(page, "text/html")
    assert r.values["h1b_visa"] == "conditional"
    chosen = r.chosen("h1b_visa")
    assert "Step 3" in chosen.condition and "Step 3" in chosen.evidence


def test_retired_exam_marks_the_page_stale_and_sets_no_rule():
    r = extract_page("Applicants must pass Step 2 CS on the first attempt.", "text/plain")
    assert all(r.values[f] is None for f in FIELDS)
    assert r.page_stale


def test_long_past_deadline_is_stale():
    r = extract_page("IMGs must hold ECFMG certification by February 1, 2015.", "text/plain")
    assert r.values["ecfmg_cert_required"] == "by_rank"
    assert r.chosen("ecfmg_cert_required").stale


def test_heading_scopes_fellowship_visa_text_out():
    page = ("<h2>Residency</h2><p>The residency program sponsors J-1 visas only.</p>"
            "<h2>Cardiology Fellowship</h2><p>H-1B visas are sponsored for this program.</p>")
    r = extract_page(page, "text/html")
    assert r.values["j1_visa"] == "yes" and r.values["h1b_visa"] == "no"


def test_negation_scope_stays_in_its_clause():
    r = extract_page("We accept J-1 visas but cannot sponsor H-1B visas.", "text/plain")
    assert (r.values["j1_visa"], r.values["h1b_visa"]) == ("yes", "no")
    r = extract_page("We are unable to sponsor J-1 or H-1B visas.", "text/plain")
    assert (r.values["j1_visa"], r.values["h1b_visa"]) == ("no", "no")


def test_number_words_and_exceptions():
    r = extract_page("Applicants must have graduated within seven years, except those currently "
                     "in a US residency.", "text/plain")
    assert r.values["yog_max_years"] == 7
    assert r.chosen("yog_max_years").condition.startswith("except")


def test_equally_specific_contradictions_stay_unknown():
    r = extract_page("We sponsor H-1B visas.\n\nWe do not sponsor H-1B visas.", "text/plain")
    assert r.values["h1b_visa"] is None
    assert {f.value for f in _facts(r, "h1b_visa")} == {"yes", "no"}


def test_merge_prefers_the_eligibility_page_and_keeps_every_fact():
    faq = extract_page("Do you sponsor H-1B visas?\nNo.", "text/plain")
    news = extract_page("Good news: we now sponsor H-1B visas for residents!", "text/plain")
    merged = merge_program([("http://p.test/news/2019/visas", None, news),
                            ("http://p.test/eligibility", None, faq)])
    assert merged.values["h1b_visa"] == "no"
    urls = {f.url for f in merged.facts if f.field == "h1b_visa"}
    assert urls == {"http://p.test/news/2019/visas", "http://p.test/eligibility"}


def test_merge_fills_fields_from_different_pages_and_fresh_beats_stale():
    a = extract_page("US clinical experience is required.", "text/plain")
    b = extract_page("Minimum USMLE Step 2 CK score: 230.", "text/plain")
    old = extract_page("ECFMG certification is required by January 15, 2016.", "text/plain")
    new = extract_page("ECFMG certification is required at the time of application.",
                       "text/plain")
    merged = merge_program([("http://p.test/a", "faq", a), ("http://p.test/b", "faq", b),
                            ("http://p.test/old", "faq", old), ("http://p.test/new", "faq", new)])
    assert merged.values["usce"] == "required"
    assert merged.values["min_step2ck"] == 230
    assert merged.values["ecfmg_cert_required"] == "by_application"


def test_the_chosen_fact_names_the_page_that_decided_whatever_the_page_order():
    home = extract_page("International medical graduates are welcome. We sponsor J-1 visas.", "text/plain")
    faq = extract_page("Do you sponsor J-1 visas?\nYes, we sponsor the J-1 visa through ECFMG.", "text/plain")
    other = extract_page("The J-1 visa is sponsored for our residents.", "text/plain")
    pages = [("http://p.test/", None, home), ("http://p.test/faq", None, faq), ("http://p.test/visas", "faq", other)]
    chosen = set()
    for order in (pages, pages[::-1], [pages[1], pages[0], pages[2]]):
        merged = merge_program(order)
        assert merged.values["j1_visa"] == "yes"
        fact = merged.chosen("j1_visa")
        chosen.add((fact.url, fact.evidence))
    # the home page says it too, but an FAQ page decided; of the two FAQ pages, the same one every time
    assert len(chosen) == 1 and next(iter(chosen))[0] == "http://p.test/faq"


def test_odd_inputs_give_unknowns_not_errors():
    for content in (b"", "   ", "<html></html>", b"\xff\xfe\x00\x00", "::::", "A" * 50_000):
        r = extract_page(content)
        assert all(r.values[f] is None for f in FIELDS)
    deep = "<div>" * 3000 + "We sponsor J-1 visas." + "</div>" * 3000
    assert extract_page(deep, "text/html").values["j1_visa"] == "yes"
