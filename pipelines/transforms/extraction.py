"""Run the eligibility extractor over stored pages, re-extracting only content it has not seen.

Results are cached by (content hash, extractor version): a page whose content did not change
is never re-read, and a new extractor version (any change to the `eligibility` package's
code) re-reads everything from the raw store without a re-crawl.

The cache holds only what does not depend on the day: its `stale` is the date-independent
part (retired exams, a numeric Step 1 minimum). Whether a deadline year is long past is
decided when facts are selected (`core.website_facts`, with an as-of date), so a deadline
current when a page was first read is marked stale in a later year without a re-read.
A page over the extractor's per-page budget is cached as its marker row with value
"oversize" and the reason as evidence: its facts are unknown and the refresh goes on.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Callable, Iterable
from datetime import date
from functools import cache
from pathlib import Path

import polars as pl

from pipelines.transforms.fields import to_text

FACT_SCHEMA: dict[str, pl.DataType] = {
    "content_hash": pl.String,
    "extractor_version": pl.String,
    "field": pl.String,  # NULL on a page's marker row (value "oversize" if it was not read)
    "value": pl.String,
    "strictness": pl.String,
    "condition": pl.String,
    "evidence": pl.String,
    "stale": pl.Boolean,
    "page_chosen": pl.Boolean,  # this fact decided the page's value for its field
}


@cache
def extractor_version() -> str:
    """A digest of the extractor's source: changes whenever its behaviour may change."""
    import eligibility

    digest = hashlib.sha256()
    root = Path(eligibility.__file__).parent
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def page_content(row: dict) -> tuple[str | bytes | None, str | None]:
    """The text to read from a stored page: PDF text if any, else the decompressed, decoded body."""
    if row.get("text"):
        return row["text"], "text/plain"
    body = row.get("body")
    if body is None:
        return None, None
    if row.get("body_codec") == "gzip":
        body = gzip.decompress(body)
    if row.get("encoding"):
        # the crawler worked out the charset the body really decodes with (pages often mislabel it)
        try:
            return body.decode(row["encoding"]), row.get("content_type")
        except (LookupError, UnicodeDecodeError):
            pass
    return body, row.get("content_type")


def _extract_rows(rows: Iterable[dict], version: str) -> list[dict]:
    from eligibility import extract_page

    out: list[dict] = []
    for row in rows:
        content, content_type = page_content(row)
        base = {"content_hash": row["content_hash"], "extractor_version": version}
        marker = {**base, "field": None}  # marker: this content has been read
        out.append(marker)
        if not content:
            continue
        # date.min: no deadline is past yet, so `stale` is only the date-independent part.
        result = extract_page(content, content_type=content_type, url=row["requested_url"], today=date.min)
        if result.oversize:
            marker.update(value="oversize", evidence=result.oversize)
            continue
        chosen = {id(result.chosen(name)) for name in result.values}
        out.extend(
            {
                **base,
                "field": f.field,
                "value": to_text(f.value),
                "strictness": f.strictness,
                "condition": f.condition,
                "evidence": f.evidence,
                "stale": bool(f.stale),
                "page_chosen": id(f) in chosen,
            }
            for f in result.facts
        )
    return out


def oversize_pages(cache_frame: pl.DataFrame) -> pl.DataFrame:
    """content_hash and reason of every cached page that was over the per-page budget."""
    return cache_frame.filter(pl.col("field").is_null() & (pl.col("value") == "oversize")).select(
        "content_hash", pl.col("evidence").alias("reason"))


def extract_new(pages: pl.DataFrame, cache_frame: pl.DataFrame | None,
                progress: Callable[[str], None] | None = None) -> tuple[pl.DataFrame, int]:
    """Extend the fact cache with every page content not yet read by this extractor version.

    Returns (cache, pages_extracted_now). `progress(line)` gets a progress line every few seconds.
    """
    version = extractor_version()
    if cache_frame is None or cache_frame.height == 0:
        cache_frame = pl.DataFrame(schema=FACT_SCHEMA)
    cache_frame = cache_frame.filter(pl.col("extractor_version") == version)
    seen = set(cache_frame["content_hash"].unique().to_list())
    todo = pages.filter(pl.col("content_hash").is_not_null() & ~pl.col("content_hash").is_in(list(seen)))
    todo = todo.unique(subset="content_hash", keep="first")
    rows = todo.iter_rows(named=True)
    if progress is not None:
        from scrapers.progress import counted

        rows = counted(rows, todo.height, "extraction", "pages", progress)
    new_rows = _extract_rows(rows, version)
    new = pl.DataFrame(new_rows, schema=FACT_SCHEMA) if new_rows else pl.DataFrame(schema=FACT_SCHEMA)
    return pl.concat([cache_frame, new]), todo.height


def page_facts(staged_pages: pl.DataFrame, cache_frame: pl.DataFrame) -> pl.DataFrame:
    """One row per (page, extracted fact) for the pages in staging."""
    facts = cache_frame.filter(pl.col("field").is_not_null()).drop("extractor_version")
    return staged_pages.select("program_id", "url", "content_hash", "page_kind", "fetched_at").join(
        facts, on="content_hash", how="inner"
    ).select(
        "program_id", "url", "content_hash", "page_kind", "field", "value", "strictness", "condition",
        "evidence", "stale", "page_chosen", "fetched_at",
    ).sort("program_id", "url", "field")
