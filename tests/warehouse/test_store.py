"""The run store: pointers move only to complete crawls, the staged pages store is promoted by a
rename, prune keeps what the pointers name, and the refresh lock keeps a second process out."""

import os
import subprocess
import sys
import time

import polars as pl
import pytest

from warehouse.store import PAGE_STATE, PAGES_FILE, RefreshLocked, RunStore, StoreError


def test_no_crawl_yet_says_what_to_run(tmp_path):
    with pytest.raises(StoreError, match="run a full `gme refresh` first"):
        RunStore(tmp_path).latest("pages")


def test_a_pointer_never_moves_to_an_incomplete_crawl(tmp_path):
    store = RunStore(tmp_path)
    (store.run_dir("run-a") / PAGES_FILE).write_bytes(b"")
    store.mark_complete("pages", "run-a")
    store.run_dir("run-b")  # a crawl that died before committing its file
    with pytest.raises(StoreError, match="not complete"):
        store.mark_complete("pages", "run-b")
    assert store.latest("pages").run_id == "run-a"


def test_publish_promotes_the_staged_store_by_a_rename_and_keeps_history_state(tmp_path):
    store = RunStore(tmp_path)
    staged = pl.DataFrame({"content_hash": ["a", "b"], "body": [b"x", b"y"]})
    store.stage_candidate(staged)
    inode = os.stat(store.state_dir / "pages_candidate.parquet").st_ino
    frame = pl.DataFrame({"n": [1]})
    store.commit_publish(frame, frame, {PAGE_STATE: frame})
    assert store.last_good().equals(staged)
    assert os.stat(store.last_good_path).st_ino == inode  # moved, not written again
    assert store.read_state(PAGE_STATE).equals(frame) and store.refreshes().equals(frame)
    with pytest.raises(StoreError):
        store.candidate()  # the next run stages its own


def test_a_state_name_the_store_does_not_know_is_refused(tmp_path):
    store = RunStore(tmp_path)
    store.stage_candidate(pl.DataFrame({"n": [1]}))
    with pytest.raises(ValueError, match="unknown state 'page_state.parquet'"):
        store.read_state("page_state.parquet")  # names come from the store, not typed out elsewhere
    with pytest.raises(ValueError, match="unknown state"):
        store.commit_publish(pl.DataFrame(), pl.DataFrame(), {"my_own_file": pl.DataFrame()})


def test_prune_keeps_the_newest_runs_and_every_run_a_pointer_names(tmp_path):
    store = RunStore(tmp_path)
    for i in range(6):
        folder = store.run_dir(f"run-{i}")
        (folder / PAGES_FILE).write_bytes(b"")
        os.utime(folder, (1000 + i, 1000 + i))
    store.mark_complete("pages", "run-0")  # the oldest is still the newest complete pages crawl
    os.utime(store.runs_dir / "run-0", (1000, 1000))
    removed = {p.name for p in store.prune(keep=2)}
    assert removed == {"run-1", "run-2", "run-3"}
    assert {p.name for p in store.runs_dir.iterdir()} == {"run-0", "run-4", "run-5"}


def test_half_written_files_of_dead_runs_are_removed_and_the_current_runs_kept(tmp_path):
    """A crawl killed with -9 leaves its `pages.parquet.partial` (issue 13's leftovers): the next run removes it."""
    store = RunStore(tmp_path)
    dead = store.shard("run-dead", 0).folder / (PAGES_FILE + ".partial")
    dead.write_bytes(b"half")
    dead_tmp = store.state_dir / ".page_state.parquet.123.tmp"
    dead_tmp.parent.mkdir(parents=True, exist_ok=True)
    dead_tmp.write_bytes(b"half")
    complete = store.run_dir("run-dead") / "directory_programs.parquet"
    complete.write_bytes(b"whole")
    current = store.shard("run-now", 0).folder / (PAGES_FILE + ".partial")
    current.write_bytes(b"being written")
    assert store.remove_partial_files("run-now") == sorted([dead, dead_tmp])
    assert not dead.exists() and not dead_tmp.exists()
    assert complete.read_bytes() == b"whole" and current.read_bytes() == b"being written"


def test_the_refresh_lock_keeps_a_second_process_out_and_names_the_holder(tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\nfrom warehouse.store import RunStore\n"
         f"with RunStore({str(tmp_path)!r}).refresh_lock(holder='test holder'):\n"
         "    print('held', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        store = RunStore(tmp_path)
        with pytest.raises(RefreshLocked, match=rf"pid {holder.pid} .*test holder"):
            with store.refresh_lock():
                pass
    finally:
        holder.kill()
        holder.wait()
    started = time.monotonic()
    with store.refresh_lock(wait=True):  # the holder is gone: the lock is free again
        with store.refresh_lock():  # and re-entrant in the process that holds it
            assert store.locked_here()
    assert time.monotonic() - started < 5 and not store.locked_here()


def test_a_last_good_store_kept_before_the_rename_gets_requested_url(tmp_path):
    store = RunStore(tmp_path)
    store.stage_candidate(pl.DataFrame({"url": ["http://a.test/"], "final_url": ["http://a.test/x"]}))
    store.commit_publish(pl.DataFrame({"n": [1]}), pl.DataFrame({"n": [1]}))
    # the crawler is handed the file itself (--previous): it reads requested_url
    assert pl.read_parquet_schema(store.last_good_path).keys() == {"requested_url", "final_url"}
    assert store.last_good()["requested_url"].to_list() == ["http://a.test/"]
