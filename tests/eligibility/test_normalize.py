"""The normalisation pass before matching, and the structure the segmenter gives list items."""

import pytest

from eligibility import extract_page
from eligibility.normalize import canon, prenormalize
from eligibility.segment import segment_text


@pytest.mark.parametrize("text,want", [
    ("U.S. applicants must apply", "us applicants must apply"),       # was "us pplicants"
    ("U.S.A. citizens", "us citizens"),
    ("E.C.F.M.G. certified by July", "ecfmg certified by july"),
    ("an ECFMG (Educational Commission for Foreign Medical Graduates) certificate",
     "an ecfmg certificate"),
    ("Educational Commission for Foreign Medical Graduates (ECFMG) certificate",
     "ecfmg certificate"),
    ("International Medical Graduates (IMGs) are welcome", "img are welcome"),
    ("the United States Medical Licensing Examination (USMLE) Step 1", "the usmle step1"),
    ("placed onJ-1 status", "placed on j1 status"),
    ("scores 1SD above the mean", "scores 1 sd above the mean"),
    ("USMLE or complex Level 2", "usmle or comlex level2ce"),
    ("COMPLEX scores accepted", "comlex scores accepted"),
    ("a complex tertiary centre", "a complex tertiary centre"),          # a word, not the exam
])
def test_canon(text, want):
    assert canon(text) == want


def test_prenormalize_keeps_ordinary_abbreviations():
    assert prenormalize("e.g. Dr. Smith, M.D.") == "e.g. Dr. Smith, M.D."


def test_glued_dash_and_dot_bullets_are_list_items():
    snips = segment_text("International applicants must provide:\n-An ECFMG certificate\n"
                         "\u2022Three letters\n-based on merit")
    items = {s.text: s.context for s in snips}
    assert items["An ECFMG certificate"] == "International applicants must provide:"
    assert items["Three letters"] == "International applicants must provide:"


def test_a_lead_in_covers_long_and_nested_items():
    long_item = "for international graduates: " + "a valid certificate, " * 8 + "and an ECFMG certificate"
    page = ("The applicant must:\n- Take part in the Match\n- Be eligible for licensure, shown by\n"
            f"   - graduation from an accredited school\n   - {long_item}\n- Attend an interview")
    ctx = {s.text: s.context for s in segment_text(page)}
    assert ctx["Take part in the Match"] == "The applicant must:"
    assert ctx[long_item] == "The applicant must: Be eligible for licensure, shown by"
    assert ctx["Attend an interview"] == "The applicant must:"
    r = extract_page(page, "text/plain")
    assert r.values["ecfmg_cert_required"] == "required_unspecified"
    assert r.values["accepts_imgs"] is True


def test_plain_text_heading_lines_scope_their_section():
    page = ("Information for International Medical Graduates\n\nWe read every file.\n\n"
            + "A long paragraph about the city and its parks and museums. " * 10
            + "\n\nVisa Sponsorship\n\nWe sponsor J-1 visas.")
    scopes = {s.text: s.scope for s in segment_text(page)}
    assert scopes["We read every file."] == "Information for International Medical Graduates"
    assert scopes["We sponsor J-1 visas."] == "Visa Sponsorship"


def test_a_required_experience_only_in_a_sub_case_is_not_the_rule():
    r = extract_page("Applicants must have graduated in the past three years, with hands-on "
                     "US clinical experience if the gap exceeds one year.", "text/plain")
    assert r.values["usce"] is None and r.values["yog_max_years"] == 3


def test_text_hard_wrapped_at_72_columns_is_joined_back():
    import textwrap

    para = ("What minimum scores do you need on USMLE Step 1, Step 2 CK and the retired Step 2 "
            "CS exam for an interview with the program?")
    filler = ("Our residents rotate through wards, clinics and the intensive care unit with "
              "protected teaching time every week and faculty mentors for research. ") * 6
    text = "\n".join(textwrap.wrap(filler, 72) + [""] + textwrap.wrap(para, 72) +
                     ["Scores of 225 and above on Step 2 CK."])
    questions = [s.text for s in segment_text(text) if s.text.endswith("?")]
    assert questions == [para]


@pytest.mark.parametrize("text", ["Minimum: 85% on each USMLE step",
                                  "We require a score of 80% or higher on the USMLE.",
                                  "USMLE: at least 80 percent"])
def test_a_percentage_named_as_the_minimum_is_a_stated_policy(text):
    values = extract_page(text, "text/plain").values
    assert values["score_minimum_policy"] == "stated" and values["min_step2ck"] is None


def test_a_percentage_of_residents_is_no_minimum():
    assert extract_page("80% of our residents passed Step 2 CK above 240.",
                        "text/plain").values["score_minimum_policy"] is None


def test_a_list_number_left_in_a_heading_is_not_a_sentence():
    from eligibility.segment import split_sentences

    assert split_sentences("Should I still apply? 5. I have eight months of research.") == [
        "Should I still apply?", "5. I have eight months of research."]
    page = ("<html><body><h3>4. I passed Step 1 on my fourth attempt. Should I still apply? 5. Do "
            "you take transfers?</h3><p>Yes.</p></body></html>")
    assert extract_page(page, "text/html").values["attempts_policy"] != "max_attempts_5"
