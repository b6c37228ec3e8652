"""When a fact is stale: its evidence names a retired exam, or a deadline year long past.

Two parts, so a cache can keep the first and a reader apply the second on the day it reads:
- `fixed_stale(evidence, field)` does not depend on the date (retired exams, a numeric
  Step 1 minimum, legacy since Step 1 went pass/fail in 2022);
- `dated_stale(evidence, field, as_of)`: for deadline-like fields (ECFMG timing, H-1B, the
  graduation limit) the latest year the evidence names is two or more years before `as_of`.
A deadline current when a page was first read becomes stale in a later year only through
the second part, computed when facts are selected (`pipelines.transforms.core`).
"""

from __future__ import annotations

import re

from eligibility.prefilter import compile as prefiltered
from datetime import date

RETIRED_RAW = re.compile(r"\bstep\s*2\s*(?:cs|clinical skills)\b|\bcsa\b|\blevel\s*2[\s-]*pe\b|"
                         r"\bclinical skills assessment\b", re.I)
YEAR = re.compile(r"\b(?:19[89]\d|20[0-4]\d)\b")
_RETIRED_EVIDENCE = prefiltered(RETIRED_RAW.pattern, RETIRED_RAW.flags)    # (same answers, prefiltered)
DATED_FIELDS = frozenset({"ecfmg_cert_required", "h1b_visa", "yog_max_years"})


def fixed_stale(evidence: str, field: str) -> bool:
    return bool(_RETIRED_EVIDENCE.search(evidence)) or field == "min_step1"


def latest_year(evidence: str, field: str) -> int | None:
    if field not in DATED_FIELDS:
        return None
    years = [int(y) for y in YEAR.findall(evidence)]
    return max(years) if years else None


def dated_stale(evidence: str, field: str, as_of: date) -> bool:
    year = latest_year(evidence, field)
    return year is not None and year <= as_of.year - 2


def is_stale(evidence: str, field: str, as_of: date) -> bool:
    return fixed_stale(evidence, field) or dated_stale(evidence, field, as_of)
