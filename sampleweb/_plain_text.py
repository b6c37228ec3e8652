"""Fallback eligibility prose: one plain sentence per fact, used only until `sampleweb.text` lands.

Same interface as `sampleweb.text` (render_blocks, Block), so the site builder never blocks on it.
"""

from __future__ import annotations

import html
import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Block:
    fields: frozenset
    form: str
    html: str
    text: str
    page_hint: str | None
    pdf_ok: bool


def _sentence(field: str, value: object) -> str:
    yes_no = {"yes": "We sponsor", "no": "We do not sponsor"}
    if field == "accepts_imgs":
        return ("International medical graduates are welcome to apply." if value
                else "We are unable to consider international medical graduates.")
    if field == "j1_visa":
        return f"{yes_no[value]} the J-1 visa through ECFMG."
    if field == "h1b_visa":
        if value == "conditional":
            return "H-1B sponsorship is possible only for applicants who pass Step 3 before ranking."
        return f"{yes_no[value]} H-1B visas."
    if field == "min_step2ck":
        return f"A minimum USMLE Step 2 CK score of {value} is required."
    if field == "min_step1":
        return f"A minimum USMLE Step 1 score of {value} is required."
    if field == "min_comlex2":
        return f"A minimum COMLEX Level 2-CE score of {value} is required."
    if field == "score_minimum_policy":
        return ("Applicants must meet our stated minimum exam scores." if value == "stated"
                else "We have no minimum score cutoff.")
    if field == "attempts_policy":
        if value == "first_attempt_only":
            return "All USMLE steps must be passed on the first attempt."
        if value == "no_limit":
            return "We do not limit the number of exam attempts."
        return f"No more than {str(value).rsplit('_', 1)[-1]} attempts on any USMLE step are accepted."
    if field == "yog_max_years":
        return ("There is no limit on year of graduation." if value == 0
                else f"Applicants must have graduated within the last {value} years.")
    if field == "usce":
        return {"required": "US clinical experience is required.",
                "preferred": "US clinical experience is not required but is preferred.",
                "not_required": "US clinical experience is not required."}[value]
    if field == "ecfmg_cert_required":
        return {"by_application": "ECFMG certification must be held at the time of application.",
                "by_rank": "ECFMG certification must be obtained before the rank list deadline.",
                "by_start": "ECFMG certification is required by the start of training.",
                "required_unspecified": "ECFMG certification is required."}[value]
    if field == "holistic_review":
        return "We review every application holistically."
    if field == "comlex_accepted":
        return ("COMLEX scores are accepted in place of USMLE." if value
                else "DO applicants must also take the USMLE; COMLEX alone is not accepted.")
    raise ValueError(field)


_HINT = {"j1_visa": "img", "h1b_visa": "img", "accepts_imgs": "img", "ecfmg_cert_required": "img"}


def render_blocks(facts: dict, rng: random.Random, style: str, program: dict) -> list[Block]:
    blocks = []
    for field, value in facts.items():
        if value is None:
            continue
        text = _sentence(field, value)
        form = rng.choice(["bullet", "prose"])
        frag = f"<li>{html.escape(text)}</li>" if form == "bullet" else f"<p>{html.escape(text)}</p>"
        blocks.append(Block(frozenset([field]), form, frag, text,
                            _HINT.get(field, "eligibility"), rng.random() < 0.5))
    return blocks
