"""Benchmark the eligibility extractor: speed on ~20 KB HTML pages, and accuracy on sampleweb.

    .venv/bin/python benchmarks/bench_extract.py [--pages 2000] [--programs 60] [--no-sampleweb]

0. Budget (issue 13): a 1 MB single-paragraph page (plain text and HTML): seconds and peak
   memory above the process's before it, and the oversize reason it is recorded with.
1. Speed: pages per second on one core for tag-dense ~20 KB HTML pages (our dev pages wrapped
   in navigation, sidebars and footers like a hospital CMS), and for ~20 KB plain-text pages
   (the real-phrasing dev pages' text with more paragraphs), extract_page end to end.
2. Accuracy: starts the sample web (`sampleweb.server.running_sample_web`), fetches each
   program's fact pages, home page and PDF over loopback HTTP with the program's Host header,
   merges them per program and prints per-field precision/recall against the truth file.

`--dump FILE` instead writes every fact (field, value, strictness, condition, evidence, stale) and
the snippets of every page: the real-phrasing dev/holdout/holdout2a/holdout2b pages, the devset
pages, 120 + 120 of the synthetic pages above and the sample web's pages (each read with its
content type and sniffed), one JSON line each; two versions of the extractor that must agree
(a speed change) give byte-identical files.

`--steady {html,text} N`: builds 101 synthetic pages, reads them all once (patterns compiled,
caches warm), then reads the first N again and stops: under `valgrind --tool=callgrind`
(PYTHONHASHSEED=0), (instructions at N=101 - instructions at N=0) / 101 is the steady-state
instruction count of one page, which load does not change.
"""

from __future__ import annotations

import argparse
import http.client
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eligibility import extract_page, merge_program  # noqa: E402
from eligibility.scoring import Tally  # noqa: E402

DEV_PAGES = ROOT / "tests" / "eligibility" / "devset"
REAL_DEV = ROOT / "tests" / "eligibility" / "realphrasing" / "dev" / "pages"


def _chrome(i: int) -> tuple[str, str]:
    links = "".join(f'<li class="menu-item menu-item-{k}"><a class="nav-link" href="/section-{k}/'
                    f'page-{i % 7}">Section {k} of the hospital site</a></li>' for k in range(60))
    side = "".join(f'<div class="card"><div class="card-body"><span class="label">Quick link {k}'
                   f'</span><a href="/q/{k}">Open</a></div></div>' for k in range(25))
    head = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Residency page {i}</title>'
            '<link rel="stylesheet" href="/site.css"><script>var analytics = {id: 1};</script>'
            f'</head><body><header><nav><ul class="menu">{links}</ul></nav></header>'
            '<div class="container"><div class="row"><main class="col-8">')
    foot = (f'</main><aside class="col-4">{side}</aside></div></div><footer><p>Graduate '
            'Medical Education office. Equal opportunity employer.</p></footer></body></html>')
    return head, foot


def synthetic_pages(n: int, size: int = 20_000) -> list[bytes]:
    bodies = [p.read_text() for p in sorted((DEV_PAGES / "pages").glob("*.html"))]
    bodies += [p.read_text() for p in sorted((DEV_PAGES / "holdout").glob("*.html"))]
    filler = ("<p>Our residents rotate through inpatient wards, clinics and the intensive care "
              "unit, with protected didactic time every week and mentoring from faculty.</p>")
    pages = []
    for i in range(n):
        head, foot = _chrome(i)
        body = bodies[i % len(bodies)]
        page = head + body + foot
        while len(page) < size:
            page = page.replace("</main>", filler + "</main>", 1)
        pages.append(page.encode())
    return pages


def synthetic_text_pages(n: int, size: int = 20_000) -> list[bytes]:
    bodies = [p.read_text() for p in sorted(REAL_DEV.glob("*.txt"))]
    filler = ("Our residents rotate through inpatient wards, clinics and the intensive care "
              "unit, with protected didactic time every week and mentoring from faculty.\n\n")
    pages = []
    for i in range(n):
        page = bodies[i % len(bodies)]
        while len(page) < size:
            page = filler + page + filler
        pages.append(page.encode())
    return pages


def _rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def bench_big_page() -> None:
    import resource

    sentence = "International graduates must hold ECFMG certification and we sponsor J-1 visas. "
    text = (sentence * (1_000_000 // len(sentence) + 1))[:1_000_000]
    for ctype, body in (("text/plain", text),
                        ("text/html", f"<html><body><p>{text}</p></body></html>")):
        data = body.encode()
        before = _rss_mb()
        start = time.perf_counter()
        result = extract_page(data, ctype)
        elapsed = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"budget: 1 MB single paragraph ({ctype}): {elapsed:.2f} s, peak RSS "
              f"{max(0.0, peak - before):.0f} MB above the {before:.0f} MB before; "
              f"oversize: {result.oversize}")


def _speed(label: str, pages: list[bytes], ctype: str) -> None:
    extract_page(pages[0], ctype)            # warm the regex caches
    start, cpu_start = time.perf_counter(), time.process_time()
    for page in pages:
        extract_page(page, ctype)
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    n = len(pages)
    avg_kb = sum(map(len, pages)) / n / 1024
    # CPU time is the one-core figure even when other work shares the machine; the load
    # average says how much did (wall clock, and CPU time less so, drop under load).
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"speed ({label}): {n} pages of {avg_kb:.1f} KB, one process pinned to one core: "
          f"{n / cpu:,.0f} pages/s of CPU time ({n / elapsed:,.0f} pages/s wall clock, "
          f"load average {load:.2f})")


def bench_speed(n: int) -> None:
    _speed("HTML", synthetic_pages(n), "text/html")
    _speed("plain text", synthetic_text_pages(n), "text/plain")


def _fetch(port: int, url: str) -> tuple[bytes, str | None] | None:
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path or "/", headers={"Host": parts.netloc,
                                                  "User-Agent": "gme-atlas-bench"})
        resp = conn.getresponse()
        body = resp.read()
        if resp.status != 200:
            return None
        return body, resp.getheader("Content-Type")
    finally:
        conn.close()


def sample_web_tally(programs: int) -> tuple[Tally, int]:
    """Start a sample web of `programs`, read each program's fact pages, home page and PDF (with its
    Host header) with `extract_page`, merge per program and score against the truth file.
    Returns the tally and the number of pages read (tests/eligibility/test_sampleweb_truth.py uses it too)."""
    from sampleweb.server import running_sample_web

    tally, pages_read = Tally(), 0
    with running_sample_web(programs=programs) as web:
        for rec in web.truth():
            urls = {u for us in rec["fact_urls"].values() for u in us}
            urls |= {u for u in (rec.get("home_url"), rec.get("pdf_url")) if u}
            results = []
            for url in sorted(urls):
                got = _fetch(web.port, url)
                if got is None:
                    continue
                body, ctype = got
                results.append((url, None, extract_page(body, ctype, url=url)))
                pages_read += 1
            tally.add(rec["program_id"], merge_program(results).values, rec["website"])
    return tally, pages_read


def bench_sampleweb(programs: int) -> None:
    start = time.perf_counter()
    tally, pages_read = sample_web_tally(programs)
    elapsed = time.perf_counter() - start
    print(f"\nsampleweb: {programs} programs, {pages_read} pages fetched and read in "
          f"{elapsed:.1f} s")
    print(tally.table())
    shown = 0
    for name, field, got, want in tally.errors:
        if shown < 25:
            print(f"  {name} {field}: got {got!r} want {want!r}")
            shown += 1


DUMP_SETS = ("dev", "holdout", "holdout2a", "holdout2b")     # (sets that are being written are not read)


def dump_records(path: Path, programs: int) -> int:
    """Write `--dump`'s records to `path`; returns the number of pages."""
    import json
    from datetime import date

    from eligibility.extract import page_snippets

    items: list[tuple[str, bytes, str]] = []
    for name in DUMP_SETS:
        for page in sorted((ROOT / "tests/eligibility/realphrasing" / name / "pages").glob("*")):
            items.append((str(page.relative_to(ROOT)), page.read_bytes(),
                          "text/html" if page.suffix == ".html" else "text/plain"))
    for page in sorted(DEV_PAGES.rglob("*")):
        if page.suffix in (".html", ".txt"):
            items.append((str(page.relative_to(ROOT)), page.read_bytes(),
                          "text/html" if page.suffix == ".html" else "text/plain"))
    items += [(f"synthetic-html-{i}", b, "text/html") for i, b in enumerate(synthetic_pages(120))]
    items += [(f"synthetic-text-{i}", b, "text/plain") for i, b in enumerate(synthetic_text_pages(120))]
    from sampleweb.server import running_sample_web
    with running_sample_web(programs=programs) as web:
        for rec in web.truth():
            urls = {u for us in rec["fact_urls"].values() for u in us}
            urls |= {u for u in (rec.get("home_url"), rec.get("pdf_url")) if u}
            for url in sorted(urls):
                got = _fetch(web.port, url)
                if got is not None:
                    items.append((url, got[0], got[1] or ""))
    with open(path, "w", encoding="utf-8") as fh:
        for name, data, ctype in items:
            for ct in (ctype, None):
                r = extract_page(data, ct, url="u", today=date(2026, 12, 3), time_budget=1e9)
                facts = [[f.field, f.value, f.strictness, f.condition, f.evidence, f.stale] for f in r.facts]
                fh.write(json.dumps({"src": name, "ctype": ct, "values": r.values, "stale": r.page_stale,
                                     "oversize": r.oversize, "facts": facts}, ensure_ascii=False) + "\n")
                fh.write(json.dumps([[s.text, s.context, s.scope, s.block, s.index, s.is_label]
                                     for s in page_snippets(data, ct)], ensure_ascii=False) + "\n")
    return len(items)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--programs", type=int, default=60)
    ap.add_argument("--no-sampleweb", action="store_true")
    ap.add_argument("--steady", nargs=2, metavar=("KIND", "N"), help="html|text and 0..101 (see above)")
    ap.add_argument("--dump", type=Path, metavar="FILE", help="write every page's facts and snippets, then stop")
    args = ap.parse_args()
    if args.steady:
        kind, n = args.steady[0], int(args.steady[1])
        pages = synthetic_pages(101) if kind == "html" else synthetic_text_pages(101)
        ctype = "text/html" if kind == "html" else "text/plain"
        for page in pages + pages[:n]:
            extract_page(page, ctype)
        return
    if args.dump:
        n = dump_records(args.dump, 300)
        print(f"dump: {n} pages (each with its content type and sniffed) -> {args.dump}")
        return
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})   # one core
    bench_big_page()
    bench_speed(args.pages)
    if not args.no_sampleweb:
        bench_sampleweb(args.programs)


if __name__ == "__main__":
    main()
