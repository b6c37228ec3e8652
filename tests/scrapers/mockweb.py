"""A tiny loopback web for the scrapers' tests: a JSON:API directory and a few program
sites told apart by Host header, with the awkward behaviours the spiders must survive.
Runs an aiohttp server on 127.0.0.1:0 in a background thread; records every request."""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import threading
import time
from collections import Counter, defaultdict
from contextlib import contextmanager

from aiohttp import web

PERSON_EMAIL = "director@example.invalid"


def make_pdf(text: str) -> bytes:
    """A minimal one-page PDF whose text layer says `text` (hand-built, no dependency)."""
    stream = f"BT /F1 12 Tf 40 700 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def program_node(i: int, specialty: str = "140") -> tuple[dict, list[dict]]:
    pid = f"{specialty}{i:07d}"
    survey_type = "node--survey_2025" if i % 2 else "node--survey_2024"
    node = {
        "type": "node--program", "id": f"p-{pid}",
        "attributes": {"title": f"Program {i}", "field_program_id": pid, "field_city": "Town",
                       "field_state": "NY", "field_website": {"uri": f"http://site{i}.test/"},
                       "field_basic_listing": i % 4 == 0, "changed": "2025-03-28T08:08:20+00:00"},
        "relationships": {
            "field_survey": {"data": {"type": survey_type, "id": f"s-{pid}"}},
            "field_specialty": {"data": {"type": "taxonomy_term--specialty", "id": f"sp-{specialty}"}},
            "field_institution": {"data": {"type": "node--institution", "id": "inst-1"}},
            "field_program_director": {"data": {"type": "node--person", "id": f"pd-{pid}"}},
        },
    }
    included = [
        {"type": survey_type, "id": f"s-{pid}", "attributes": {
            "field_visa_status": ["J-1 through ECFMG"] if i % 3 else [],
            "field_pct_img": 999 if i % 5 == 0 else 99, "field_pct_do": 10, "field_pct_usmd": 40,
            "field_usmle_step_2_minimum_score": 999 if i % 2 else 220,
            "field_years_since_graduation": 99 if i % 2 else 5,
            "field_first_year_positions": 12, "field_program_best_described_as": "University-based"}},
        {"type": "taxonomy_term--specialty", "id": f"sp-{specialty}",
         "attributes": {"name": "Internal Medicine", "field_specialty_code": specialty}},
        {"type": "node--institution", "id": "inst-1",
         "attributes": {"title": "General Hospital", "field_city": "Town", "field_state": "NY"}},
        {"type": "node--person", "id": f"pd-{pid}",
         "attributes": {"title": "Dr Someone", "field_email": PERSON_EMAIL, "field_phone": "555"}},
    ]
    return node, included


class MockWeb:
    def __init__(self, programs: int = 3, count_lie: int = 0, epoch: int = 1, slow: float = 0.0):
        self.programs = programs
        # site3 announces a sitemap index in robots.txt; its home page and that page's
        # lastmod change with the epoch (an honest sitemap)
        self.today = time.strftime("%Y-%m-%d", time.gmtime())
        self.count_lie = count_lie
        self.epoch = epoch
        self.slow = slow
        self.log: list[dict] = []
        self.active: Counter = Counter()
        self.max_active: Counter = Counter()
        self.hits: Counter = Counter()
        self.port: int | None = None

    # -- directory ----------------------------------------------------------------
    async def directory(self, request: web.Request) -> web.Response:
        q = request.query
        offset, limit = int(q.get("page[offset]", 0)), min(int(q.get("page[limit]", 50)), 50)
        data, included = [], {}
        for i in range(offset, min(offset + limit, self.programs)):
            node, inc = program_node(i + 1)
            data.append(node)
            for n in inc:
                if n["type"] == "node--person" and "field_program_director" not in q.get("include", ""):
                    continue
                included[(n["type"], n["id"])] = n
        page = {"jsonapi": {"version": "1.0"}, "data": data, "included": list(included.values()),
                "meta": {"count": self.programs + self.count_lie},
                "links": {"self": {"href": str(request.url)}}}
        if offset + limit < self.programs:
            nxt = request.url.update_query({"page[offset]": str(offset + limit)})
            page["links"]["next"] = {"href": str(nxt)}
        return web.json_response(page, content_type="application/vnd.api+json")

    # -- program sites ------------------------------------------------------------
    def site_pages(self, host: str) -> dict[str, tuple[int, dict, bytes]]:
        tag = host.split(".")[0]
        home = f"""<html><head><meta charset="utf-8"><title>{tag}</title></head><body>
<nav><a href="/news">News</a> <a href="/login">Log in</a> <a href="/private/eligibility">Eligibility (internal)</a>
<a href="/apply/eligibility">Eligibility requirements</a>
<a href="/faq.pdf">Applicant FAQ (PDF)</a> <a href="http://elsewhere.test/apply">Apply elsewhere</a>
<a href="/moved">Prospective residents</a> <a href="/loop">Selection criteria</a>
<a href="/latin">International graduates</a> <a href="/broken">Visa information</a>
<a href="/about">About us</a></nav><p>Welcome, epoch {self.epoch if tag in ('site2', 'site3') else 1}.</p></body></html>"""
        elig = "<html><body><h1>Eligibility</h1><p>We sponsor J-1 visas. Step 2 CK minimum 220.</p>"\
               "<a href='/apply/usmle'>USMLE policy</a></body></html>"
        latin = "<html><head><meta charset='utf-8'></head><body><p>Caf\xe9 for international graduates \u2013 visas</p>"\
                "<a href='/visa-faq'>Visa FAQ</a></body></html>"
        robots = b"User-agent: *\nDisallow: /private/\n"
        extra = {}
        if tag == "site3":
            robots += f"Sitemap: http://{host}/sitemap_index.xml\nSitemap: http://elsewhere.test/sitemap.xml\n".encode()
            entries = [("/", f"2025-0{self.epoch}-02T10:00:00+00:00"), ("/apply/eligibility", "2025-01-01T09:00:00Z"),
                       ("/apply/usmle", "2025-01-01"), ("/faq.pdf", "2025-01-01"),
                       # changed today, by the day only: a copy fetched today may predate the change
                       ("/latin", self.today)]
            urls = "".join(f"<url><loc>http://{host}{path}</loc><lastmod>{mod}</lastmod></url>" for path, mod in entries)
            xml = {"Content-Type": "application/xml"}
            extra = {
                "/sitemap_index.xml": (200, xml, (
                    '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                    f"<sitemap><loc>http://{host}/sitemap-pages.xml</loc></sitemap></sitemapindex>").encode()),
                "/sitemap-pages.xml": (200, xml, (
                    '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                    f"{urls}</urlset>").encode()),
            }
        return {
            **extra,
            "/robots.txt": (200, {"Content-Type": "text/plain"}, robots),
            "/": (200, {"Content-Type": "text/html; charset=utf-8"}, home.encode()),
            "/apply/eligibility": (200, {"Content-Type": "text/html"}, elig.encode()),
            "/apply/usmle": (200, {"Content-Type": "text/html"}, b"<p>USMLE attempts: first attempt only.</p>"),
            "/faq.pdf": (200, {"Content-Type": "application/pdf"}, make_pdf("IMGs welcome, ECFMG certificate by rank date")),
            "/moved": (301, {"Location": "/prospective"}, b""),
            "/prospective": (200, {"Content-Type": "text/html"}, b"<p>How to apply through ERAS.</p>"),
            "/loop": (302, {"Location": "/loop2"}, b""),
            "/loop2": (302, {"Location": "/loop"}, b""),
            "/latin": (200, {"Content-Type": "text/html; charset=utf-8"}, latin.encode("cp1252")),
            "/visa-faq": (200, {"Content-Type": "text/html"}, b"<p>H-1B not sponsored.</p>"),
            "/broken": (503, {}, b"down"),
            "/news": (200, {"Content-Type": "text/html"}, b"<p>news</p>"),
            "/login": (200, {"Content-Type": "text/html"}, b"<p>login</p>"),
            "/about": (200, {"Content-Type": "text/html"}, b"<p>about</p>"),
            "/private/eligibility": (200, {"Content-Type": "text/html"}, b"<p>secret</p>"),
        }

    async def handle(self, request: web.Request) -> web.StreamResponse:
        host = request.host.split(":")[0]
        self.log.append({"host": host, "path": request.path_qs, "headers": dict(request.headers),
                         "time": time.time()})
        self.hits[(host, request.path)] += 1
        self.active[host] += 1
        self.max_active[host] = max(self.max_active[host], self.active[host])
        try:
            if self.slow:
                await asyncio.sleep(self.slow)
            if request.path.startswith("/api/node/program"):
                return await self.directory(request)
            if not host.endswith(".test"):
                return web.Response(status=404)
            if request.path == "/busy" and self.hits[(host, "/busy")] == 1:
                return web.Response(status=429, headers={"Retry-After": "1"})
            if request.path == "/busy":
                return web.Response(text="<p>finally</p>", content_type="text/html")
            if request.path == "/ratelimited":  # issue 13's site: a 503, then 429s asking for 2 s
                hit = self.hits[(host, "/ratelimited")]
                if hit == 1:
                    return web.Response(status=503)
                if hit <= 3:
                    return web.Response(status=429, headers={"Retry-After": "2"})
                return web.Response(text="<p>at last</p>", content_type="text/html")
            if request.path == "/always-limited":
                return web.Response(status=429, headers={"Retry-After": "1"})
            pages = self.site_pages(host)
            if request.path not in pages:
                return web.Response(status=404, text="not found")
            status, headers, body = pages[request.path]
            headers = dict(headers)
            if status == 200:
                etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                headers["ETag"] = etag
                headers["Last-Modified"] = "Wed, 01 Jan 2025 00:00:00 GMT"
                if request.headers.get("If-None-Match") == etag:
                    return web.Response(status=304, headers={"ETag": etag})
            return web.Response(status=status, headers=headers, body=body)
        finally:
            self.active[host] -= 1

    def requests_for(self, path: str, host: str | None = None) -> list[dict]:
        return [r for r in self.log if r["path"].split("?")[0] == path and (host is None or r["host"] == host)]


@contextmanager
def running(mock: MockWeb):
    loop = asyncio.new_event_loop()
    started = threading.Event()
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", mock.handle)
    runner = web.AppRunner(app, access_log=None)

    async def serve():
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        mock.port = site._server.sockets[0].getsockname()[1]
        started.set()

    thread = threading.Thread(target=lambda: (loop.run_until_complete(serve()), loop.run_forever()), daemon=True)
    thread.start()
    started.wait(10)
    try:
        yield mock
    finally:
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
