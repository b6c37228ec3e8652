"""The sample web's HTTP server (aiohttp, one process) and `running_sample_web` for tests.

One loopback port serves the directory API (any Host that is not a program host) and every
program site (told apart by the Host header). Pages are rendered on first request and cached
with their ETag; identical arguments give byte-identical bodies and validators (Last-Modified
comes from the program's epoch, never from the clock). Faults follow sampleweb.faults.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import hashlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import OrderedDict
from datetime import datetime, timezone
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

from aiohttp import web

from sampleweb import directory
from sampleweb import faults as F
from sampleweb.facts import EPOCH1_DATE, program_facts
from sampleweb.site import (Site, build_site, calendar_html, intranet_html, page_html,
                            pdf_bytes, sitemap_xml)
from sampleweb.world import World, website_url

GZIP_MIN = 256
DIRECTORY_DATE = EPOCH1_DATE
HTML = "text/html"


class LRU(OrderedDict):
    def __init__(self, cap: int):
        super().__init__()
        self.cap = cap

    def get_or(self, key, make):
        try:
            self.move_to_end(key)
            return self[key]
        except KeyError:
            value = make()
            self[key] = value
            if len(self) > self.cap:
                self.popitem(last=False)
            return value


class Entity:
    """A cached response body with its validators (and its gzip variant, made on demand)."""
    __slots__ = ("body", "content_type", "etag", "last_modified", "lm_dt", "_gz")

    def __init__(self, body: bytes, content_type: str, last_modified: datetime):
        self.body = body
        self.content_type = content_type
        self.etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
        self.lm_dt = last_modified.replace(microsecond=0)
        self.last_modified = format_datetime(self.lm_dt, usegmt=True)
        self._gz = None

    def gz(self) -> bytes:
        if self._gz is None:
            self._gz = gzip.compress(self.body, compresslevel=6, mtime=0)
        return self._gz


def truth_record(site: Site) -> dict:
    p, f = site.program, site.facts
    return {
        "program_id": p.program_id, "specialty_code": p.specialty_code, "host": p.host,
        "directory": f.directory, "website": f.website, "fact_urls": site.fact_urls,
        "faults": site.faults,
        "markers": ["directory_disagrees"] if f.disagreements else [],
        "disagreements": f.disagreements,
        "basic_listing": f.basic_listing, "survey_year": f.survey_year,
        "style": site.style.name, "version": site.version,
        "last_modified": format_datetime(f.last_modified.replace(microsecond=0), usegmt=True),
        "home_url": f"http://{p.host}{site.style.home}",
        "pdf_url": f"http://{p.host}{site.pdf.path}" if site.pdf else None,
        "robots_disallow": [ln.split(":", 1)[1].strip() for ln in (site.robots or "").splitlines()
                            if ln.startswith("Disallow:") and ln.split(":", 1)[1].strip()
                            and ln.strip() != "Disallow: /"],
        "fault_paths": site.fault_paths,
    }


_WORKER_WORLD: World | None = None


def _truth_chunk(args: tuple) -> list[str]:
    world_args, lo, hi = args
    global _WORKER_WORLD
    if _WORKER_WORLD is None or (_WORKER_WORLD.seed, _WORKER_WORLD.epoch,
                                 _WORKER_WORLD.faults, len(_WORKER_WORLD.programs)) != world_args:
        from sampleweb.world import build_world
        seed, epoch, faults, n = world_args
        _WORKER_WORLD = build_world(n, epoch, faults, seed)
    w = _WORKER_WORLD
    return [json.dumps(truth_record(build_site(w, p)), ensure_ascii=False, sort_keys=True)
            + "\n" for p in w.programs[lo:hi]]


def truth_lines(world: World, chunk: int = 250):
    """The truth file's lines in program order; worlds above one chunk use a process pool."""
    n = len(world.programs)
    world_args = (world.seed, world.epoch, world.faults, n)
    spans = [(world_args, lo, min(n, lo + chunk)) for lo in range(0, n, chunk)]
    workers = min(os.cpu_count() or 1, len(spans))
    if workers <= 1:
        for span in spans:
            yield from _truth_chunk(span)
        return
    import multiprocessing
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(workers) as pool:
        for lines in pool.imap(_truth_chunk, spans):
            yield from lines


class SampleWeb:
    """Request handling for one world. Not thread-safe; one event loop."""

    def __init__(self, world: World, access_log: str | None = None, long_paragraph: int = 0):
        self.world = world
        # a pathological page (issue 13): the first program's home page carries one paragraph
        # of this many bytes (sentences, no markup between them); 0 = none
        self.long_paragraph = long_paragraph
        self.sites = LRU(20_000)  # all sites fit (~70 MB at full size)
        self.entities = LRU(100_000)
        self.facts = {}
        self.burst_counts: dict = {}
        self.last_hit: dict = {}
        self.dir_fault_counts: dict = {}
        self.log_path = access_log
        # requests being handled per host: the access log records, for each request, how many
        # of that host's requests were in the handler when it arrived (a lower bound on the
        # client's concurrency, exact for slow hosts, where politeness matters)
        self.in_flight: dict[str, int] = {}
        self.log_buf: list[str] = []
        self.log_fh = open(access_log, "a", encoding="utf-8") if access_log else None

    # --- world lookups -------------------------------------------------------------------
    def site(self, p) -> Site:
        return self.sites.get_or(p.host, lambda: build_site(self.world, p))

    def facts_of(self, p):
        f = self.facts.get(p.program_id)
        if f is None:
            f = self.facts[p.program_id] = program_facts(self.world, p)
        return f

    # --- logging -------------------------------------------------------------------------
    def log(self, request, status: int, nbytes: int) -> None:
        if self.log_fh is None:
            return
        h = request.headers
        self.log_buf.append(json.dumps({
            "time": datetime.now(timezone.utc).isoformat(timespec="milliseconds"),
            "host": request.host, "path": request.path_qs, "status": status, "bytes": nbytes,
            "user_agent": h.get("User-Agent"), "if_none_match": h.get("If-None-Match"),
            "if_modified_since": h.get("If-Modified-Since"),
            "host_in_flight": request.get("host_in_flight")}) + "\n")
        if len(self.log_buf) >= 512:
            self.flush_log()

    def flush_log(self) -> None:
        if self.log_fh is not None and self.log_buf:
            self.log_fh.write("".join(self.log_buf))
            self.log_fh.flush()
            self.log_buf.clear()

    async def log_flusher(self) -> None:
        while True:
            await asyncio.sleep(0.2)
            self.flush_log()

    # --- HTTP ----------------------------------------------------------------------------
    async def handle(self, request: web.BaseRequest) -> web.StreamResponse:
        host = (request.host or "").split(":")[0].lower().rstrip(".")
        p = self.world.by_host.get(host)
        self.in_flight[host] = request["host_in_flight"] = self.in_flight.get(host, 0) + 1
        try:
            if p is None:
                resp = self.directory(request)
            else:
                resp = await self.website(request, host, p)
        except ConnectionResetError:
            resp = None
        finally:
            self.in_flight[host] -= 1
        if resp is None:  # connection dropped on purpose (site down, truncated body)
            self.log(request, 0, 0)
            return web.Response(status=500)  # never reaches the client
        if resp.prepared:  # streamed (oversize body): logged by the streaming code
            return resp
        self.log(request, resp.status, len(resp.body or b""))
        return resp

    def respond(self, request, ent: Entity, status: int = 200, extra: dict | None = None):
        inm = request.headers.get("If-None-Match")
        ims = request.headers.get("If-Modified-Since")
        headers = {"ETag": ent.etag, "Last-Modified": ent.last_modified}
        if extra:
            headers.update(extra)
        if status == 200:
            if inm is not None:
                tags = {t.strip().removeprefix("W/") for t in inm.split(",")}
                if ent.etag in tags or "*" in tags:
                    return web.Response(status=304, headers=headers)
            elif ims is not None:
                with contextlib.suppress(TypeError, ValueError):
                    if parsedate_to_datetime(ims) >= ent.lm_dt:
                        return web.Response(status=304, headers=headers)
        body = ent.body
        if len(body) >= GZIP_MIN:
            headers["Vary"] = "Accept-Encoding"
            if "gzip" in request.headers.get("Accept-Encoding", ""):
                body = ent.gz()
                headers["Content-Encoding"] = "gzip"
        headers["Content-Type"] = ent.content_type
        return web.Response(status=status, body=body, headers=headers)

    # directory API
    def directory(self, request) -> web.Response:
        path = request.path
        base = f"http://{request.host}"
        if path == "/robots.txt":
            ent = self.entities.get_or(("dir", path), lambda: Entity(
                b"User-agent: *\nDisallow: /user/\nDisallow: /admin/\n", "text/plain",
                DIRECTORY_DATE))
            return self.respond(request, ent)
        fault = self.directory_fault(request)
        if fault is not None:
            return fault
        if path in ("/api", "/api/"):
            doc = {"jsonapi": {"version": "1.0"}, "data": [], "links": {
                "self": {"href": f"{base}/api"},
                "node--program": {"href": f"{base}/api/node/program"}}}
            return self.json(request, ("dir", base, path), doc)
        if path.rstrip("/") == "/api/node/program":
            key = ("dir", base, request.query_string)
            try:
                ent = self.entities.get_or(key, lambda: self.json_entity(directory.listing(
                    self.world, base, request.query_string, self.facts_of, self.website_of)))
            except directory.BadRequest as e:
                return web.Response(status=400, body=directory.error_doc(400, "Bad Request",
                                                                         str(e)),
                                    content_type="application/vnd.api+json")
            return self.respond(request, ent)
        if path.startswith("/api/node/program/"):
            uid = path.rsplit("/", 1)[1]
            try:
                doc = directory.single(self.world, base, uid, request.query_string,
                                       self.facts_of, self.website_of)
            except directory.BadRequest as e:
                return web.Response(status=400, body=directory.error_doc(400, "Bad Request",
                                                                         str(e)),
                                    content_type="application/vnd.api+json")
            if doc is not None:
                return self.json(request, ("dir", base, path, request.query_string), doc)
        return web.Response(status=404, body=directory.error_doc(
            404, "Not Found", f"No route found for {path}"),
            content_type="application/vnd.api+json")

    def directory_fault(self, request) -> web.Response | None:
        """flaky/hostile: every fifth listing page fails once with a 503 (hostile: then a 429)."""
        if self.world.faults == "none" or not request.path.startswith("/api/node/program"):
            return None
        q = dict(request.query)
        try:
            offset = int(q.get("page[offset]", 0))
            limit = min(directory.PAGE_CAP, int(q.get("page[limit]", directory.PAGE_CAP)))
        except ValueError:
            return None
        if (offset // max(limit, 1)) % 5 != 3:
            return None
        key = request.path_qs
        n = self.dir_fault_counts[key] = self.dir_fault_counts.get(key, 0) + 1
        if n == 1:
            return web.Response(status=503, text="Service temporarily unavailable")
        if n == 2 and self.world.faults == "hostile":
            return web.Response(status=429, text="Too many requests",
                                headers={"Retry-After": "1"})
        return None

    def website_of(self, p) -> str:
        return website_url(self.world.seed, p)

    def json_entity(self, doc: dict) -> Entity:
        body = json.dumps(doc, separators=(",", ":"), ensure_ascii=False).encode()
        return Entity(body, "application/vnd.api+json", DIRECTORY_DATE)

    def json(self, request, key, doc) -> web.Response:
        return self.respond(request, self.entities.get_or(key, lambda: self.json_entity(doc)))

    # program websites
    async def website(self, request, host: str, p) -> web.StreamResponse | None:
        site = self.site(p)
        faults = site.faults
        path = request.path
        if "site_down" in faults:
            request.transport.close()
            return None
        if host != p.host:  # www. alias -> canonical host
            return web.Response(status=301, headers={
                "Location": f"http://{p.host}{request.path_qs}"})
        if "slow" in faults:
            await asyncio.sleep(F.SLOW_SECONDS[self.world.faults])
        if path != "/robots.txt":
            if "rate_limit_429" in faults:
                now = time.monotonic()
                last = self.last_hit.get(host)
                self.last_hit[host] = now
                if last is not None and now - last < F.RATE_LIMIT_WINDOW:
                    return web.Response(status=429, text="Too Many Requests",
                                        headers={"Retry-After": str(F.RETRY_AFTER)})
            if "5xx_burst" in faults:
                key = (host, path)
                n = self.burst_counts[key] = self.burst_counts.get(key, 0) + 1
                if n <= F.BURST_FAILURES:
                    return web.Response(status=503, text="Service Unavailable",
                                        headers={"Retry-After": "1"})
        if path == "/robots.txt":
            if site.robots is None:
                return self.not_found(site)
            ent = self.entities.get_or((host, path), lambda: Entity(
                site.robots.encode(), "text/plain", site.facts.last_modified))
            return self.respond(request, ent)
        if path == "/sitemap.xml":
            xml = sitemap_xml(site)
            if xml is None:
                return self.not_found(site)
            ent = self.entities.get_or((host, path), lambda: Entity(
                xml.encode(), "application/xml", site.facts.last_modified))
            return self.respond(request, ent)
        if path in site.redirects:
            status, loc = site.redirects[path]
            return web.Response(status=status, headers={"Location": loc})
        fault = next((n for n, fp in site.fault_paths.items() if fp == path), None)
        if fault == "timeout":
            await asyncio.sleep(F.TIMEOUT_SECONDS)
        if fault == "oversize_body":
            return await self.oversize(request, site)
        ent = self.entities.get_or((host, path), lambda: self.page_entity(site, path))
        if ent is None:
            return self.not_found(site)
        if fault == "truncated_body":
            return await self.truncated(request, ent)
        return self.respond(request, ent)

    def content_type(self, site: Site) -> tuple[str, str, bool]:
        """(header value, body encoding, whether the page declares its charset in a meta tag)"""
        enc = site.style.encoding
        if "wrong_charset" in site.faults:
            # the header names a charset the body is not in
            wrong = "iso-8859-1" if enc == "utf-8" else "utf-8"
            return f"{HTML}; charset={wrong}", enc, False
        if "missing_charset" in site.faults:
            return HTML, enc, False
        return f"{HTML}; charset={enc}", enc, True

    def page_entity(self, site: Site, path: str) -> Entity | None:
        ctype, enc, meta = self.content_type(site)
        lm = site.facts.last_modified
        if site.pdf is not None and path == site.pdf.path:
            return Entity(pdf_bytes(site), "application/pdf", lm)
        page = site.pages.get(path)
        if page is not None:
            doc = page_html(site, page, charset_meta=meta)
            if (self.long_paragraph and path == site.style.home
                    and site.program.program_id == self.world.programs[0].program_id):
                doc = doc.replace("</body>", f"<p>{long_paragraph_text(self.long_paragraph)}</p></body>", 1)
        elif site.trap_calendar and path.startswith("/calendar/") and _month(path[10:]):
            doc = calendar_html(site, path[10:])
        elif path == "/intranet/" and any(h == "/intranet/" for h, _ in site.footer_links):
            doc = intranet_html(site)
        else:
            return None
        return Entity(doc.encode(enc, "xmlcharrefreplace"), ctype, lm)

    def not_found(self, site: Site) -> web.Response:
        body = (f"<!DOCTYPE html><html><head><title>Page not found</title></head><body>"
                f"<h1>Page not found</h1><p>The page you requested does not exist. "
                f'<a href="{site.style.home}">Return home</a>.</p></body></html>').encode()
        return web.Response(status=404, body=body, content_type="text/html", charset="utf-8")

    async def truncated(self, request, ent: Entity):
        """Declare the whole length, send half, drop the connection."""
        resp = web.StreamResponse(status=200, headers={
            "Content-Type": ent.content_type, "ETag": ent.etag,
            "Last-Modified": ent.last_modified})
        resp.content_length = len(ent.body)
        await resp.prepare(request)
        await resp.write(ent.body[: len(ent.body) // 2])
        self.log(request, 200, len(ent.body) // 2)
        request.transport.close()
        return resp

    async def oversize(self, request, site: Site):
        """An 11 MB page streamed in chunks (no Content-Length), for max-size limits."""
        resp = web.StreamResponse(status=200, headers={"Content-Type": f"{HTML}; charset=utf-8"})
        await resp.prepare(request)
        head = (f"<!DOCTYPE html><html><head><title>Photo gallery</title></head><body>"
                f"<h1>{site.program.name}: photo gallery</h1>").encode()
        chunk = (b"<div class=\"photo\"><img src=\"data:image/gif;base64,"
                 + b"R0lGODlhAQABAAAAACw=" * 200 + b"\" alt=\"\"></div>\n")
        sent = 0
        try:
            await resp.write(head)
            sent += len(head)
            while sent < F.OVERSIZE_BYTES:
                await resp.write(chunk * 16)
                sent += len(chunk) * 16
            await resp.write(b"</body></html>")
            await resp.write_eof()
        except (ConnectionResetError, ConnectionError):
            pass
        self.log(request, 200, sent)
        return resp


LONG_SENTENCES = (
    "Our residents rotate through community and university hospitals across the region. ",
    "The program values teaching, research and service to the community. ",
    "Conference time is protected every weekday at noon. ",
    "Residents present at grand rounds and at national meetings each year. ",
)


def long_paragraph_text(nbytes: int) -> str:
    """About `nbytes` of plain sentences (ASCII), none of them an eligibility statement."""
    unit = "".join(LONG_SENTENCES)
    return (unit * (nbytes // len(unit) + 1))[:nbytes]


def _month(s: str) -> bool:
    return (len(s) == 7 and s[4] == "-" and s[:4].isdigit() and s[5:].isdigit()
            and 1900 <= int(s[:4]) <= 2100 and 1 <= int(s[5:]) <= 12)


async def _watch_parent(parent_pid: int, stop: asyncio.Event, every_s: float = 0.25) -> None:
    """Set `stop` once `parent_pid` is no longer our parent (it died, however: kill -9 included,
    and we were re-parented). Polling getppid works from any thread of the parent, unlike
    PR_SET_PDEATHSIG, which fires when the forking *thread* ends."""
    while os.getppid() == parent_pid:
        await asyncio.sleep(every_s)
    stop.set()


async def serve(world: World, port: int = 0, access_log: str | None = None,
                ready_file: str | None = None, stop: asyncio.Event | None = None,
                parent_pid: int | None = None, long_paragraph: int = 0) -> None:
    """Serve until `stop` is set (or SIGTERM/SIGINT, or process `parent_pid` stops being our parent)."""
    app = SampleWeb(world, access_log, long_paragraph)
    server = web.Server(app.handle, access_log=None)
    loop = asyncio.get_running_loop()
    stop = stop or asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):  # before anyone can know we are up
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    srv = await loop.create_server(server, "127.0.0.1", port, backlog=1024)
    real_port = srv.sockets[0].getsockname()[1]
    url = f"http://127.0.0.1:{real_port}"
    if ready_file:
        tmp = ready_file + ".tmp"
        Path(tmp).write_text(url + "\n")
        os.replace(tmp, ready_file)
    print(f"serving {url}", flush=True)
    flusher = asyncio.create_task(app.log_flusher())
    watcher = asyncio.create_task(_watch_parent(parent_pid, stop)) if parent_pid else None
    try:
        await stop.wait()
    finally:
        flusher.cancel()
        if watcher is not None:
            watcher.cancel()
        srv.close()
        await server.shutdown(timeout=0.5)
        app.flush_log()


class RunningSampleWeb:
    def __init__(self, url: str, args: list[str]):
        self.url = url
        self.port = int(url.rsplit(":", 1)[1])
        self._args = args
        self._truth: list[dict] | None = None

    def truth(self) -> list[dict]:
        """The truth records, computed by a child process with the server's arguments."""
        if self._truth is None:
            with tempfile.TemporaryDirectory() as d:
                out = os.path.join(d, "truth.jsonl")
                subprocess.run([sys.executable, "-m", "sampleweb", *self._args,
                                "--truth-out", out, "--no-serve"], check=True, env=_env())
                with open(out, encoding="utf-8") as fh:
                    self._truth = [json.loads(line) for line in fh]
        return self._truth


def _env() -> dict:
    # str hashing must not vary between the server and the truth writer
    return {**os.environ, "PYTHONHASHSEED": "0"}


@contextlib.contextmanager
def running_sample_web(programs: int | None = 40, epoch: int = 1, faults: str = "none",
                       access_log: str | None = None, seed: int = 0, port: int = 0,
                       startup_timeout: float = 60.0, long_paragraph: int = 0):
    """Run `python -m sampleweb` in a child process; yield its URL, port and truth."""
    args = ["--epoch", str(epoch), "--faults", faults, "--seed", str(seed)]
    if programs is not None:
        args += ["--programs", str(programs)]
    with tempfile.TemporaryDirectory() as d:
        ready = os.path.join(d, "ready")
        # the web ends with this process, however it ends (issue 13: a kill -9 of `gme refresh`
        # left it serving): it watches our pid, and it leads no group of its own, so a signal to
        # our process group (a scheduler stopping the job, Ctrl-C) reaches it too
        cmd = [sys.executable, "-m", "sampleweb", *args, "--port", str(port),
               "--ready-file", ready, "--parent-pid", str(os.getpid())]
        if access_log:
            cmd += ["--access-log", str(access_log)]
        if long_paragraph:
            cmd += ["--long-paragraph", str(long_paragraph)]
        proc = subprocess.Popen(cmd, env=_env(), stdout=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + startup_timeout
            while not os.path.exists(ready):
                if proc.poll() is not None:
                    raise RuntimeError(f"sample web exited with code {proc.returncode}")
                if time.monotonic() > deadline:
                    raise TimeoutError("sample web did not start in time")
                time.sleep(0.02)
            url = Path(ready).read_text().strip()
            yield RunningSampleWeb(url, args)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
