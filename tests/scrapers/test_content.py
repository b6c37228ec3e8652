"""Bodies: charsets (wrong or missing), PDF text, hashes and compression."""

import gzip
import hashlib

from scrapers import content
from tests.scrapers.mockweb import make_pdf


def test_page_labelled_utf8_but_written_in_windows_1252_is_read_correctly():
    body = "<p>Caf\xe9 \u2013 visas</p>".encode("cp1252")
    text, encoding = content.decode_text(body, "text/html; charset=utf-8")
    assert text == "<p>Caf\xe9 \u2013 visas</p>" and encoding == "cp1252"


def test_page_labelled_latin1_but_saved_as_utf8_is_read_as_utf8():
    text, encoding = content.decode_text("<p>Gr\xfc\xdfe</p>".encode(), "text/html; charset=iso-8859-1")
    assert text == "<p>Gr\xfc\xdfe</p>" and encoding == "utf-8"


def test_meta_charset_is_used_when_the_header_has_none():
    body = '<meta charset="shift_jis"><p>\u65e5\u672c\u8a9e</p>'.encode("shift_jis")
    text, encoding = content.decode_text(body, "text/html")
    assert "\u65e5\u672c\u8a9e" in text and encoding == "shift_jis"


def test_byte_order_mark_wins():
    text, encoding = content.decode_text("hello".encode("utf-16"), "text/html; charset=utf-8")
    assert text == "hello" and encoding.startswith("utf-16")


def test_pdf_text_is_extracted_and_broken_pdfs_give_none():
    assert "ECFMG certificate" in content.pdf_text(make_pdf("ECFMG certificate by rank date"))
    assert content.pdf_text(b"%PDF-1.4 garbage") is None


def test_hash_and_compression_round_trip():
    body = b"<p>same bytes</p>" * 50
    assert content.content_hash(body) == hashlib.sha256(body).hexdigest()
    packed = content.compress_body(body)
    assert gzip.decompress(packed) == body and len(packed) < len(body)
    assert content.decompress_body(packed, "gzip") == body


def test_pdf_and_html_detection():
    assert content.is_pdf(b"%PDF-1.7...", None)
    assert content.is_pdf(b"xx", "application/pdf")
    assert not content.is_pdf(b"<html>", "text/html", "http://a.test/x.pdf")
    assert content.is_html(b"<!DOCTYPE html><html>", None)
