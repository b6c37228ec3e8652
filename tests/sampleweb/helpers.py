"""Small HTTP helpers for the sample-web tests: real requests to 127.0.0.1 with a Host header."""

from __future__ import annotations

import gzip
import http.client
import io
import re

import pypdf
from selectolax.lexbor import LexborHTMLParser


def fetch(url: str, host: str | None, path: str, headers: dict | None = None,
          timeout: float = 10.0) -> tuple[int, dict, bytes]:
    """GET path on the sample web at `url`, as `host`; no redirects followed."""
    hostport = url.split("://", 1)[1]
    h, port = hostport.split(":")
    conn = http.client.HTTPConnection(h, int(port), timeout=timeout)
    hdrs = {"User-Agent": "sampleweb-tests/1.0"}
    if host:
        hdrs["Host"] = host
    hdrs.update(headers or {})
    try:
        conn.request("GET", path, headers=hdrs)
        resp = conn.getresponse()
        body = resp.read()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, body
    finally:
        conn.close()


def split_url(u: str) -> tuple[str, str]:
    """'http://x.test/a/b' -> ('x.test', '/a/b')"""
    rest = u.split("://", 1)[1]
    host, _, path = rest.partition("/")
    return host, "/" + path


def page_text(body: bytes, content_type: str) -> str:
    if content_type.startswith("application/pdf"):
        reader = pypdf.PdfReader(io.BytesIO(body))
        return "\n".join(p.extract_text() for p in reader.pages)
    m = re.search(r"charset=([\w-]+)", content_type)
    doc = LexborHTMLParser(body.decode(m.group(1) if m else "utf-8"))
    return doc.body.text(separator=" ") if doc.body else ""


def squash(s: str) -> str:
    """Text without any whitespace, for containment checks across markup and PDF wrapping."""
    return re.sub(r"\s+", "", s)


def links(body: bytes) -> list[str]:
    doc = LexborHTMLParser(body.decode("utf-8", "replace"))
    return [a.attributes.get("href") or "" for a in doc.css("a")]


def gunzip(b: bytes) -> bytes:
    return gzip.decompress(b)
