"""Ordinary page content that states none of the thirteen eligibility facts (written by us).

Each page kind gets a few interchangeable paragraphs so that sites do not read alike; some
carry non-ASCII punctuation on purpose, so that a wrong charset is visible in the text.
"""

from __future__ import annotations

import random

FILLER = {
    "home": (
        "Welcome to the {specialty} residency at {institution}. Our residents train in {city}, "
        "{state}, caring for a diverse population across inpatient and outpatient settings.",
        "Thank you for your interest in our {specialty} training program. We combine close "
        "faculty mentorship with a broad clinical experience in {city}.",
        "Our mission is to train compassionate, skilled physicians who serve their communities "
        "— in {city} and wherever their careers take them.",
    ),
    "about": (
        "The program was founded to meet the needs of the region’s growing population. "
        "Residents rotate through the main hospital and affiliated clinics in and around {city}.",
        "We offer {positions} first-year positions each year. Our graduates pursue fellowship "
        "training, hospital medicine and primary care across the country.",
        "Small class sizes mean that every resident is known by name, and our faculty are "
        "invested in each resident’s growth.",
    ),
    "curriculum": (
        "The first year emphasizes core inpatient rotations, night float and an introduction "
        "to ambulatory care. Senior years add electives, research time and teaching roles.",
        "Our block schedule follows an X+Y model, alternating inpatient and clinic weeks so "
        "that continuity of care is protected.",
        "Didactics include a protected noon conference, a journal club, simulation sessions "
        "and a board review series.",
    ),
    "apply": (
        "We accept applications exclusively through ERAS and participate in the NRMP Main "
        "Residency Match. Interviews are offered by invitation only.",
        "A complete application includes the common application form, a personal statement, "
        "the medical school performance evaluation and letters of recommendation.",
        "Interview invitations are sent by e-mail from October through December; interview "
        "days are held virtually.",
    ),
    "eligibility": (
        # not "we review every application": DOMAIN.md counts that as a holistic-review statement
        "Applications are accepted through ERAS only; we cannot accept paper or e-mailed applications.",
        "Please read the requirements below before applying; the committee cannot review "
        "incomplete applications.",
    ),
    "faq": (
        "Below are answers to the questions we hear most often from applicants. If your "
        "question is not answered here, please contact the program office.",
    ),
    "img": (
        "International medical graduates bring valuable perspectives to our program. The "
        "information below summarizes our policies for applicants from international schools.",
        "This page answers common questions from graduates of medical schools outside the "
        "United States and Canada.",
    ),
    "benefits": (
        "Residents receive a competitive salary, health, dental and vision insurance, paid "
        "parental leave and an annual education allowance.",
        "Each resident receives four weeks of vacation per year, meal stipends while on call "
        "and free parking at all training sites.",
    ),
    "news": (
        "Congratulations to our graduating residents on their fellowship matches!",
        "Our residents presented posters at the regional scientific meeting this spring.",
        "We welcomed a new class of interns in June — welcome to {city}!",
    ),
    "faculty": (
        "Our core faculty include subspecialists from every division, many of whom trained "
        "here as residents.",
        "Faculty members serve as advisors and research mentors; each intern is paired with a "
        "faculty advisor on the first day.",
    ),
    "contact": (
        "Residency Program Office, {institution}, {city}, {state}. Office hours are Monday "
        "through Friday, 8 am to 4:30 pm.",
        "For questions about the application process, please use the program office e-mail "
        "listed in ERAS.",
    ),
    "extra": (
        "This page is updated from time to time with program announcements and events.",
        "Photos from resident retreats, graduation and community service days.",
    ),
}


def paragraphs(kind: str, rng: random.Random, ctx: dict, n: int | None = None) -> list[str]:
    options = FILLER.get(kind, FILLER["extra"])
    k = n if n is not None else rng.randint(1, len(options))
    return [t.format(**ctx) for t in rng.sample(options, min(k, len(options)))]
