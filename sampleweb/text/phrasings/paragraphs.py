"""Longer, paragraph-length phrasings: a rule with its reason or its consequence around it,
as real program pages write them (the extractor must find the rule inside the paragraph)."""

from sampleweb.text.registry import ANY_SCORE, YEARS, add

add("say", "Our program takes part in the ECFMG Exchange Visitor Program. Residents who need "
           "a visa train on a J-1, and our GME office walks matched physicians through the "
           "Statement of Need and DS-2019 steps.", j1_visa="yes")
add("say", "Because of institutional policy, the program does not accept trainees on J-1 "
           "exchange visitor visas. We regret that we cannot make exceptions.", j1_visa="no")
add("say", "Our hospital has decided not to petition for H-1B status for residents. This "
           "applies to all categorical and preliminary positions.", h1b_visa="no")
add("say", "The hospital sponsors H-1B visas for residents. Legal fees for the petition are "
           "paid by the institution, and the GME office coordinates the filing after the "
           "Match.", h1b_visa="yes")
add("say", "We can file an H-1B petition only for applicants who have passed Step 3 by "
           "{step3_deadline}. Applicants who cannot meet that date should not expect H-1B "
           "sponsorship.", variant="h1b_step3", h1b_visa="conditional")
add("say", "Our selection committee screens board scores first. Applicants must have a Step 2 "
           "CK score of {step2} or higher to be considered further.", min_step2ck=ANY_SCORE)
add("say", "We do not apply a minimum score filter in ERAS, so there is no cutoff to meet.",
    score_minimum_policy="none")
add("say", "Board pass rates matter to our accreditation, so every USMLE Step must "
           "be passed on the first attempt.", attempts_policy="first_attempt_only")
add("say", "Medicine changes quickly, so applicants must have graduated within the last "
           "{yog_years_word}.", yog_max_years=YEARS)
add("say", "Our residents care for patients from the first day, so we require hands-on "
           "clinical experience in a US hospital before residency; at least {usce_months} is "
           "expected.", usce="required")
add("say", "Applicants with US clinical experience tend to settle in more quickly, so we "
           "prefer it, but it is not a requirement.", usce="preferred")
add("say", "Residents cannot begin training without ECFMG certification, so matched IMGs must "
           "be certified before the July 1 start date.", ecfmg_cert_required="by_start")
add("say", "We want residents who reflect the communities of {city}. For that reason our "
           "committee considers each applicant's whole story, including service, work history "
           "and personal challenges, in addition to test scores.", holistic_review=True)
add("say", "We value osteopathic training and accept COMLEX-USA in place of USMLE; DO "
           "applicants do not need to sit for both.", comlex_accepted=True)
add("say", "About a third of our current residents earned their medical degrees abroad, and "
           "international medical graduates are encouraged to apply.", accepts_imgs=True)
