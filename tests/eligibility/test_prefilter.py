"""Literal prefilters (eligibility.prefilter) answer exactly as the plain patterns they guard."""

from __future__ import annotations

import copy
import gc
import pickle
import re
from pathlib import Path

import pytest

import eligibility.extract  # noqa: F401  (imports every rule module, so their patterns exist)
from eligibility.normalize import canon
from eligibility.prefilter import PrefilteredPattern, compile as prefiltered_compile, required_literals
from eligibility.segment import segment_html, segment_text

PAGES = Path(__file__).parent / "realphrasing"


@pytest.mark.parametrize("pattern, literals", [
    (r"\bj1\b|\bh1b\b|visa", ("h1b", "j1", "visa")),
    (r"graduat|yog|out of (?:medical )?school", ("graduat", "out of ", "yog")),
    (r"\bus (?:clinical|hospital)\b", ("clinical", "hospital")),  # the longer, rarer piece
    (r"experience|experience in", ("experience",)),             # a longer one adds nothing
    (r"\b[1-9]\d\d\b", None),                                    # digits only: no literal
    (r"visa|\d+", None),                                         # one branch without a literal
    (r"a(?:b|)c?", ("a",)),
    (r"(?i)visa", None),                                         # case-blind: not prefiltered
    (r"(?:sponsor)+ing", ("sponsor",)),
])
def test_required_literals(pattern, literals):
    assert required_literals(re.compile(pattern)) == literals


def test_absent_literal_gives_the_no_match_answer_without_the_regex():
    p = prefiltered_compile(r"\bvisa\b|\bj1\b")
    assert isinstance(p, PrefilteredPattern)
    text = "we welcome all applicants"
    assert p.search(text) is None and p.match(text) is None and p.fullmatch(text) is None
    assert p.findall(text) == [] and list(p.finditer(text)) == [] and p.split(text) == [text]
    assert p.sub("X", text) == text and p.subn("X", text) == (text, 0)
    assert p.search("we sponsor the j1 visa").group(0) == "j1"
    assert p.pattern == r"\bvisa\b|\bj1\b" and p.groups == 0
    assert not isinstance(prefiltered_compile(r"\d{3}"), PrefilteredPattern)   # nothing to check
    again = pickle.loads(pickle.dumps(p))
    assert again.search("a j1 visa").span() == (2, 4) and copy.deepcopy(p) is p


def _corpus() -> list[str]:
    texts: set[str] = set()
    for path in sorted(PAGES.glob("*/pages/*")):
        raw = path.read_text()
        snippets = segment_html(raw) if path.suffix == ".html" else segment_text(raw)
        for snip in snippets:
            texts.update((canon(snip.text), canon(snip.context), canon(snip.block)))   # what rules read
    return sorted(texts)


def test_every_rule_pattern_answers_as_its_plain_regex_on_the_real_phrasing_pages():
    # Where a literal occurs the plain pattern runs; so the answers agree everywhere when the
    # plain pattern finds nothing wherever the prefilter says "absent".
    patterns = [o for o in gc.get_objects() if isinstance(o, PrefilteredPattern)]
    assert len(patterns) > 50          # the rules' patterns are prefiltered
    texts = _corpus()
    assert len(texts) > 1000
    skipped = 0
    for p in patterns:
        plain = p._p
        for text in texts:
            if p._absent(text):
                skipped += 1
                assert plain.search(text) is None, (plain.pattern, text)
    assert skipped > len(patterns) * len(texts) // 2      # most searches are skipped
