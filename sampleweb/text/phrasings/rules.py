"""Phrasings for the applicant rules: attempts_policy, yog_max_years, usce, ecfmg_cert_required.

ECFMG phrasings also state accepts_imgs=True (the registry adds it: certification is an
IMG-specific requirement). Variants mark conditions that must not be contradicted by a second
block for the same field (observerships count vs don't; a graduation-year exception).
"""

from sampleweb.text.registry import MAX_ATTEMPTS, NO_YOG_LIMIT, YEARS, add

# --- attempts_policy: first_attempt_only ---------------------------------------------------
FIRST = "first_attempt_only"
add("say", "All USMLE Steps must be passed on the first attempt.", attempts_policy=FIRST)
add("qa", ("Do you accept applicants with a failed attempt?",
           "No. We require a first-attempt pass on every Step."), attempts_policy=FIRST)
add("row", ("Exam attempts", "First attempt only"), attempts_policy=FIRST)
add("row", ("Board exam attempts", "Must pass on the first try"), attempts_policy=FIRST)
add("say", "Applicants with any failed attempt on a licensing exam are not considered.",
    attempts_policy=FIRST)
add("say", "We only consider candidates who passed each licensing exam on the first attempt.",
    attempts_policy=FIRST)
add("qa", ("What is your policy on exam failures?",
           "A failure on any Step makes an applicant ineligible."),
    attempts_policy=FIRST)

# --- attempts_policy: max_attempts_N ------------------------------------------------------
add("say", "No more than {att_attempts_word} on any USMLE Step are allowed.",
    attempts_policy=MAX_ATTEMPTS)
add("qa", ("Do you accept applicants with a failed attempt?",
           "Yes, provided each Step was passed within {att_attempts_word}."),
    attempts_policy=MAX_ATTEMPTS)
add("row", ("Maximum attempts per Step", "{att}"), attempts_policy=MAX_ATTEMPTS)
add("say", "Applicants may have no more than {fails_word} on any board exam.",
    attempts_policy=MAX_ATTEMPTS)
add("say", "Each USMLE Step must have been passed in {att_word} attempts or fewer.",
    attempts_policy=MAX_ATTEMPTS)
add("row", ("Exam attempts", "Up to {att_word} per exam"), attempts_policy=MAX_ATTEMPTS)
add("qa", ("How many attempts are allowed?", "A maximum of {att} attempts per exam."),
    attempts_policy=MAX_ATTEMPTS)

# --- attempts_policy: no_limit ------------------------------------------------------------
add("say", "There is no limit on the number of USMLE attempts.", attempts_policy="no_limit")
add("qa", ("Do you accept applicants with multiple attempts?",
           "Yes. We do not limit the number of attempts on any exam."),
    attempts_policy="no_limit")
add("row", ("Attempt limit", "None"), attempts_policy="no_limit")
add("say", "We set no cap on the number of attempts; an earlier failure does not by itself "
           "exclude an applicant.", attempts_policy="no_limit")
add("say", "We place no restriction on the number of times a Step was taken.",
    attempts_policy="no_limit")

# --- yog_max_years: N years ---------------------------------------------------------------
add("say", "Applicants must have graduated from medical school within the last {yog_years}.",
    yog_max_years=YEARS)
add("say", "Graduation from medical school must be no more than {yog_years_word} before the "
           "start of residency.", yog_max_years=YEARS)
add("qa", ("Is there a year-of-graduation limit?",
           "Yes. You must have graduated within {yog_years}."), yog_max_years=YEARS)
add("row", ("Year of graduation", "Within {yog_years}"), yog_max_years=YEARS)
add("row", ("Maximum years since graduation", "{yog}"), yog_max_years=YEARS)
add("say", "We do not consider applicants who are more than {yog_years_word} out of medical "
           "school.", yog_max_years=YEARS)
add("say", "No more than {yog_years} may have passed since medical school graduation.",
    yog_max_years=YEARS)
add("qa", ("How recently must I have graduated?", "Within the past {yog_years_word}."),
    yog_max_years=YEARS)
add("say", "Applicants must have graduated within {yog_years} unless they have been in active "
           "clinical practice since graduation.", variant="yog_exception", yog_max_years=YEARS)
add("qa", ("Is there a graduation cutoff?",
           "Yes, {yog_years_word}, with exceptions for applicants in continuous clinical "
           "practice."), variant="yog_exception", yog_max_years=YEARS)
add("say", "Graduates of more than {yog_years} ago are not eligible, except those who have "
           "practiced medicine within the past year.", variant="yog_exception",
    yog_max_years=YEARS)

# --- yog_max_years: 0 (no limit) ----------------------------------------------------------
add("say", "There is no year-of-graduation cutoff.", yog_max_years=NO_YOG_LIMIT)
add("qa", ("Is there a limit on time since graduation?",
           "No. We do not restrict applicants by year of graduation."),
    yog_max_years=NO_YOG_LIMIT)
add("row", ("Year of graduation limit", "None"), yog_max_years=NO_YOG_LIMIT)
add("say", "We have no graduation-date requirement, although recent graduates are preferred.",
    yog_max_years=NO_YOG_LIMIT)
add("row", ("YOG cutoff", "No cutoff"), yog_max_years=NO_YOG_LIMIT)
add("say", "Applicants are eligible regardless of graduation year.", yog_max_years=NO_YOG_LIMIT)
add("say", "The program does not set a maximum number of years since graduation.",
    yog_max_years=NO_YOG_LIMIT)

# --- usce: required -----------------------------------------------------------------------
add("say", "At least {usce_months} of hands-on US clinical experience is required.",
    usce="required")
add("qa", ("Is US clinical experience required?",
           "Yes. Applicants need hands-on clinical experience in a US setting."),
    usce="required")
add("row", ("US clinical experience", "Required"), usce="required")
add("row", ("USCE", "Required ({usce_months} minimum)"), usce="required")
add("say", "Applicants must have completed clinical work or rotations in a US hospital.",
    usce="required")
add("say", "Candidates are required to have recent US clinical experience.", usce="required")
add("say", "US clinical experience is required; observerships count toward this requirement.",
    variant="obs_counts", usce="required")
add("qa", ("Do observerships count as US clinical experience?",
           "Yes. Observerships count, and some US clinical experience is required to apply."),
    variant="obs_counts", usce="required")
add("say", "Hands-on US clinical experience is required. Observerships and shadowing do not "
           "satisfy this requirement.", variant="obs_hands_on", usce="required")
add("qa", ("Does an observership count as USCE?",
           "No. We require hands-on US clinical experience, and observerships do not count."),
    variant="obs_hands_on", usce="required")
add("say", "International graduates must have at least {usce_months} of US clinical "
           "experience.", accepts_imgs=True, usce="required")

# --- usce: preferred ----------------------------------------------------------------------
add("say", "US clinical experience is not required but strongly recommended.",
    usce="preferred")
add("qa", ("Do I need US clinical experience?", "It is not mandatory, but it is preferred."),
    usce="preferred")
add("row", ("US clinical experience", "Preferred"), usce="preferred")
add("say", "Clinical experience in the United States is helpful but not required.",
    usce="preferred")
add("say", "We prefer applicants with some hands-on US clinical experience.", usce="preferred")
add("row", ("USCE", "Recommended, not required"), usce="preferred")
add("say", "US clinical experience is not required of international graduates, though it is "
           "preferred.", accepts_imgs=True, usce="preferred")

# --- usce: not_required -------------------------------------------------------------------
add("say", "US clinical experience is not required.", usce="not_required")
add("qa", ("Is US clinical experience required?",
           "No, it is not a requirement for application."), usce="not_required")
add("row", ("US clinical experience", "Not required"), usce="not_required")
add("say", "Applicants do not need prior clinical experience in the United States to apply.",
    usce="not_required")
add("row", ("USCE requirement", "None"), usce="not_required")

# --- ecfmg_cert_required ------------------------------------------------------------------
add("say", "Applicants must hold a valid ECFMG certificate at the time of application.",
    ecfmg_cert_required="by_application")
add("qa", ("Must I be ECFMG certified to apply?",
           "Yes. Certification must be complete when you submit your application."),
    ecfmg_cert_required="by_application")
add("row", ("ECFMG certification", "Required at time of application"),
    ecfmg_cert_required="by_application")
add("say", "We only review applications from graduates who are already ECFMG certified.",
    ecfmg_cert_required="by_application")
add("say", "IMGs must be ECFMG certified before applying through ERAS.",
    ecfmg_cert_required="by_application")

add("say", "ECFMG certification must be obtained by {rank_deadline} in order to be ranked.",
    ecfmg_cert_required="by_rank")
add("qa", ("When do I need ECFMG certification?",
           "Before we submit our rank list; applicants who are not yet certified cannot be "
           "ranked."), ecfmg_cert_required="by_rank")
add("row", ("ECFMG certification", "Required before ranking"), ecfmg_cert_required="by_rank")
add("say", "Applicants without ECFMG certification by the rank order list deadline will not be "
           "ranked.", ecfmg_cert_required="by_rank")
add("say", "To be placed on our rank list, you must be ECFMG certified by {rank_deadline}.",
    ecfmg_cert_required="by_rank")
# An out-of-date deadline, as stale pages carry; still a by-rank rule.
add("say", "ECFMG certification must be received by January 31, {past_next} for an applicant "
           "to be ranked.", ecfmg_cert_required="by_rank")

add("say", "ECFMG certification must be in hand before the start of residency.",
    ecfmg_cert_required="by_start")
add("qa", ("When must I be ECFMG certified?", "By the start of training on July 1."),
    ecfmg_cert_required="by_start")
add("row", ("ECFMG certification", "Required by the start date"),
    ecfmg_cert_required="by_start")
add("say", "Matched IMGs must hold a valid ECFMG certificate by the time training begins.",
    ecfmg_cert_required="by_start")
add("say", "ECFMG certification is needed before orientation; you may apply and interview "
           "while it is still in progress.", ecfmg_cert_required="by_start")

add("say", "ECFMG certification is required.", ecfmg_cert_required="required_unspecified")
add("qa", ("Do I need ECFMG certification?",
           "Yes. All international graduates must be ECFMG certified."),
    ecfmg_cert_required="required_unspecified")
add("row", ("ECFMG certificate", "Required"), ecfmg_cert_required="required_unspecified")
add("say", "A valid ECFMG certificate is a requirement for all graduates of foreign medical "
           "schools.", ecfmg_cert_required="required_unspecified")
add("say", "International applicants must be certified by the Educational Commission for "
           "Foreign Medical Graduates.", ecfmg_cert_required="required_unspecified")

# --- more phrasings (added for per-value variety) -----------------------------------------
add("say", "We have no US clinical experience requirement.", usce="not_required")
add("qa", ("Do I need to have done an observership or externship?",
           "No. US clinical experience of any kind is not required."), usce="not_required")
add("say", "Prior US clinical experience is not a condition for an interview.",
    usce="not_required")
add("say", "US clinical experience, including observerships, is preferred but not required.",
    variant="obs_counts", usce="preferred")
add("row", ("Number of attempts", "No limit"), attempts_policy="no_limit")
add("qa", ("Will one failed Step keep me from being considered?",
           "No. The program has no limit on exam attempts."), attempts_policy="no_limit")
add("row", ("Failed exam attempts", "Not accepted"), attempts_policy=FIRST)
add("qa", ("Can I be ranked before I am ECFMG certified?",
           "No. Certification must be complete before we certify our rank list."),
    ecfmg_cert_required="by_rank")
add("row", ("ECFMG certificate due", "Before the July 1 start of training"),
    ecfmg_cert_required="by_start")
add("row", ("ECFMG certified to apply", "Yes"), ecfmg_cert_required="by_application")
add("qa", ("Is ECFMG certification needed?",
           "Yes, for every graduate of an international medical school."),
    ecfmg_cert_required="required_unspecified")
add("row", ("Years since graduation (maximum)", "{yog}"), yog_max_years=YEARS)
add("say", "Applicants who graduated more than {yog_years_word} ago are not eligible.",
    yog_max_years=YEARS)

add("say", "Whether you take USMLE or COMLEX, every exam must be passed on the first attempt.",
    attempts_policy=FIRST, comlex_accepted=True)

# Terse answers: meaningless without their question, as on many FAQ pages.
add("qa", ("Is US clinical experience required?", "No, but preferred."), usce="preferred")
add("qa", ("Is there a limit on the number of attempts?", "No."), attempts_policy="no_limit")
add("qa", ("Is there a maximum number of years since graduation?", "Yes, {yog}."),
    yog_max_years=YEARS)

# --- more phrasings for the thinner values -------------------------------------------------
add("qa", ("Do you have a YOG cutoff?", "No. Graduates of any year may apply."),
    yog_max_years=NO_YOG_LIMIT)
add("row", ("Graduation year", "No restriction"), yog_max_years=NO_YOG_LIMIT)
add("say", "Time since graduation is not used to screen applicants.",
    yog_max_years=NO_YOG_LIMIT)
add("say", "One failed attempt on any Step is acceptable; a second failure on the same exam "
           "is not.", attempts_policy="max_attempts_2")
add("row", ("Attempts allowed per exam", "{att_word}"), attempts_policy=MAX_ATTEMPTS)
add("say", "Applicants who needed more than {att_attempts_word} to pass any USMLE Step are not "
           "eligible.", attempts_policy=MAX_ATTEMPTS)
add("qa", ("Do I need to be ECFMG certified before I submit my ERAS application?",
           "Yes. We do not review applications from candidates who are not yet certified."),
    ecfmg_cert_required="by_application")
add("say", "Your ECFMG certificate must be issued before you apply.",
    ecfmg_cert_required="by_application")
add("say", "ECFMG certification is a condition for being placed on our rank order list.",
    ecfmg_cert_required="by_rank")
add("say", "All matched applicants must hold ECFMG certification by their first day of "
           "residency.", ecfmg_cert_required="by_start")
add("say", "Graduates of international medical schools must have ECFMG certification.",
    ecfmg_cert_required="required_unspecified")
add("row", ("ECFMG certification", "Required for IMGs"),
    ecfmg_cert_required="required_unspecified")
