"""Benchmark: pages per second served by the sample web at full size, next to a minimal
static-file server serving the same pages, in the same run.

    .venv/bin/python benchmarks/bench_sampleweb.py [--pages 3000] [--requests 30000]
        [--seconds 15] [--connections 8]

Both servers run in their own child process; one keep-alive aiohttp client with several
connections drives each in turn with the same request list. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sampleweb.server import running_sample_web  # noqa: E402


def static_server_main(root: str, ready: str) -> None:
    """A minimal static-file server: Host header + path -> file under root, via FileResponse."""
    from aiohttp import web

    base = Path(root)

    async def handle(request):
        host = request.host.split(":")[0]
        f = base / host / (request.path.lstrip("/").replace("/", "__") or "index")
        if not f.is_file():
            return web.Response(status=404)
        return web.FileResponse(f, headers={"Content-Type": "text/html; charset=utf-8"})

    async def run():
        server = web.Server(handle, access_log=None)
        srv = await asyncio.get_running_loop().create_server(server, "127.0.0.1", 0)
        port = srv.sockets[0].getsockname()[1]
        Path(ready).write_text(f"http://127.0.0.1:{port}")
        await asyncio.Event().wait()

    asyncio.run(run())


async def drive(base: str, targets: list[tuple[str, str]], requests: int, seconds: float,
                connections: int) -> tuple[int, float, int]:
    """(pages answered 200, elapsed seconds, bytes) for up to `requests` requests."""
    conn = aiohttp.TCPConnector(limit=connections, force_close=False)
    done = ok = nbytes = 0
    t0 = time.perf_counter()
    deadline = t0 + seconds

    async with aiohttp.ClientSession(connector=conn, auto_decompress=False) as s:
        async def worker(i: int):
            nonlocal done, ok, nbytes
            k = i
            while done < requests and time.perf_counter() < deadline:
                host, path = targets[k % len(targets)]
                k += connections
                done += 1
                async with s.get(base + path, headers={"Host": host},
                                 allow_redirects=False) as r:
                    body = await r.read()
                    if r.status == 200:
                        ok += 1
                        nbytes += len(body)
        await asyncio.gather(*(worker(i) for i in range(connections)))
    return ok, time.perf_counter() - t0, nbytes


def wait_ready(path: str, proc, timeout: float = 30) -> str:
    end = time.monotonic() + timeout
    while not os.path.exists(path) or not Path(path).read_text():
        if proc.poll() is not None or time.monotonic() > end:
            raise RuntimeError("static server did not start")
        time.sleep(0.05)
    return Path(path).read_text().strip()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=3000)
    ap.add_argument("--requests", type=int, default=30000)
    ap.add_argument("--seconds", type=float, default=15.0)
    ap.add_argument("--connections", type=int, default=8)
    ap.add_argument("--static-server", nargs=2, metavar=("ROOT", "READY"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.static_server:
        static_server_main(*args.static_server)
        return

    t = time.perf_counter()
    with running_sample_web(programs=None) as web:
        started = time.perf_counter() - t
        t = time.perf_counter()
        truth = web.truth()
        truth_s = time.perf_counter() - t
        rng = random.Random(7)
        urls = []
        for rec in truth:
            urls.append(rec["home_url"])
            urls.extend(u for us in rec["fact_urls"].values() for u in us
                        if not u.lower().endswith(".pdf"))
        urls = sorted(set(urls))
        rng.shuffle(urls)
        targets = [(u.split("/")[2], "/" + u.split("/", 3)[3]) for u in urls[: args.pages]]

        # first fetch of each page renders it (cold), then it comes from the cache (warm)
        cold_ok, cold_s, _ = asyncio.run(drive(web.url, targets, len(targets), 120,
                                               args.connections))
        ok, secs, nbytes = asyncio.run(drive(web.url, targets, args.requests, args.seconds,
                                             args.connections))

        with tempfile.TemporaryDirectory() as d:
            import http.client
            for host, path in targets:  # the same bytes, on disk, for the static server
                c = http.client.HTTPConnection("127.0.0.1", web.port)
                c.request("GET", path, headers={"Host": host})
                body = c.getresponse().read()
                c.close()
                f = Path(d) / host / (path.lstrip("/").replace("/", "__") or "index")
                f.parent.mkdir(parents=True, exist_ok=True)
                f.write_bytes(body)
            ready = os.path.join(d, "ready")
            proc = subprocess.Popen([sys.executable, __file__, "--static-server", d, ready])
            try:
                base = wait_ready(ready, proc)
                s_ok, s_secs, s_bytes = asyncio.run(drive(base, targets, args.requests,
                                                          args.seconds, args.connections))
            finally:
                proc.terminate()
                proc.wait()

    # the same again with the access log on (one JSON line per request, buffered)
    with tempfile.TemporaryDirectory() as d, running_sample_web(
            programs=None, access_log=os.path.join(d, "access.jsonl")) as logged:
        asyncio.run(drive(logged.url, targets, len(targets), 120, args.connections))
        l_ok, l_secs, _ = asyncio.run(drive(logged.url, targets, args.requests, args.seconds,
                                            args.connections))
        time.sleep(0.5)
        log_lines = sum(1 for _ in open(os.path.join(d, "access.jsonl")))

    print(f"sample web: {len(truth)} programs, {len({r['specialty_code'] for r in truth})} "
          f"specialties; server ready in {started:.2f} s; truth file in {truth_s:.2f} s")
    print(f"pages: {len(targets)} distinct HTML pages, {args.connections} keep-alive connections,"
          f" {os.cpu_count()} CPUs")
    print(f"sample web, first fetch (render + cache): {cold_ok / cold_s:8.0f} pages/s "
          f"({cold_ok} pages in {cold_s:.2f} s)")
    print(f"sample web, cached pages:                 {ok / secs:8.0f} pages/s "
          f"({ok} pages, {nbytes / secs / 1e6:.1f} MB/s)")
    print(f"sample web, cached, with access log:      {l_ok / l_secs:8.0f} pages/s "
          f"({log_lines} log lines)")
    print(f"minimal static-file server, same pages:   {s_ok / s_secs:8.0f} pages/s "
          f"({s_ok} pages, {s_bytes / s_secs / 1e6:.1f} MB/s)")
    print(f"ratio sample web / static: {(ok / secs) / (s_ok / s_secs):.2f}")


if __name__ == "__main__":
    main()
