"""A negation bound to the requirement noun it determines (issue 14's epoch miss, in other words).

"We have no US clinical experience requirement" says there is none: the "no" is the
requirement's, not a word the rule may skip on its way to "requirement". The same "no" in a
phrase about another thing ("no exceptions to the USCE requirement", "no minimum score
requirement, and US clinical experience is required") leaves the experience rule standing.
"""

import pytest

from eligibility import extract_page

CASES = [
    # the determiner "no" / "not any" / "do not have a" on a requirement that names the experience
    ("We have no US clinical experience requirement for the coming season.", "not_required"),
    ("The program has no hands-on U.S. clinical experience requirement.", "not_required"),
    ("We do not have a USCE requirement.", "not_required"),
    ("There are no USCE requirements for international applicants.", "not_required"),
    ("There isn't any prerequisite of prior clinical experience in the US.", "not_required"),
    ("There is no formal requirement for US clinical experience.", "not_required"),
    ("Our department does not impose a minimum US clinical experience requirement.", "not_required"),
    # the same "no" with a wish beside it: a preference, not a requirement
    ("We have no USCE requirement, although US rotations are looked upon favorably.", "preferred"),
    # a bare answer to a question about the experience
    ("Is US clinical experience required?\nThere is no such requirement.", "not_required"),
    # the negation belongs to another noun: the requirement stands
    ("There are no exceptions to the US clinical experience requirement.", "required"),
    ("No exceptions are made to our USCE requirement.", "required"),
    ("No one may waive the US clinical experience requirement.", "required"),
    ("There is no minimum score requirement, and US clinical experience is required.", "required"),
    ("Applicants with no US clinical experience will not be considered.", "required"),
    # a refusal whose "without" names the refused sub-group is an exclusion: required
    ("We do not consider applicants without US clinical experience.", "required"),
    ("The program will not interview candidates without hands-on US clinical experience.", "required"),
    ("We do not require US clinical experience; applicants without it are considered.", "not_required"),
    ("We accept applicants without US clinical experience.", "not_required"),
]


@pytest.mark.parametrize("text,want", CASES)
def test_a_negated_requirement_noun_is_no_requirement(text, want):
    assert extract_page(text, "text/plain").values["usce"] == want


def test_a_negated_score_requirement_is_not_read_as_an_experience_rule():
    values = extract_page("Do you require US clinical experience?\nThere is no minimum score requirement.",
                          "text/plain").values
    assert values["usce"] is None


ECFMG_CASES = [
    # the same "no" on the certificate's requirement: no ECFMG rule (its timing is not given)
    ("There is no ECFMG certification requirement at the time of application.", None),
    ("ECFMG certification is not a requirement to apply.", None),
    # a timing stated beside it is the rule
    ("We have no ECFMG certification requirement for the interview; certification is required by the "
     "start of residency.", "by_start"),
    # the negation of another noun leaves the requirement
    ("There are no exceptions to the ECFMG certification requirement.", "required_unspecified"),
]


@pytest.mark.parametrize("text,want", ECFMG_CASES)
def test_a_negated_ecfmg_requirement_is_no_ecfmg_rule(text, want):
    assert extract_page(text, "text/plain").values["ecfmg_cert_required"] == want
