"""Round two (issue 9): a per-field sentence model trained on HAND-MARKED evidence, used as a
filler of the fields the rules leave null and as a veto of rule facts it gives no support.
Shared code of loso.py, fill_eval.py and r2_speed.py (scratch venv: scikit-learn, numpy, scipy).

Training data: the pages of the six labelled sets with their evidence files
(tests/eligibility/realphrasing/<set>/evidence.<ann>.json, {page: {field: [{quote, context}]}}).
A page is cut into units (round one's `probe.units`: each sentence of each line, with the
nearest question / lead-in / heading-like line above as its context). For field f, a unit that
contains a marked quote of f, or lies inside one, is a positive for f's labelled value (its
context = the marked context when one is given, else its own); a unit that only overlaps a quote
is left out for f; every other unit is a negative for f. A page whose label gives f but whose
evidence has no quote for f gives nothing for f. Pages with no evidence entry are not used.
The own-words variant tables and devset snippets of the RULES tree join as in round one.

Model: TF-IDF word 1-2-grams of the sentence + word 1-2-grams of its context (x0.5), one
multinomial logistic regression per field (classes as round one: none, each value; numbers read
from the unit). At scoring time only the units holding one of the field's anchor words (in the
sentence or its context) are scored, only for the fields asked (fill only: the rules' nulls),
and all fields' classifiers are one dense product of the units' n-gram weight rows.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))
import probe

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
RP = "tests/eligibility/realphrasing"
SIX = ("dev", "holdout", "holdout2a", "holdout2b", "holdout3a", "holdout4a")
FIELDS = probe.FIELDS
NONE = probe.NONE
# Settings (the defaults are the ones fill_eval.py uses; loso.py's sweep over them is logged in
# results/r2_loso_sweep.txt): LR C; a positive's context ("marked": the annotator's context when
# given, as the brief says; "own": the unit's own, as at fill time); variant tables on/off.
C = float(os.environ.get("MLPROBE2_C", "16"))
CTX = os.environ.get("MLPROBE2_CTX", "marked")
TABLES = os.environ.get("MLPROBE2_TABLES", "1") == "1"
FLOOR = 0.3              # the lowest fill threshold loso.py tries

# A unit is scored for field f when a token of its sentence or context is one of f's anchor
# words (exact) or starts with one of its anchor stems (tokens: runs of [a-z0-9], lowercased).
_ANCHOR_WORDS = {
    "accepts_imgs": "img imgs international foreign ecfmg non outside caribbean graduate graduates "
                    "citizen citizens citizenship visa visas fmg fmgs",
    "j1_visa": "visa visas j j1 sponsor sponsors sponsorship sponsored ecfmg citizen citizens "
               "citizenship permanent green ead immigration",
    "h1b_visa": "visa visas h h1 h1b 1b sponsor sponsors sponsorship sponsored citizen citizens "
                "citizenship permanent green ead immigration",
    "score_minimum_policy": "score scores cut cutoff cutoffs minimum minimums threshold thresholds "
                            "usmle comlex step steps level levels",
    "attempts_policy": "attempt attempts attempted first retake retakes fail failed failure "
                       "failures pass passed passing",
    "yog_max_years": "graduate graduated graduates graduation year years recent recently within",
    "usce": "clinical experience experiences usce rotation rotations externship externships "
            "observership observerships elective electives hands clerkship clerkships",
    "ecfmg_cert_required": "ecfmg certificate certification certified",
    "holistic_review": "holistic holistically whole entire comprehensive individual "
                       "individually aspects review reviews reviewed weigh weighs weighed "
                       "criteria criterion single alone broad",
    "comlex_accepted": "comlex osteopathic osteopath osteopaths do dos aoa level levels usmle "
                       "board boards exam exams examination examinations",
}
_THREE_DIGITS = {"min_step2ck": (150, 300), "min_step1": (150, 300), "min_comlex2": (300, 900),
                 "score_minimum_policy": (150, 900)}
_TOKEN = re.compile(r"[a-z0-9]+")
_TOKEN_MASK: dict = {}               # anchor token -> bit mask over FIELDS
for _k, _f in enumerate(FIELDS):
    for _w in _ANCHOR_WORDS.get(_f, "").split():
        _TOKEN_MASK[_w] = _TOKEN_MASK.get(_w, 0) | 1 << _k
    if _f in _THREE_DIGITS:
        for _n in range(_THREE_DIGITS[_f][0], _THREE_DIGITS[_f][1] + 1):
            _TOKEN_MASK[str(_n)] = _TOKEN_MASK.get(str(_n), 0) | 1 << _k


def anchor_mask(text: str) -> int:
    """Bit mask over FIELDS of the fields one of whose anchor words text holds."""
    m = 0
    get = _TOKEN_MASK.get
    for t in set(_TOKEN.findall(text.lower())):
        m |= get(t, 0)
    return m


def collapse(s: str) -> str:
    return " ".join(s.split())


# ---------------------------------------------------------------- data
def load_pages(rp_root: Path, name: str) -> list[dict]:
    folder = rp_root / name
    labels = json.loads((folder / "labels.json").read_text())
    out = []
    for pid, lab in sorted(labels.items()):
        path = folder / "pages" / f"{pid}.txt"
        if path.exists():
            out.append({"set": name, "pid": pid, "path": str(path), "text": path.read_text(),
                        "label": lab.get("expect") or {}})
    return out


def load_evidence(rp_root: Path, name: str, branches: list[str] | None = None,
                  git_dir: Path | None = None) -> dict:
    """{page: {field: [quote dicts]}} merged over every evidence.*.json of the set: from the
    tree, or (branches given) from those branches of the git repository git_dir."""
    merged: dict = {}
    blobs = []
    if branches:
        for br in branches:
            ls = subprocess.run(["git", "-C", str(git_dir), "ls-tree", "--name-only", br,
                                 f"{RP}/{name}/"], capture_output=True, text=True, check=True)
            for p in ls.stdout.split():
                if re.search(r"/evidence\.[^/]+\.json$", p):
                    blobs.append(subprocess.run(["git", "-C", str(git_dir), "show", f"{br}:{p}"],
                                                capture_output=True, text=True, check=True).stdout)
    else:
        blobs = [p.read_text() for p in sorted((rp_root / name).glob("evidence.*.json"))]
    for b in blobs:
        for pid, fields in json.loads(b).items():
            merged.setdefault(pid, {}).update(fields)
    return merged


def unit_spans(text: str) -> tuple[list[tuple[str, str]], list, str]:
    """probe.units plus each unit's span in the whitespace-collapsed page text."""
    us = probe.units(text)
    norm = collapse(text)
    spans, pos = [], 0
    for s, _ in us:
        ns = collapse(s)
        i = norm.find(ns, pos)
        if i < 0:
            i = norm.find(ns)
        spans.append((i, i + len(ns)) if i >= 0 else None)
        if i >= 0:
            pos = i + len(ns)
    return us, spans, norm


def page_rows(page: dict, evidence: dict) -> tuple[list[dict], dict]:
    """Training rows of one page, and counts (quotes found / not found in the text)."""
    us, spans, norm = unit_spans(page["text"])
    ys = [{f: NONE for f in FIELDS} for _ in us]
    ctxs = [c for _, c in us]
    stats = {"quotes": 0, "quote_missing": 0, "facts": 0, "facts_no_unit": 0}
    for f in FIELDS:
        want = page["label"].get(f)
        if want is None:
            continue
        stats["facts"] += 1
        quotes = evidence.get(f) or []
        if not quotes:                      # no evidence for a labelled fact: unknown for f
            for y in ys:
                y[f] = None
            stats["facts_no_unit"] += 1
            continue
        qspans = []
        for q in quotes:
            nq = collapse(q.get("quote", ""))
            stats["quotes"] += 1
            nc = collapse(q.get("context", ""))
            occ = []
            start = norm.find(nq) if nq else -1
            while start >= 0:
                occ.append(start)
                start = norm.find(nq, start + 1)
            if len(occ) > 1 and nc:         # a short quote ("Yes") found twice: the one its
                gaps = []                   # marked context most closely precedes
                for o in occ:
                    c = norm.rfind(nc, 0, o + len(nq))
                    if c >= 0:
                        gaps.append((o - c, o))
                if gaps:
                    occ = [min(gaps)[1]]
            qspans += [(o, o + len(nq), nc) for o in occ]
            stats["quote_missing"] += not occ
        pos = 0
        for i, sp_ in enumerate(spans):
            if sp_ is None:
                ys[i][f] = None
                continue
            a, b = sp_
            for qa, qb, qc in qspans:
                if (qa <= a and b <= qb) or (a <= qa and qb <= b):
                    ys[i][f] = probe.to_class(f, want)
                    if qc and CTX == "marked":
                        ctxs[i] = qc
                    pos += 1
                    break
                if a < qb and qa < b:       # overlaps only: left out for f
                    ys[i][f] = None
        stats["facts_no_unit"] += pos == 0
    rows = [{"s": s, "c": c, "g": f"{page['set']}/{page['pid']}", "y": y}
            for (s, _), c, y in zip(us, ctxs, ys, strict=True)]
    return rows, stats


def table_rows(variants: list[dict], snippets: list[dict]) -> list[dict]:
    """Round one's rows from variant tables and devset snippets (the last unit carries the
    label; earlier units are unknown for a labelled field; unlisted fields are negatives)."""
    rows = []
    for kind, items in (("variants", variants), ("snippets", snippets)):
        for k, it in enumerate(items):
            us = probe.units(it["text"]) or [(it["text"].strip(), "")]
            want = it["want"]
            for i, (s, c) in enumerate(us):
                last = i == len(us) - 1
                y = {}
                for f in FIELDS:
                    if f in want:
                        y[f] = probe.to_class(f, want[f]) if last else (
                            NONE if want[f] is None else None)
                    else:
                        y[f] = NONE
                rows.append({"s": s, "c": c, "g": f"{kind}{k}", "y": y})
    return rows


def run_rules(tree: Path, paths: list[str], python: str) -> dict:
    """The rules tree's records of the pages + its variant tables and devset snippets."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "rules.json"
        r = subprocess.run([python, str(HERE / "r2_rules.py"), str(out), *paths], cwd=tree,
                           capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(f"rules tree {tree} failed: {r.stderr.strip().splitlines()[-1:]}")
        return json.loads(out.read_text())


# ---------------------------------------------------------------- model
class Filler:
    def fit(self, rows: list[dict]) -> Filler:
        self.w = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        self.cw = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        self.w.fit([r["s"] for r in rows])
        self.cw.fit([r["c"] for r in rows])
        X = self._X([r["s"] for r in rows], [r["c"] for r in rows])
        self.classes, self.none_col, coefs, biases = {}, {}, [], []
        col = 0
        for f in FIELDS:
            idx = [i for i, r in enumerate(rows) if r["y"].get(f) is not None]
            y = [rows[i]["y"][f] for i in idx]
            if len(set(y)) < 2:
                continue
            m = LogisticRegression(C=C, max_iter=3000).fit(X[idx], y)
            cls = list(m.classes_)
            coef, b = m.coef_, m.intercept_
            if len(cls) == 2:                 # binary: sklearn keeps one row; make it softmax
                coef = np.vstack([-coef[0] / 2, coef[0] / 2])
                b = np.array([-b[0] / 2, b[0] / 2])
            self.classes[f] = (col, cls)
            self.none_col[f] = cls.index(NONE)
            coefs.append(coef)
            biases.append(b)
            col += len(cls)
        self.W = np.ascontiguousarray(np.vstack(coefs).T)     # features x all classes
        self.b = np.concatenate(biases)
        self.block_fields = list(self.classes)
        self.starts = np.array([self.classes[f][0] for f in self.block_fields])
        self.block_of = np.repeat(np.arange(len(self.block_fields)),
                                  [len(self.classes[f][1]) for f in self.block_fields])
        self.none_cols = [self.classes[f][0] + self.none_col[f] for f in self.block_fields]
        self.field_bit = np.array([FIELDS.index(f) for f in self.block_fields])
        return self

    def _Z(self, sents, ctxs):
        """self._X(sents, ctxs) @ self.W + self.b without building the sparse matrix: each
        unit's logits are the tf-idf-weighted sum of its n-grams' weight rows (each distinct
        context is vectorised once). The same numbers as the sparse product (r2_speed.py
        asserts it)."""
        nw = len(self.w.vocabulary_)
        Z = _dense_logits(self.w.vocabulary_, self.w.idf_, self.W[:nw], sents)
        uniq = {d: k for k, d in enumerate(dict.fromkeys(ctxs))}
        Zc = _dense_logits(self.cw.vocabulary_, self.cw.idf_, self.W[nw:], list(uniq))
        return Z + 0.5 * Zc[[uniq[d] for d in ctxs]] + self.b

    def _X(self, sents, ctxs):
        """Sentence TF-IDF | 0.5 x context TF-IDF, one CSR matrix."""
        return _tfidf2(self.w, sents, self.cw, ctxs)

    def scores(self, text: str, fields=FIELDS, units=None, floor: float = FLOOR) -> dict:
        """field -> (p, value, support). support: the best non-none class probability over the
        field's anchor units (0.0 when none qualifies). (p, value): the most probable
        (unit, class) among the top TOPK whose value can be read from the unit, looked for only
        when support >= floor (below every fill threshold tried); else (0.0, None)."""
        us = probe.units(text) if units is None else units
        want = 0
        for k, f in enumerate(FIELDS):
            if f in fields and f in self.classes:
                want |= 1 << k
        out = {f: (0.0, None, 0.0) for f in fields if f in self.classes}
        keep, masks, cache = [], [], {}
        get = _TOKEN_MASK.get
        for i, (s, c) in enumerate(us):
            cm = cache.get(c)
            if cm is None:
                m = 0
                for t in set(_TOKEN.findall(c.lower())):
                    m |= get(t, 0)
                cm = cache[c] = m
            ts = _TOKEN.findall(s.lower())
            m = cm
            for t in ts:
                m |= get(t, 0)
            m &= want
            if m:
                keep.append(i)
                masks.append(m)
        if not keep:
            return out
        Z = self._Z([us[i][0] for i in keep], [us[i][1] for i in keep])
        E = np.exp(Z - Z.max(axis=1, keepdims=True))
        S = np.add.reduceat(E, self.starts, axis=1)            # units x fields-with-a-model
        P = E / np.maximum(S, 1e-300)[:, self.block_of]
        P[:, self.none_cols] = 0.0
        bits = (np.array(masks)[:, None] >> self.field_bit[None, :]) & 1   # units x fields
        P *= bits[:, self.block_of]
        support = np.maximum.reduceat(P, self.starts, axis=1).max(axis=0)
        for bi, f in enumerate(self.block_fields):
            if not want >> FIELDS.index(f) & 1:
                continue
            sup = float(support[bi])
            best = (0.0, None, sup)
            if sup >= floor:
                col, cls = self.classes[f]
                B = P[:, col:col + len(cls)]
                flat = np.argsort(-B, axis=None)[:probe.TOPK]
                for r, j in zip(*np.unravel_index(flat, B.shape), strict=True):
                    if B[r, j] <= 0.0:
                        break
                    v = probe.from_class(f, cls[j], *us[keep[r]])
                    if v is not None:
                        best = (float(B[r, j]), v, sup)
                        break
            out[f] = best
        return out


_WORD = re.compile(r"(?u)\b\w\w+\b")       # TfidfVectorizer's default token_pattern


def _counts(vocab: dict, d: str, off: int, indices: list, data: list) -> None:
    toks = _WORD.findall(d.lower())
    counts: dict = {}
    get = vocab.get
    for g in toks:
        j = get(g)
        if j is not None:
            counts[j] = counts.get(j, 0) + 1
    for a, b in zip(toks, toks[1:], strict=False):
        j = get(f"{a} {b}")
        if j is not None:
            counts[j] = counts.get(j, 0) + 1
    indices.extend(j + off for j in counts)
    data.extend(counts.values())


def _dense_logits(vocab: dict, idf, W, docs: list[str]):
    """(l2-normalised sublinear tf-idf of docs) @ W, as a dense (docs x classes) array."""
    indices, data, lens = [], [], []
    for d in docs:
        n0 = len(indices)
        _counts(vocab, d, 0, indices, data)
        lens.append(len(indices) - n0)
    out = np.zeros((len(docs), W.shape[1]))
    if not indices:
        return out
    idx = np.array(indices)
    val = (1.0 + np.log(np.array(data, dtype=float))) * idf[idx]
    lens = np.array(lens)
    rows = np.repeat(np.arange(len(docs)), lens)
    val /= np.sqrt(np.bincount(rows, weights=val ** 2, minlength=len(docs)))[rows]
    starts = np.concatenate([[0], np.cumsum(lens)[:-1]])
    nz = lens > 0
    out[nz] = np.add.reduceat(W[idx] * val[:, None], starts[nz], axis=0)
    return out


def _normalize(X, idf) -> None:
    """Sublinear tf x idf, then each row's l2 norm to 1, in place."""
    X.data = (1.0 + np.log(X.data)) * idf[X.indices]
    lens = np.diff(X.indptr)
    rows = np.repeat(np.arange(X.shape[0]), lens)
    norms = np.sqrt(np.bincount(rows, weights=X.data ** 2, minlength=X.shape[0]))
    X.data /= norms[rows]


def _csr(vocab, docs, off=0):
    indptr, indices, data = [0], [], []
    for d in docs:
        _counts(vocab, d, off, indices, data)
        indptr.append(len(indices))
    return sp.csr_matrix((np.array(data, dtype=float), np.array(indices, dtype=np.int32),
                          np.array(indptr, dtype=np.int32)),
                         shape=(len(docs), off + len(vocab)))


def _tfidf(vect: TfidfVectorizer, docs: list[str]):
    """vect.transform(docs) for a fitted word 1-2-gram, sublinear-tf, l2 TfidfVectorizer, without
    sklearn's per-call checks (the same matrix; r2_speed.py asserts it)."""
    X = _csr(vect.vocabulary_, docs)
    _normalize(X, vect.idf_)
    return X


def _tfidf2(v1, docs1, v2, docs2):
    """[v1.transform(docs1) | 0.5 * v2.transform(docs2)] as one CSR matrix; docs2 (contexts)
    repeat, so each distinct one is vectorised once."""
    X1 = _tfidf(v1, docs1)
    uniq = {d: k for k, d in enumerate(dict.fromkeys(docs2))}
    X2 = _tfidf(v2, list(uniq))[[uniq[d] for d in docs2]]
    X2.data *= 0.5
    return sp.hstack([X1, X2], format="csr")


def training_rows(rp_root: Path, sets, ev_branches, git_dir, tables: dict) -> tuple[list, dict]:
    rows, tot = [], {"pages": 0, "pages_no_evidence": 0, "quotes": 0, "quote_missing": 0,
                     "facts": 0, "facts_no_unit": 0}
    for name in sets:
        ev = load_evidence(rp_root, name, ev_branches, git_dir)
        for p in load_pages(rp_root, name):
            if p["pid"] not in ev:
                tot["pages_no_evidence"] += 1
                continue
            r, st = page_rows(p, ev[p["pid"]])
            rows += r
            tot["pages"] += 1
            for k, v in st.items():
                tot[k] += v
    if TABLES:
        rows += table_rows(tables["variants"], tables["snippets"])
    return rows, tot


def fill(rules: dict, sc: dict, thr: float) -> dict:
    """Rules first; a field the rules leave null takes the model's value if p >= thr."""
    out = dict(rules)
    for f, (s, v, _) in sc.items():
        if out.get(f) is None and v is not None and s >= thr:
            out[f] = v
    return out
