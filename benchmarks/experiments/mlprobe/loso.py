"""Round two: calibrate the filler (and a veto) by leave-one-set-out on FIRST-LOOK rule outputs.

    /tmp/mlprobe2/venv/bin/python loso.py [--sweep] [--evidence-branches ann1 ... --git /work/main]

Three folds, each a set (or pair) as the rules read it before it was ever looked at:
holdout2a+holdout2b by commit 6eaf7e8, holdout3a by 1e078c8, holdout4a by d2807cb (each tree is
`git archive`d into /tmp/mlprobe2/trees/). For each fold the model trains on the other labelled
sets' pages (hand-marked evidence) plus the variant tables and devset snippets of the fold's
rules tree, and scores every field on the fold's pages. Over the three folds pooled, all global:
- the precision-rule fill threshold: the lowest grid value at which the fills (fields the rules
  left null) are right >= 90%, at least 5 fills; none -> 1.01 (never fill);
- the F1-best fill threshold (ties: the higher), 1.01 if no threshold beats the rules;
- the veto threshold: drop a rule fact whose field's model support is < t, the F1-best t if it
  beats the rules (at least 5 vetoes), else none.
Writes results/r2_loso.txt (tables, a bootstrap) and results/r2_threshold.json. With --sweep
(settings from MLPROBE2_C / MLPROBE2_CTX / MLPROBE2_TABLES, see r2.py) it only appends one
summary line to results/r2_loso_sweep.txt and prints the grid.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import r2

FOLDS = (("holdout2a+2b", ("holdout2a", "holdout2b"), "6eaf7e8"),
         ("holdout3a", ("holdout3a",), "1e078c8"),
         ("holdout4a", ("holdout4a",), "d2807cb"))
GRID = [0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99]
TARGET, MIN_FILLS = 0.90, 5
TREES = Path("/tmp/mlprobe2/trees")
OUT = r2.HERE / "results"


def tree(commit: str, git: Path) -> Path:
    t = TREES / commit
    if not (t / "eligibility").exists():
        t.mkdir(parents=True, exist_ok=True)
        arch = subprocess.run(["git", "-C", str(git), "archive", commit], capture_output=True,
                              check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(t)], input=arch, check=True)
    return t


def fold_candidates(name, sets, commit, args, rp_root):
    pages = [p for s in sets for p in r2.load_pages(rp_root, s)]
    rec = r2.run_rules(tree(commit, args.git), [p["path"] for p in pages], args.rules_python)
    train_sets = [s for s in r2.SIX if s not in sets]
    rows, tot = r2.training_rows(rp_root, train_sets, args.evidence_branches, args.git, rec)
    model = r2.Filler().fit(rows)
    out = []
    for p in pages:
        rules = rec["rules"][p["path"]]
        null = [f for f in r2.FIELDS if rules.get(f) is None]
        allsc = model.scores(p["text"], r2.FIELDS)
        out.append({"fold": name, "label": p["label"], "rules": rules,
                    "scores": {f: allsc[f] for f in null if f in allsc},
                    "all": allsc})
    return out, tot, len(rows)


def tallies(cands, thr):
    tr, tf = r2.probe.Tally(), r2.probe.Tally()
    good = bad = 0
    for c in cands:
        tr.add(c["rules"], c["label"])
        filled = r2.fill(c["rules"], c["scores"], thr)
        tf.add(filled, c["label"])
        for f in r2.FIELDS:
            if c["rules"].get(f) is None and filled.get(f) is not None:
                good += filled[f] == c["label"].get(f)
                bad += filled[f] != c["label"].get(f)
    return tr, tf, good, bad


VETO_GRID = [0.01, 0.02, 0.03, 0.05, 0.1, 0.2, 0.3]


def veto(rules: dict, allsc: dict, t: float) -> dict:
    """Drop a rule fact when the model's best non-none probability for its field is under t."""
    return {f: (None if v is not None and f in allsc and allsc[f][2] < t else v)
            for f, v in rules.items()}


def veto_table(cands):
    """Could the model veto rule facts? Drop a rule fact when the model's best non-none
    probability for the field (over its anchor units) is under t ('no support'). A veto is
    right when the rules' value was wrong. Pooled over the folds, with the micro P/R/F1 of the
    rules after the vetoes. Chosen: the t of the best pooled F1, if it beats the rules alone
    (at least 5 vetoes); else no veto."""
    n_f = sum(1 for c in cands for f in r2.FIELDS if c["rules"].get(f) is not None)
    n_w = sum(1 for c in cands for f in r2.FIELDS
              if c["rules"].get(f) is not None and c["rules"][f] != c["label"].get(f))
    tr = r2.probe.Tally()
    for c in cands:
        tr.add(c["rules"], c["label"])
    p, r, f1 = tr.micro()
    lines = ["", f"veto of rule facts, pooled ({n_f} rule facts, {n_w} wrong; rules alone P {p:.3f} "
             f"R {r:.3f} F1 {f1:.3f})"]
    chosen, best = None, f1
    for t in VETO_GRID:
        n = right = 0
        tv = r2.probe.Tally()
        for c in cands:
            vetoed = veto(c["rules"], c["all"], t)
            tv.add(vetoed, c["label"])
            for f in r2.FIELDS:
                if c["rules"].get(f) is not None and vetoed[f] is None:
                    n += 1
                    right += c["rules"][f] != c["label"].get(f)
        p, r, f1 = tv.micro()
        lines.append(f"  t={t:4.2f}: {right}/{n} vetoes right; rules after vetoes P {p:.3f} "
                     f"R {r:.3f} F1 {f1:.3f}")
        if n >= 5 and f1 > best + 1e-9:
            chosen, best = t, f1
    lines.append(f"chosen veto threshold: {chosen} (the F1-best grid value if it beats the "
                 f"rules alone, >= 5 vetoes; None = no veto)")
    return lines, chosen


def _pred(c, fill_t, veto_t):
    out = veto(c["rules"], c["all"], veto_t) if veto_t is not None else dict(c["rules"])
    null = {f: c["all"][f] for f in r2.FIELDS if c["rules"][f] is None and f in c["all"]}
    return r2.fill(out, null, fill_t)


def bootstrap(cands, fill_t, veto_t, n=2000):
    """Paired bootstrap over the pooled pages (seed 0) of the micro-F1 gain over the rules.
    Optimistic: the thresholds were chosen on these same pages."""
    import numpy as np
    preds = {"rules": [c["rules"] for c in cands],
             f"+ fills ({fill_t})": [_pred(c, fill_t, None) for c in cands],
             f"+ fills ({fill_t}) + vetoes (< {veto_t})": [_pred(c, fill_t, veto_t) for c in cands]}
    labels = [c["label"] for c in cands]

    def f1(pr, idx):
        t = r2.probe.Tally()
        for i in idx:
            t.add(pr[i], labels[i])
        return t.micro()[2]
    rng = np.random.default_rng(0)
    samples = [rng.integers(0, len(cands), len(cands)) for _ in range(n)]
    base = [f1(preds["rules"], idx) for idx in samples]
    out = ["", f"paired bootstrap over the {len(cands)} pooled pages ({n} resamples, seed 0; "
           "optimistic, thresholds chosen on these pages): micro-F1 gain over the rules"]
    for name, pr in list(preds.items())[1:]:
        d = np.array([f1(pr, idx) for idx in samples]) - base
        lo, hi = np.percentile(d, [2.5, 97.5])
        out.append(f"  {name}: {f1(pr, range(len(cands))) - f1(preds['rules'], range(len(cands))):+.3f} "
                   f"(95% interval {lo:+.3f} .. {hi:+.3f})")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--evidence-branches", nargs="*", default=None)
    ap.add_argument("--git", type=Path, default=Path("/work/main"))
    ap.add_argument("--rules-python", default="/work/main/.venv/bin/python")
    ap.add_argument("--sweep", action="store_true", help="log and print the grid table only")
    args = ap.parse_args()
    rp_root = r2.ROOT / r2.RP
    cands, lines = [], []
    for name, sets, commit in FOLDS:
        c, tot, n = fold_candidates(name, sets, commit, args, rp_root)
        lines.append(f"fold {name}: rules {commit}, {len(c)} pages; trained on "
                     f"{tot['pages']} evidence pages ({tot['facts']} facts, {tot['quotes']} quotes, "
                     f"{tot['quote_missing']} not found, {tot['pages_no_evidence']} pages without "
                     f"evidence) + tables, {n} units")
        cands += c
    folds = [f[0] for f in FOLDS]
    head = f"{'thr':>5} | " + " | ".join(f"{n:^24}" for n in folds) + " | pooled fills  P     F1 rules -> +fills"
    lines += ["", "fills right/made per fold, pooled fill precision, pooled micro F1", head]
    chosen = None
    for t in GRID:
        cells = []
        for n in folds:
            _, _, g, b = tallies([c for c in cands if c["fold"] == n], t)
            cells.append(f"{g:3}/{g + b:<3}")
        tr, tf, g, b = tallies(cands, t)
        prec = g / (g + b) if g + b else float("nan")
        lines.append(f"{t:5.2f} | " + " | ".join(f"{x:^24}" for x in cells) +
                     f" | {g:3}/{g + b:<3} {prec:5.2f} {tr.micro()[2]:.3f} -> {tf.micro()[2]:.3f}")
        if chosen is None and g + b >= MIN_FILLS and prec >= TARGET:
            chosen = t
    thr = chosen if chosen is not None else 1.01
    f1_at = {t: round(tallies(cands, t)[1].micro()[2], 6) for t in GRID}
    best_f1 = max(GRID, key=lambda t: (f1_at[t], t))          # ties: the higher threshold
    if f1_at[best_f1] <= round(tallies(cands, 1.01)[0].micro()[2], 6):
        best_f1 = 1.01
    lines.append(f"F1-best fill threshold: {best_f1} (ties: the higher; 1.01 = never fill)")
    vlines, veto_t = veto_table(cands)
    lines += vlines
    lines.append(f"\nchosen global fill threshold: {thr} (lowest grid value with pooled fill "
                 f"precision >= {TARGET} and >= {MIN_FILLS} fills; 1.01 = never fill)")
    per_field = {}
    for c in cands:
        for f, (s, v, _) in c["scores"].items():
            if v is not None and s >= best_f1:
                ok = v == c["label"].get(f)
                g_b = per_field.setdefault(f, [0, 0])
                g_b[0 if ok else 1] += 1
    lines.append(f"fills at the F1-best threshold {best_f1}, per field (right/wrong): " +
                 ", ".join(f"{f} {g}/{b}" for f, (g, b) in per_field.items()))
    for n in folds + ["pooled"]:
        cs = cands if n == "pooled" else [c for c in cands if c["fold"] == n]
        tr, tf, g, b = tallies(cs, best_f1)
        tv = r2.probe.Tally()
        for c in cs:
            out = veto(c["rules"], c["all"], veto_t) if veto_t is not None else dict(c["rules"])
            null = {f: c["all"][f] for f in r2.FIELDS if c["rules"][f] is None and f in c["all"]}
            tv.add(r2.fill(out, null, best_f1), c["label"])
        lines += [f"\n== {n}: fills at {best_f1}: {g} right / {g + b}",
                  "-- rules alone (first look)", tr.table(),
                  f"-- rules + fills ({best_f1})", tf.table(),
                  f"-- rules + fills ({best_f1}) + vetoes (< {veto_t})", tv.table()]
    lines += bootstrap(cands, best_f1, veto_t)
    text = "\n".join(lines) + "\n"
    OUT.mkdir(exist_ok=True)
    tag = f"C={r2.C} ctx={r2.CTX} tables={int(r2.TABLES)}"
    _, tf, g, b = tallies(cands, best_f1)
    prec5 = [(g_ / (g_ + b_), t, g_, g_ + b_) for t in GRID
             for _, _, g_, b_ in [tallies(cands, t)] if g_ + b_ >= MIN_FILLS]
    top = max(prec5) if prec5 else (float("nan"), None, 0, 0)
    tvs = r2.probe.Tally()
    for c in cands:
        tvs.add(_pred(c, best_f1, veto_t), c["label"])
    if args.sweep:
        with open(OUT / "r2_loso_sweep.txt", "a") as fh:
            fh.write(f"{tag}: F1-best fill {best_f1} ({g}/{g + b} right) F1 "
                     f"{tallies(cands, 1.01)[0].micro()[2]:.3f} -> {tf.micro()[2]:.3f}; best fill "
                     f"precision with >= {MIN_FILLS} fills {top[0]:.2f} ({top[2]}/{top[3]} at {top[1]}); "
                     f"veto {veto_t}: with fills F1 {tvs.micro()[2]:.3f} P {tvs.micro()[0]:.3f}\n")
    if args.sweep:
        print(tag)
        print("\n".join(lines[len(FOLDS):]))
        return
    (OUT / "r2_loso.txt").write_text(text)
    (OUT / "r2_threshold.json").write_text(json.dumps(
        {"fill_precision_rule": thr, "fill_f1_best": best_f1, "grid": GRID, "target": TARGET,
         "min_fills": MIN_FILLS, "veto": veto_t,
         "veto_grid": VETO_GRID}, indent=1) + "\n")
    print(text)


if __name__ == "__main__":
    main()
