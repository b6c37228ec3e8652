"""The previous crawl's raw pages, as the starting point of an incremental refresh."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq

from scrapers.content import decompress_body

_COLUMNS = [
    "program_id", "url", "final_url", "status", "etag", "last_modified", "content_type",
    "encoding", "content_hash", "body", "body_codec", "reason", "depth", "text", "kind",
]


@dataclass
class PreviousCrawl:
    """Last good fetch per URL (what conditional requests and carried-over bodies need)."""

    pages: dict[str, dict] = field(default_factory=dict)  # url -> row (body still compressed)
    by_program: dict[str, list[str]] = field(default_factory=dict)  # program -> urls, by depth
    robots: dict[str, dict] = field(default_factory=dict)  # robots.txt url -> row

    @classmethod
    def load(cls, path: Path | str | None) -> PreviousCrawl:
        if not path:
            return cls()
        path = Path(path)
        if not path.exists():
            raise FileNotFoundError(f"--previous {path} does not exist")
        schema_names = set(pq.read_schema(path).names)
        table = pq.read_table(path, columns=[c for c in _COLUMNS if c in schema_names])
        previous = cls()
        for row in table.to_pylist():
            status = row.get("status")
            if status not in (200, 304) or row.get("body") is None:
                continue
            if row.get("kind") == "robots":
                previous.robots[row["url"]] = row
                continue
            previous.pages[row["url"]] = row
        for url, row in sorted(previous.pages.items(), key=lambda kv: (kv[1].get("depth") or 0, kv[0])):
            previous.by_program.setdefault(row.get("program_id"), []).append(url)
        for row in previous.robots.values():
            row["body_bytes"] = decompress_body(row["body"], row.get("body_codec"))
        return previous

    def validators(self, url: str) -> dict | None:
        row = self.pages.get(url)
        if row and (row.get("etag") or row.get("last_modified")):
            return row
        return None
