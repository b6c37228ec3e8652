"""Per-field precision/recall on the real-phrasing pages (issue 9), as `gme extract` reads them.

`tests/eligibility/realphrasing/dev/` holds pages rewritten from real program pages (plain
text, the primary form, plus the same text as HTML) with `labels.json`. Each page goes through
`eligibility.cli.record`, the exact code behind `gme extract --format jsonl PATH`, and its
thirteen fields are scored against the label (an omitted field expects null).

    .venv/bin/python -m pytest tests/eligibility/test_realphrasing.py -s

prints the dev tables (.txt and .html) with every miss, and, when
`realphrasing/holdout/` exists, the holdout's tables only: never per-page detail, since the
holdout was written to estimate unseen pages. It was scored at first look and then folded in
(3 Dec 2026, issue 9; see holdout/README.md), so its figures are no longer an estimate for
unseen pages. The asserted floors are the figures already reached on dev (see DEV_*).

The second holdout (`realphrasing/holdout2a/` and `holdout2b/`) was scored at first look and
then folded in (3 Dec 2026, issue 9): half b and holdout2a a001-a016 on 6eaf7e8, holdout2a
a017-a028 on 6eaf7e8 too, the extractor before branch tune (see the two READMEs). Both halves print as the
"folded second holdout", tables and misses, with floors a little below the figures reached
after folding.

The third holdout's half a (`realphrasing/holdout3a/`) was scored at first look at 1e078c8 and then
folded in as development data (3 Dec 2026, issue 9; branch tune3, see its README); it prints as the
"folded third holdout", tables and misses, with floors like holdout2a's. Its other half
(`realphrasing/holdout3b/`) stays the holdout: it prints its tables only (never per-page detail),
and its floor only guards against falling below its first look (P 0.885 R 0.724 F1 0.797 at 1e078c8).

The fourth holdout's half a (`realphrasing/holdout4a/`) was scored at first look on 773b5cf (.txt P 0.889
R 0.753 F1 0.815) and then folded in as development data (3 Dec 2026, issue 9; branch tune4); it prints
as the "folded fourth holdout", tables and misses, with floors like holdout3a's. Its other half
(`realphrasing/holdout4b/`) stays held out like holdout3b: tables only, a floor under its first look
(.txt P 0.875 R 0.792 F1 0.832 on 773b5cf).

Both held-out halves also carry a second, blind labelling (`labels_second.json`);
`benchmarks/label_agreement.py` compares the two (tables only).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from eligibility.model import FIELDS
from eligibility.scoring import Tally

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from score_realphrasing import score_folder  # the same scoring as the script

ROOT = Path(__file__).parent / "realphrasing"
DEV = ROOT / "dev"
HOLDOUT = ROOT / "holdout"
HOLDOUT2A = ROOT / "holdout2a"
HOLDOUT2B = ROOT / "holdout2b"
HOLDOUT3A = ROOT / "holdout3a"
HOLDOUT3B = ROOT / "holdout3b"
HOLDOUT4A = ROOT / "holdout4a"
# The holdout (26 pages, 21 hosts no other set uses). First look at 1e078c8: P 0.885 R 0.724
# F1 0.797 (both forms); after holdout3a was folded in (e6e54fa): P 0.886 R 0.732 F1 0.802; after
# holdout4a too (tune4): P 0.888 R 0.748 F1 0.812 (both forms).
# Not a target to tune on: the floor only catches a change that makes unseen pages worse.
HOLDOUT3B_MICRO_F1 = 0.78
HOLDOUT4B = ROOT / "holdout4b"
# The fourth holdout's kept half (26 pages, 20 hosts no other set uses). First look on 773b5cf:
# .txt P 0.875 R 0.792 F1 0.832, .html P 0.866 R 0.792 F1 0.828; after holdout4a was folded in
# (tune4): .txt P 0.883 R 0.783 F1 0.830, .html P 0.875 R 0.792 F1 0.832. Not a target either.
HOLDOUT4B_MICRO_F1 = 0.81

# Floors reached on dev (.txt, the primary form); raised as the extractor improves.
# First look (61 pages, 4becf16): .txt P 0.845 R 0.766 F1 0.803, .html P 0.838 R 0.770 F1 0.802.
# Reached at 7dfdd96 (101 pages): .txt P 0.981 R 0.951 F1 0.966, .html P 0.981 R 0.938 F1 0.959.
# Reached on branch tune2 (3 Dec, after holdout2 was folded in and four dev accepts_imgs labels
# were made CONTRACT-consistent): .txt P 1.000 R 0.993 F1 0.997, .html P 1.000 R 0.991 F1 0.995.
# Floors sit a little below, since the dev set is still growing with pages not yet tuned on.
DEV_TXT_MICRO_F1 = 0.93
DEV_TXT_MICRO_PRECISION = 0.95
DEV_HTML_MICRO_F1 = 0.92
# Folded second holdout, half b (26 pages). First look at 6eaf7e8: .txt and .html P 0.828
# R 0.811 F1 0.819. Reached after folding (tune branch): P 1.000 R 1.000 F1 1.000 (both forms).
HOLDOUT2B_MICRO_F1 = 0.97
HOLDOUT2B_MICRO_PRECISION = 0.97
# Half a (28 pages). First look at 6eaf7e8 (both forms): a001-a016 P 0.862 R 0.889 F1 0.875;
# a017-a028 P 0.794 R 0.643 F1 0.711. Reached after folding (tune2 branch): P 1.000 R 1.000
# F1 1.000 (both forms, all 28 pages).
HOLDOUT2A_MICRO_F1 = 0.97
HOLDOUT2A_MICRO_PRECISION = 0.97
# Third holdout, half a (28 pages). First look at 1e078c8: .txt P 0.832 R 0.757 F1 0.792, .html
# P 0.814 R 0.748 F1 0.779. Reached after folding (tune3 branch): P 1.000 R 0.991 F1 0.995 (both
# forms; the one miss, e019's comlex_accepted false, is a judgement label left unread).
HOLDOUT3A_MICRO_F1 = 0.97
HOLDOUT3A_MICRO_PRECISION = 0.97
# Fourth holdout, half a (25 pages). First look at 773b5cf: .txt P 0.889 R 0.753 F1 0.815, .html
# P 0.903 R 0.765 F1 0.828. Reached after folding (tune4 branch): P 1.000 R 0.965 F1 0.982 (both
# forms; the three misses are g023's bare score table "Step 1 - 230 / Step 2 CK - 238", labelled as
# minimums but with no hard wording of its own, left null).
HOLDOUT4A_MICRO_F1 = 0.97
HOLDOUT4A_MICRO_PRECISION = 0.97


def _labels(folder: Path) -> dict:
    path = folder / "labels.json"
    return json.loads(path.read_text()) if path.exists() else {}


def score(folder: Path, suffix: str) -> tuple[Tally, int]:
    """Tally of `gme extract` on every labelled page of `folder` in the form `suffix`."""
    return score_folder(folder, suffix)


def _report(title: str, tally: Tally, n: int, detail: bool) -> None:
    print(f"\n{title}: {n} pages\n{tally.table()}")
    if detail:
        for name, field, got, want in tally.errors:
            print(f"  {name}: {field} got {got!r} want {want!r}")


def test_dev_labels_use_contract_fields_and_pages_exist():
    labels = _labels(DEV)
    assert len(labels) >= 60
    for page_id, label in labels.items():
        assert set(label.get("expect") or {}) <= set(FIELDS), page_id
        assert (DEV / "pages" / f"{page_id}.txt").exists(), page_id


@pytest.mark.parametrize("suffix,f1_floor,p_floor", [
    (".txt", DEV_TXT_MICRO_F1, DEV_TXT_MICRO_PRECISION),
    (".html", DEV_HTML_MICRO_F1, 0.0),
])
def test_dev_precision_and_recall(suffix, f1_floor, p_floor):
    tally, n = score(DEV, suffix)
    _report(f"real-phrasing dev ({suffix})", tally, n, detail=True)
    p, r, f1 = tally.micro()
    assert n >= 60
    assert f1 >= f1_floor, f"dev {suffix} micro F1 {f1:.3f} < {f1_floor}"
    assert p >= p_floor, f"dev {suffix} micro precision {p:.3f} < {p_floor}"


@pytest.mark.skipif(not (HOLDOUT / "labels.json").exists(), reason="no holdout yet")
@pytest.mark.parametrize("suffix", [".txt", ".html"])
def test_holdout_figures(suffix):
    # Tables only: per-page misses of the holdout are never printed (it is not for tuning).
    tally, n = score(HOLDOUT, suffix)
    _report(f"real-phrasing HOLDOUT ({suffix}, figures only)", tally, n, detail=False)
    assert n > 0


@pytest.mark.parametrize("half,floor", [(HOLDOUT3B, HOLDOUT3B_MICRO_F1), (HOLDOUT4B, HOLDOUT4B_MICRO_F1)],
                         ids=["holdout3b", "holdout4b"])
@pytest.mark.parametrize("suffix", [".txt", ".html"])
def test_held_out_half_figures(half, floor, suffix):
    # Tables only: per-page misses of a held-out half are never printed (it is not for tuning).
    if not (half / "labels.json").exists():
        pytest.skip(f"no {half.name}")
    tally, n = score(half, suffix)
    _report(f"real-phrasing HOLDOUT {half.name[7:]}, never tuned on ({suffix}, figures only)", tally, n,
            detail=False)
    p, r, f1 = tally.micro()
    assert n >= 26
    assert f1 >= floor, f"{half.name} {suffix} micro F1 {f1:.3f} fell below its first look"


@pytest.mark.parametrize("half,min_pages,f1_floor,p_floor", [
    (HOLDOUT2A, 28, HOLDOUT2A_MICRO_F1, HOLDOUT2A_MICRO_PRECISION),
    (HOLDOUT2B, 26, HOLDOUT2B_MICRO_F1, HOLDOUT2B_MICRO_PRECISION),
    (HOLDOUT3A, 28, HOLDOUT3A_MICRO_F1, HOLDOUT3A_MICRO_PRECISION),
    (HOLDOUT4A, 25, HOLDOUT4A_MICRO_F1, HOLDOUT4A_MICRO_PRECISION),
], ids=["holdout2a", "holdout2b", "holdout3a", "holdout4a"])
@pytest.mark.parametrize("suffix", [".txt", ".html"])
def test_folded_second_holdout_figures(half, min_pages, f1_floor, p_floor, suffix):
    # Folded in after its first look (see the halves' README.md): tables and misses print, and
    # the floors guard what folding reached (holdout3a, holdout4a: the third and fourth holdouts'
    # folded halves).
    if not (half / "labels.json").exists():
        pytest.skip(f"no {half.name}")
    tally, n = score(half, suffix)
    which = {"holdout3": "third", "holdout4": "fourth"}.get(half.name[:8], "second")
    _report(f"real-phrasing folded {which} holdout, {half.name} ({suffix})", tally, n, detail=True)
    p, r, f1 = tally.micro()
    assert n >= min_pages
    assert f1 >= f1_floor, f"{half.name} {suffix} micro F1 {f1:.3f} < {f1_floor}"
    assert p >= p_floor, f"{half.name} {suffix} micro precision {p:.3f} < {p_floor}"
