"""Round two (issue 9): the lead's one-shot scoring of the sentence-model FILLER on held-out sets.

    /tmp/mlprobe2/venv/bin/python benchmarks/experiments/mlprobe/fill_eval.py \
        --rules-tree /work/main --sets holdout3b holdout4b

Trains the filler (r2.Filler) on the six labelled sets with hand-marked evidence (dev, holdout,
holdout2a, holdout2b, holdout3a, holdout4a; a set named in --sets is left out of training) plus
the variant tables and devset snippets of --rules-tree, reads every .txt page of --sets with the
rules of --rules-tree (its own `eligibility`, run by --rules-python with cwd = that tree), and
prints ONLY tables: the rules alone, rules + fills at the thresholds fixed beforehand by loso.py
(results/r2_threshold.json), and rules + fills + vetoes; micro and per field; no page detail.

Pages, labels and evidence files are read from --pages-root (default: this checkout's
tests/eligibility/realphrasing); with --evidence-branches the evidence files are read from those
branches of the git repository --git instead. Bad input: one line on stderr, exit 2.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _fail(msg: str) -> None:
    print(f"fill_eval: {msg}", file=sys.stderr)
    sys.exit(2)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rules-tree", type=Path, required=True)
    ap.add_argument("--sets", nargs="+", required=True)
    ap.add_argument("--rules-python", default=None,
                    help="python with the project's dependencies (default: RULES_TREE/.venv, "
                         "else /work/main/.venv)")
    ap.add_argument("--pages-root", type=Path, default=None)
    ap.add_argument("--evidence-branches", nargs="*", default=None)
    ap.add_argument("--git", type=Path, default=Path("/work/main"))
    args = ap.parse_args(argv)
    try:
        import sklearn  # noqa: F401
    except ImportError:
        _fail("needs scikit-learn: run it with the scratch venv (/tmp/mlprobe2/venv/bin/python, "
              "see benchmarks/experiments/mlprobe/README.md, round two)")
    import os
    if any(k.startswith("MLPROBE2_") for k in os.environ):
        _fail("unset the MLPROBE2_* settings: the thresholds were calibrated with the defaults")
    sys.path.insert(0, str(HERE))
    import r2
    rp = args.pages_root or (r2.ROOT / r2.RP)
    tree = args.rules_tree.resolve()
    if not (tree / "eligibility" / "cli.py").exists():
        _fail(f"--rules-tree {tree} has no eligibility/cli.py")
    py = args.rules_python or next((str(p) for p in (tree / ".venv/bin/python",
                                                     Path("/work/main/.venv/bin/python"))
                                    if p.exists()), None)
    if py is None or not Path(py).exists():
        _fail("no python with the project's dependencies: pass --rules-python")
    for s in args.sets:
        if not (rp / s / "labels.json").exists():
            _fail(f"no set {s!r} (no {rp / s / 'labels.json'})")
    thr_path = HERE / "results" / "r2_threshold.json"
    if not thr_path.exists():
        _fail(f"no {thr_path}: run loso.py first")
    thr = json.loads(thr_path.read_text())
    train_sets = [s for s in r2.SIX if s not in args.sets]
    for s in train_sets:
        try:
            ev = r2.load_evidence(rp, s, args.evidence_branches, args.git)
        except (OSError, ValueError, subprocess.CalledProcessError) as exc:   # branch, file
            _fail(f"evidence of {s}: {exc}")
        if not ev:
            _fail(f"no evidence.*.json for training set {s} under {rp / s} "
                  "(merge the ann branches, or pass --evidence-branches ann1 ann2 ann3 ann4)")
    pages = [p for s in args.sets for p in r2.load_pages(rp, s)]
    if not pages:
        _fail(f"no .txt pages in {args.sets}")
    try:
        rec = r2.run_rules(tree, [p["path"] for p in pages], py)
    except RuntimeError as exc:
        _fail(str(exc))
    rows, tot = r2.training_rows(rp, train_sets, args.evidence_branches, args.git, rec)
    model = r2.Filler().fit(rows)
    fill_t, veto_t = thr["fill_f1_best"], thr["veto"]
    configs = [("rules alone", None, None),
               (f"rules + fills (F1-best threshold {fill_t})", fill_t, None)]
    if thr["fill_precision_rule"] < 1.0 and thr["fill_precision_rule"] != fill_t:
        configs.append((f"rules + fills (>= {thr['target']:.0%} precision threshold "
                        f"{thr['fill_precision_rule']})", thr["fill_precision_rule"], None))
    if veto_t is not None:
        configs.append((f"rules + fills ({fill_t}) + vetoes (model support < {veto_t})",
                        fill_t, veto_t))
    from loso import veto
    tallies = {name: r2.probe.Tally() for name, _, _ in configs}
    n_fill = {name: 0 for name, _, _ in configs}
    n_veto = {name: 0 for name, _, _ in configs}
    for p in pages:
        rules = rec["rules"][p["path"]]
        allsc = model.scores(p["text"], r2.FIELDS)
        for name, ft, vt in configs:
            out = dict(rules)
            if vt is not None:
                out = veto(out, allsc, vt)
                n_veto[name] += sum(1 for f in r2.FIELDS if rules[f] is not None and out[f] is None)
            if ft is not None:
                null = {f: allsc[f] for f in r2.FIELDS if rules[f] is None and f in allsc}
                filled = r2.fill(out, null, ft)
                n_fill[name] += sum(1 for f in r2.FIELDS if out[f] is None and filled[f] is not None)
                out = filled
            tallies[name].add(out, p["label"])
    print(f"fill_eval: sets {' '.join(args.sets)} ({len(pages)} .txt pages), rules of {tree}; "
          f"filler trained on {', '.join(train_sets)} ({tot['pages']} evidence pages, "
          f"{tot['facts']} facts) + that tree's tables ({len(rows)} units); "
          f"C={r2.C} ctx={r2.CTX} tables={int(r2.TABLES)}")
    if thr["fill_precision_rule"] >= 1.0:
        print(f"(the >= {thr['target']:.0%}-precision fill threshold from loso.py is none: "
              "by that rule the filler never fills, i.e. 'rules alone')")
    for name, _, _ in configs:
        print(f"\n-- {name}: {n_fill[name]} fills, {n_veto[name]} vetoes")
        print(tallies[name].table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
