"""Small hand-made core.programs / core.program_facts / indicator frames for the recommendation tests."""

from __future__ import annotations

from datetime import datetime, timezone

import polars as pl

from pipelines.transforms.core import FACT_COLUMNS

SEEN = datetime(2026, 11, 20, tzinfo=timezone.utc)
PROGRAM_SCHEMA = {
    "program_id": pl.String, "name": pl.String, "specialty_code": pl.String, "institution": pl.String,
    "city": pl.String, "state": pl.String, "setting": pl.String, "website": pl.String, "pct_img": pl.Float64, "accepts_imgs": pl.Boolean,
    "j1_visa": pl.String, "h1b_visa": pl.String, "min_step2ck": pl.Int32, "min_step1": pl.Int32, "min_comlex2": pl.Int32,
    "score_minimum_policy": pl.String, "attempts_policy": pl.String, "yog_max_years": pl.Int32, "usce": pl.String,
    "ecfmg_cert_required": pl.String, "holistic_review": pl.Boolean, "comlex_accepted": pl.Boolean,
    "website_facts_stale": pl.Boolean, "conflicting_fields": pl.List(pl.String),
    "updated_at": pl.Datetime("us", "UTC"),
}
FIELD_COLUMNS = ("accepts_imgs", "j1_visa", "h1b_visa", "min_step2ck", "min_step1", "min_comlex2", "score_minimum_policy",
                 "attempts_policy", "yog_max_years", "usce", "ecfmg_cert_required", "holistic_review", "comlex_accepted")


class World:
    """Programs and the facts behind them: each stated field gets a selected website fact with a quote."""

    def __init__(self) -> None:
        self.rows: list[dict] = []
        self.facts: list[dict] = []

    def program(self, pid: str, evidence: dict[str, str] | None = None, preferred: dict[str, int] | None = None, **fields) -> str:
        row = {k: None for k in PROGRAM_SCHEMA} | {
            "program_id": pid, "name": f"Program {pid}", "specialty_code": pid[:3], "city": "Town", "state": "NY",
            "website_facts_stale": False, "conflicting_fields": [], "updated_at": SEEN, "pct_img": 30.0,
        } | fields
        self.rows.append(row)
        evidence = evidence or {}
        for f in FIELD_COLUMNS:
            if row[f] is None:
                continue
            value = row[f]
            text = "true" if value is True else "false" if value is False else str(value)
            self.facts.append(self._fact(pid, f, text, "hard", evidence.get(f, f"page says {f} = {text}"), True,
                                         condition=evidence.get(f) if f == "h1b_visa" else None))
        for f, score in (preferred or {}).items():
            self.facts.append(self._fact(pid, f, str(score), "preferred", f"competitive applicants score {score}+", False))
        return pid

    def _fact(self, pid, field, value, strictness, evidence, selected, condition=None) -> dict:
        return {"program_id": pid, "field": field, "value": value, "strictness": strictness, "condition": condition,
                "source": "website", "url": f"http://{pid}.test/eligibility", "evidence": evidence, "stale": False,
                "selected": selected, "seen_at": SEEN}

    def frames(self) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
        programs = pl.DataFrame(self.rows, schema=PROGRAM_SCHEMA, orient="row")
        fact_schema = {c: pl.String for c in FACT_COLUMNS} | {
            "stale": pl.Boolean, "selected": pl.Boolean, "seen_at": pl.Datetime("us", "UTC")}
        facts = pl.DataFrame(self.facts, schema=fact_schema, orient="row")
        indicators = programs.select(
            "program_id", pl.lit(50.0).alias("img_friendliness"), pl.lit(50.0).alias("holistic_review"),
            pl.lit(1.0).alias("coverage"))
        return programs, facts, indicators
