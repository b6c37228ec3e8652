"""Page bodies: charset detection, PDF text, content hashes and body compression (pure)."""

from __future__ import annotations

import codecs
import gzip
import hashlib
import io
import logging
import re

import charset_normalizer

BODY_CODEC = "gzip"

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE
)
_SINGLE_BYTE_LATIN = re.compile(r"^(cp125\d|iso8859_\d+|latin_\d|mac_roman)$")
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-:.]+)", re.IGNORECASE)


def content_hash(body: bytes) -> str:
    """sha256 hex of the body as delivered after content-encoding was undone."""
    return hashlib.sha256(body).hexdigest()


def compress_body(body: bytes) -> bytes:
    # level 3: close to level 9's ratio on HTML for a third of the CPU (profiled: level 5
    # was 2 % of the crawl's time)
    return gzip.compress(body, compresslevel=3, mtime=0)


def decompress_body(blob: bytes | None, codec: str | None = BODY_CODEC) -> bytes | None:
    if blob is None:
        return None
    if codec in (None, "", "identity"):
        return blob
    if codec == "gzip":
        return gzip.decompress(blob)
    if codec == "zstd":
        from backports import zstd  # only needed for files written by another tool

        return zstd.decompress(blob)
    raise ValueError(f"unknown body codec {codec!r}")


def _normalise_encoding(name: str | None) -> str | None:
    if not name:
        return None
    try:
        canonical = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
    # browsers treat a declared latin-1 as windows-1252 (WHATWG encoding spec)
    return "cp1252" if canonical in ("latin-1", "iso8859-1", "ascii") else canonical


def header_charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, normalised; None if absent/unknown."""
    if not content_type:
        return None
    match = _HEADER_CHARSET.search(content_type)
    return _normalise_encoding(match.group(1)) if match else None


def meta_charset(body: bytes) -> str | None:
    """The charset an HTML document declares for itself in its first 4 KB."""
    match = _META_CHARSET.search(body[:4096])
    return _normalise_encoding(match.group(1).decode("ascii", "ignore")) if match else None


def decode_text(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode a text body, surviving wrong or missing charset declarations.

    Order: byte-order mark; valid non-ASCII UTF-8; the header charset, then the document's
    own <meta> -- each accepted only if the bytes really decode with it (a page served as
    UTF-8 that is really windows-1252 is common) -- then statistical detection.
    Returns (text, encoding used).
    """
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body[len(bom):].decode(encoding, "replace"), encoding
    if not body.isascii():
        # bytes that are valid UTF-8 and not plain ASCII are UTF-8 whatever the label says
        # (a page labelled latin-1 but saved as UTF-8 is the common wrong declaration)
        try:
            return body.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    candidates = [header_charset(content_type), meta_charset(body), "utf-8"]
    for encoding in dict.fromkeys(c for c in candidates if c):
        try:
            return body.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    best = charset_normalizer.from_bytes(body[:65536]).best()
    encoding = (_normalise_encoding(best.encoding) or best.encoding) if best is not None and best.encoding else None
    if encoding is None or _SINGLE_BYTE_LATIN.match(encoding):
        # short Western pages are easily mistaken for a sibling code page; windows-1252 is
        # by far the most common mislabelled one
        try:
            return body.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    encoding = encoding or "cp1252"
    return body.decode(encoding, "replace"), encoding


def is_pdf(body: bytes, content_type: str | None, url: str | None = None) -> bool:
    if content_type and "pdf" in content_type.lower():
        return True
    if body[:5] == b"%PDF-":
        return True
    return bool(url and url.lower().split("?")[0].endswith(".pdf") and not body[:64].lstrip().startswith(b"<"))


def is_html(body: bytes, content_type: str | None) -> bool:
    if content_type:
        lowered = content_type.lower()
        return "html" in lowered or "xml" in lowered and "xhtml" in lowered
    head = body[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


def pdf_text(body: bytes) -> str | None:
    """Text of a PDF, page by page; None when the file can't be read (recorded, not raised)."""
    import pypdf  # imported lazily: most crawls see few PDFs

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(io.BytesIO(body))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception:  # noqa: BLE001 - malformed PDFs are common on program sites; keep the crawl going
        return None
    return "\n\n".join(p.strip() for p in pages).strip()


class PdfTextPool:
    """PDF text extraction in a worker process: pypdf is pure Python and would otherwise
    take its CPU from the crawl's event loop. `submit` returns something `resolve` turns
    into the text (or None); `workers=0` extracts in-process."""

    def __init__(self, workers: int = 1, timeout: float = 60.0):
        self.workers, self.timeout = workers, timeout
        self._pool = None

    def submit(self, body: bytes):
        if self.workers <= 0:
            return pdf_text(body)
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("forkserver"))
        try:
            return self._pool.submit(pdf_text, body)
        except Exception:  # noqa: BLE001 - a broken pool: fall back to extracting here
            return pdf_text(body)

    def resolve(self, value):
        from concurrent.futures import Future

        if not isinstance(value, Future):
            return value
        try:
            return value.result(timeout=self.timeout)
        except Exception:  # noqa: BLE001 - timeout or a crashed worker: the row keeps its body, text unknown
            return None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
