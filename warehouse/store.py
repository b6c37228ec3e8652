"""The run store: every raw and state file the pipeline keeps under its data dir, named once here.

Layout under the data dir (`GME_DATA_DIR`, default `<repo>/data`):

    raw/runs/<run_id>/            one folder per Dagster run that crawled
        directory_pages.parquet   directory API pages as fetched (person nodes removed)
        directory_programs.parquet  programs parsed from them
        pages.parquet             program website fetches (one shard: the shard's own file, moved here)
        shard_<i>/                one website crawl process's programs, pages and metrics
        sample_web.url            the sample web started for the run (if any)
    raw/directory.LATEST          newest COMPLETE directory crawl (a run folder)
    raw/pages.LATEST              newest COMPLETE website crawl
    state/pages_last_good.parquet last good copy of every page (with bodies): the crawl's conditional
                                  requests and staging's carry-over read it; it moves only on publish
    state/pages_candidate.parquet the last-good store a run staged, promoted on publish (a rename)
    state/extract_cache.parquet   extractor output per content hash and extractor version
    state/merge_cache.parquet     core's merge choices per program and hash of the merge's input
    state/published_programs.parquet  core.programs as last published (history diffs against it)
    state/refreshes.parquet       meta.refreshes, as published
    state/program_fact_changes.parquet, page_changes.parquet, program_changes.parquet
                                  history.* as published (warehouse/history.py appends to them)
    state/page_state.parquet      every page's last published state (history's page changes)
    state/published_facts.parquet the selected facts as last published (history's quotes)
    assets/<schema>/<table>.parquet   asset values (the Parquet IO manager)
    refresh.lock                  held by the refresh that is writing (fcntl)

A pointer moves only to a complete crawl: `mark_complete` is called after the crawl process
exited 0 and its files were committed; a crawl that fails never moves it. Writes are atomic
(a temporary file, then `os.replace`). No Dagster here: the pipeline's IO managers and resources
call this module.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import shutil
import socket
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import polars as pl

from warehouse.paths import data_dir

DIRECTORY, PAGES = "directory", "pages"
KINDS = (DIRECTORY, PAGES)

DIRECTORY_PAGES_FILE = "directory_pages.parquet"
DIRECTORY_PROGRAMS_FILE = "directory_programs.parquet"
PAGES_FILE = "pages.parquet"
SHARD_PROGRAMS_FILE = "programs.parquet"
SHARD_METRICS_FILE = "metrics.json"
SAMPLE_WEB_FILE = "sample_web.url"

LAST_GOOD = "pages_last_good"
CANDIDATE = "pages_candidate"
EXTRACT_CACHE = "extract_cache"
MERGE_CACHE = "merge_cache"
PUBLISHED_PROGRAMS = "published_programs"
REFRESHES = "refreshes"
# history's state (warehouse/history.py reads and rewrites these at each publish, by these names)
FACT_CHANGES = "program_fact_changes"
PAGE_CHANGES = "page_changes"
PROGRAM_CHANGES = "program_changes"
PAGE_STATE = "page_state"
PUBLISHED_FACTS = "published_facts"
HISTORY_STATE = (FACT_CHANGES, PAGE_CHANGES, PROGRAM_CHANGES, PAGE_STATE, PUBLISHED_FACTS)
STATE_FILES = (LAST_GOOD, CANDIDATE, EXTRACT_CACHE, MERGE_CACHE, PUBLISHED_PROGRAMS, REFRESHES, *HISTORY_STATE)

LOCK_FILE = "refresh.lock"
KEEP_RUNS = 3  # run folders kept by prune() (the ones the pointers name are always kept)


class StoreError(RuntimeError):
    """Something the store needs is missing (e.g. no complete crawl yet); the message says what to run."""


class RefreshLocked(RuntimeError):
    """Another refresh holds this data dir's lock; the message names the holder."""


def write_parquet_atomic(frame: pl.DataFrame, path: Path, compression: str = "zstd") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    frame.write_parquet(tmp, compression=compression)
    os.replace(tmp, path)
    return path


def write_text_atomic(text: str, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path


@dataclass(frozen=True)
class CrawlRun:
    """One complete crawl's folder; frames are read when asked for (nothing is read to pass it on)."""

    folder: Path

    @property
    def run_id(self) -> str:
        return self.folder.name

    # the files a crawl writes (the pipeline passes them to the crawl process as its outputs)
    @property
    def directory_pages_path(self) -> Path:
        return self.folder / DIRECTORY_PAGES_FILE

    @property
    def directory_programs_path(self) -> Path:
        return self.folder / DIRECTORY_PROGRAMS_FILE

    @property
    def pages_path(self) -> Path:
        return self.folder / PAGES_FILE

    def directory_programs(self) -> pl.DataFrame:
        return pl.read_parquet(self.directory_programs_path)

    def directory_pages(self, columns: list[str] | None = None) -> pl.DataFrame:
        return pl.read_parquet(self.directory_pages_path, columns=columns)

    def pages(self, columns: list[str] | None = None) -> pl.DataFrame:
        return pl.read_parquet(self.pages_path, columns=columns)


@dataclass(frozen=True)
class Shard:
    """One website crawl process's folder: its programs in, its pages and metrics out."""

    folder: Path

    @property
    def programs_path(self) -> Path:
        return self.folder / SHARD_PROGRAMS_FILE

    @property
    def pages_path(self) -> Path:
        return self.folder / PAGES_FILE

    def write_programs(self, programs: pl.DataFrame) -> None:
        write_parquet_atomic(programs, self.programs_path)

    def write_metrics(self, metrics: dict) -> None:
        write_text_atomic(json.dumps(metrics, sort_keys=True, default=str), self.folder / SHARD_METRICS_FILE)

    def metrics(self) -> dict:
        return json.loads((self.folder / SHARD_METRICS_FILE).read_text(encoding="utf-8"))


class RunStore:
    """Raw run folders, the newest-complete pointers and the state that carries over between runs."""

    def __init__(self, root: Path | str | None = None):
        self.root = Path(root).resolve() if root else data_dir()

    # ---- layout -------------------------------------------------------------------------
    @property
    def raw_dir(self) -> Path:
        return self.root / "raw"

    @property
    def runs_dir(self) -> Path:
        return self.raw_dir / "runs"

    @property
    def state_dir(self) -> Path:
        return self.root / "state"

    @property
    def assets_dir(self) -> Path:
        return self.root / "assets"

    @property
    def lock_path(self) -> Path:
        return self.root / LOCK_FILE

    def asset_path(self, *key: str) -> Path:
        """Where the Parquet IO manager keeps an asset's frame (`assets/<schema>/<table>.parquet`)."""
        return self.assets_dir.joinpath(*key).with_suffix(".parquet")

    def _state(self, name: str) -> Path:
        if name not in STATE_FILES:  # every state file is named above, nowhere else
            raise ValueError(f"unknown state {name!r} (the run store names every state file: {', '.join(STATE_FILES)})")
        return self.state_dir / f"{name}.parquet"

    def _pointer(self, kind: str) -> Path:
        if kind not in KINDS:
            raise ValueError(f"unknown crawl kind {kind!r}")
        return self.raw_dir / f"{kind}.LATEST"

    def run_dir(self, run_id: str) -> Path:
        path = self.runs_dir / run_id
        path.mkdir(parents=True, exist_ok=True)
        return path

    def shard(self, run_id: str, index: int) -> Shard:
        folder = self.run_dir(run_id) / f"shard_{index}"
        folder.mkdir(parents=True, exist_ok=True)
        return Shard(folder)

    # ---- crawls ---------------------------------------------------------------------------
    def latest(self, kind: str) -> CrawlRun:
        """The newest complete crawl of `kind` (directory or pages)."""
        pointer = self._pointer(kind)
        if not pointer.exists():
            what = "raw/directory_pages" if kind == DIRECTORY else "raw/pages"
            raise StoreError(f"no complete {kind} crawl yet in {self.root}: run a full `gme refresh` first "
                             f"(materializes {what})")
        return CrawlRun(Path(pointer.read_text(encoding="utf-8").strip()))

    def has_complete(self, kind: str) -> bool:
        return self._pointer(kind).exists()

    def mark_complete(self, kind: str, run_id: str) -> CrawlRun:
        """Point `kind` at this run's folder: call only once the crawl exited 0 and its files exist."""
        run = CrawlRun(self.run_dir(run_id))
        needed = (DIRECTORY_PAGES_FILE, DIRECTORY_PROGRAMS_FILE) if kind == DIRECTORY else (PAGES_FILE,)
        missing = [name for name in needed if not (run.folder / name).exists()]
        if missing:
            raise StoreError(f"crawl {run_id} is not complete (missing {', '.join(missing)}): the pointer stays")
        write_text_atomic(str(run.folder), self._pointer(kind))
        return run

    def crawl_run(self, run_id: str) -> CrawlRun:
        """This run's folder (made if new): the directory crawl writes its files where it says."""
        return CrawlRun(self.run_dir(run_id))

    def join_shards(self, run_id: str, shards: list[Shard]) -> pl.DataFrame:
        """This run's pages file from its shards' files: one shard's file is moved (its bodies are
        not written again); several are concatenated. Returns the joined frame's row count frame."""
        target = self.run_dir(run_id) / PAGES_FILE
        shards = sorted(shards, key=lambda s: s.folder.name)
        if len(shards) == 1:
            os.replace(shards[0].pages_path, target)
        else:
            frames = [pl.read_parquet(s.pages_path) for s in shards]
            write_parquet_atomic(pl.concat(frames, how="diagonal_relaxed"), target)
        return pl.read_parquet(target, columns=["program_id"])

    # ---- the sample web a run uses ----------------------------------------------------------
    def record_sample_web(self, run_id: str, url: str) -> None:
        write_text_atomic(url, self.run_dir(run_id) / SAMPLE_WEB_FILE)

    def sample_web(self, run_id: str) -> str | None:
        path = self.runs_dir / run_id / SAMPLE_WEB_FILE
        return path.read_text(encoding="utf-8").strip() if path.exists() else None

    def forget_sample_web(self, run_id: str) -> None:
        (self.runs_dir / run_id / SAMPLE_WEB_FILE).unlink(missing_ok=True)

    # ---- state -----------------------------------------------------------------------------
    def read_state(self, name: str) -> pl.DataFrame | None:
        """A state frame by its name here (`REFRESHES`, history's `PAGE_STATE`...); None before the first."""
        path = self._state(name)
        return pl.read_parquet(path) if path.exists() else None

    _read_state = read_state

    @property
    def last_good_path(self) -> Path | None:
        """The last good pages store the crawler reads for conditional requests (None before the first publish)."""
        path = self._state(LAST_GOOD)
        if not path.exists():
            return None
        if "url" in (names := pl.read_parquet_schema(path)) and "requested_url" not in names:
            # kept before the raw pages' requested URL had that name: renamed once, in place
            write_parquet_atomic(pl.read_parquet(path).rename({"url": "requested_url"}), path)
        return path

    def last_good(self) -> pl.DataFrame | None:
        path = self.last_good_path
        return pl.read_parquet(path) if path is not None else None

    def stage_candidate(self, frame: pl.DataFrame) -> None:
        """The last-good store as this run staged it; it replaces the last good one only on publish.

        LZ4, not zstd: most of it is page bodies compressed already, which zstd spends twice the
        time on for 10% less file (about 0.2 s of every refresh at full size)."""
        write_parquet_atomic(frame, self._state(CANDIDATE), compression="lz4")

    def candidate(self) -> pl.DataFrame:
        path = self._state(CANDIDATE)
        if not path.exists():
            raise StoreError(f"no staged pages store in {self.state_dir}: materialize staging/pages first")
        return pl.read_parquet(path)

    def extract_cache(self) -> pl.DataFrame | None:
        return self._read_state(EXTRACT_CACHE)

    def write_extract_cache(self, frame: pl.DataFrame) -> None:
        write_parquet_atomic(frame, self._state(EXTRACT_CACHE))

    def merge_cache(self) -> pl.DataFrame | None:
        """Core's merge choices keyed by each program's merge input (pipelines/transforms/core.py)."""
        return self._read_state(MERGE_CACHE)

    def write_merge_cache(self, frame: pl.DataFrame) -> None:
        write_parquet_atomic(frame, self._state(MERGE_CACHE))

    def published_programs(self) -> pl.DataFrame | None:
        return self._read_state(PUBLISHED_PROGRAMS)

    def refreshes(self) -> pl.DataFrame | None:
        return self._read_state(REFRESHES)

    def commit_publish(self, programs: pl.DataFrame, refreshes: pl.DataFrame,
                       state: Mapping[str, pl.DataFrame] | None = None) -> None:
        """After the warehouse was swapped in: the staged pages store becomes the last good one
        (a rename, no copy of the bodies), and the published programs, meta and history's state
        frames (by their names here) carry over."""
        candidate = self._state(CANDIDATE)
        if not candidate.exists():
            raise StoreError(f"no staged pages store to promote in {self.state_dir}")
        os.replace(candidate, self._state(LAST_GOOD))
        write_parquet_atomic(programs, self._state(PUBLISHED_PROGRAMS))
        write_parquet_atomic(refreshes, self._state(REFRESHES))
        for name, frame in (state or {}).items():
            write_parquet_atomic(frame, self._state(name))

    # ---- housekeeping --------------------------------------------------------------------
    def prune(self, keep: int = KEEP_RUNS) -> list[Path]:
        """Remove all but the `keep` newest run folders; folders a pointer names are always kept."""
        if not self.runs_dir.exists():
            return []
        pinned = {Path(self._pointer(k).read_text(encoding="utf-8").strip()).name
                  for k in KINDS if self._pointer(k).exists()}
        runs = sorted((p for p in self.runs_dir.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True)
        removed = []
        for folder in runs[keep:]:
            if folder.name not in pinned:
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
        return removed

    def remove_partial_files(self, current_run_id: str | None = None) -> list[Path]:
        """Remove the half-written files a killed process left in the run folders and the state dir:
        a crawl's `*.partial` output (renamed into place only when the crawl closes) and the
        `.NAME.PID.tmp` of an atomic write. Files of `current_run_id`'s folder are kept.

        Call only while holding the refresh lock: then no other process writes these folders."""
        removed = []
        for base, patterns in ((self.runs_dir, ("*.partial", ".*.tmp")), (self.state_dir, (".*.tmp",))):
            if not base.exists():
                continue
            for pattern in patterns:
                for path in base.rglob(pattern):
                    if current_run_id and self.runs_dir / current_run_id in path.parents:
                        continue
                    if path.is_file():
                        path.unlink(missing_ok=True)
                        removed.append(path)
        return sorted(removed)

    # ---- the refresh lock ----------------------------------------------------------------
    @contextlib.contextmanager
    def refresh_lock(self, wait: bool = False, holder: str = "gme refresh") -> Iterator[None]:
        """Hold this data dir's refresh lock (fcntl) for the block; re-entrant within one process.

        With `wait=False` a lock held elsewhere raises RefreshLocked naming the holder."""
        key = str(self.lock_path)
        if key in _HELD:
            yield
            return
        self.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    raise
                raise RefreshLocked(f"another refresh is writing {self.root} ({self.lock_holder() or 'holder unknown'}); "
                                    "wait for it to finish or pass --wait") from None
            os.ftruncate(fd, 0)
            started = datetime.now(UTC).isoformat(timespec="seconds")
            os.write(fd, f"pid {os.getpid()} on {socket.gethostname()}, {holder}, since {started}\n".encode())
            _HELD.add(key)
            try:
                yield
            finally:
                _HELD.discard(key)
                os.ftruncate(fd, 0)
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def lock_holder(self) -> str:
        try:
            return self.lock_path.read_text(encoding="utf-8").strip()
        except OSError:
            return ""

    def locked_here(self) -> bool:
        return str(self.lock_path) in _HELD


_HELD: set[str] = set()  # lock files this process holds (the lock is re-entrant per process)

