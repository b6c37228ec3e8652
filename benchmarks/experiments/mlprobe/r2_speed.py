"""Round two: the filler's cost per page, one core, CPU time (run under `taskset -c 0`).

    taskset -c 0 /tmp/mlprobe2/venv/bin/python r2_speed.py [--evidence-branches ann1 ann2 ann3 ann4]

Trains the filler on the six sets (as fill_eval.py does, without the variant tables: they do not
change the cost per page), then times `Filler.scores` (segmentation + anchor selection + features
+ all classifiers) with EVERY field asked for (the worst case: a page where the rules read
nothing) on (1) benchmarks/bench_extract.py's synthetic 20 KB text pages (a real dev page padded
with one filler paragraph) and (2) real-density 20 KB pages (consecutive real-phrasing pages of
the six sets joined until 20,000 characters).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

import numpy as np
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import r2
import speed     # the benchmark's 20 KB text pages (as bench_extract.synthetic_text_pages)


def real_pages(size: int = 20_000) -> list[str]:
    texts = [p["text"] for s in r2.SIX for p in r2.load_pages(r2.ROOT / r2.RP, s)]
    out, cur = [], ""
    for t in texts:
        cur += t + "\n\n"
        if len(cur) >= size:
            out.append(cur)
            cur = ""
    return out


def steady(n: int) -> None:
    """Under `valgrind --tool=callgrind` (PYTHONHASHSEED=0), as bench_extract.py --steady:
    (instructions at N=101 - instructions at N=0) / 101 = the filler's instructions per page."""
    import pickle
    cache = Path("/tmp/mlprobe2/steady_model.pkl")
    if not cache.exists():
        rows, _ = r2.training_rows(r2.ROOT / r2.RP, r2.SIX, None, None,
                                   {"variants": [], "snippets": []})
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_bytes(pickle.dumps(r2.Filler().fit(rows)))
    model = pickle.loads(cache.read_bytes())
    pages = speed.text_pages(101)
    for p in pages:
        model.scores(p)
    for p in pages[:n]:
        model.scores(p)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--evidence-branches", nargs="*", default=None)
    ap.add_argument("--git", type=Path, default=Path("/work/main"))
    ap.add_argument("--rules-tree", type=Path, default=None,
                    help="also time the fill-only case: only the fields this tree's rules leave null")
    ap.add_argument("--rules-python", default="/work/main/.venv/bin/python")
    ap.add_argument("--steady", type=int, default=None, metavar="N",
                    help="for callgrind: score 101 bench pages once, then the first N again, "
                         "nothing else (the model is trained once and kept in /tmp/mlprobe2)")
    args = ap.parse_args()
    if args.steady is not None:
        steady(args.steady)
        return
    rows, _ = r2.training_rows(r2.ROOT / r2.RP, r2.SIX, args.evidence_branches, args.git,
                               {"variants": [], "snippets": []})
    model = r2.Filler().fit(rows)
    docs = [r["s"] for r in rows[:3000]] + ["", "a"]
    ref = model.w.transform(docs)
    assert abs(r2._tfidf(model.w, docs) - ref).max() < 1e-12, "fast TF-IDF differs from sklearn's"
    ctxs = [r["c"] for r in rows[:3000]] + ["", ""]
    dense = model._Z(docs, ctxs)
    sparse = model._X(docs, ctxs) @ model.W + model.b
    assert np.abs(dense - sparse).max() < 1e-9, "dense logits differ from the sparse product"
    for name, pages in (("bench synthetic 20 KB text", speed.text_pages(202)),
                        ("real-density 20 KB", real_pages())):
        model.scores(pages[0])                      # warm
        units = [r2.probe.units(p) for p in pages]
        n_u = sum(map(len, units))
        n_a = sum(1 for us in units for s, c in us if r2.anchor_mask(f"{s} {c}"))
        t0 = time.process_time()
        for p in pages:
            r2.probe.units(p)
        seg = (time.process_time() - t0) / len(pages)
        t0 = time.process_time()
        for p in pages:
            model.scores(p)
        per = (time.process_time() - t0) / len(pages)
        print(f"{name}: {len(pages)} pages of {sum(map(len, pages)) / len(pages) / 1024:.1f} KB, "
              f"{n_u / len(pages):.0f} units/page, {n_a / len(pages):.0f} with an anchor word; "
              f"filler (all 13 fields asked) {per * 1000:.2f} ms CPU/page = {1 / per:,.0f} pages/s "
              f"(segmentation alone {seg * 1000:.2f} ms); load average {os.getloadavg()[0]:.2f}")
        if args.rules_tree:
            with tempfile.TemporaryDirectory() as tmp:
                paths = []
                for k, p in enumerate(pages):
                    path = Path(tmp) / f"p{k:04}.txt"
                    path.write_text(p)
                    paths.append(str(path))
                rec = r2.run_rules(args.rules_tree.resolve(), paths, args.rules_python)["rules"]
            null = [[f for f in r2.FIELDS if rec[path][f] is None] for path in paths]
            t0 = time.process_time()
            for p, fs in zip(pages, null, strict=True):
                model.scores(p, fs)
            per = (time.process_time() - t0) / len(pages)
            print(f"   fill only (the {sum(map(len, null)) / len(pages):.1f} fields/page the rules "
                  f"of {args.rules_tree} leave null): {per * 1000:.2f} ms CPU/page = "
                  f"{1 / per:,.0f} pages/s")


if __name__ == "__main__":
    main()
