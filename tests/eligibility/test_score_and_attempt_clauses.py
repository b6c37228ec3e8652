"""A number and an attempts rule in one clause each keep their own fact (issue 14, in other words).

Three epoch-2 "misses" at 300 programs (a Step 2 CK minimum with a first-attempt rule in the
same sentence, a minimum under a label, a minimum as a table row) were no extraction misses:
the directory lists no website for those programs, so no crawler sees their pages. These cases
hold that the extractor reads such wording, as program pages write it.
"""

import pytest

from eligibility import extract_page

CASES = [
    # a minimum and a first-attempt rule in one sentence: both facts
    ("A Step 2 CK score of at least 230, passed on the first attempt, is required.",
     {"min_step2ck": 230, "score_minimum_policy": "stated", "attempts_policy": "first_attempt_only"}),
    ("Applicants need a USMLE Step 2 CK of 225 or higher, passed on the first try.",
     {"min_step2ck": 225, "attempts_policy": "first_attempt_only"}),
    ("We require a first-attempt pass on Step 2 CK with a minimum score of 230.",
     {"min_step2ck": 230, "attempts_policy": "first_attempt_only"}),
    ("Step 1 must be passed on the first attempt and Step 2 CK with a score of at least 220.",
     {"min_step2ck": 220, "min_step1": None, "attempts_policy": "first_attempt_only"}),
    # a minimum after a label, in a table row, or answering a question
    ("Step 2 CK: a score above 230 is required.", {"min_step2ck": 230, "score_minimum_policy": "stated"}),
    ("USMLE Step 2 CK: a minimum of 225 is needed.", {"min_step2ck": 225}),
    ("Step 2 CK - scores of 220 and above are required.", {"min_step2ck": 220}),
    ("Minimum USMLE Step 2 CK\t220", {"min_step2ck": 220, "score_minimum_policy": "stated"}),
    ("What is your minimum Step 2 CK score?\nWe require 220 or higher.", {"min_step2ck": 220}),
    ("What Step 2 CK score do I need?\nAt least 230.", {"min_step2ck": 230}),
    # a preferred score beside a hard one is kept out of the minimum
    ("Step 2 CK: at least 230 is required; we prefer 240 or higher.", {"min_step2ck": 230}),
]


@pytest.mark.parametrize("text,want", CASES)
def test_a_score_clause_keeps_its_number_and_its_attempts_rule(text, want):
    values = extract_page(text, "text/plain").values
    assert {f: values[f] for f in want} == want
