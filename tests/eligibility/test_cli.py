"""`gme extract` as a user runs it: JSON lines in input order, evidence from the page, errors."""

import json
from pathlib import Path

import pytest

from eligibility.cli import main
from eligibility.model import FIELDS
from eligibility.segment import norm_ws, page_text_html

PAGES = Path(__file__).parent / "devset" / "pages"


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _tiny_pdf(text: str) -> bytes:
    """A one-page PDF whose content stream shows `text` (enough for pypdf's extractor)."""
    stream = f"BT /F1 11 Tf 40 750 Td ({text}) Tj ET".encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def test_jsonl_one_object_per_path_in_input_order(capsys):
    paths = [str(PAGES / "pdf_like.txt"), str(PAGES / "im_faq_accordion.html"),
             str(PAGES / "home_news.html")]
    code, out, err = _run(capsys, *paths)
    assert code == 0 and err == ""
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["source"] for r in records] == paths
    for r in records:
        assert set(r) == {"source", "evidence", *FIELDS}
        assert set(r["evidence"]) == {f for f in FIELDS if r[f] is not None}
    faq = records[1]
    assert faq["j1_visa"] == "yes" and faq["h1b_visa"] == "no"
    assert faq["min_step2ck"] == 225 and faq["ecfmg_cert_required"] == "by_rank"
    assert all(records[2][f] is None for f in FIELDS) and records[2]["evidence"] == {}


def test_evidence_is_text_of_the_page(capsys):
    paths = sorted(str(p) for p in PAGES.glob("*.html"))
    code, out, _ = _run(capsys, *paths)
    assert code == 0
    for line in out.splitlines():
        r = json.loads(line)
        page = page_text_html(Path(r["source"]).read_text())
        for field, evidence in r["evidence"].items():
            assert norm_ws(evidence) in page, (r["source"], field, evidence)


def test_qa_answer_evidence_carries_its_question(capsys):
    _, out, _ = _run(capsys, str(PAGES / "fm_dl_faq.html"))
    r = json.loads(out)
    assert r["evidence"]["j1_visa"] == "Do you sponsor visas? Yes, J-1 visas only."
    assert r["h1b_visa"] == "no"


def test_plain_text_is_detected_without_extension(tmp_path, capsys):
    page = tmp_path / "notes"
    page.write_text("Do you sponsor H-1B visas?\nNo.\n\nUS clinical experience is required.\n")
    _, out, _ = _run(capsys, str(page))
    r = json.loads(out)
    assert r["h1b_visa"] == "no" and r["usce"] == "required"
    assert r["evidence"]["h1b_visa"] == "Do you sponsor H-1B visas? No."


def test_pdf_input(tmp_path, capsys):
    pdf = tmp_path / "criteria.pdf"
    pdf.write_bytes(_tiny_pdf("Applicants must have a minimum Step 2 CK score of 221."))
    code, out, err = _run(capsys, str(pdf))
    assert code == 0, err
    r = json.loads(out)
    assert r["min_step2ck"] == 221 and r["score_minimum_policy"] == "stated"


def test_table_format_has_a_row_per_input(capsys):
    code, out, _ = _run(capsys, "--format", "table", str(PAGES / "no_img_program.html"),
                        str(PAGES / "stats_table.html"))
    lines = out.splitlines()
    assert code == 0 and len(lines) == 3
    assert lines[0].split()[:4] == ["source", "imgs", "j1", "h1b"]
    assert lines[1].split()[1:4] == ["false", "no", "no"]


@pytest.mark.parametrize("argv, reason", [
    ([], "required: PATH"),
    (["--format", "xml", "x.html"], "invalid choice"),
    (["does-not-exist.html"], "no such file"),
])
def test_bad_input_exits_non_zero_with_one_line(capsys, argv, reason):
    code, out, err = _run(capsys, *argv)
    assert code != 0 and out == ""
    assert len(err.strip().splitlines()) == 1 and reason in err


def test_missing_file_among_good_ones_prints_nothing(capsys):
    code, out, err = _run(capsys, str(PAGES / "fm_dl_faq.html"), "missing.txt")
    assert code != 0 and out == "" and "missing.txt" in err


def test_binary_and_broken_pdf_are_rejected(tmp_path, capsys):
    blob = tmp_path / "blob.bin"
    blob.write_bytes(b"\x00\x01\x02garbage\x00" * 50)
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 not really a pdf")
    for path in (blob, bad):
        code, out, err = _run(capsys, str(path))
        assert code != 0 and out == "" and len(err.strip().splitlines()) == 1
