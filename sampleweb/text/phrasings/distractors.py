"""Text that states no CONTRACT field: look-alikes, stale references and boilerplate.

Look-alikes quote numbers that are not minimums (class averages, preferences) or visa policy
that is not the residency's (fellowships). Stale items cite retired exams (Step 2 CS, CSA,
Level 2-PE) and past seasons; CONTRACT says to ignore retired exams. None says "required" about
a live CONTRACT topic, and each one that names something a reader could tie to a field is
kept (via `requires`) to programs whose facts already settle that field.
"""

from sampleweb.text.registry import distractor


def _has(*fields):
    return lambda facts: all(f in facts for f in fields)


def _imgs_welcome(facts) -> bool:
    return facts.get("accepts_imgs") is True


# --- look-alikes -------------------------------------------------------------------------
distractor("say", "Our current residents' average Step 2 CK score is {avg_score}.",
           "lookalike", ("about", "eligibility", "news"))
distractor("say", "Competitive applicants usually score above {pref_score} on Step 2 CK.",
           "lookalike", ("eligibility", "faq", "apply"))
distractor("qa", ("What scores do successful applicants have?",
                  "Last year the applicants we interviewed averaged {avg_score} on Step 2 CK."),
           "lookalike", ("faq", "eligibility"))
distractor("say", "Our cardiology and gastroenterology fellowships sponsor H-1B visas through "
                  "the institution's GME office; fellowship applicants should contact the "
                  "fellowship coordinator.", "lookalike", ("img", "benefits", "about"))
distractor("say", "Visa questions about our fellowship programs go to the fellowship "
                  "coordinator, since fellowship positions follow their own visa policy.",
           "lookalike", ("img", "about"))
distractor("row", ("Class average Step 2 CK", "{avg_score}"), "lookalike",
           ("about", "eligibility"))
distractor("say", "We prefer Step 2 CK scores of {pref_score} or higher.", "lookalike",
           ("eligibility", "apply"))
distractor("say", "Our residents' mean COMLEX Level 2-CE score last year was {avg_comlex}.",
           "lookalike", ("about", "news"), requires=_has("comlex_accepted"))
distractor("say", "Most of our current residents graduated from medical school within the past "
                  "five years.", "lookalike", ("about", "news"))
distractor("qa", ("Do you sponsor visas for fellows?",
                  "Fellowship visa decisions are made by each fellowship director; this page "
                  "describes the fellowships only."), "lookalike", ("img", "faq"))

# --- stale content ------------------------------------------------------------------------
distractor("say", "All applicants must have passed USMLE Step 2 CS before the rank list "
                  "deadline.", "stale", ("eligibility", "apply"))
distractor("qa", ("Do I need Step 2 CS?",
                  "Yes, a passing Step 2 CS result must be available before we rank you."),
           "stale", ("faq", "eligibility"))
distractor("say", "Osteopathic applicants must have passed COMLEX Level 2-PE by {day}, {past}.",
           "stale", ("eligibility", "apply"), requires=_has("comlex_accepted"))
distractor("say", "Applications for the {past_next} Match are due through ERAS by {day}, "
                  "{past}.", "stale", ("apply", "news"))
distractor("say", "Interviews for the {past}-{past_next} recruitment season will be held from "
                  "October through January.", "stale", ("apply", "news"))
distractor("say", "Passing the ECFMG Clinical Skills Assessment (CSA) is a condition of "
                  "appointment.", "stale", ("img", "eligibility"), requires=_imgs_welcome)
distractor("row", ("Step 2 CS", "Must be passed before ranking"), "stale",
           ("eligibility",))
distractor("say", "News: our program welcomed its {past} intern class in June {past}.",
           "stale", ("news",))

# --- boilerplate --------------------------------------------------------------------------
distractor("say", "{institution} is an equal opportunity employer and does not discriminate "
                  "on the basis of race, color, religion, sex, sexual orientation, gender "
                  "identity, national origin, age, disability or veteran status.",
           "boilerplate", ("about", "apply"))
distractor("say", "Residents receive four weeks of paid vacation, health and dental insurance, "
                  "and an annual education allowance.", "boilerplate", ("benefits",))
distractor("say", "We participate in ERAS and the NRMP Main Residency Match; applications sent "
                  "by mail or e-mail are not accepted.", "boilerplate", ("apply",))
distractor("say", "Three letters of recommendation, a personal statement and the MSPE complete "
                  "the application.", "boilerplate", ("apply",))
distractor("say", "{city} offers affordable housing, parks and a lively food scene, and most "
                  "residents live within fifteen minutes of the hospital.", "boilerplate",
           ("about",))
distractor("row", ("PGY-1 salary", "$64,200"), "boilerplate", ("benefits",))
distractor("say", "The program takes {n_positions} categorical residents each year.",
           "boilerplate", ("about",))
distractor("qa", ("How will I hear about an interview?",
                  "Invitations are sent by e-mail, and you schedule your day through the ERAS "
                  "scheduling tool."), "boilerplate", ("faq", "apply"))
distractor("say", "Residents complete basic and advanced cardiac life support training during "
                  "orientation.", "boilerplate", ("benefits", "about"))
distractor("row", ("Meal allowance", "Provided on all inpatient rotations"), "boilerplate",
           ("benefits",))

# --- more look-alikes, stale items and boilerplate -----------------------------------------
distractor("say", "We give some preference to recent graduates, all else being equal.",
           "lookalike", ("eligibility", "faq"))
distractor("say", "Our residents have come from more than thirty countries.", "lookalike",
           ("about", "img"), requires=_imgs_welcome)
distractor("say", "The main teaching hospital has 412 beds and a level II trauma center.",
           "boilerplate", ("about",))
distractor("say", "Match Day for the {past} NRMP Main Residency Match is the third Friday of "
                  "March {past}.", "stale", ("news", "apply"))
distractor("say", "Residents have a protected half-day of teaching conferences every week.",
           "boilerplate", ("about", "benefits"))
distractor("qa", ("Is parking provided?", "Yes, residents park free of charge in the staff "
                                          "garage."), "boilerplate", ("faq", "benefits"))
