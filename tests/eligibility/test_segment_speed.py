"""The segmenter's fast paths read a page exactly as the plain patterns they stand for."""

from __future__ import annotations

import random
import re
from re import _parser  # the width of a pattern (how far back from the end it can start)

from eligibility import segment as S

# The sentence break as first written: a look-behind, tried at every position.
_LOOKBEHIND_BREAK = re.compile(r"(?<=[.!?])[\"'\u201d)]?\s+(?=[\"'\u201c(\[A-Z0-9])")


def test_sentence_parts_cut_where_the_look_behind_break_cuts():
    rnd = random.Random(7)
    alphabet = [".", "!", "?", " ", "  ", "\n", '"', "'", "\u201d", "\u201c", ")", "(", "[", "A",
                "b", "1", "U.S.", "Dr.", "\u00a0", "e.g. "]
    texts = ["Dr. Smith leads it. U.S. graduates apply. We sponsor visas.",
             'He said "Yes." Then "No!" (Maybe.) [Later.] 2 steps.', "", "...", "Ends here."]
    texts += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30))) for _ in range(20000)]
    for text in texts:
        assert S._sentence_parts(text) == _LOOKBEHIND_BREAK.split(text), text


def test_end_anchored_patterns_fit_in_the_tail_they_are_searched_in():
    for pattern in (S._CONNECTOR_END, S._LEADIN_END, S._LEADIN_NO_COLON):
        widest = _parser.parse(pattern.pattern, pattern.flags).getwidth()[1]
        assert widest <= S._TAIL, (pattern.pattern, widest)
    long_line = "x" * 500 + " applicants must meet these requirements"
    assert S._ends_with(S._LEADIN_NO_COLON, long_line)
    assert not S._ends_with(S._CONNECTOR_END, "x" * 500 + "brand")   # \b sees the letter before
    assert S._ends_with(S._CONNECTOR_END, "x" * 500 + " and")
