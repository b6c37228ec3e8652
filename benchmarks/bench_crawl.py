"""Crawl benchmark and acceptance figures against the local sample web.

Prints, for one sample web (default: full size, no faults):
  * directory crawl: programs got vs meta.count;
  * website crawl: pages/s, beside a minimal aiohttp client fetching the same URLs with the
    same concurrency limits in the same run (target: the crawl >= 30% of the client), and beside
    Scrapy alone; ratios as the median (and spread) of --rounds rounds on the warm sample web;
  * truth pages fetched (share of `fact_urls` pages), robots-disallowed paths requested;
  * refresh with nothing changed: share of page requests answered 304, wall time vs first;
  * refresh after --epoch 2: programs flagged changed vs programs the truth changed.

    .venv/bin/python benchmarks/bench_crawl.py                      # full size (~5,100 programs)
    .venv/bin/python benchmarks/bench_crawl.py --programs 300 --faults flaky --no-epoch2
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import aiohttp
import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sampleweb.server import running_sample_web  # noqa: E402
from warehouse.store import CrawlRun, Shard  # noqa: E402  (the run store names the crawl's files)


def crawl(spider: str, web_url: str, out: Path, *args: str) -> tuple[dict, float]:
    run = CrawlRun(out)
    outputs = (["--pages-out", str(run.directory_pages_path), "--programs-out", str(run.directory_programs_path)]
               if spider == "directory" else ["--pages-out", str(run.pages_path)])
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "scrapers", spider, "--sample-web", web_url,
                           *outputs, *args], cwd=REPO, capture_output=True, text=True)
    wall = time.monotonic() - start
    if proc.returncode != 0:
        raise SystemExit(f"{spider} crawl failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1]), wall


async def _fetch_all(urls: list[str], port: int, total: int, per_host: int) -> tuple[int, float]:
    """A minimal asyncio client: same URLs, same concurrency caps, no parsing or storage."""

    class SampleResolver(aiohttp.abc.AbstractResolver):
        async def resolve(self, host, port_=0, family=0):
            return [{"hostname": host, "host": "127.0.0.1", "port": port, "family": 2, "proto": 0, "flags": 4}]

        async def close(self):
            return None

    connector = aiohttp.TCPConnector(limit=total, limit_per_host=per_host, resolver=SampleResolver(),
                                     use_dns_cache=False)
    done = 0
    # no Accept-Encoding, like the crawl in sample mode: both get the same identity bodies
    async with aiohttp.ClientSession(connector=connector, skip_auto_headers=("Accept-Encoding",)) as session:
        queue: asyncio.Queue = asyncio.Queue()
        for url in urls:
            queue.put_nowait(url)

        async def worker():
            nonlocal done
            while not queue.empty():
                url = queue.get_nowait()
                try:
                    async with session.get(url) as response:
                        await response.read()
                        done += 1
                except aiohttp.ClientError:
                    pass

        start = time.monotonic()
        await asyncio.gather(*(worker() for _ in range(total)))
        return done, time.monotonic() - start


def sharded_crawl(web_url: str, out: Path, programs: Path, shards: int) -> tuple[int, float]:
    """The website crawl as the pipeline runs it: `shards` processes in parallel, each over
    its own programs (so each host is in one process). Returns (pages, wall seconds)."""
    table = pq.read_table(programs)
    ids = table["program_id"].to_pylist()
    procs = []
    start = time.monotonic()
    for i in range(shards):
        shard = Shard(out / f"shard_{i}")
        shard.folder.mkdir(parents=True, exist_ok=True)
        keep = [j for j, pid in enumerate(ids) if int(pid[-4:], 36) % shards == i]
        pq.write_table(table.take(keep), shard.programs_path)
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "scrapers", "website", "--sample-web", web_url, "--pages-out", str(shard.pages_path),
             "--programs", str(shard.programs_path)], cwd=REPO, stdout=subprocess.PIPE, text=True))
    pages = 0
    for proc in procs:
        out_text, _ = proc.communicate()
        pages += json.loads(out_text.strip().splitlines()[-1])["pages"]
    return pages, time.monotonic() - start


def scrapy_floor(web_url: str, urls: Path) -> dict:
    """Scrapy alone on a URL list (benchmarks/scrapy_floor.py, in its own process)."""
    return json.loads(subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "scrapy_floor.py"), "--sample-web", web_url, "--urls", str(urls)],
        cwd=REPO, capture_output=True, text=True, check=True,
    ).stdout.strip().splitlines()[-1])


def cpu_ms(metrics: dict) -> str:
    """CPU milliseconds of the crawl process per page (its `cpu_s` over the timed window)."""
    return f"{1000 * metrics['cpu_s'] / metrics['pages']:.3f}" if metrics.get("cpu_s") and metrics["pages"] else "n/a"


def access_log(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()] if path.exists() else []


def truth_coverage(truth: list[dict], pages: Path, listed: set[str] | None = None) -> tuple[int, int]:
    """(truth pages fetched, truth pages), over the programs in `listed` when given."""
    rows = pq.read_table(pages, columns=["requested_url", "final_url", "status"]).to_pylist()
    got = {r[k] for r in rows if r["status"] in (200, 304) for k in ("requested_url", "final_url")}
    need = {u for t in truth if listed is None or t["program_id"] in listed
            for urls in t["fact_urls"].values() for u in urls}
    return len(need & got), len(need)


def robots_violations(truth: list[dict], log: list[dict]) -> int:
    rules = {t["host"]: t.get("robots_disallow") or [] for t in truth}
    bad = 0
    for entry in log:
        host = entry["host"].split(":")[0].lower().removeprefix("www.")
        disallow = rules.get(host) or rules.get("www." + host) or []
        if any(entry["path"].startswith(d) for d in disallow):
            bad += 1
    return bad


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--programs", type=int, default=None, help="sample web size (default: full)")
    ap.add_argument("--faults", default="none", choices=("none", "flaky", "hostile"))
    ap.add_argument("--out", type=Path, default=None, help="keep outputs here (default: a temp dir)")
    ap.add_argument("--no-refresh", action="store_true")
    ap.add_argument("--no-epoch2", action="store_true")
    ap.add_argument("--shards", type=int, default=2, help="also time the crawl split into N processes (1 = skip)")
    ap.add_argument("--rounds", type=int, default=3,
                    help="warm rounds of crawl, client and Scrapy alone for the throughput ratios (median, spread)")
    args = ap.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="bench_crawl_"))
    out.mkdir(parents=True, exist_ok=True)
    print(f"outputs in {out}")
    run1 = CrawlRun(out / "run1")

    log1 = out / "access1.log"
    log1.unlink(missing_ok=True)
    with running_sample_web(programs=args.programs, faults=args.faults, access_log=str(log1)) as web:
        truth = web.truth()
        directory, _ = crawl("directory", web.url, out / "run1")
        print(f"directory: {directory['programs']} programs, meta.count {directory['expected']}, "
              f"{directory['duration_s']} s")
        first, first_wall = crawl("website", web.url, out / "run1", "--programs",
                                  str(run1.directory_programs_path), "--run-id", "run1")
        crawl_rate = first["pages"] / first["duration_s"]
        print(f"website crawl: {first['pages']} pages in {first['duration_s']} s "
              f"({crawl_rate:.0f} pages/s; {first_wall:.1f} s wall with process start; "
              f"{cpu_ms(first)} ms of the crawl process's CPU per page), errors {first['errors_by_kind']}")

        rows = pq.read_table(run1.pages_path, columns=["requested_url", "status"]).to_pylist()
        urls = [r["requested_url"] for r in rows if r["status"] not in (0,)]
        (out / "urls.txt").write_text("\n".join(urls) + "\n")
        # The first crawl met a cold sample web (every page rendered on first request, in a
        # process sharing the 2 cores); the client and Scrapy alone come after it, on a warm one.
        # So the ratios are taken in rounds on the warm web, each round timing our crawl again,
        # the client and Scrapy alone back to back (in a rotating order), and reported as the
        # median with the spread: this machine is shared and its speed drifts between runs.
        rounds = []
        for i in range(args.rounds):
            figures: dict[str, float] = {}
            for what in ("crawl", "client", "floor")[i % 3:] + ("crawl", "client", "floor")[:i % 3]:
                if what == "crawl":
                    again, _ = crawl("website", web.url, out / f"round{i}", "--programs",
                                     str(run1.directory_programs_path), "--run-id", f"round{i}")
                    figures["crawl"] = again["pages"] / again["duration_s"]
                    figures["crawl_cpu_ms"] = again.get("cpu_s", float("nan")) * 1000 / again["pages"]
                elif what == "client":
                    done, seconds = asyncio.run(_fetch_all(urls, web.port, 64, 4))
                    figures["client"] = done / seconds
                else:
                    figures["floor"] = scrapy_floor(web.url, out / "urls.txt")["per_s"]
            rounds.append(figures)
            print(f"round {i + 1}: crawl {figures['crawl']:.0f} pages/s, aiohttp client {figures['client']:.0f}, "
                  f"Scrapy alone {figures['floor']:.0f}: crawl = {100 * figures['crawl'] / figures['client']:.1f}% "
                  f"of the client, {100 * figures['crawl'] / figures['floor']:.1f}% of Scrapy alone; "
                  f"crawl CPU {figures['crawl_cpu_ms']:.3f} ms per page (load average {os.getloadavg()[0]:.1f})")
        client_rate = statistics.median(r["client"] for r in rounds)
        print(f"aiohttp client, same {len(urls)} URLs, 64 total / 4 per host, median of {len(rounds)}: "
              f"{client_rate:.0f} pages/s; first crawl (cold web) = {100 * crawl_rate / client_rate:.0f}% of it")
        ratio = [100 * r["crawl"] / r["client"] for r in rounds]
        floor_share = [100 * r["floor"] / r["client"] for r in rounds]
        of_floor = [100 * r["crawl"] / r["floor"] for r in rounds]
        print(f"crawl throughput = {statistics.median(ratio):.0f}% of the minimal client, median of {len(rounds)} "
              f"warm rounds (spread {min(ratio):.0f}-{max(ratio):.0f}%; target >= 30%); crawl CPU per page, "
              f"median {statistics.median(r['crawl_cpu_ms'] for r in rounds):.3f} ms (steadier under load than the ratio)")
        print(f"Scrapy alone (fetch only: no robots, parsing or storage; same URLs and limits): median "
              f"{statistics.median(floor_share):.0f}% of the client (spread {min(floor_share):.0f}-{max(floor_share):.0f}%); "
              f"our crawl = {statistics.median(of_floor):.0f}% of it ({min(of_floor):.0f}-{max(of_floor):.0f}%)")
        floor = {"per_s": statistics.median(r["floor"] for r in rounds)}
        if args.shards > 1:
            pages, wall = sharded_crawl(web.url, out / "sharded", run1.directory_programs_path,
                                        args.shards)
            print(f"website crawl in {args.shards} parallel shard processes (as the pipeline runs it): "
                  f"{pages} pages in {wall:.1f} s wall incl. process start ({pages / wall:.0f} pages/s, "
                  f"{100 * pages / wall / client_rate:.0f}% of the client)")

        got, need = truth_coverage(truth, run1.pages_path)
        programs = pq.read_table(run1.directory_programs_path, columns=["program_id", "website"])
        listed = {r["program_id"] for r in programs.to_pylist() if r["website"]}
        got_l, need_l = truth_coverage(truth, run1.pages_path, listed)
        # The acceptance counts the pages a crawl can reach: those of programs whose directory
        # entry gives a website. The sample web also serves sites the directory does not link
        # (as FREIDA lists no address for some programs); no crawl starting from the directory
        # finds them, so they are shown apart, for context.
        print(f"truth pages fetched, programs whose directory entry gives a website ({len(listed)}): "
              f"{got_l}/{need_l} = {100 * got_l / max(need_l, 1):.2f}% (target >= 99% none, >= 97% flaky)")
        log = access_log(log1)
        crawl_log = [e for e in log if e.get("user_agent", "").startswith("gme-atlas")]
        print(f"truth pages fetched, all programs (sites the directory does not link included): "
              f"{got}/{need} = {100 * got / max(need, 1):.2f}%")
        print(f"robots-disallowed requests by the crawler: {robots_violations(truth, crawl_log)}")
        site_hosts = {t["host"] for t in truth} | {"www." + t["host"] for t in truth}
        in_flight = [e.get("host_in_flight") or 0 for e in crawl_log if e["host"].split(":")[0] in site_hosts]
        print(f"most requests one program host had in the server's handler at once: {max(in_flight, default=0)} "
              f"(configured per host: 4)")
        failed = [r for r in pq.read_table(run1.pages_path, columns=["status", "error"]).to_pylist()
                  if r["status"] not in (200, 304)]
        print(f"non-200 rows: {len(failed)}, of which without a recorded reason: "
              f"{sum(1 for r in failed if not r['error'] and not 300 <= r['status'] < 400)}")

        if not args.no_refresh:
            mark = len(access_log(log1))
            second, second_wall = crawl("website", web.url, out / "run2", "--programs",
                                        str(run1.directory_programs_path),
                                        "--previous", str(run1.pages_path), "--run-id", "run2")
            time.sleep(0.5)  # the sample web flushes its access log every 0.2 s
            log2 = [e for e in access_log(log1)[mark:] if e.get("user_agent", "").startswith("gme-atlas")]
            statuses = Counter(e["status"] for e in log2)
            skipped = second.get("skipped", 0)
            share = 100 * (statuses[304] + skipped) / max(len(log2) + skipped, 1)
            print(f"refresh CPU: {cpu_ms(second)} ms per response of the crawl process")
            print(f"refresh, nothing changed: {len(log2)} requests ({statuses[304]} answered 304, "
                  f"{sum(1 for e in log2 if e['path'].endswith('.xml'))} of them sitemaps), {skipped} pages "
                  f"not requested (sitemap unchanged): {share:.1f}% answered 304 or skipped (target >= 90%); "
                  f"{second['duration_s']} s vs {first['duration_s']} s crawl "
                  f"({100 * second['duration_s'] / first['duration_s']:.0f}%), wall {second_wall:.1f} s vs "
                  f"{first_wall:.1f} s ({100 * second_wall / first_wall:.0f}%; target <= 25%)")
            print(f"  the same {len(log2)} requests through Scrapy alone would take about "
                  f"{len(log2) / floor['per_s']:.1f} s = {100 * len(log2) / floor['per_s'] / first['duration_s']:.0f}% "
                  f"of the first crawl")

    if not args.no_epoch2:
        with running_sample_web(programs=args.programs, faults=args.faults, epoch=2) as web2:
            truth2 = {t["program_id"]: t for t in web2.truth()}
            third, _ = crawl("website", web2.url, out / "run3", "--programs",
                             str(run1.directory_programs_path),
                             "--previous", str(run1.pages_path), "--run-id", "run3")
        truth1 = {t["program_id"]: t for t in truth}
        listed = {r["program_id"] for r in pq.read_table(run1.directory_programs_path,
                                                         columns=["program_id", "website"]).to_pylist() if r["website"]}
        really = {pid for pid, t in truth2.items()
                  if pid in truth1 and pid in listed and t["version"] != truth1[pid]["version"]}
        unlisted = sum(1 for pid, t in truth2.items() if pid in truth1 and pid not in listed
                       and t["version"] != truth1[pid]["version"])
        print(f"epoch 2: {unlisted} changed programs have no website in the directory (not crawlable)")
        rows = pq.read_table(CrawlRun(out / "run3").pages_path, columns=["program_id", "changed", "kind"]).to_pylist()
        flagged = {r["program_id"] for r in rows if r["changed"] and r["kind"] in ("page", "pdf")}
        print(f"epoch 2: truth changed {len(really)} programs; crawl flagged {len(flagged)}; "
              f"both {len(really & flagged)}, missed {len(really - flagged)}, extra {len(flagged - really)}; "
              f"{third['not_modified']} pages 304, {third.get('skipped', 0)} skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
