"""Phrasing classes the full-size epoch run (issue 14) missed, in other words than the sample web's.

- attempts counted as "times" an exam was taken ("no restriction on the number of times a Step
  was taken"): "times" governed by an exam-taking verb is the attempts topic;
- "we do not screen applications by board score": no score minimum, whatever words sit between
  "screen" and "score";
- a table row in plain or PDF text (label, a tab or a run of spaces, value) is read like an HTML
  row: the label is its value's context;
- a line "Label: No" is whole: its last word is an answer, not a connector to the next line.
"""

import pytest

from eligibility import extract_page

ATTEMPTS = [
    ("We place no restrictions on how many times an applicant has sat the USMLE.", "no_limit"),
    ("There is no limit to the number of times you may take each Step.", "no_limit"),
    ("The program does not restrict the number of times a board exam was attempted.", "no_limit"),
    ("The number of times you have taken Step 1 does not matter to us.", "no_limit"),
    ("We do not limit how many times the COMLEX may be taken.", "no_limit"),
    ("Applicants who have taken any USMLE Step more than two times are not considered.", "max_attempts_2"),
    # "times" without an exam-taking verb is no attempts topic
    ("Residents are supervised at all times by attending physicians.", None),
    ("Interns take call four times a month and attend noon conference.", None),
]


@pytest.mark.parametrize("text,want", ATTEMPTS)
def test_times_an_exam_was_taken_is_the_attempts_topic(text, want):
    assert extract_page(text, "text/plain").values["attempts_policy"] == want


SCREENING = [
    ("The department does not screen applications by board score.", "none"),
    ("We do not screen applicants based on their USMLE scores.", "none"),
    ("Our committee does not screen files using a Step 2 CK cutoff.", "none"),
    # a stated minimum beside the refusal to screen stays a minimum
    ("We do not screen applicants by their Step 2 CK score, but a score of 220 is required.", "stated"),
]


@pytest.mark.parametrize("text,want", SCREENING)
def test_not_screening_by_score_is_no_minimum(text, want):
    assert extract_page(text, "text/plain").values["score_minimum_policy"] == want


ROWS = [
    ("Years since graduation (maximum)\t7", {"yog_max_years": 7}),
    ("Application Requirements\nYears since graduation, maximum   4\nLetters of recommendation   3",
     {"yog_max_years": 4}),
    ("Exam attempts allowed\tTwo per Step", {"attempts_policy": "max_attempts_2"}),
    ("Minimum Step 2 CK score    232", {"min_step2ck": 232, "score_minimum_policy": "stated"}),
    ("J-1 visa holders accepted\tNo", {"j1_visa": "no"}),
    ("Sponsors H-1B visas    Yes", {"h1b_visa": "yes"}),
    # prose with two spaces after a full stop is no row
    ("We sponsor J-1 visas.  We do not sponsor H-1B visas.", {"j1_visa": "yes", "h1b_visa": "no"}),
]


@pytest.mark.parametrize("text,want", ROWS)
def test_a_plain_text_table_row_is_read_as_a_row(text, want):
    values = extract_page(text, "text/plain").values
    assert {f: values[f] for f in want} == want


LABEL_ANSWERS = [
    ("Visas\nAccepts J-1 visa holders: No\nGeneral Information\nInterviews are held in November.",
     {"j1_visa": "no"}),
    ("H-1B sponsorship: None\nContact\nThe coordinator answers e-mail within a week.", {"h1b_visa": "no"}),
]


@pytest.mark.parametrize("text,want", LABEL_ANSWERS)
def test_a_label_answered_no_ends_its_line(text, want):
    values = extract_page(text, "text/plain").values
    assert {f: values[f] for f in want} == want


IMG_MENTIONS = [
    # a heading glued to its text (PDF text, a flattened page): the later mention has the verb
    ("Information for Foreign Graduates About half of our interns studied abroad, and international "
     "medical graduates are welcome to apply.", True),
    ("IMG Applicants Applications from graduates of foreign medical schools are reviewed every year.", True),
    ("International Applicants We do not consider graduates of foreign medical schools.", False),
    # a later mention does not undo a refusal of the first
    ("We do not accept IMGs who need a visa sponsored by the hospital; international graduates "
     "with visas are also not sponsored.", None),
]


@pytest.mark.parametrize("text,want", IMG_MENTIONS)
def test_a_later_img_mention_with_its_own_verb_decides(text, want):
    assert extract_page(text, "text/plain").values["accepts_imgs"] is want


SUBGROUPS = [
    # under an IMG heading, a refusal of some applicants is an IMG-specific rule: IMGs are considered
    ("IMG Applicants\nWe do not consider applicants who are more than ten years out of medical school.", True),
    ("International Medical Graduates\nWe will not consider candidates with more than one failed attempt.", True),
    # a refusal of the applicants the heading names is a refusal
    ("International Medical Graduates\nWe do not consider international applicants.", False),
]


@pytest.mark.parametrize("text,want", SUBGROUPS)
def test_a_refused_subgroup_under_an_img_heading_is_an_img_rule(text, want):
    assert extract_page(text, "text/plain").values["accepts_imgs"] is want


RETIRED = [
    # a retired exam named in full says nothing of COMLEX today
    ("Osteopathic applicants must have passed COMLEX Level 2-PE by October 1, 2015.", None),
    ("DO candidates must pass COMLEX-USA Level 2-PE before ranking.", None),
    # beside a current COMLEX exam it still counts
    ("DO applicants must pass COMLEX Level 2-PE and submit COMLEX Level 2-CE scores.", True),
]


@pytest.mark.parametrize("text,want", RETIRED)
def test_a_retired_comlex_exam_is_no_comlex_evidence(text, want):
    assert extract_page(text, "text/plain").values["comlex_accepted"] is want


def test_an_answer_that_names_comlex_says_it_in_its_own_words():
    # to "Do DO applicants need to take USMLE?", "We do not accept COMLEX as a substitute" is not
    # the bare "No" (COMLEX accepted) its opening "we do not" would make it
    page = "Do DO applicants need to take the USMLE?\nWe do not accept COMLEX as a substitute for USMLE."
    assert extract_page(page, "text/plain").values["comlex_accepted"] is False
    facts = [f.value for f in extract_page(page, "text/plain").facts if f.field == "comlex_accepted"]
    assert facts and all(v is False for v in facts)
    assert extract_page("Do DO applicants need to take the USMLE?\nNo.", "text/plain").values["comlex_accepted"] is True
