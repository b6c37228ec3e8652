"""Eligibility prose for the sample web: each program's facts written the way real pages do.

    from sampleweb.text import render_blocks, Block, FIELDS, VALUES, consistent_facts
    blocks = render_blocks(facts, rng, style, program)

`facts` maps CONTRACT fields to website-truth values (None = not stated). Every block's
`.fields` are the fields it states; distractor/boilerplate blocks have empty `.fields`.
Some values necessarily state others, and `render_blocks` refuses facts that break this
(ValueError): any numeric minimum (min_step2ck/min_step1/min_comlex2) needs
score_minimum_policy="stated", a COMLEX minimum needs comlex_accepted set (True, or False
for "in addition to USMLE"), and an ECFMG rule needs accepts_imgs=True.
`consistent_facts(facts)` returns facts with those implications applied.
"""

from sampleweb.text.registry import FIELDS, VALUES
from sampleweb.text.render import Block, consistent_facts, render_blocks
from sampleweb.text import phrasings  # noqa: F401  (registers the templates)

__all__ = ["Block", "FIELDS", "VALUES", "consistent_facts", "render_blocks"]
