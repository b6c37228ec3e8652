"""Per-field precision / recall of extracted values against labelled truth (dev set, sampleweb).

A field counts as a true positive when both sides are non-null and equal, a false positive
when we say something the truth does not (null or a different value), and a false negative
when the truth says something we missed or got wrong. A wrong value is therefore both.
"""

from __future__ import annotations

from dataclasses import dataclass, field as dc_field

from eligibility.model import FIELDS


@dataclass
class Tally:
    tp: dict = dc_field(default_factory=lambda: {f: 0 for f in FIELDS})
    fp: dict = dc_field(default_factory=lambda: {f: 0 for f in FIELDS})
    fn: dict = dc_field(default_factory=lambda: {f: 0 for f in FIELDS})
    errors: list = dc_field(default_factory=list)

    def add(self, name: str, predicted: dict, truth: dict) -> None:
        for f in FIELDS:
            p, t = predicted.get(f), truth.get(f)
            if p is not None and t is not None and p == t:
                self.tp[f] += 1
                continue
            if p is not None:
                self.fp[f] += 1
            if t is not None:
                self.fn[f] += 1
            if p is not None or t is not None:
                self.errors.append((name, f, p, t))

    def field_scores(self, f: str) -> tuple[float, float, float]:
        return prf(self.tp[f], self.fp[f], self.fn[f])

    def micro(self) -> tuple[float, float, float]:
        return prf(sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values()))

    def table(self) -> str:
        lines = [f"{'field':22} {'tp':>4} {'fp':>4} {'fn':>4} {'prec':>6} {'rec':>6} {'f1':>6}"]
        for f in FIELDS:
            p, r, f1 = self.field_scores(f)
            lines.append(f"{f:22} {self.tp[f]:4} {self.fp[f]:4} {self.fn[f]:4} "
                         f"{p:6.3f} {r:6.3f} {f1:6.3f}")
        p, r, f1 = self.micro()
        lines.append(f"{'MICRO':22} {sum(self.tp.values()):4} {sum(self.fp.values()):4} "
                     f"{sum(self.fn.values()):4} {p:6.3f} {r:6.3f} {f1:6.3f}")
        return "\n".join(lines)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f1
