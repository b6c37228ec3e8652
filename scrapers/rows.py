"""Row constructors for the raw pages file (one row per fetch attempt, PAGES_SCHEMA): a fresh
row from a response, a row carried over from the previous run, and the change rule."""

from __future__ import annotations

from datetime import UTC, datetime

from scrapers.output import PAGES_SCHEMA


def header(response, name: bytes) -> str | None:
    """The last value of a response header, as text (None when absent or empty). What
    `response.headers.get(name)` returns, read from the dict Scrapy's `Headers` is (keys are
    stored title-cased) without its per-call key and default normalisation."""
    if response is None:
        return None
    values = dict.get(response.headers, name.title())
    value = values[-1] if values else None
    return value.decode("latin-1") if value else None


def fetch_row(run_id: str, meta, requested: str, response) -> dict:
    """A row for one fetch of `requested` (the URL asked for, before redirects); the caller
    fills body, kind and error."""
    return {
        "run_id": run_id,
        "program_id": meta.get("program_id"),
        "requested_url": requested,
        "final_url": response.url if response is not None else None,
        "status": response.status if response is not None else 0,
        "error": None,
        "error_detail": None,
        "etag": header(response, b"ETag"),
        "last_modified": header(response, b"Last-Modified"),
        "fetched_at": datetime.now(UTC),
        "content_type": None,
        "encoding": None,
        "content_hash": None,
        "body": None,
        "body_codec": None,
        "body_bytes": None,
        "not_modified": False,
        "skipped": False,
        "changed": None,
        "reason": meta.get("reason"),
        "depth": meta.get("depth"),
        "text": None,
        "kind": "page",
    }


def carried_row(previous: dict, run_id: str, **changes) -> dict:
    """The previous run's row, as this run's (every column of PAGES_SCHEMA, then `changes`)."""
    row = {name: previous.get(name) for name in PAGES_SCHEMA.names}
    row["run_id"] = run_id
    row.update(changes)
    return row


def content_changed(status: int, content_hash: str | None, previous: dict | None) -> bool:
    """Whether this fetch changes what the program's pages say (drives re-extraction).

    New or different content: yes. A page that answered before and is now gone (404/410):
    yes, its facts no longer stand. A failure (5xx, 429, ...): no -- the last good copy
    stays and goes stale downstream instead of being replaced by an error page."""
    if status == 200:
        return previous is None or previous.get("content_hash") != content_hash
    if status in (404, 410):
        return previous is not None
    return False
