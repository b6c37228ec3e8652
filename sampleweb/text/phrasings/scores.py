"""Phrasings for score minimums (min_step2ck, min_step1, min_comlex2) and score_minimum_policy.

Every numeric minimum is hard wording ("must", "minimum", "require", "we expect", "above N");
preferences live in the distractors. A numeric minimum also states score_minimum_policy
"stated", and a COMLEX minimum says the program takes COMLEX scores, comlex_accepted True,
unless the phrasing says "in addition to USMLE" (the registry adds both implications). Named thresholds ("national mean") state the policy with no
number, so they are only used when no numeric minimum is among the facts.
"""

from sampleweb.text.registry import ANY_SCORE, SCORE_FIELDS, add

S = ANY_SCORE


def _no_numeric(facts) -> bool:
    return not any(f in facts for f in SCORE_FIELDS)


def _same_usmle(facts) -> bool:
    return facts.get("min_step1") == facts.get("min_step2ck")


# --- min_step2ck ------------------------------------------------------------------------
add("say", "Applicants must have a USMLE Step 2 CK score of at least {step2}.", min_step2ck=S)
add("say", "A minimum Step 2 CK score of {step2} is required.", min_step2ck=S)
add("qa", ("Is there a minimum Step 2 CK score?", "Yes, {step2}."), min_step2ck=S)
add("qa", ("What is your minimum Step 2 CK score?", "We require {step2} or higher."),
    min_step2ck=S)
add("row", ("Minimum USMLE Step 2 CK", "{step2}"), min_step2ck=S)
add("row", ("Step 2 CK minimum", "{step2}"), min_step2ck=S)
add("say", "We only consider applicants whose Step 2 CK score is {step2} or above.",
    min_step2ck=S)
add("say", "Step 2 CK: a score above {step2} is required.", min_step2ck=S)
add("say", "Candidates are expected to have scored at least {step2} on Step 2 CK.",
    min_step2ck=S)
add("say", "Applications with a Step 2 CK score below {step2} will not be reviewed.",
    min_step2ck=S)
add("qa", ("Do you have a Step 2 CK cutoff?", "Yes. Our cutoff for Step 2 CK is {step2}."),
    min_step2ck=S)
add("row", ("USMLE Step 2 CK", "Minimum {step2}"), min_step2ck=S)
add("say", "Minimum Step 2 CK score for an interview invitation: {step2}.", min_step2ck=S)
add("say", "To be considered, your USMLE Step 2 Clinical Knowledge score must be {step2} or "
           "higher.", min_step2ck=S)
add("say", "The program requires a Step 2 CK score no lower than {step2}.", min_step2ck=S)
add("qa", ("What Step 2 CK score do I need?", "The minimum we accept is {step2}."),
    min_step2ck=S)

# --- min_step1 (legacy numeric Step 1 minimums, still on many pages) ----------------------
add("say", "Applicants must have a USMLE Step 1 score of at least {step1}.", min_step1=S)
add("say", "A minimum Step 1 score of {step1} is required.", min_step1=S)
add("qa", ("Is there a minimum Step 1 score?", "Yes, {step1}."), min_step1=S)
add("row", ("Minimum USMLE Step 1", "{step1}"), min_step1=S)
add("row", ("Step 1 minimum score", "{step1}"), min_step1=S)
add("say", "We only consider applicants whose Step 1 score is {step1} or higher.", min_step1=S)
add("say", "Step 1: a three-digit score above {step1} is required.", min_step1=S)
add("qa", ("Do you have a Step 1 cutoff?",
           "Yes. Applicants scoring below {step1} on Step 1 are not invited to interview."),
    min_step1=S)
add("say", "Candidates are expected to have scored {step1} or better on Step 1.", min_step1=S)
add("row", ("USMLE Step 1", "Minimum {step1}"), min_step1=S)
add("say", "Applicants who took Step 1 while it was scored numerically must have earned at "
           "least {step1}.", min_step1=S)
add("say", "Our screening requires a Step 1 score no lower than {step1}.", min_step1=S)
add("qa", ("What Step 1 score do I need?", "At least {step1}."), min_step1=S)
add("say", "To be considered for an interview, your Step 1 score must be {step1} or above.",
    min_step1=S)
add("say", "Minimum Step 1 score required to apply: {step1}.", min_step1=S)

# --- min_comlex2 ------------------------------------------------------------------------
add("say", "DO applicants must have a COMLEX Level 2-CE score of at least {comlex}.",
    min_comlex2=S)
add("say", "A minimum COMLEX Level 2-CE score of {comlex} is required.", min_comlex2=S)
add("qa", ("Is there a minimum COMLEX score?", "Yes. Level 2-CE must be {comlex} or higher."),
    min_comlex2=S)
add("row", ("Minimum COMLEX Level 2-CE", "{comlex}"), min_comlex2=S)
add("row", ("COMLEX Level 2-CE", "Minimum {comlex}"), min_comlex2=S)
add("say", "COMLEX Level 2-CE: a score of {comlex} or above is required.", min_comlex2=S)
add("say", "We expect COMLEX Level 2-CE scores of at least {comlex}.", min_comlex2=S)
add("qa", ("What COMLEX Level 2-CE score do I need?", "At least {comlex}."), min_comlex2=S)
add("say", "Osteopathic applicants scoring below {comlex} on COMLEX Level 2-CE are not "
           "considered.", min_comlex2=S)
add("row", ("Level 2-CE minimum", "{comlex}"), min_comlex2=S)
add("say", "The minimum COMLEX-USA Level 2-CE score for an interview is {comlex}.",
    min_comlex2=S)
add("say", "COMLEX Level 2-CE scores must be above {comlex}.", min_comlex2=S)
add("qa", ("Do you have a COMLEX cutoff?", "Yes, {comlex} on Level 2-CE."), min_comlex2=S)
add("say", "Graduates of osteopathic schools must have earned {comlex} or more on COMLEX "
           "Level 2-CE.", min_comlex2=S)
add("say", "Required: a COMLEX Level 2-CE score no lower than {comlex}.", min_comlex2=S)

# --- several minimums in one statement ----------------------------------------------------
# "USMLE minimum N" with no step named fills both Step 1 and Step 2 CK (CONTRACT).
add("say", "USMLE minimum: {step2}.", guard=_same_usmle, min_step1=S, min_step2ck=S)
add("row", ("Minimum USMLE score", "{step2}"), guard=_same_usmle, min_step1=S, min_step2ck=S)
add("qa", ("Is there a minimum USMLE score?", "Yes, {step2} on every Step."),
    guard=_same_usmle, min_step1=S, min_step2ck=S)
add("say", "We require a minimum score of {step2} on each USMLE Step taken.",
    guard=_same_usmle, min_step1=S, min_step2ck=S)
add("say", "Minimum scores: Step 1 {step1}, Step 2 CK {step2}.", min_step1=S, min_step2ck=S)
add("row", ("Minimum USMLE scores", "Step 1: {step1}; Step 2 CK: {step2}"),
    min_step1=S, min_step2ck=S)
add("say", "A Step 2 CK score of at least {step2} or a COMLEX Level 2-CE score of at least "
           "{comlex} is required.", min_step2ck=S, min_comlex2=S, comlex_accepted=True)
add("qa", ("What are your score minimums?",
           "USMLE Step 2 CK {step2} or COMLEX Level 2-CE {comlex}; either exam is acceptable."),
    min_step2ck=S, min_comlex2=S, comlex_accepted=True)
add("say", "DO applicants need a Step 2 CK score of at least {step2} in addition to a COMLEX "
           "Level 2-CE score of at least {comlex}; COMLEX cannot replace USMLE.",
    min_step2ck=S, min_comlex2=S, comlex_accepted=False)
add("say", "A Step 2 CK score of at least {step2}, passed on the first attempt, is required.",
    min_step2ck=S, attempts_policy="first_attempt_only")

# --- score_minimum_policy: stated, by a named threshold ----------------------------------
add("say", "Applicants must score at or above the national mean on Step 2 CK.",
    guard=_no_numeric, score_minimum_policy="stated")
add("say", "We require combined Step 1 and Step 2 CK performance at or above the national "
           "median.", guard=_no_numeric, score_minimum_policy="stated")
add("say", "Step 2 CK scores must be at least one standard deviation above the passing score.",
    guard=_no_numeric, score_minimum_policy="stated")
add("qa", ("Is there a minimum score?",
           "Yes. Scores must be at or above the national average for the year the exam was "
           "taken."), guard=_no_numeric, score_minimum_policy="stated")
add("row", ("Minimum USMLE score", "National mean or higher"), guard=_no_numeric,
    score_minimum_policy="stated")
add("row", ("Score cutoff", "At or above the 50th percentile"), guard=_no_numeric,
    score_minimum_policy="stated")
add("say", "Only applicants whose board scores meet or exceed the national median are invited "
           "to interview.", guard=_no_numeric, score_minimum_policy="stated")
add("qa", ("Do you use a score cutoff?",
           "Yes. Each year our cutoff is the national mean for Step 2 CK."),
    guard=_no_numeric, score_minimum_policy="stated")
add("say", "Our minimum is a Step 2 CK score no lower than the most recent national average.",
    guard=_no_numeric, score_minimum_policy="stated")

# --- score_minimum_policy: none ----------------------------------------------------------
add("say", "We do not have a minimum board score.", score_minimum_policy="none")
add("qa", ("Is there a minimum score?", "No. We do not use score cutoffs."),
    score_minimum_policy="none")
add("row", ("Minimum score", "None"), score_minimum_policy="none")
add("row", ("Score cutoff", "No cutoff"), score_minimum_policy="none")
add("say", "There is no minimum Step 2 CK score for applying to our program.",
    score_minimum_policy="none")
add("say", "The program does not screen applications by board score.",
    score_minimum_policy="none")
add("qa", ("Do you have a Step 2 CK cutoff?", "No, there is no cutoff."),
    score_minimum_policy="none")
add("say", "No minimum score is required to apply.", score_minimum_policy="none")
add("say", "We have no board score threshold for interview invitations.",
    score_minimum_policy="none")
add("say", "There are no score cutoffs; we review each application as a whole.",
    score_minimum_policy="none", holistic_review=True)
add("say", "There is no score cutoff, but every USMLE Step must have been passed on the first "
           "attempt.", score_minimum_policy="none", attempts_policy="first_attempt_only")
add("qa", ("Do you have minimum scores?",
           "No cutoff. We do, however, require that each exam was passed on the first try."),
    score_minimum_policy="none", attempts_policy="first_attempt_only")

# --- more named thresholds (added for per-value variety) ----------------------------------
add("qa", ("Do you screen by score?",
           "Yes. Applicants must be at or above the national median on Step 2 CK."),
    guard=_no_numeric, score_minimum_policy="stated")
add("say", "Step 2 CK performance at least one standard deviation above the minimum passing "
           "score is required.", guard=_no_numeric, score_minimum_policy="stated")

# Terse answers: meaningless without their question, as on many FAQ pages.
add("qa", ("Minimum Step 2 CK score?", "{step2}."), min_step2ck=S)
add("qa", ("Do you have a minimum score requirement?", "No."), score_minimum_policy="none")

# --- a COMLEX minimum that does not replace USMLE -----------------------------------------
add("say", "DO applicants must take USMLE as well; in addition, their COMLEX Level 2-CE score "
           "must be at least {comlex}.", min_comlex2=S, comlex_accepted=False)
add("row", ("COMLEX Level 2-CE (in addition to USMLE)", "Minimum {comlex}"),
    min_comlex2=S, comlex_accepted=False)
add("qa", ("Do you accept COMLEX?",
           "Only alongside USMLE, not in place of it. The COMLEX Level 2-CE minimum is "
           "{comlex}."), min_comlex2=S, comlex_accepted=False)
add("say", "COMLEX Level 2-CE scores of at least {comlex} are required in addition to, not in "
           "place of, USMLE scores.", min_comlex2=S, comlex_accepted=False)
