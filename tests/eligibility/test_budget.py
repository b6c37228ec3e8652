"""Per-page budget (issue 13): a pathological page is recorded as oversize, facts unknown.

Timing is measured by `benchmarks/bench_extract.py --big-page` (a 1 MB single paragraph,
seconds and peak memory), not asserted here: a shared machine makes timed asserts flaky.
"""

import json

from eligibility import extract_page
from eligibility import extract as ex
from eligibility.cli import main
from eligibility.model import FIELDS
from eligibility.segment import split_sentences

SENTENCE = "International graduates must hold ECFMG certification and we sponsor J-1 visas. "


def one_paragraph(size: int) -> str:
    return (SENTENCE * (size // len(SENTENCE) + 1))[:size]


def test_a_one_megabyte_paragraph_is_oversize_with_every_field_unknown():
    for body, ctype in ((one_paragraph(1_000_000), "text/plain"),
                        (f"<html><body><p>{one_paragraph(1_000_000)}</p></body></html>", "text/html")):
        r = extract_page(body.encode(), ctype)
        assert r.oversize and "visible text" in r.oversize
        assert all(r.values[f] is None for f in FIELDS) and not r.facts


def test_a_body_over_the_byte_limit_is_not_even_parsed():
    r = extract_page(b"<html><body>" + b"<p>x</p>" * (ex.MAX_BODY_BYTES // 8 + 1), "text/html")
    assert r.oversize.startswith("body ")


def test_a_page_over_its_time_budget_is_oversize():
    page = one_paragraph(20_000)
    assert extract_page(page, "text/plain").values["j1_visa"] == "yes"
    r = extract_page(page, "text/plain", time_budget=-1.0)     # already over at the start
    assert r.oversize and "time budget" in r.oversize and r.values["j1_visa"] is None


def test_a_long_page_under_the_limits_is_still_read():
    r = extract_page(one_paragraph(ex.MAX_TEXT_CHARS // 2), "text/plain")
    assert r.oversize is None and r.values["j1_visa"] == "yes"


def test_gme_extract_prints_the_oversize_reason(tmp_path, capsys):
    path = tmp_path / "big.txt"
    path.write_text(one_paragraph(1_000_000))
    assert main([str(path)]) == 0
    out, err = capsys.readouterr()
    rec = json.loads(out)
    assert rec["oversize"].startswith("visible text") and rec["j1_visa"] is None
    assert err.count("\n") == 1 and "not read, over the per-page budget" in err


def test_sentence_splitting_keeps_abbreviation_runs_whole():
    assert split_sentences("Dr. Smith leads it. U.S. graduates apply. We sponsor visas.") == [
        "Dr. Smith leads it.", "U.S. graduates apply.", "We sponsor visas."]
    run = "See e.g. " * 5000 + "End."
    assert split_sentences(run) == [run.strip()]
    # a capital letter before a full stop ends an abbreviation only as a word of its own
    assert split_sentences("We take the MCAT. Then apply.") == ["We take the MCAT.", "Then apply."]
