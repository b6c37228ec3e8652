"""Speed of the probe's models, one core, CPU time (run under `taskset -c 0`).

    taskset -c 0 /tmp/mlprobe/venv/bin/python speed.py A

Pages: ~20 KB plain-text pages built as benchmarks/bench_extract.py's synthetic_text_pages
(the real-phrasing dev pages' text padded with a filler paragraph to 20,000 characters), and
the real-phrasing training pages themselves scaled per 20 KB. Prints units (sentences) per page,
the share of units holding a field keyword, and model units/s for TF-IDF+LR (13 fields) and
MiniLM embeddings (sentence + context, then 13 LR) with torch on one thread.
"""
from __future__ import annotations

import json
import os
import re
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).parent))
import probe

REAL_DEV = Path(__file__).resolve().parents[3] / "tests/eligibility/realphrasing/dev/pages"
FILLER = ("Our residents rotate through inpatient wards, clinics and the intensive care "
          "unit, with protected didactic time every week and mentoring from faculty.\n\n")
KEYWORDS = re.compile(
    r"visa|j-?1|h-?1|usmle|step|comlex|level|score|attempt|pass|fail|graduat|year|clinical|"
    r"experience|usce|ecfmg|certif|holistic|review|application|whole|img|international|"
    r"foreign|osteopath|\bdo\b|minimum|cutoff|cut-off|requir|must|prefer", re.I)


def text_pages(n: int, size: int = 20_000) -> list[str]:
    bodies = [p.read_text() for p in sorted(REAL_DEV.glob("*.txt"))]
    pages = []
    for i in range(n):
        page = bodies[i % len(bodies)]
        while len(page) < size:
            page = FILLER + page + FILLER
        pages.append(page)
    return pages


def main() -> None:
    which = sys.argv[1] if len(sys.argv) > 1 else "A"
    load = os.getloadavg()[0]
    pages = text_pages(101)
    us = [probe.units(p) for p in pages]
    n_units = sum(map(len, us))
    kw = sum(1 for u in us for s, c in u if KEYWORDS.search(s))
    kb = sum(map(len, pages)) / len(pages) / 1024
    train = json.loads((probe.DATA / f"train_{which}.json").read_text())
    real = train["pages"]
    r_units = sum(len(probe.units(p["text"])) for p in real)
    r_kb = sum(len(p["text"]) for p in real) / 1024
    r_kw = sum(1 for p in real for s, c in probe.units(p["text"]) if KEYWORDS.search(s))
    print(f"synthetic 20 KB text pages: {len(pages)} of {kb:.1f} KB, {n_units / len(pages):.0f} "
          f"units/page, {kw / len(pages):.0f} with a field keyword ({kw / n_units:.0%})")
    print(f"real-phrasing training pages: {len(real)}, {r_units / r_kb * 19.5:.0f} units per 20 KB, "
          f"{r_kw / r_kb * 19.5:.0f} with a field keyword ({r_kw / r_units:.0%})")
    # timing on real units: the first 30 training pages' sentences with their contexts
    sample = [probe.units(p["text"]) for p in real[:30]]
    rows = [{"s": s, "c": c} for u in sample for s, c in u]
    # texts a model must embed per page: every sentence, plus each distinct context line once
    texts = sum(len(u) + len({c for _, c in u}) for u in sample)
    t0 = time.process_time()
    for p in pages:
        probe.units(p)
    print(f"segmentation (probe.units): {len(pages) / (time.process_time() - t0):,.0f} "
          f"pages/s CPU (20 KB pages)")
    per_page = {"real-phrasing density (per 20 KB)": (r_units / r_kb * 19.5, r_kw / r_kb * 19.5),
                "bench synthetic 20 KB text": (n_units / len(pages), kw / len(pages))}
    for feat in ("tfidf", "emb"):
        fm = probe.FieldModels(probe.featurizer(feat)).fit(probe.training_units(train))
        if feat == "emb":
            # time the encoder itself on these texts (no cache), one thread
            model = fm.feat.model
            batch = [r["s"] for r in rows] + sorted({r["c"] or "-" for r in rows})
            t0 = time.process_time()
            model.encode(batch, batch_size=64, normalize_embeddings=True)
            enc = (time.process_time() - t0) / len(batch)
            X = fm.feat.transform(rows)                 # cached now: classifier time only
            t1 = time.process_time()
            for m in fm.models.values():
                if m is not None:
                    m.predict_proba(X)
            clf = (time.process_time() - t1) / len(rows)
            per_unit = enc * texts / len(rows) + clf
            detail = (f"encoder {1 / enc:,.0f} texts/s ({len(batch)} texts), 13 classifiers "
                      f"{1 / clf:,.0f} units/s")
        else:
            t0 = time.process_time()
            X = fm.feat.transform(rows)
            t1 = time.process_time()
            for m in fm.models.values():
                if m is not None:
                    m.predict_proba(X)
            t2 = time.process_time()
            per_unit = (t2 - t0) / len(rows)
            detail = (f"features {len(rows) / (t1 - t0):,.0f} units/s, 13 classifiers "
                      f"{len(rows) / (t2 - t1):,.0f} units/s")
        print(f"{feat}: {len(rows)} units of 30 real pages; {detail}; together "
              f"{1 / per_unit:,.0f} units/s CPU (load average {load:.2f})")
        for name, (u_all, u_kw) in per_page.items():
            print(f"   {name}: {u_all:.0f} units -> {1 / (per_unit * u_all):,.1f} pages/s; "
                  f"keyword units only ({u_kw:.0f}): {1 / (per_unit * u_kw):,.1f} pages/s")


if __name__ == "__main__":
    main()
