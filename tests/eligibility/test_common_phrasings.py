"""Common ways program pages state each field, one sentence or Q/A each (invented wording).

A broad net of ordinary phrasings (visa lists, refusals, Q/A with short answers, score and
attempt rules, graduation limits, holistic review, COMLEX, IMGs), so that tuning on the
real-phrasing dev set does not lose the plain cases.
"""

import pytest

from eligibility import extract_page

CASES = [
("Our program participates in the ECFMG J-1 Exchange Visitor program.", {"j1_visa":"yes"}),
("We accept the J-1 visa sponsored by ECFMG.", {"j1_visa":"yes"}),
("Visa status: J-1 (ECFMG sponsored). H-1B visas are not offered.", {"j1_visa":"yes","h1b_visa":"no"}),
("Visas: We support J-1 visas only.", {"j1_visa":"yes","h1b_visa":"no"}),
("The hospital does not support H1-B visas for residents.", {"h1b_visa":"no"}),
("We are not able to offer H-1B sponsorship.", {"h1b_visa":"no"}),
("H-1B visas are available for qualified candidates who have passed Step 3.", {"h1b_visa":"conditional"}),
("We will sponsor H1B visas for applicants who have passed all USMLE steps prior to ranking.", {"h1b_visa":"conditional"}),
("Does the program sponsor visas?\nWe sponsor J-1 visas through ECFMG. We do not sponsor H-1B visas.", {"j1_visa":"yes","h1b_visa":"no"}),
("Do you sponsor H-1B visas?\nNo.", {"h1b_visa":"no"}),
("Do you sponsor J-1 visas?\nYes.", {"j1_visa":"yes"}),
("What visas do you accept?\nJ-1 only.", {"j1_visa":"yes","h1b_visa":"no"}),
("What types of visas do you sponsor?\nJ-1 and H-1B.", {"j1_visa":"yes","h1b_visa":"yes"}),
("Which visas does the program support?\nWe support both J-1 and H-1B visas.", {"j1_visa":"yes","h1b_visa":"yes"}),
("Visa sponsorship\nThe department sponsors J1 and H1B visas.", {"j1_visa":"yes","h1b_visa":"yes"}),
("We are unable to sponsor any visas at this time.", {"j1_visa":"no","h1b_visa":"no"}),
("Applicants must be U.S. citizens, permanent residents, or hold a valid EAD.", {"j1_visa":None}),
("Our institution sponsors J-1 visas; H-1B visas are considered on a case by case basis.", {"j1_visa":"yes","h1b_visa":"yes"}),
("The program will not sponsor H1B visas.", {"h1b_visa":"no"}),
("Unfortunately we do not offer H-1B visa sponsorship.", {"h1b_visa":"no"}),
("International graduates requiring a visa must obtain a J-1 visa through ECFMG.", {"j1_visa":"yes","h1b_visa":"no"}),
("Residents on J-1 visas are welcome.", {"j1_visa":"yes"}),
("Is visa sponsorship available?\nYes, J-1 visas are sponsored through ECFMG.", {"j1_visa":"yes"}),
("Is visa sponsorship available?\nWe accept J-1 visas only.", {"j1_visa":"yes","h1b_visa":"no"}),
("Do you sponsor visas?\nOnly J-1.", {"j1_visa":"yes","h1b_visa":"no"}),
("Do you sponsor visas?\nYes, the J-1.", {"j1_visa":"yes"}),
("Do you sponsor H-1B visas?\nWe do not sponsor H-1B visas at this time.", {"h1b_visa":"no"}),
("Do you sponsor H-1B visas?\nNot at this time.", {"h1b_visa":"no"}),
("Visa Information\nJ-1: Yes\nH-1B: No", {"j1_visa":"yes","h1b_visa":"no"}),
("Visa types accepted: J-1", {"j1_visa":"yes"}),
("We do not sponsor visas of any kind.", {"j1_visa":"no","h1b_visa":"no"}),
("The program is unable to sponsor H-1B or J-1 visas.", {"j1_visa":"no","h1b_visa":"no"}),
("H-1B sponsorship is not available for residents in this program.", {"h1b_visa":"no"}),
("J-1 visa holders are eligible to apply.", {"j1_visa":"yes"}),
("The GME office sponsors H-1B visas for residents who meet the eligibility requirements.", {"h1b_visa":"yes"}),
("We currently accept applicants who need J-1 visa sponsorship.", {"j1_visa":"yes"}),
("Foreign nationals who require a visa are sponsored under the J-1 category only.", {"j1_visa":"yes","h1b_visa":"no"}),
("Candidates who require an H-1B visa will not be considered.", {"h1b_visa":"no"}),
("Candidates requiring visa sponsorship will not be considered.", {"j1_visa":"no","h1b_visa":"no"}),
("We cannot accept applicants who require visa sponsorship.", {"j1_visa":"no","h1b_visa":"no"}),
("Does your program sponsor H1B visas?\nAt this time, we only sponsor J1 visas.", {"j1_visa":"yes","h1b_visa":"no"}),
("H-1B visas are sponsored for PGY-2 and higher only.", {"h1b_visa":"conditional"}),
("We sponsor H-1B visas.", {"h1b_visa":"yes"}),
("H1B: not sponsored", {"h1b_visa":"no"}),
# usce
("US clinical experience is required.", {"usce":"required"}),
("We require a minimum of 3 months of US clinical experience.", {"usce":"required"}),
("Applicants must have at least one year of clinical experience in the United States.", {"usce":"required"}),
("Hands-on clinical experience in the US is strongly recommended but not required.", {"usce":"preferred"}),
("Is US clinical experience required?\nNo, but it is strongly encouraged.", {"usce":"preferred"}),
("Is US clinical experience required?\nYes, at least 3 months.", {"usce":"required"}),
("Is US clinical experience required?\nNo.", {"usce":"not_required"}),
("USCE: Required (observerships do not count)", {"usce":"required"}),
("USCE: Preferred", {"usce":"preferred"}),
("US clinical experience is not a requirement.", {"usce":"not_required"}),
("We give preference to applicants with US clinical experience.", {"usce":"preferred"}),
("Applicants with US clinical experience will be given priority.", {"usce":"preferred"}),
("Observerships are not considered clinical experience.", {"usce":None}),
# ecfmg
("ECFMG certification is required at the time of application.", {"ecfmg_cert_required":"by_application"}),
("IMGs must be ECFMG certified by the rank list deadline.", {"ecfmg_cert_required":"by_rank"}),
("ECFMG certification must be obtained before the start of residency.", {"ecfmg_cert_required":"by_start"}),
("All IMGs must have a valid ECFMG certificate.", {"ecfmg_cert_required":"required_unspecified","accepts_imgs":True}),
("Is ECFMG certification required to apply?\nNo, but it must be obtained before the rank list is submitted.", {"ecfmg_cert_required":"by_rank"}),
("Applicants must be ECFMG certified prior to interview.", {"ecfmg_cert_required":"by_rank"}),
("We only interview candidates who are already ECFMG certified.", {"ecfmg_cert_required":"by_application"}),
("ECFMG certification by June 1 of the year training begins.", {"ecfmg_cert_required":"by_start"}),
# scores
("Minimum USMLE Step 2 CK score: 220", {"min_step2ck":220,"score_minimum_policy":"stated"}),
("We require a score of at least 215 on Step 2 CK.", {"min_step2ck":215}),
("Applicants must have passed USMLE Step 1 and Step 2 CK.", {"min_step2ck":None}),
("There is no minimum USMLE score requirement.", {"score_minimum_policy":"none"}),
("We do not have a minimum score cutoff.", {"score_minimum_policy":"none"}),
("Step 2 CK scores above 240 are competitive.", {"min_step2ck":None,"score_minimum_policy":None}),
("The average Step 2 CK score of our residents is 245.", {"min_step2ck":None}),
("We do not use score cutoffs; applications are reviewed holistically.", {"score_minimum_policy":"none","holistic_review":True}),
("Applicants should have a Step 2 CK score of 230 or higher.", {"min_step2ck":230}),
("Is there a minimum USMLE score?\nNo.", {"score_minimum_policy":"none"}),
("Is there a minimum USMLE score?\nYes, 220 on Step 2 CK.", {"min_step2ck":220}),
("COMLEX Level 2-CE minimum: 500", {"min_comlex2":500}),
# attempts
("Applicants must have passed all USMLE exams on the first attempt.", {"attempts_policy":"first_attempt_only"}),
("We do not consider applicants with more than one attempt on any USMLE step.", {"attempts_policy":"first_attempt_only"}),
("No more than two attempts on any Step.", {"attempts_policy":"max_attempts_2"}),
("Do you accept applicants who failed a Step?\nNo.", {"attempts_policy":"first_attempt_only"}),
("Do you accept applicants who failed a Step?\nYes, applications are reviewed case by case.", {"attempts_policy":None}),
("Failures on USMLE will not automatically exclude an applicant.", {"attempts_policy":"no_limit"}),
("First-attempt passes are preferred.", {"attempts_policy":None}),
# yog
("Applicants must have graduated within the last 5 years.", {"yog_max_years":5}),
("We do not have a year of graduation cutoff.", {"yog_max_years":0}),
("Graduation from medical school within 3 years of the start of residency.", {"yog_max_years":3}),
("Is there a graduation year cutoff?\nNo.", {"yog_max_years":0}),
("Is there a graduation year cutoff?\nYes, 5 years.", {"yog_max_years":5}),
("We prefer applicants who graduated within the last 3 years.", {"yog_max_years":None}),
("Recent graduates (within 2 years) are given preference.", {"yog_max_years":None}),
# holistic
("We review each application holistically.", {"holistic_review":True}),
("Applications are reviewed in their entirety; no single factor determines an interview.", {"holistic_review":True}),
("Scores are only one part of the application.", {"holistic_review":True}),
("We consider the whole applicant.", {"holistic_review":True}),
# comlex
("We accept COMLEX scores in place of USMLE.", {"comlex_accepted":True}),
("DO applicants may submit COMLEX scores.", {"comlex_accepted":True}),
("DO applicants must take the USMLE.", {"comlex_accepted":False}),
("COMLEX is not accepted; DO applicants must submit USMLE scores.", {"comlex_accepted":False}),
("We accept either USMLE or COMLEX.", {"comlex_accepted":True}),
# imgs
("We welcome applications from international medical graduates.", {"accepts_imgs":True}),
("We do not accept international medical graduates.", {"accepts_imgs":False}),
("Only graduates of LCME-accredited US medical schools are eligible.", {"accepts_imgs":False}),
("Do you accept IMGs?\nYes.", {"accepts_imgs":True}),
("Do you accept IMGs?\nNo.", {"accepts_imgs":False}),
("Our residents come from a dozen countries.", {"accepts_imgs":None}),
]


# The same facts in page structure: headings, lead-ins with bare items, Q/A, tables, <dl>,
# <details>, bold questions inline.
STRUCTURED = [
("Visa Sponsorship\n\nThe program sponsors J-1 visas through ECFMG.\n\nWe are unable to sponsor H-1B visas.", {"j1_visa":"yes","h1b_visa":"no"}),
("Visa Sponsorship:\n- J-1 (ECFMG)\n- H-1B (not available)", {"j1_visa":"yes","h1b_visa":"no"}),
("Visas we sponsor:\n• J-1\n• H-1B", {"j1_visa":"yes","h1b_visa":"yes"}),
("Visa\nJ-1 only", {"j1_visa":"yes","h1b_visa":"no"}),
("Q: Does the program sponsor visas?\nA: Yes. We sponsor J-1 visas.\nQ: What about H-1B?\nA: We do not sponsor H-1B visas.", {"j1_visa":"yes","h1b_visa":"no"}),
("Do you sponsor visas?\n\nWe sponsor the J-1 visa, which is administered by ECFMG. Residents are not sponsored for H-1B visas.", {"j1_visa":"yes","h1b_visa":"no"}),
("International Medical Graduates\n\nWe welcome IMGs. Our program accepts J-1 visa holders. Unfortunately, H1B visas cannot be sponsored.", {"accepts_imgs":True,"j1_visa":"yes","h1b_visa":"no"}),
("<html><body><h2>Visa Information</h2><p>J-1 visas are accepted.</p><p>H-1B visas are not sponsored.</p></body></html>", {"j1_visa":"yes","h1b_visa":"no"}),
("<html><body><table><tr><th>Visa</th><th>Sponsored?</th></tr><tr><td>J-1</td><td>Yes</td></tr><tr><td>H-1B</td><td>No</td></tr></table></body></html>", {"j1_visa":"yes","h1b_visa":"no"}),
("<html><body><dl><dt>Do you sponsor H-1B visas?</dt><dd>No, we only sponsor J-1 visas.</dd></dl></body></html>", {"j1_visa":"yes","h1b_visa":"no"}),
("<html><body><details><summary>Which visas are accepted?</summary><p>J-1 and H-1B.</p></details></body></html>", {"j1_visa":"yes","h1b_visa":"yes"}),
("<html><body><p><strong>Do you sponsor visas?</strong> We sponsor J-1 visas only.</p></body></html>", {"j1_visa":"yes","h1b_visa":"no"}),
("<html><body><p><b>Visa sponsorship:</b> J-1 only.</p></body></html>", {"j1_visa":"yes","h1b_visa":"no"}),
("Eligibility Requirements\n1. Graduation from an accredited medical school\n2. ECFMG certification (for IMGs)\n3. Eligibility for a J-1 visa or US citizenship/permanent residency", {"j1_visa":"yes","ecfmg_cert_required":"required_unspecified"}),
("Requirements for International Medical Graduates:\n- Valid ECFMG certificate at time of application\n- At least 6 months of US clinical experience\n- Graduation within the past 5 years", {"ecfmg_cert_required":"by_application","usce":"required","yog_max_years":5,"accepts_imgs":True}),
("Applicants must meet the following criteria:\n- Step 2 CK score of 220 or higher\n- No more than 2 attempts on any USMLE step\n- Graduated within 5 years", {"min_step2ck":220,"attempts_policy":"max_attempts_2","yog_max_years":5}),
("We prefer applicants who have:\n- Step 2 CK scores above 230\n- Graduated within 3 years\n- US clinical experience", {"min_step2ck":None,"yog_max_years":None,"usce":"preferred"}),
("What are your minimum requirements?\nStep 2 CK of 225. Graduation within 5 years. ECFMG certification by the rank order list deadline.", {"min_step2ck":225,"yog_max_years":5,"ecfmg_cert_required":"by_rank"}),
("How many attempts are allowed?\nTwo.", {"attempts_policy":"max_attempts_2"}),
("Is there a cut-off for year of graduation?\nApplicants should have graduated within the last five years.", {"yog_max_years":5}),
("Do you require US clinical experience?\nWe strongly prefer at least two months of hands-on US clinical experience.", {"usce":"preferred"}),
]


@pytest.mark.parametrize("text,want", CASES + STRUCTURED)
def test_common_phrasing(text, want):
    ctype = "text/html" if text.startswith("<html") else "text/plain"
    values = extract_page(text, ctype).values
    assert {f: values[f] for f in want} == want
