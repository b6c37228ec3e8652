"""Phrasing classes found when the second real-phrasing holdout (holdout2a a001-a016, holdout2b;
then a017-a028) was folded in (issue 9): each miss's class written again in other words, several variants per
class, never a holdout sentence, so a fix is a class and not a page.
"""

import pytest

from eligibility import extract_page

ECFMG = [
# an optional certificate in the document list, then its own deadline in the next sentence
("Your application packet should contain:\n- CV\n- ECFMG certificate, if you have one. Without one yet, "
 "the certificate must reach us before orientation starts.", {"ecfmg_cert_required": "by_start"}),
("Please upload:\n- Dean's letter\n- The ECFMG certificate if you have it. If you are still waiting for it, "
 "the certificate has to be issued before your first day.", {"ecfmg_cert_required": "by_start"}),
("Please submit:\n- Two letters\n- ECFMG certificate for applicants who trained abroad",
 {"ecfmg_cert_required": "by_application"}),
("Send us:\n- Personal statement\n- ECFMG certificate, if you have one", {"ecfmg_cert_required": None,
                                                                       "accepts_imgs": True}),
# entering / joining an (ACGME) residency is the start of training
("Foreign graduates must be ECFMG certified before entering an ACGME residency program.",
 {"ecfmg_cert_required": "by_start"}),
("Each IMG needs ECFMG certification before entering any accredited residency.",
 {"ecfmg_cert_required": "by_start"}),
# what ECFMG itself requires for certification is no timing of the certificate
("Students still in school must have ECFMG confirm that they met the exam requirements for ECFMG "
 "certification in order to enter the Match.", {"ecfmg_cert_required": None}),
# a misspelt acronym beside the word certificate
("Application documents:\n- Transcript\n- ECFME certificate (graduates of foreign schools)\n- CV",
 {"ecfmg_cert_required": "by_application", "accepts_imgs": True}),
("Submit with your ERAS application:\n- ECGMG Certification (foreign graduates only)\n- Three letters",
 {"ecfmg_cert_required": "by_application", "accepts_imgs": True}),
# "ECFMG candidates should be certified by <a date before the match>"
("ECFMG applicants should be certified by January 10 before the match.", {"ecfmg_cert_required": "by_rank",
                                                                         "accepts_imgs": True}),
("Candidates from ECFMG must be fully certified by the rank list deadline.", {"ecfmg_cert_required": "by_rank"}),
# the close (not only the end) of the interview season
("IMGs must hold ECFMG certification by the close of the interview season.", {"ecfmg_cert_required": "by_rank"}),
# applicants "applying to" the program must hold it: a condition of applying
("IMGs applying to our residency must hold a current ECFMG certificate.", {"ecfmg_cert_required": "by_application"}),
("Graduates applying for the categorical program must hold a valid ECFMG certificate.",
 {"ecfmg_cert_required": "by_application"}),
# applying for a visa is not applying to the program
("IMGs applying for J-1 sponsorship must hold a valid ECFMG certificate.",
 {"ecfmg_cert_required": "required_unspecified"}),
("Requirements for foreign graduates applying to the program:\n- Hold a valid ECFMG certificate\n- Graduated "
 "within the last five years", {"ecfmg_cert_required": "by_application"}),
("Each IMG is expected to hold ECFMG certification and submit a complete ERAS file.",
 {"ecfmg_cert_required": "by_application"}),
# certified at application, or an alternative that is no certificate ("eligible for the Match")
("Foreign graduates need ECFMG certification at the time they apply, or must be far enough through the "
 "process to be eligible to enter the Match.", {"ecfmg_cert_required": None, "accepts_imgs": True}),
# a passive requirement inside a nested item takes the lead-in's timing (start of employment)
("To begin employment in our training programs, residents must:\n- Have graduated from one of:\n"
 "  \u25e6 an LCME-accredited school\n  \u25e6 a school abroad, in which case a valid ECFMG certificate is "
 "required\n- Pass the pre-employment screening", {"ecfmg_cert_required": "by_start"}),
# ACGME eligibility boilerplate ("eligible for appointment") gives no timing
("Applicants with one of these qualifications are eligible for appointment:\n- Graduates of schools "
 "abroad who hold a valid ECFMG certificate", {"ecfmg_cert_required": "required_unspecified"}),
# a full sentence (its own verb) under an application heading is no bare document item
("How to apply\nThe institution accepts trainees who are on a J-1 and who hold a valid ECFMG "
 "certificate.", {"ecfmg_cert_required": None, "j1_visa": "yes"}),
("How to apply\nEligibility criteria\n- Holds a valid ECFMG certificate;\n- Holds a full US licence",
 {"ecfmg_cert_required": "required_unspecified"}),
]

IMGS = [
# an immigration rule under an "International Applicants" heading is no IMG rule
("International Applicants\nAll candidates are required to have work authorization before ranking.", {"accepts_imgs": None}),
("International Candidates\nAll candidates must have employment authorization before the contract starts.",
 {"accepts_imgs": None}),
("International Applicants\nApplicants must hold an ECFMG certificate.", {"accepts_imgs": True}),
("International Medical Graduates\nApplicants must hold a J-1 visa sponsored by ECFMG.", {"accepts_imgs": True}),
# "an IMG applying for residency may qualify for ..." considers IMGs
("An international medical graduate applying for residency here may qualify for H-1B sponsorship.",
 {"accepts_imgs": True}),
("Foreign medical graduates applying to the program can qualify for a J-1 visa.", {"accepts_imgs": True}),
# advice to IMGs ("encourage IMGs to send ...") is not that they are considered; "to apply" is
("We encourage foreign medical graduates to obtain letters from physicians in the US.", {"accepts_imgs": None}),
("We encourage graduates of foreign medical schools (IMG) to send US letters where they can.", {"accepts_imgs": None}),
("We encourage international medical graduates to apply.", {"accepts_imgs": True}),
# a pointer to another page says nothing itself
("Applicants must have:\n- IMGs: please see the IMG page for further eligibility requirements.", {"accepts_imgs": None}),
("International graduates: visit the section below for more details.", {"accepts_imgs": None}),
# a requirement after any IMG wording, not only the acronym
("Graduates of international schools, whatever their citizenship, should ask the state board about licensure.",
 {"accepts_imgs": True}),
]

GRADUATION = [
# a number word with its digit in brackets
("Application requirements\n- No more than six (6) years since medical school graduation", {"yog_max_years": 6}),
("Applicants must be no more than three (3) years out of medical school.", {"yog_max_years": 3}),
# an exclusion worded with "left medical school" and "review"
("Our program does not review files of applicants who left medical school more than 7 years ago.",
 {"yog_max_years": 7}),
("We will not consider anyone who left medical school more than 5 years ago.", {"yog_max_years": 5}),
# no graduation window required
("Applicants are not required to have finished medical school within any particular period.",
 {"yog_max_years": 0}),
("The program does not require graduation within any set number of years.", {"yog_max_years": 0}),
# "undergraduate" is no graduation: "no hard cut-offs" after it is not a YOG rule
("Strong applicants did well in undergraduate study and in medical school, but we use no hard criteria or "
 "cut-offs.", {"yog_max_years": None}),
("Postgraduate experience helps, although there are no strict cut-offs.", {"yog_max_years": None}),
]

SCORES_AND_ATTEMPTS = [
# a soft lead-in softens bare items whose only hard-looking words are thresholds
("Desired qualifications:\n- Step 2 CK of at least 230, passed on the first try.",
 {"min_step2ck": None, "score_minimum_policy": None, "attempts_policy": None}),
("What we look for:\n- Step 2 CK of 240 or higher\n- A first-attempt pass on every Step",
 {"min_step2ck": None, "attempts_policy": None}),
# ... but an item with its own force keeps it, and a lead-in with "must" is not soft
("Desired qualifications:\n- Applicants must have a Step 2 CK of at least 225.",
 {"min_step2ck": 225}),
("Candidates must have: board scores as below, ideally passed at the first attempt\n- Step 2 CK of at least 220",
 {"min_step2ck": 220}),
# "unusual for us to interview ..." is a hedge, not a minimum
("Interviewing an applicant with a Step 2 CK under 235 is unusual for this program.",
 {"min_step2ck": None, "score_minimum_policy": None}),
("It would be uncommon for us to rank a candidate with scores under 225.", {"min_step1": None, "min_step2ck": None}),
# a soft tail after the rule does not soften it
("USMLE scores must be 220 or higher at the first sitting, and preferably above 240.",
 {"attempts_policy": "first_attempt_only"}),
("Step 2 CK must be passed on the first attempt, and ideally with a score above 245.",
 {"attempts_policy": "first_attempt_only"}),
# a wish before the parts governs them all
("We prefer Step 1 and Step 2 CK passes at the first attempt.", {"attempts_policy": None}),
# two exams, two different limits in one sentence -> no single rule
("We require Step 1 with no more than two (2) attempts, and Step 2 CK with no failed attempts.",
 {"attempts_policy": None}),
("You need COMLEX Level 1 with no more than one failure and COMLEX Level 2 with no failure at all.",
 {"attempts_policy": None}),
("Applicants must pass Step 1 and Step 2 CK on the first attempt.", {"attempts_policy": "first_attempt_only"}),
# acceptance conditional on the attempts
("Either board exam is acceptable with a pass within your first two tries.",
 {"attempts_policy": "max_attempts_2"}),
("Board scores are accepted only if passed within the first three attempts.", {"attempts_policy": "max_attempts_3"}),
]

VISAS_AND_COMLEX = [
# "sponsors no visas (of any type)" is a blanket no
("Which visas can you offer?\nOur residency sponsors no visas of any kind.", {"j1_visa": "no", "h1b_visa": "no"}),
("The hospital supports no work visas for trainees.", {"j1_visa": "no", "h1b_visa": "no"}),
("We accept no J-1 visas; H-1B visas are sponsored.", {"j1_visa": "no", "h1b_visa": "yes"}),
# ECFMG's own exchange-visitor programme described is no policy of this program
("ECFMG operates the Exchange Visitor Sponsorship Program for foreign physicians in clinical training.",
 {"j1_visa": None}),
("ECFMG's J-1 fact sheet explains the sponsorship of physicians for the J-1 visa.", {"j1_visa": None}),
("ECFMG-sponsored J-1 visas are considered for our residents.", {"j1_visa": "yes"}),
# USMLE demanded of every applicant (DOs included): COMLEX does not stand in
("Each candidate has to sit for the USMLE; first-time passes only.", {"comlex_accepted": False}),
("All candidates are required to pass the USMLE.", {"comlex_accepted": False}),
("USMLE Step 1 and Step 2 CK (required of both MD and DO students)", {"comlex_accepted": False}),
("A USMLE score report is required of both MD and DO graduates.", {"comlex_accepted": False}),
# ... but a page's own word on COMLEX outranks it; Step 3 before PGY-2 says nothing of COMLEX
("All applicants must pass the USMLE or its equivalent. We accept COMLEX in place of USMLE.",
 {"comlex_accepted": True}),
("DOs may submit COMLEX scores instead. Every applicant must pass USMLE Step 3 before the PGY-2 year.",
 {"comlex_accepted": True}),
# COMLEX listed among exams offered as alternatives
("Bring:\n- Passing results from at least 2 of these exams:\n  - USMLE Step 1\n  - COMLEX Level 1\n"
 "  - USMLE Step 2\n  - COMLEX Level 2", {"comlex_accepted": True}),
("Provide scores from any of the following tests:\n- USMLE Step 2 CK\n- COMLEX Level 2-CE", {"comlex_accepted": True}),
]

USCE = [
# what successful applicants of past years had describes them
("Over recent years our successful candidates have had clinical rotations in the US.", {"usce": None}),
("Successful applicants had documented US clinical experience in past years.", {"usce": None}),
("Applicants must have US clinical experience.", {"usce": "required"}),
# advice to a sub-group defined by something else is no program rule
("Anyone without recent patient contact should ideally do an externship in a US hospital first.", {"usce": None}),
("Applicants who have not practised for two years are encouraged to complete a US clinical rotation.",
 {"usce": None}),
# experience wished for inside one visa's criteria belongs to that sub-case (a visa name with a
# digit still makes a plain-text title)
("H-1B Sponsorship Criteria\nA candidate may be sponsored when Step 3 is passed by March.\n\n"
 "Some US clinical rotations are desirable.", {"usce": None}),
("<html><body><h2>Requirements for H1B sponsorship</h2><p>All three Steps passed before ranking.</p>"
 "<p>Clinical experience in the United States is preferred.</p></body></html>", {"usce": None}),
("International Graduates\nUS clinical experience is preferred.", {"usce": "preferred"}),
("J-1 Visa Requirements\nAll international applicants must have 3 months of US clinical experience.",
 {"usce": "required"}),
# ... but excluding those without US experience itself is a rule
("Applicants without US clinical experience will not be considered.", {"usce": "required"}),
]


# Classes from holdout2a a017-a028 (folded in 3 Dec): several own-words variants per class.
LATE_ECFMG_GRAD_USCE = [
# the documents' deadline in the next sentence ("these documents before an interview is offered");
# a bracketed "(for example ...)" illustrates a document, it is no generic advice
("Graduates of foreign schools must also provide a current ECFMG certificate and a copy of their passport "
 "(for example the photo page). We need these documents before an interview is offered.",
 {"ecfmg_cert_required": "by_application", "accepts_imgs": True}),
("IMGs must also send a valid ECFMG certificate (for example a scanned copy).",
 {"ecfmg_cert_required": "required_unspecified", "accepts_imgs": True}),
("International graduates should include their ECFMG certificate with the rest. All of these documents must "
 "arrive before your interview is scheduled.", {"ecfmg_cert_required": "by_application"}),
("Send your CV and transcripts. We need these documents before any interview is scheduled.",
 {"ecfmg_cert_required": None}),
# "... must also contain/include:" lead-ins make a document list
("Files from graduates of schools abroad must also include:\n- A copy of the ECFMG certificate\n- Their visa status",
 {"ecfmg_cert_required": "by_application", "accepts_imgs": True}),
("Every application should contain:\n\u2022 Three letters\n\u2022 ECFMG certificate (not needed for US seniors)",
 {"ecfmg_cert_required": "by_application"}),
# "we look for:" over a criteria list is a wish (the certificate under it no rule, IMGs considered)
("How to apply\nFor applicants from international medical schools, we look for:\n\u2022 A current ECFMG certificate\n"
 "\u2022 Graduation within the last five years",
 {"ecfmg_cert_required": None, "accepts_imgs": True, "yog_max_years": None}),
# a preference, then an outer limit after a contrast ("although ... up to N years are considered")
("We prefer a graduation date within three years of starting, although graduates of up to eight years will "
 "be considered.", {"yog_max_years": 8}),
("Ideally you graduated no more than 2 years ago, but graduates of up to 7 years may be considered.",
 {"yog_max_years": 7}),
("We prefer candidates who graduated within the last 3 years.", {"yog_max_years": None}),
# clinical experience that may be gained abroad is no US requirement (a wish for it is still one)
("Clinical work of at least six months in the US, Ireland or New Zealand is required.", {"usce": None}),
("Every candidate needs hands-on patient care in the US or abroad.", {"usce": None}),
("Candidates must show US clinical experience or comparable clinical work abroad.", {"usce": None}),
("Applicants must have at least three months of clinical experience in the US or Canada.", {"usce": "required"}),
("We prefer two months of clinical work in the US, Canada or England.", {"usce": "preferred"}),
("Applicants must have US clinical experience; clinical time abroad does not count.", {"usce": "required"}),
]

LATE_SCORES_IMGS_VISAS = [
# a bracketed definition of what counts is dropped whole; the requirement around it stays
("Applicants need hands-on clinical work (an observership is not counted) of at least two months in a US hospital.",
 {"usce": "required"}),
("Candidates should have patient-care clinical experience (observerships do not qualify) of twelve weeks or "
 "longer in the United States.", {"usce": "required"}),
("Observerships do not count as US clinical experience.", {"usce": None}),
# passing scores/results on USMLE ... or COMLEX, "Step 1/COMLEX 1" beside a bracketed attempts rule -> true
("Required documents:\n- Passing scores on USMLE 1 and 2 or COMLEX Levels 1 and 2", {"comlex_accepted": True}),
("Complete files include passing scores on Step 1 and Step 2 CK or COMLEX Level 1 and 2.", {"comlex_accepted": True}),
("We look for:\n- Passes on Steps 1 and 2 of the USMLE/COMLEX", {"comlex_accepted": True}),
("Admission requirements\nApplicants must pass Step 1/COMLEX 1 and Step 2/COMLEX 2 before starting (anyone who "
 "failed either more than once is not considered).", {"comlex_accepted": True}),
# ... but exams merely named, or an attempts rule over both, say nothing of COMLEX standing in
("Describe any problem with the USMLE or COMLEX exams in your statement.", {"comlex_accepted": None}),
("No more than one failed attempt on USMLE or COMLEX.", {"comlex_accepted": None}),
# an interview or position pool named by US accreditors only -> IMGs not considered
("Interviews are offered only to graduates of LCME- or COCA-accredited schools.", {"accepts_imgs": False}),
("Positions are open only to graduates from US medical schools accredited by the LCME or COCA.",
 {"accepts_imgs": False}),
("Interviews are offered to graduates of LCME schools and to international graduates with ECFMG certification.",
 {"accepts_imgs": True}),
# the answer to a question about IMGs' application process states their requirements
("What is the application process for foreign medical graduates?\nEach applicant must apply through ERAS and "
 "include a Dean's letter.", {"accepts_imgs": True}),
("What is the application process for IMGs?\nWe do not review paper applications.", {"accepts_imgs": None}),
# "receive" a visa is sponsorship; "depending on the (individual) case/situation" names no condition
("International residents who match here receive a J-1 or H-1B visa depending on their individual situation.",
 {"j1_visa": "yes", "h1b_visa": "yes"}),
("Depending on the case, foreign graduates can obtain either an H-1B or a J-1 visa.",
 {"j1_visa": "yes", "h1b_visa": "yes"}),
("H-1B visas are sponsored depending on Step 3 results.", {"h1b_visa": "conditional"}),
# ... but news of a resident who "received her H-1B approval" is no sponsorship statement
("Well done to our chief resident, who received her H-1B approval last week.", {"h1b_visa": None}),
# "failed any/one of the (USMLE) steps/exams ... not considered" -> first attempt only
("Applicants who failed any of the USMLE exams are not considered.", {"attempts_policy": "first_attempt_only"}),
("Candidates who have failed one of their board exams will not be considered.",
 {"attempts_policy": "first_attempt_only"}),
("Applicants who failed any of the steps may still apply.", {"attempts_policy": None}),
# a rule for other (preliminary, transitional) positions given as a condition on the reader
("If you are applying for a transitional year position, note that the affiliated hospital requires Step 2 CK of "
 "230 or higher.", {"min_step2ck": None, "score_minimum_policy": None}),
("When candidates seek preliminary positions at our partner site, that site asks for US clinical experience.",
 {"usce": None}),
("If you are applying to our program, Step 2 CK of 230 or higher is required.", {"min_step2ck": 230}),
]


@pytest.mark.parametrize("text,want", ECFMG + IMGS + GRADUATION + SCORES_AND_ATTEMPTS + VISAS_AND_COMLEX + USCE +
                         LATE_ECFMG_GRAD_USCE + LATE_SCORES_IMGS_VISAS)
def test_holdout2_phrasing(text, want):
    ctype = "text/html" if text.startswith("<html") else "text/plain"
    values = extract_page(text, ctype).values
    assert {f: values[f] for f in want} == want
