"""Instructions per fetch of the website crawl (valgrind callgrind), for one or more source trees.

Steadier than CPU time on a shared machine (two runs of one tree agree within about 0.7 %).
One sample web for all trees; each tree's `python -m scrapers website` runs under callgrind
twice, over all programs and over one, and the one-program crawl (start-up, imports) is
subtracted: (I_all - I_one) / (fetches_all - fetches_one).

    .venv/bin/python benchmarks/crawl_instructions.py base=/tmp/base branch=.      # ~3 min per tree
    .venv/bin/python benchmarks/crawl_instructions.py --programs 150 --refresh branch=.
Needs valgrind. PDF text (a worker process) is not counted.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sampleweb.server import running_sample_web  # noqa: E402
from warehouse.store import CrawlRun  # noqa: E402


def crawl(tree: str, web_url: str, programs: Path, out: Path, previous: Path | None, callgrind: Path | None):
    """(metrics, instructions or None) of one website crawl run from `tree`."""
    cmd = [sys.executable, "-m", "scrapers", "website", "--sample-web", web_url, "--programs", str(programs),
           "--pages-out", str(out), "--run-id", "instructions"]
    if previous is not None:
        cmd += ["--previous", str(previous)]
    if callgrind is not None:
        cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={callgrind}", *cmd]
    proc = subprocess.run(cmd, cwd=tree, capture_output=True, text=True, env=dict(os.environ, PYTHONHASHSEED="0"))
    if proc.returncode != 0:
        raise SystemExit(f"crawl from {tree} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    metrics = json.loads(proc.stdout.strip().splitlines()[-1])
    found = re.search(r"Collected : (\d+)", proc.stderr) if callgrind is not None else None
    return metrics, int(found.group(1)) if found else None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--programs", type=int, default=150, help="sample web size (default 150: ~960 fetches)")
    ap.add_argument("--refresh", action="store_true", help="measure the no-change refresh (--previous) instead")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("trees", nargs="+", metavar="NAME=PATH", help="source trees to run `python -m scrapers` from")
    args = ap.parse_args(argv)
    trees = [spec.split("=", 1) if "=" in spec else (spec, spec) for spec in args.trees]
    out = Path(tempfile.mkdtemp(prefix="crawl_instructions_"))
    with running_sample_web(programs=args.programs) as web:
        d = CrawlRun(out / "directory")
        subprocess.run([sys.executable, "-m", "scrapers", "directory", "--sample-web", web.url,
                        "--pages-out", str(d.directory_pages_path), "--programs-out", str(d.directory_programs_path)],
                       cwd=REPO, check=True, capture_output=True)
        table = pq.read_table(d.directory_programs_path)
        first = next(i for i, w in enumerate(table["website"].to_pylist()) if w)
        # every file under the store's names (warehouse/store.py owns them): one CrawlRun folder each
        one = CrawlRun(out / "one_program").directory_programs_path
        one.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(table.slice(first, 1), one)
        # warm the web (pages render on first request) and make the previous crawls for --refresh
        prev_all, prev_one = CrawlRun(out / "previous_all").pages_path, CrawlRun(out / "previous_one").pages_path
        crawl(str(REPO), web.url, d.directory_programs_path, prev_all, None, None)
        crawl(str(REPO), web.url, one, prev_one, None, None)
        for run in range(args.runs):
            for name, tree in trees:
                m1, i1 = crawl(tree, web.url, one, CrawlRun(out / f"{name}_one").pages_path,
                               prev_one if args.refresh else None, out / f"callgrind.{name}.one")
                ma, ia = crawl(tree, web.url, d.directory_programs_path, CrawlRun(out / f"{name}_all").pages_path,
                               prev_all if args.refresh else None, out / f"callgrind.{name}.all")
                per = (ia - i1) / max(ma["pages"] - m1["pages"], 1)
                print(f"{name}: run {run + 1}: {ia / 1e9:.3f} G instructions for {ma['pages']} fetches, "
                      f"{i1 / 1e9:.3f} G for {m1['pages']} (one program): {per / 1e6:.3f} M instructions per fetch",
                      flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
