"""Literal prefilters (eligibility.prefilter) answer exactly as the plain patterns they guard."""

from __future__ import annotations

import copy
import functools
import gc
import pickle
import re
from pathlib import Path

import pytest

import eligibility.extract  # noqa: F401  (imports every rule module, so their patterns exist)
from eligibility.normalize import canon
from eligibility import prefilter as rx
from eligibility.prefilter import (AnyOf, CaseBlindPattern, PrefilteredPattern, alternatives, required_pieces,
                                    compile as prefiltered_compile, required_literals)
from eligibility.rules.common import ANSWER_PREFIX, strip_answer_prefix
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


@functools.cache
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


# ---------------------------------------------------------------- existence tests, case-blind
# patterns, the inline-pattern functions (issue 9, speed: same answers, fewer regex runs)

@pytest.mark.parametrize("pattern, parts", [
    (r"a|b(?:c|d)|e", ["a", "b(?:c|d)", "e"]),
    (r"[|]x|y", ["[|]x", "y"]),                       # "|" in a class is a member
    (r"[]|]|[^]|]|z", ["[]|]", "[^]|]", "z"]),        # so is a "]" right after "[" or "[^"
    (r"\||\(|(?:a|(b|c))", [r"\|", r"\(", "(?:a|(b|c))"]),
    (r"visa", ["visa"]),
    (r"a||b", ["a", "", "b"]),
])
def test_alternatives_splits_the_top_level_only(pattern, parts):
    assert alternatives(pattern) == parts
    assert "|".join(parts) == pattern


def test_any_of_answers_as_the_whole_pattern_searched():
    gate = AnyOf(r"\bj1\b|visa|exchange visitor|\b[1-9]\d\d\b|hands[- ]on")
    assert gate._words == ("visa", "exchange visitor")       # plain words: substring tests
    assert [r.pattern for r in gate._regexes] == [r"\bj1\b", r"\b[1-9]\d\d\b", r"hands[- ]on"]
    whole = re.compile(gate.pattern)
    for text in ("we sponsor the j1", "aj1 b", "a 230 score", "1230", "hands-on", "visas", "", "none"):
        assert gate(text) is (whole.search(text) is not None), text
    with pytest.raises(re.error):
        AnyOf(r"(unclosed|x")


@pytest.mark.slow
def test_every_existence_test_answers_as_its_pattern_on_the_real_phrasing_pages():
    gates = [o for o in gc.get_objects() if isinstance(o, AnyOf)]
    assert len(gates) >= 10            # the rule families' gates and YOG_ZERO
    texts = _corpus()
    for gate in gates:
        whole = re.compile(gate.pattern)
        for text in texts:
            assert gate(text) is (whole.search(text) is not None), (gate.pattern[:60], text)


def test_case_blind_patterns_are_prefiltered_on_ascii_text_only():
    p = prefiltered_compile(r"\bvisa sponsor\w*", re.I)
    assert isinstance(p, CaseBlindPattern) and p._lits == ("visa sponsor",)
    assert p.search("No VISA Sponsorship").group(0) == "VISA Sponsorship"
    assert p.search("no visa is sponsored") is None and p.sub("X", "no visa") == "no visa"
    # outside ASCII, letters fold to ASCII ones case-blind ("\u017f" is an s): the regex decides
    folded = "visa \u017fponsorship"
    assert p._absent(folded) is False and p.search(folded) is not None
    assert required_literals(re.compile(r"(?i)visa")) is None            # unless asked for
    assert required_literals(re.compile(r"(?i)Visa"), case_blind=True) == ("visa",)
    assert required_literals(re.compile("\u00e9t\u00e9", re.I), case_blind=True) is None   # ASCII only
    again = pickle.loads(pickle.dumps(p))
    assert isinstance(again, CaseBlindPattern) and again.search("VISA SPONSOR").span() == (0, 12)


@pytest.mark.slow
def test_case_blind_patterns_answer_as_their_regex_on_the_pages_own_text():
    patterns = [o for o in gc.get_objects() if isinstance(o, CaseBlindPattern)]
    assert len(patterns) >= 20         # canon's rewrites, the retired-exam evidence test
    texts: set[str] = set()
    for path in sorted(PAGES.glob("*/pages/*")):
        raw = path.read_text()
        snippets = segment_html(raw) if path.suffix == ".html" else segment_text(raw)
        texts.update(s.text for s in snippets)            # the page's own casing
    texts.update(("STEP 2 CS", "Step\u00a02 CS", "\u017ftep 2 cs", "USMLE Part I and II"))
    for p in patterns:
        for text in texts:
            if p._absent(text):
                assert p._p.search(text) is None, (p.pattern[:60], text)


def test_inline_functions_answer_as_re():
    s = "we sponsor j1 visas; h1b is not offered, but j1 is."
    assert rx.search(r"\bh1b\b", s).span() == re.search(r"\bh1b\b", s).span()
    assert rx.match(r"we\b", s).span() == (0, 2) and rx.match(r"\bh1b", s) is None
    assert rx.fullmatch(r"[^?]*", s).group(0) == s and rx.fullmatch(r"we", s) is None
    assert rx.sub(r"\bj1\b", "J", s) == re.sub(r"\bj1\b", "J", s)
    assert rx.split(r";|, but", s) == re.split(r";|, but", s)
    assert [m.span() for m in rx.finditer(r"\bj1\b", s)] == [m.span() for m in re.finditer(r"\bj1\b", s)]
    assert rx.search(r"\bholistic\b", s) is None


@pytest.mark.parametrize("text", ["a: yes", "A: yes", "answer. no", "a: a: yes", "a yes", "yes", "",
                                  "answer -  we do", "q: a: no"])
def test_strip_answer_prefix_is_the_prefix_substitution(text):
    assert strip_answer_prefix(text) == ANSWER_PREFIX.sub("", text)


@pytest.mark.parametrize("pattern, pieces", [
    (r"\b((?:graduates?|img))\s*\(\s*img\s*\)", [("img",), ("(",), (")",)]),
    (r"\busmle\s+part\s+(?:1|ii)\b", [("part",), ("1", "ii")]),
    (r"\busmle\s+part\s+(?:1|i)\b", [("part",)]),        # (one-character branches parse as a class)
    (r"\bvisa\b", []),                                  # the literals are all there is
    (r"\d{3}", []),                                     # no literal at all
])
def test_required_pieces_are_the_other_required_literal_sets(pattern, pieces):
    assert required_pieces(re.compile(pattern)) == pieces


def test_a_pattern_with_pieces_runs_only_where_every_piece_occurs():
    p = prefiltered_compile(r"\b(graduates?|img)\s*\(\s*img\s*\)")
    assert p._absent("img graduates apply") and p.sub(r"\1", "img graduates apply") == "img graduates apply"
    assert p.sub(r"\1", "graduates (img) apply") == "graduates apply"
    blind = prefiltered_compile(r"\busmle\s+part\s+(?:1|ii)\b", re.I)
    assert blind._also == (("part",), ("1", "ii"))
    assert blind.search("USMLE step 1") is None and blind.search("USMLE Part II").group(0) == "USMLE Part II"
