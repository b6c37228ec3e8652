"""Phrasings for who is considered and how: accepts_imgs, holistic_review, comlex_accepted.

Holistic phrasings never say "no minimum" (that would state score_minimum_policy), and
COMLEX phrasings never give a number (that would state min_comlex2).
"""

from sampleweb.text.registry import add

# --- accepts_imgs: true -------------------------------------------------------------------
add("qa", ("Do you accept international medical graduates?",
           "Yes. IMGs are welcome to apply and are reviewed alongside all other applicants."),
    accepts_imgs=True)
add("say", "We welcome applications from international medical graduates.", accepts_imgs=True)
add("say", "Graduates of international medical schools are encouraged to apply.",
    accepts_imgs=True)
add("row", ("IMGs considered", "Yes"), accepts_imgs=True)
add("row", ("International medical graduates", "Welcome to apply"), accepts_imgs=True)
add("qa", ("Are IMGs eligible?",
           "Yes. Graduates of medical schools outside the United States and Canada are "
           "eligible."), accepts_imgs=True)
add("say", "{name} has a long tradition of training physicians who studied abroad, and we "
           "consider IMG applicants every year.", accepts_imgs=True)
add("say", "Applications from graduates of foreign medical schools are considered.",
    accepts_imgs=True)
# An IMG-specific requirement implies IMGs are considered (CONTRACT).
add("say", "IMG applicants must upload a translated copy of their medical diploma with the "
           "ERAS application.", accepts_imgs=True)

# --- accepts_imgs: false ------------------------------------------------------------------
add("qa", ("Do you accept IMGs?", "No. We are unable to consider international medical "
                                  "graduates."), accepts_imgs=False)
add("say", "Only graduates of LCME- or COCA-accredited medical schools are eligible to apply.",
    accepts_imgs=False)
add("say", "We do not accept applications from graduates of medical schools outside the United "
           "States or Canada.", accepts_imgs=False)
add("row", ("IMGs considered", "No"), accepts_imgs=False)
add("row", ("International medical graduates", "Not eligible"), accepts_imgs=False)
add("say", "Unfortunately, the program cannot consider international medical graduates at this "
           "time.", accepts_imgs=False)
add("qa", ("Can graduates of foreign medical schools apply?",
           "Not at present; the program is limited to graduates of US and Canadian medical "
           "schools."), accepts_imgs=False)

# --- holistic_review: true ----------------------------------------------------------------
H = True
add("say", "We review every application holistically.", holistic_review=H)
add("say", "Each application is read in its entirety; board scores are only one consideration "
           "among many.", holistic_review=H)
add("qa", ("How are applications reviewed?",
           "Holistically. Our committee looks at the entire application, including experiences, "
           "attributes and letters, in addition to metrics."), holistic_review=H)
add("say", "No single criterion decides whether an applicant is invited to interview.",
    holistic_review=H)
add("say", "Our selection committee considers the whole applicant (life experience, service, "
           "resilience and fit with our mission) in addition to academic metrics.",
    holistic_review=H)
add("row", ("Application review", "Holistic"), holistic_review=H)
add("row", ("Selection approach", "Whole-application review"), holistic_review=H)
add("qa", ("What do you look for in an applicant?",
           "We take a holistic view. Scores matter, but they are only one part of the "
           "picture."), holistic_review=H)
add("say", "{name} uses a mission-aligned, holistic review process.", holistic_review=H)
add("say", "Every application we receive is read in full by a member of our selection "
           "committee.", holistic_review=H)
add("say", "An applicant is more than a number, so we weigh scores together with the rest of "
           "the application.", holistic_review=H)
add("qa", ("Are test scores the most important factor?",
           "No. Scores are one consideration among many; we review each application as a "
           "whole."), holistic_review=H)
add("say", "Interview invitations follow a review of the complete application rather than any "
           "one metric.", holistic_review=H)
add("row", ("Review process", "Holistic; the entire application is considered"),
    holistic_review=H)
add("say", "In keeping with our commitment to holistic review, we consider experiences and "
           "attributes alongside test performance.", holistic_review=H)
add("say", "Applications receive a holistic review in which no single factor is decisive.",
    holistic_review=H)

# --- comlex_accepted: true ----------------------------------------------------------------
add("qa", ("Do you accept COMLEX?",
           "Yes. Osteopathic applicants may submit COMLEX scores in place of USMLE."),
    comlex_accepted=True)
add("say", "COMLEX-USA is accepted in lieu of USMLE for DO applicants.", comlex_accepted=True)
add("row", ("COMLEX in place of USMLE", "Accepted"), comlex_accepted=True)
add("row", ("COMLEX accepted", "Yes, instead of USMLE"), comlex_accepted=True)
add("say", "DO applicants may apply with either USMLE or COMLEX scores; taking USMLE is not "
           "necessary.", comlex_accepted=True)
add("say", "We accept COMLEX-USA results instead of USMLE from graduates of osteopathic "
           "schools.", comlex_accepted=True)
add("qa", ("Do DO applicants need to take USMLE?",
           "No. COMLEX alone is sufficient for osteopathic applicants."), comlex_accepted=True)
add("say", "Either exam series, USMLE or COMLEX-USA, satisfies our board examination "
           "requirement.", comlex_accepted=True)

# --- comlex_accepted: false ---------------------------------------------------------------
add("qa", ("Do you accept COMLEX?",
           "COMLEX scores are accepted in addition to, not in place of, USMLE."),
    comlex_accepted=False)
add("say", "DO applicants must take the USMLE; COMLEX scores alone are not sufficient.",
    comlex_accepted=False)
add("row", ("COMLEX in place of USMLE", "No"), comlex_accepted=False)
add("row", ("COMLEX accepted alone", "No, USMLE also required"), comlex_accepted=False)
add("say", "Osteopathic applicants are required to submit USMLE scores as well as COMLEX.",
    comlex_accepted=False)
add("qa", ("Do DO applicants need to take USMLE?",
           "Yes. We do not accept COMLEX as a substitute for USMLE."), comlex_accepted=False)
add("say", "We currently do not accept COMLEX in lieu of USMLE.", comlex_accepted=False)
add("say", "Please note: USMLE results are mandatory for all applicants, including those who "
           "have COMLEX scores.", comlex_accepted=False)

# --- more phrasings (added for per-value variety) -----------------------------------------
add("say", "Applicants must be graduates of a US or Canadian allopathic or osteopathic medical "
           "school.", accepts_imgs=False)
add("row", ("Foreign medical graduates", "Not considered"), accepts_imgs=False)
add("row", ("USMLE or COMLEX", "Either is accepted"), comlex_accepted=True)
add("say", "Osteopathic applicants do not need to take USMLE; COMLEX-USA results are accepted "
           "on their own.", comlex_accepted=True)

# Terse answers: meaningless without their question, as on many FAQ pages.
add("qa", ("Do you accept IMGs?", "Yes."), accepts_imgs=True)
add("qa", ("Do you accept COMLEX in place of USMLE?", "Yes."), comlex_accepted=True)
add("qa", ("Will you accept COMLEX instead of USMLE?", "No."), comlex_accepted=False)
add("say", "The program is not able to accept graduates of international medical schools.",
    accepts_imgs=False)
add("qa", ("Do you consider foreign medical graduates?", "No, we do not."), accepts_imgs=False)
