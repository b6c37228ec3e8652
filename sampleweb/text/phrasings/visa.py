"""Phrasings for visa sponsorship: j1_visa, h1b_visa, and the ways pages state both at once.

Single-field phrasings never mention IMGs (that would state accepts_imgs) and an H-1B "yes"
never mentions Step 3 (that would make it conditional).
"""

from sampleweb.text.registry import add

J1_PAGES = ("img", "eligibility", "faq")

# --- j1_visa: yes -----------------------------------------------------------------------
add("qa", ("Does the program accept J-1 visas?",
           "Yes. We accept physicians on J-1 exchange visitor visas sponsored by ECFMG."),
    j1_visa="yes")
add("qa", ("Can I train here on a J-1 visa?",
           "Yes. ECFMG acts as the J-1 sponsor, and our program supports that process."),
    j1_visa="yes")
add("say", "{institution} accepts residents holding the ECFMG-sponsored J-1 visa.", j1_visa="yes")
add("say", "J-1 exchange visitor visas (sponsored by ECFMG) are accepted.", j1_visa="yes")
add("row", ("J-1 visa", "Accepted"), j1_visa="yes")
add("row", ("ECFMG J-1 sponsorship", "Yes"), j1_visa="yes")
add("say", "We welcome applicants who will train on a J-1 visa through ECFMG.", j1_visa="yes")
add("say", "Residents may hold J-1 status through ECFMG; our GME office helps each matched "
           "resident prepare the Statement of Need paperwork.", j1_visa="yes")
add("qa", ("What about J-1 visas?",
           "J-1 visas sponsored by ECFMG are accepted for all of our categorical positions."),
    j1_visa="yes")

# --- j1_visa: no ------------------------------------------------------------------------
add("qa", ("Do you accept J-1 visas?", "No. The program does not accept J-1 visa holders."),
    j1_visa="no")
add("say", "We are unable to accept applicants who would require a J-1 visa.", j1_visa="no")
add("row", ("J-1 visa", "Not accepted"), j1_visa="no")
add("say", "At this time the program does not take part in ECFMG J-1 visa sponsorship.",
    j1_visa="no")
add("say", "Applicants who need J-1 status cannot be considered at this time.", j1_visa="no")
add("row", ("J-1 (ECFMG)", "No"), j1_visa="no")
add("qa", ("Can I train here on a J-1?",
           "Unfortunately not. We do not accept physicians on J-1 visas."), j1_visa="no")

# --- h1b_visa: yes ----------------------------------------------------------------------
add("qa", ("Do you sponsor H-1B visas?", "Yes. The program sponsors H-1B visas for residents."),
    h1b_visa="yes")
add("say", "{institution} sponsors H-1B temporary worker visas for its residents.",
    h1b_visa="yes")
add("row", ("H-1B sponsorship", "Yes"), h1b_visa="yes")
add("row", ("H-1B visa", "Sponsored"), h1b_visa="yes")
add("say", "H-1B visa sponsorship is offered.", h1b_visa="yes")
add("qa", ("Is H-1B sponsorship available?",
           "It is. Our GME office files H-1B petitions for matched residents."), h1b_visa="yes")
add("say", "We are currently able to sponsor H-1B visas for our residents.", h1b_visa="yes")

# --- h1b_visa: no -----------------------------------------------------------------------
add("qa", ("Do you sponsor H-1B visas?", "No, we do not sponsor H-1B visas."), h1b_visa="no")
add("say", "We are unable to sponsor H-1B visas.", h1b_visa="no")
add("say", "The program does not offer H-1B sponsorship at this time.", h1b_visa="no")
add("row", ("H-1B sponsorship", "Not available"), h1b_visa="no")
add("row", ("H-1B", "No"), h1b_visa="no")
add("qa", ("Can you file an H-1B petition for me?",
           "**No.** H-1B petitions are not filed for residents of this program."), h1b_visa="no")
add("say", "Please note that {institution} does not sponsor H-1B visas for residency training.",
    h1b_visa="no")

# --- h1b_visa: conditional (one variant per kind of condition) ----------------------------
add("say", "H-1B sponsorship is available only to applicants who have passed USMLE Step 3 by "
           "{step3_deadline}.", variant="h1b_step3", h1b_visa="conditional")
add("qa", ("Do you sponsor H-1B visas?",
           "Only for applicants who have passed Step 3 before {step3_deadline}."),
    variant="h1b_step3", h1b_visa="conditional")
add("row", ("H-1B", "Only with Step 3 passed by {step3_deadline}"),
    variant="h1b_step3", h1b_visa="conditional")
add("say", "We will consider H-1B sponsorship if, and only if, your Step 3 result is available "
           "by {step3_deadline}.", variant="h1b_step3", h1b_visa="conditional")
add("say", "H-1B visas are sponsored only for residents transferring into an advanced position "
           "from another ACGME-accredited program.", variant="h1b_transfer",
    h1b_visa="conditional")
add("qa", ("Is H-1B sponsorship offered?",
           "Only for transfer applicants who are currently training in another "
           "ACGME-accredited program on an H-1B."), variant="h1b_transfer",
    h1b_visa="conditional")
add("row", ("H-1B sponsorship", "Transfers from ACGME programs only"), variant="h1b_transfer",
    h1b_visa="conditional")
add("say", "H-1B sponsorship is limited to graduates of US medical schools who are in F-1 "
           "student status.", variant="h1b_f1", h1b_visa="conditional")
add("qa", ("Can you sponsor an H-1B?",
           "Only for graduates of US medical schools who currently hold F-1 status."),
    variant="h1b_f1", h1b_visa="conditional")
add("row", ("H-1B", "US medical school graduates on F-1 only"), variant="h1b_f1",
    h1b_visa="conditional")

# --- both visas in one statement ---------------------------------------------------------
add("say", "We sponsor J-1 visas only.", j1_visa="yes", h1b_visa="no")
add("qa", ("Which visas do you sponsor?",
           "J-1 (through ECFMG) only. We do not sponsor H-1B visas."), j1_visa="yes", h1b_visa="no")
add("row", ("Visa sponsorship", "J-1 only"), j1_visa="yes", h1b_visa="no")
add("say", "The only visa we accept is the ECFMG-sponsored J-1; H-1B sponsorship is not "
           "available.", j1_visa="yes", h1b_visa="no")
add("qa", ("Do you sponsor H-1B visas?", "No. Our program accepts the J-1 visa only."),
    j1_visa="yes", h1b_visa="no")
add("say", "We do not sponsor visas of any kind.", j1_visa="no", h1b_visa="no")
add("qa", ("Does the program sponsor visas?",
           "No. We do not sponsor visas, so applicants must be US citizens or permanent "
           "residents."), j1_visa="no", h1b_visa="no")
add("row", ("Visa sponsorship", "None"), j1_visa="no", h1b_visa="no")
add("say", "{institution} is unable to sponsor J-1 or H-1B visas for residents at this time.",
    j1_visa="no", h1b_visa="no")
add("say", "We accept J-1 visas through ECFMG and also sponsor H-1B visas.",
    j1_visa="yes", h1b_visa="yes")
add("row", ("Visas accepted", "J-1, H-1B"), j1_visa="yes", h1b_visa="yes")
add("qa", ("Which visas do you support?", "Both the ECFMG-sponsored J-1 and the H-1B."),
    j1_visa="yes", h1b_visa="yes")
add("row", ("Visa sponsorship", "H-1B only"), j1_visa="no", h1b_visa="yes")
add("say", "The program sponsors H-1B visas only; J-1 visas are not accepted.",
    j1_visa="no", h1b_visa="yes")
add("say", "Residents who need a visa train on a J-1; H-1B sponsorship is offered only to those "
           "who have passed Step 3 by {step3_deadline}.", variant="h1b_step3",
    j1_visa="yes", h1b_visa="conditional")
add("qa", ("Which visas do you sponsor?",
           "The J-1 through ECFMG. An H-1B is possible only for residents transferring from "
           "another ACGME-accredited program."), variant="h1b_transfer",
    j1_visa="yes", h1b_visa="conditional")
add("say", "International medical graduates are welcome to apply, and we accept the "
           "ECFMG-sponsored J-1 visa.", accepts_imgs=True, j1_visa="yes")

# --- more single-visa phrasings (added for per-value variety) ------------------------------
add("row", ("Accepts J-1 visa holders", "No"), j1_visa="no")
add("qa", ("Is the J-1 an option here?",
           "Not at this time; the program has no positions for J-1 physicians."), j1_visa="no")
add("say", "The program is not able to support ECFMG J-1 sponsorship for residents.",
    j1_visa="no")
add("row", ("Sponsors H-1B", "Yes"), h1b_visa="yes")
add("qa", ("Can a resident train here on an H-1B?",
           "Yes. The hospital acts as the H-1B sponsor for its residents."), h1b_visa="yes")
add("say", "Our institution files H-1B petitions on behalf of matched residents who need one.",
    h1b_visa="yes")

# Terse answers: meaningless without their question, as on many FAQ pages.
add("qa", ("Do you accept J-1 visas?", "Yes."), j1_visa="yes")
add("qa", ("Do you sponsor H-1B visas?", "Yes."), h1b_visa="yes")
add("qa", ("Does the program sponsor the H-1B visa?", "No."), h1b_visa="no")
