"""Raw Parquet outputs (INTERFACES.md §5): schemas and a batched writer that publishes a file
only when the crawl closes cleanly (written to `*.partial`, then renamed)."""

from __future__ import annotations

import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

TS = pa.timestamp("us", tz="UTC")

PAGES_SCHEMA = pa.schema(
    [
        ("run_id", pa.string()),
        ("program_id", pa.string()),
        ("requested_url", pa.string()),  # the URL asked for; final_url is where it ended after redirects
        ("final_url", pa.string()),
        ("status", pa.int32()),
        ("error", pa.string()),
        ("error_detail", pa.string()),
        ("etag", pa.string()),
        ("last_modified", pa.string()),
        ("fetched_at", TS),
        ("content_type", pa.string()),
        ("encoding", pa.string()),
        ("content_hash", pa.string()),
        ("body", pa.binary()),
        ("body_codec", pa.string()),
        ("body_bytes", pa.int64()),
        ("not_modified", pa.bool_()),
        ("skipped", pa.bool_()),
        ("changed", pa.bool_()),
        ("reason", pa.string()),
        ("depth", pa.int32()),
        ("text", pa.string()),
        ("kind", pa.string()),
    ]
)

DIRECTORY_PAGES_SCHEMA = pa.schema(
    [
        ("run_id", pa.string()),
        ("url", pa.string()),
        ("status", pa.int32()),
        ("fetched_at", TS),
        ("body", pa.string()),
        ("specialty_code", pa.string()),
        ("meta_count", pa.int64()),
        ("programs_on_page", pa.int32()),
    ]
)

DIRECTORY_PROGRAMS_SCHEMA = pa.schema(
    [
        ("run_id", pa.string()),
        ("program_id", pa.string()),
        ("name", pa.string()),
        ("specialty_code", pa.string()),
        ("specialty", pa.string()),
        ("institution", pa.string()),
        ("city", pa.string()),
        ("state", pa.string()),
        ("setting", pa.string()),
        ("website", pa.string()),
        ("first_year_positions", pa.int32()),
        ("pct_img", pa.float64()),
        ("pct_do", pa.float64()),
        ("pct_usmd", pa.float64()),
        ("visa_statuses", pa.list_(pa.string())),
        ("min_step1", pa.int32()),
        ("min_step2ck", pa.int32()),
        ("min_comlex2", pa.int32()),
        ("yog_max_years", pa.int32()),
        ("interviews_conducted", pa.int32()),
        ("participates_in_eras", pa.bool_()),
        ("accepting_applications", pa.bool_()),
        ("survey_year", pa.int32()),
        ("basic_listing", pa.bool_()),
        ("changed_at", pa.string()),  # when the directory last changed the node (Drupal `changed`)
        ("source_url", pa.string()),
        ("fetched_at", TS),
    ]
)


def incomplete_path(path: Path | str) -> Path:
    """Where an interrupted crawl keeps what it wrote: beside its output, under a name no loader
    mistakes for it (`<stem>.incomplete<suffix>`)."""
    path = Path(path)
    return path.with_name(f"{path.stem}.incomplete{path.suffix}")


class BatchedParquetWriter:
    """Appends rows in batches (one row group per batch) so a crawl never holds every
    body in memory; `commit()` publishes the file, `abort()` leaves nothing behind."""

    def __init__(self, path: Path | str, schema: pa.Schema, batch_rows: int = 2000, resolve=None):
        self.path = Path(path)
        self.partial = self.path.with_name(self.path.name + ".partial")
        self.schema = schema
        self.batch_rows = batch_rows
        self.rows: list[dict] = []
        self.count = 0
        self.resolve = resolve  # turns deferred values (PDF text being extracted) into values
        self._writer: pq.ParquetWriter | None = None

    def add(self, row: dict) -> None:
        self.rows.append(row)
        self.count += 1
        if len(self.rows) >= self.batch_rows:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        if self._writer is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # bodies are gzip already: compressing them again costs CPU for nothing
            compression = {name: ("none" if name == "body" and self.schema.field(name).type == pa.binary() else "zstd")
                           for name in self.schema.names}
            self._writer = pq.ParquetWriter(self.partial, self.schema, compression=compression)
        if self.resolve is not None:
            for row in self.rows:
                row["text"] = self.resolve(row.get("text"))
        table = pa.Table.from_pylist(self.rows, schema=self.schema)
        self._writer.write_table(table)
        self.rows = []

    def commit(self) -> Path:
        self.flush()
        if self._writer is None:  # no rows: still publish an empty, typed file
            self.path.parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(self.schema.empty_table(), self.partial)
        else:
            self._writer.close()
            self._writer = None
        os.replace(self.partial, self.path)
        return self.path

    def abort(self) -> None:
        self.rows = []
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        self.partial.unlink(missing_ok=True)
