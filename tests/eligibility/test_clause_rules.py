"""Clause-level rules grown from the real-phrasing dev set (issue 9), on invented sentences.

Each case is one page's text and the fields it must (and must not) fill: negation binds to its
own clause's predicate, a condition makes a sub-case, soft words keep numbers out of minimums.
"""

import pytest

from eligibility import extract_page

CASES = [
    # negation and contrast
    ("Which visas do you sponsor?\nWe do not sponsor visas ourselves, but we accept the "
     "ECFMG-sponsored J-1.", {"j1_visa": "yes"}),
    ("Do you sponsor H-1B visas?\nNo, but we do sponsor J-1 visas.",
     {"j1_visa": "yes", "h1b_visa": "no"}),
    ("Unfortunately, J-1 visas are not sponsored at this time.", {"j1_visa": "no", "h1b_visa": None}),
    ("H-1B visas for residency training are no longer sponsored by the hospital.", {"h1b_visa": "no"}),
    ("We are sorry that no visa, J-1 or H-1B, can be sponsored.", {"j1_visa": "no", "h1b_visa": "no"}),
    ("J-1 visas are sponsored by the institution; H-1B and all other visas are not.",
     {"j1_visa": "yes", "h1b_visa": "no"}),
    ("Note: H-1 (temporary worker) visas are not accepted.", {"h1b_visa": "no"}),
    ("Applicants who are not US citizens must be eligible for a J-1 exchange visitor visa.",
     {"j1_visa": "yes"}),
    ("We sponsor J visas in selected situations.", {"j1_visa": "yes"}),
    ("Only US citizens and permanent residents can be accepted.", {"j1_visa": "no", "h1b_visa": "no"}),
    ("The hospital sponsors J-1 visas only through the ECFMG. In a small number of cases the "
     "hospital will sponsor an H-1B visa.", {"j1_visa": "yes", "h1b_visa": "yes"}),
    ("We sponsor J-1 visas. If USCIS rules a candidate ineligible, we cannot sponsor the H-1B.",
     {"h1b_visa": "conditional"}),
    ("International graduates do not need ECFMG certification before the interview.",
     {"accepts_imgs": True}),
    ("Do you accept foreign graduates without US clinical experience?\nNo.",
     {"accepts_imgs": True, "usce": "required"}),
    # other people's numbers and soft lists are not minimums
    ("Is there a score cutoff?\nAlmost everyone we interview has scores above 235.",
     {"min_step2ck": None, "score_minimum_policy": None}),
    ("We look for USMLE scores of 235 and above for categorical spots, and 225 and above for "
     "preliminary spots.", {"min_step2ck": None, "score_minimum_policy": None}),
    ("Applicants must pass USMLE Step 1 (a COMLEX score above 520 is accepted instead).",
     {"min_comlex2": None}),
    ("Board scores of 225 or greater on Step 2 CK are needed to be invited for an interview.",
     {"min_step2ck": 225, "score_minimum_policy": "stated"}),
    # ECFMG timing from wording, lists and questions
    ("An ECFMG certificate must accompany your ERAS application.",
     {"ecfmg_cert_required": "by_application"}),
    ("What is in a complete application?\nThe ERAS form, a CV, three letters, an ECFMG certificate "
     "if it applies, and a personal statement.", {"ecfmg_cert_required": "by_application"}),
    ("Foreign graduates, please provide:\n- Your ECFMG certificate (it may be sent later if you do "
     "not yet have it)\n- Two letters", {"ecfmg_cert_required": "required_unspecified"}),
    ("Must I hold the ECFMG certificate to get an interview?\nA: ECFMG certification is required of "
     "every international graduate who applies.", {"ecfmg_cert_required": "by_application"}),
    ("Unless you are still a student, we require ECFMG certification by the end of the interview "
     "season.", {"ecfmg_cert_required": "by_rank"}),
    ("IMGs must be ECFMG certified before a training licence is issued.",
     {"ecfmg_cert_required": "by_start"}),
    ("IMGs must hold a valid ECFMG certificate. The certificate must be valid at the start of "
     "residency.", {"ecfmg_cert_required": "by_start"}),
    ("Do I need an ECFMG certificate to apply?\nEligibility for the certificate is enough to apply. "
     "Your ECFMG certificate has to be on file before June 20.", {"ecfmg_cert_required": "by_start"}),
    ("IMGs must provide a valid ECFMG certificate. Residents whose ECFMG certificate was issued "
     "before May 1, 2004 need a new sticker.", {"ecfmg_cert_required": "required_unspecified"}),
    # US clinical experience vocabulary
    ("Experience in the US health system is not required, but it is highly advised.",
     {"usce": "preferred"}),
    ("Without US clinical experience it is hard to judge how you talk with a typical patient.",
     {"usce": None}),
    ("We do require international graduates to have US clinical experience, with a letter of "
     "recommendation from it.", {"usce": "required"}),
    ("Our typical international resident has recent clinical experience in the United States.",
     {"usce": None}),
    ("No prior US clinical experience is needed to apply.", {"usce": "not_required"}),
    ("Files are reviewed whether or not you have US clinical experience.", {"usce": "not_required"}),
    ("PGY-2 applicants must have a full year of US clinical experience.", {"usce": None}),
    ("American hospital experience is required of all international applicants.",
     {"usce": "required"}),
    # a Q/A "no" only when the negated verb is the question's predicate
    ("Is there a limit on exam attempts?\nWe do not post scores online.", {"attempts_policy": None}),
    ("Do you limit the number of attempts?\nWe do not limit attempts.",
     {"attempts_policy": "no_limit"}),
    ("What do IMGs need to be considered?\nWe do not read incomplete files.",
     {"accepts_imgs": None}),
    ("Do you sponsor visas?\nWe do not sponsor visas.", {"j1_visa": "no", "h1b_visa": "no"}),
    # descriptions and distractors
    ("Most applicants we interview passed Step 1 at the first attempt.", {"attempts_policy": None}),
    ("Visits give applicants a holistic experience of training here and of how we review "
     "applications.", {"holistic_review": None}),
    ("Related: Meet our residents | How to apply | Visa and IMG information", {"accepts_imgs": None}),
    ("We have no strict numeric cutoffs, although we prefer a first-time pass, scores of 220 or "
     "more, and fewer than 10 years since graduation.", {"yog_max_years": None}),
    # COMLEX standing in for USMLE, or not
    ("To apply, send:\n- Dean's letter\n- USMLE or COMLEX transcripts", {"comlex_accepted": True}),
    ("Do you consider DO applicants?\nYes, and we prefer that they also take the USMLE.",
     {"comlex_accepted": True}),
    ("If I have taken COMLEX Level 1, must I also take USMLE Step 1?\nYes, we require USMLE scores.",
     {"comlex_accepted": False}),
    ("COMLEX scores are accepted, but USMLE scores are required, even for osteopathic graduates.",
     {"comlex_accepted": False}),
    ("We prefer Step 2 CK scores of 230 or better, or a COMLEX score of 540.",
     {"comlex_accepted": True, "min_comlex2": None}),
    ("The committee does not decide on USMLE/COMLEX numbers alone.", {"comlex_accepted": None}),
    ("Interested in Applying?\nTo apply to our residency:\n1. Apply through ERAS\n"
     "2. Scores - USMLE or COMLEX accepted", {"comlex_accepted": True}),
    # "no minimum" vocabulary
    ("Is there a USMLE cut-off?\nWe avoid arbitrary, rigid numeric filters such as cut-offs.",
     {"score_minimum_policy": "none"}),
    ("Scores weigh heavily, but we do not screen applicants with a minimum threshold.",
     {"score_minimum_policy": "none"}),
    ('There are no particular USMLE "cut offs".', {"score_minimum_policy": "none"}),
    ("Q: Minimum USMLE Step 1 score?\nA: None required.\nQ: Limit on Step 1 attempts?\n"
     "A: There is no limit.", {"score_minimum_policy": "none", "attempts_policy": "no_limit"}),
    ("A minimum score of 75% on the USMLE examinations is required.",
     {"score_minimum_policy": "stated", "min_step2ck": None}),
    ("Radiology | Residents | Faculty | Applicant Information | Contact us today\nIs there a minimum "
     "score for USMLE Step 2 CK?\nNo, though higher scores are viewed favourably.",
     {"score_minimum_policy": "none"}),
    # visa requirements and refusals in their own words
    ("Applicants who are not US citizens must hold an ECFMG-sponsored J-1 visa.",
     {"j1_visa": "yes", "h1b_visa": "no"}),
    ("Foreign graduates must hold a J-1 visa, permanent residency or a green card.",
     {"j1_visa": "yes", "h1b_visa": "no"}),     # the J-1 is the only visa route (holdout convention)
    ("Documents:\n- For applicants who are not citizens, the required J-1 visa",
     {"j1_visa": "yes", "h1b_visa": "no"}),
    ("- A copy of your visa card (the hospital cannot sponsor non-permanent residents for visas)",
     {"j1_visa": "no", "h1b_visa": "no"}),
    ("Non-citizens must hold a J1 visa or a green card, since the H1B visa is not accepted here.",
     {"j1_visa": "yes", "h1b_visa": "no"}),
    ("We can offer resident and fellow positions to people on a J-1 visa.", {"j1_visa": "yes"}),
    # graduation limits
    ("Qualified applicants are encouraged to apply whatever their year of graduation.",
     {"yog_max_years": 0}),
    ("There is no graduation year before which candidates become ineligible.", {"yog_max_years": 0}),
    ("Please have these documents ready:\n- Graduation from medical school within 5 years of "
     "application, unless actively practising", {"yog_max_years": 5}),
    ("Additional requirements:\n- Medical school finished no more than 3 years ago",
     {"yog_max_years": 3}),
    ("Applications from candidates more than six years past graduation are, however, not reviewed.",
     {"yog_max_years": 6}),
    ("Do I need an ECFMG certificate to apply?\nYes, unless you are still a student; then you must "
     "hold it before the rank list deadline.", {"ecfmg_cert_required": "by_application"}),
    # US experience named plainly, descriptions, elided predicates, "no formal criteria"
    ("Mandatory requirements for foreign graduates include:\nTwelve months of US experience",
     {"usce": "required"}),
    ("IMGs must have completed one year in a US accredited residency program.", {"usce": "required"}),
    ("Applicants do not need U.S. experience to apply.", {"usce": "not_required"}),
    ("Applicants with clinical training in the US have done best here.", {"usce": None}),
    ("Files with a failed Step are not prioritised; files scoring above 230 are.",
     {"min_step2ck": None, "score_minimum_policy": None}),
    ("We have no formal criteria and evaluate every applicant individually.",
     {"score_minimum_policy": "none"}),
    # attempts written as exclusions, permissions and licensing rules
    ("Applicants who have failed any part of the USMLE three times are not considered.",
     {"attempts_policy": "max_attempts_3"}),
    ("Candidates must pass Step 1 and Step 2 CK within their first two attempts.",
     {"attempts_policy": "max_attempts_2"}),
    ("We consider applicants who failed once, but the repeat score must be 225 or higher.",
     {"attempts_policy": "max_attempts_2"}),
    ("Should I apply after four attempts?\nNo. The state board will not issue a license if a Step "
     "was taken more than three times.", {"attempts_policy": "max_attempts_3"}),
    ("The number of attempts may lower the chance of an interview, but it does not by itself "
     "disqualify anyone.", {"attempts_policy": "no_limit"}),
    # permissions, inline application lists, USMLE as the only way in
    ("Do I need an ECFMG certificate when I apply?\nEligibility for the certificate is enough to "
     "apply.", {"ecfmg_cert_required": None}),
    ("The NRMP requires an ERAS application with: a CV; three letters; and a valid ECFMG "
     "certificate if you graduated abroad.", {"ecfmg_cert_required": "by_application"}),
    ("Do you accept applications without USMLE scores?\nNo, USMLE scores are required for "
     "consideration.", {"comlex_accepted": False}),
    # IMG-only documents, shares of IMG residents, answers that carry the timing
    ("Documents:\n- ECFMG status report - foreign graduates only", {"accepts_imgs": True}),
    ("Between 4 and 8 percent of our residents graduated from international schools.",
     {"accepts_imgs": True}),
    ("Our residents come from twelve countries.", {"accepts_imgs": None}),
    ("Must international graduates be ECFMG certified by the time of application?\nYes; your "
     "certificate must be in place when you submit your ERAS application.",
     {"ecfmg_cert_required": "by_application", "accepts_imgs": True}),
    ("Interviews are granted on a review of the total application package.",
     {"holistic_review": True}),
    ("We have no board score cutoffs. Each application is reviewed as a whole.",
     {"holistic_review": True, "score_minimum_policy": "none"}),
    # a bare yes/no composed with its yes/no question
("Is ECFMG certification required before the interview?\nYes.", {"ecfmg_cert_required":"by_rank"}),
("Must applicants hold ECFMG certification by the start of residency?\nYes.", {"ecfmg_cert_required":"by_start"}),
("Does the program require US clinical experience?\nNo.", {"usce":"not_required"}),
("Are applicants required to have graduated within 5 years?\nYes.", {"yog_max_years":5}),
("Does the program have a minimum Step 2 CK score of 220?\nYes.", {"min_step2ck":220}),
("Is there a limit on the number of attempts?\nNo.", {"attempts_policy":"no_limit"}),
("Do you accept applicants who have failed a Step?\nNo.", {"attempts_policy":"first_attempt_only"}),
("Is the program able to sponsor H-1B visas?\nNo.", {"h1b_visa":"no"}),
("Will the program sponsor a J-1 visa?\nYes.", {"j1_visa":"yes"}),
("Do you review applications holistically?\nYes.", {"holistic_review":True}),
("Can DO applicants submit COMLEX instead of USMLE?\nYes.", {"comlex_accepted":True}),
("Does the program consider international medical graduates?\nYes.", {"accepts_imgs":True}),
("Is a Step 2 CK score required at the time of application?\nYes.", {"min_step2ck":None}),
("Do you require ECFMG certification?\nNo.", {"ecfmg_cert_required":None}),
    ("IMGs and applicants who are not US citizens must hold a J-1 visa or a green card, since the "
     "H-1B visa is not accepted.", {"accepts_imgs": True, "h1b_visa": "no"}),
    ("We do not accept IMGs who need a visa.", {"accepts_imgs": None}),
    ("The committee does not make decisions on USMLE/COMLEX numbers.", {"comlex_accepted": None}),
    ("No more than one failed attempt on any part of the USMLE or COMLEX.", {"comlex_accepted": None}),
    ("Applicants must submit USMLE or COMLEX scores.", {"comlex_accepted": True}),
    ("US clinical experience is not a prerequisite for an interview, but it can give "
     "international applicants useful insight.", {"accepts_imgs": None}),
    ("We do not interview international medical graduates.", {"accepts_imgs": False}),
    ("Documents:\n6. Graduates of international medical schools: a letter attesting to your "
     "clinical performance", {"accepts_imgs": True}),
]


@pytest.mark.parametrize("text,want", CASES)
def test_clause_rules(text, want):
    values = extract_page(text, "text/plain").values
    assert {f: values[f] for f in want} == want


@pytest.mark.parametrize("page,want", [
    ("These qualities suggest readiness for our residency:\n- Clinical experience in the US\n"
     "- Strong letters", None),
    ("Interview criteria and other consideration factors:\n- U.S. health-system clinical experience",
     None),
    ("Requirements:\n- U.S. clinical experience", "required"),
])
def test_a_list_of_qualities_weighed_is_no_usce_rule(page, want):
    assert extract_page(page, "text/plain").values["usce"] == want


def test_a_pronoun_read_with_the_sentence_before_it_cites_both():
    page = "ECFMG certification matters. It must be obtained before the rank list deadline."
    r = extract_page(page, "text/plain")
    assert r.values["ecfmg_cert_required"] == "by_rank"
    assert r.evidence()["ecfmg_cert_required"] == page
