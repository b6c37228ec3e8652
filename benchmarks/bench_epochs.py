"""Epoch 1 -> epoch 2 of the sample web, two full refreshes: is `gme changes --last` exact?

    .venv/bin/python benchmarks/bench_epochs.py [--programs N] [--keep DIR] [--out FILE] [--strict]

Default: the sample web's full size (about 5,100 programs; two full refreshes, several minutes
each on 2 cores). In a temporary GME_DATA_DIR, warehouse and Dagster home (or DIR with --keep),
it starts the sample web at epoch 1, runs `gme refresh --sample-web URL`, stops it, does the same
at epoch 2, then runs `gme changes --last --format jsonl` and compares with the two truth files:

- programs truth-changed: programs whose *effective published* facts the truth changes (the
  website's rule group when the website states any of it, else the directory's; a program the
  directory lists no website for has only directory facts: no crawler can find its site);
- listed / missed / extra programs, and programs listed with the wrong fields or values;
- history.page_changes against the pages the sample web itself serves differently at the two
  epochs (the served bodies' sha256, computed here from sampleweb), among the pages crawled.

Every miss and extra is given a cause: the fact page was not crawled, or the page was crawled
and the extractor published a value other than the truth's at epoch 1 or 2 (with the value and
its evidence), or the history lost a change it published. `tests/analyst/test_epochs.py` uses
the same comparison at 300 programs and asserts it is exact.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

# fields published as one rule group: the website's group wins when it states any of it
GROUPS = [("min_step2ck", "min_step1", "min_comlex2", "score_minimum_policy"), ("j1_visa", "h1b_visa"),
          ("yog_max_years",)]


def text(value) -> str | None:
    """A truth value as core.program_facts writes it."""
    return None if value is None else str(value).lower() if isinstance(value, bool) else str(value)


def effective(t: dict) -> dict[str, str | None]:
    """What the pipeline should publish per the truth (README "How facts are chosen"): the
    website's rule group when it states any of it, else the directory's. A program the directory
    lists no website for has no website facts to publish (its site is served, but unlisted)."""
    d = dict(t["directory"])
    w = t["website"] if d.get("website") else {}
    if any(d.get(f) is not None for f in GROUPS[0][:3]):
        d["score_minimum_policy"] = "stated"
    out = {}
    for f in t["website"]:
        group = next((g for g in GROUPS if f in g), (f,))
        source = w if any(w.get(g) is not None for g in group) else d
        out[f] = text(source.get(f))
    return out


def truth_changes(truth1: dict, truth2: dict) -> dict[str, dict[str, tuple]]:
    """program -> {field: (old, new)} for every published value the truth changes."""
    out = {}
    for pid, t1 in truth1.items():
        if pid not in truth2:
            continue
        before, after = effective(t1), effective(truth2[pid])
        fields = {f: (before[f], after[f]) for f in before if before[f] != after[f]}
        if fields:
            out[pid] = fields
    return out


def unlisted_site_changes(truth1: dict, truth2: dict) -> set[str]:
    """Programs whose website truth changes on a site the directory does not list."""
    return {pid for pid, t1 in truth1.items() if pid in truth2 and not t1["directory"].get("website")
            and t1["website"] != truth2[pid]["website"]}


def served_hash(web, pid: str, url: str) -> str | None:
    """sha256 of the body the sample web serves at `url` (None: not a page there)."""
    site = web.site(web.world.by_id[pid])
    ent = web.page_entity(site, urlsplit(url).path or "/")
    return hashlib.sha256(ent.body).hexdigest() if ent is not None else None


def served_page_changes(programs: int | None, pids: set[str], urls: dict[str, set[str]]) -> set[tuple[str, str]]:
    """(program, final URL) among `urls` whose served body differs between epoch 1 and 2."""
    from sampleweb.server import SampleWeb
    from sampleweb.world import build_world

    webs = [SampleWeb(build_world(programs, epoch)) for epoch in (1, 2)]
    return {(pid, url) for pid in pids for url in urls.get(pid, ())
            if served_hash(webs[0], pid, url) != served_hash(webs[1], pid, url)}


@dataclass
class Snapshot:
    """What one published warehouse says: crawled pages and selected facts."""
    pages: dict[tuple[str, str], str | None]            # (program, url) -> content hash
    final_urls: dict[tuple[str, str], str]              # (program, url) -> final url
    published: dict[tuple[str, str], str | None]        # (program, field) -> selected value
    evidence: dict[tuple[str, str], tuple[str | None, str | None]]   # -> (url, quote)


def snapshot(query) -> Snapshot:
    pages, finals = {}, {}
    for pid, url, final, h in query("SELECT program_id, url, final_url, content_hash FROM staging.pages"):
        pages[(pid, url)] = h
        finals[(pid, url)] = final or url
    published, evidence = {}, {}
    for pid, f, v, url, quote in query("SELECT program_id, field, value, url, evidence FROM core.program_facts "
                                       "WHERE selected"):
        published[(pid, f)] = v
        evidence[(pid, f)] = (url, quote)
    return Snapshot(pages, finals, published, evidence)


@dataclass
class Comparison:
    truth: dict[str, dict[str, tuple]]
    listed: dict[str, dict[str, tuple]]
    unlisted_sites: set[str]
    wrong_fields: dict[str, tuple[dict, dict]] = field(default_factory=dict)   # pid -> (truth, listed)
    causes: list[str] = field(default_factory=list)
    page_rows: set = field(default_factory=set)
    page_expected: set = field(default_factory=set)
    page_served: set | None = None
    page_kinds_wrong: list = field(default_factory=list)

    @property
    def missed(self) -> set[str]:
        return set(self.truth) - set(self.listed)

    @property
    def extra(self) -> set[str]:
        return set(self.listed) - set(self.truth)

    @property
    def exact(self) -> bool:
        return not (self.missed or self.extra or self.wrong_fields)

    @property
    def pages_exact(self) -> bool:
        served_ok = self.page_served is None or self.page_rows == self.page_served
        return self.page_rows == self.page_expected and served_ok and not self.page_kinds_wrong

    def summary(self) -> list[str]:
        served = ("" if self.page_served is None else
                  f", {'=' if self.page_rows == self.page_served else '!='} the {len(self.page_served)} "
                  f"pages the sample web serves changed")
        return [
            f"programs truth-changed: {len(self.truth)}  (fields: {sum(len(f) for f in self.truth.values())}; "
            f"besides, {len(self.unlisted_sites)} unlisted sites changed, which no crawler can see)",
            f"listed by gme changes:  {len(self.listed)}",
            f"missed: {len(self.missed)}  extra: {len(self.extra)}  fields wrong: {len(self.wrong_fields)}",
            f"page_changes: {'exact' if self.pages_exact else 'NOT exact'} ({len(self.page_rows)} rows; "
            f"{len(self.page_expected)} crawled pages whose hash changed{served}; "
            f"{len(self.page_kinds_wrong)} with a wrong change kind)",
        ]


def compare(truth1: dict, truth2: dict, s1: Snapshot, s2: Snapshot, report: list[dict],
            page_rows: list[tuple], served: set | None = None) -> Comparison:
    """Compare `gme changes --last --format jsonl` and history.page_changes with the truth.

    page_rows: (program_id, url, change, hash_before, hash_after, cause) of the last run."""
    truth = truth_changes(truth1, truth2)
    listed = {e["program_id"]: {f["field"]: (f["old"], f["new"]) for f in e["facts"]}
              for e in report if e["facts"]}
    c = Comparison(truth, listed, unlisted_site_changes(truth1, truth2))
    for pid in set(truth) & set(listed):
        if truth[pid] != listed[pid]:
            c.wrong_fields[pid] = (truth[pid], listed[pid])
    for pid in sorted(set(truth) | set(listed)):
        t, got = truth.get(pid, {}), listed.get(pid, {})
        for f in sorted(set(t) | set(got)):
            if t.get(f) == got.get(f):
                continue
            c.causes.append(f"{pid} {f}: truth {t.get(f, 'unchanged')}, listed {got.get(f, 'nothing')}: "
                            + cause(pid, f, truth1, truth2, s1, s2))
    c.page_rows = {(pid, url) for pid, url, *_ in page_rows}
    p1, p2 = s1.pages, s2.pages
    c.page_expected = {k for k, h in p2.items() if p1.get(k) != h} | {k for k in p1 if k not in p2}
    for pid, url, change, before, after, why in page_rows:
        if (pid, url) in p1 and (pid, url) in p2:
            ok = (change, before, after, why) == ("changed", p1[(pid, url)], p2[(pid, url)], None)
        elif (pid, url) in p2:
            ok = (change, before, after) == ("new", None, p2[(pid, url)])
        else:
            ok = (change, before, after) == ("gone", p1.get((pid, url)), None) and why == "removed"
        if not ok:
            c.page_kinds_wrong.append((pid, url, change, why))
    if served is not None:
        c.page_served = served
    return c


def cause(pid: str, f: str, truth1: dict, truth2: dict, s1: Snapshot, s2: Snapshot) -> str:
    """Why a field's change is missed, extra or wrong: which epoch published what, from where."""
    parts = []
    for epoch, t, s in ((1, truth1[pid], s1), (2, truth2[pid], s2)):
        want, got = effective(t)[f], s.published.get((pid, f))
        if want == got:
            continue
        crawled = {u for (p, u) in s.pages if p == pid} | {v for (p, _), v in s.final_urls.items() if p == pid}
        fact_urls = t["fact_urls"].get(f, [])
        url, quote = s.evidence.get((pid, f), (None, None))
        if want is not None and fact_urls and not crawled & set(fact_urls):
            parts.append(f"epoch {epoch} fact page not crawled ({', '.join(fact_urls)})")
        else:
            parts.append(f"epoch {epoch} published {got!r} for {want!r}"
                         + (f" from {url}: {quote!r}" if quote else ""))
    return "; ".join(parts) or "published right at both epochs: the history lost it"


# ------------------------------------------------------------------ the run


def _gme(env: dict, *args: str) -> str:
    proc = subprocess.run([sys.executable, "-m", "pipelines.cli", *args], env=env, cwd=str(REPO),
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"bench_epochs: `gme {' '.join(args)}` failed: "
                         + ((proc.stderr or proc.stdout).strip().splitlines() or ["no message"])[-1])
    return proc.stdout


def _query(env: dict):
    def query(sql: str, params: list | None = None) -> list[tuple]:
        from warehouse.publish import connect_readonly

        con = connect_readonly(env["GME_WAREHOUSE"])
        try:
            return con.sql(sql, params=params).fetchall()
        finally:
            con.close()
    return query


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--programs", type=int, default=None, help="first N programs (default: all, ~5,100)")
    ap.add_argument("--keep", type=Path, default=None, help="data, warehouse and Dagster home here (kept)")
    ap.add_argument("--out", type=Path, default=None, help="write the comparison's details as JSON here")
    ap.add_argument("--strict", action="store_true", help="exit 1 unless changes and page_changes are exact")
    args = ap.parse_args()
    from sampleweb.server import running_sample_web
    from sampleweb.world import version_of

    root = args.keep or Path(tempfile.mkdtemp(prefix="gme-bench-epochs-"))
    if args.keep and any(root.iterdir() if root.exists() else ()):
        print(f"bench_epochs: {root} is not empty", file=sys.stderr)
        return 2
    home = root / "dagster_home"
    home.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(REPO / "dagster.yaml", home / "dagster.yaml")
    env = dict(os.environ, GME_DATA_DIR=str(root / "data"), GME_WAREHOUSE=str(root / "data" / "warehouse.duckdb"),
               DAGSTER_HOME=str(home), DAGSTER_DISABLE_TELEMETRY="true", PYTHONPATH=str(REPO))
    query = _query(env)
    size = args.programs or "all"
    try:
        snaps, truths = [], []
        for epoch in (1, 2):
            with running_sample_web(programs=args.programs, epoch=epoch) as web:
                started = time.perf_counter()
                _gme(env, "refresh", "--sample-web", web.url)
                took = time.perf_counter() - started
                truths.append({t["program_id"]: t for t in web.truth()})
            snaps.append(snapshot(query))
            print(f"epoch {epoch}: refresh of {len(truths[-1])} programs ({size}) {took:.0f} s "
                  f"(load {os.getloadavg()[0]:.1f})", flush=True)
            if epoch == 1:
                first = _gme(env, "changes", "--last", "--format", "jsonl")
                if first:
                    print(f"bench_epochs: the first refresh already lists changes: {first[:200]}")
        report = [json.loads(line) for line in _gme(env, "changes", "--last", "--format", "jsonl").splitlines()]
        run2 = query("SELECT run_id FROM meta.refreshes ORDER BY published_at DESC LIMIT 1")[0][0]
        rows = query("SELECT program_id, url, change, hash_before, hash_after, cause FROM history.page_changes "
                     "WHERE run_id = ?", [run2])
        earlier = query("SELECT count(*) FROM history.page_changes WHERE run_id <> ?", [run2])[0][0]
        truth1, truth2 = truths
        changed = {pid for pid in truth1 if version_of(0, pid, 2) == 2}
        urls: dict[str, set[str]] = {}
        for s in snaps:
            for (pid, _), final in s.final_urls.items():
                if pid in changed:
                    urls.setdefault(pid, set()).update({final})
        served_final = served_page_changes(args.programs, changed, urls)
        # page_changes rows name the URL as crawled; the served comparison names its final URL
        finals = {**snaps[0].final_urls, **snaps[1].final_urls}
        served = {(pid, url) for (pid, url) in set(snaps[0].pages) | set(snaps[1].pages)
                  if (pid, finals[(pid, url)]) in served_final}
        c = compare(truth1, truth2, snaps[0], snaps[1], report, rows, served)
        print(f"sample web programs changed at epoch 2 (any page): {len(changed)}")
        for line in c.summary():
            print(line)
        if earlier:
            print(f"page_changes rows from the first refresh: {earlier} (want 0)")
        outside = {pid for pid, _ in c.page_rows} - changed
        if outside:
            print(f"page_changes rows of programs the sample web did not change: {sorted(outside)}")
        for line in c.causes:
            print("  " + line)
        for pid, url in sorted(c.page_rows ^ c.page_expected)[:20]:
            print(f"  page {pid} {url}: {'listed, hash unchanged' if (pid, url) in c.page_rows else 'not listed'}")
        for pid, url in sorted(c.page_rows ^ (c.page_served or set()))[:20]:
            print(f"  page {pid} {url}: {'listed' if (pid, url) in c.page_rows else 'not listed'}, served "
                  f"{'changed' if (pid, url) in (c.page_served or ()) else 'the same'}")
        if args.out:
            args.out.write_text(json.dumps({
                "truth": {p: {f: list(v) for f, v in fs.items()} for p, fs in c.truth.items()},
                "listed": {p: {f: list(v) for f, v in fs.items()} for p, fs in c.listed.items()},
                "causes": c.causes, "unlisted_sites": sorted(c.unlisted_sites),
                "page_rows": sorted(c.page_rows), "page_expected": sorted(c.page_expected)}, indent=1))
        exact = c.exact and c.pages_exact and not earlier and not outside
        print("EXACT" if exact else "NOT exact")
        return 0 if exact or not args.strict else 1
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
