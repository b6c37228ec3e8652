"""Reliability suite (issue 13): what a user, a scheduler or the web can throw at `gme`, and what survives.

Prints one table (section, case, measured, target, pass) anyone can rerun:

- kill -9 and SIGTERM at 4 stages x 3 targets (tree = the refresh's process group, main = the
  `gme refresh` process only, crawl = the Scrapy process): the published warehouse's survival
  (inode + row counts + readable), orphans (processes of the refresh alive 10 s after it
  ended), stuck runs (Dagster runs left STARTED after the next refresh), leftovers (build files
  beside the warehouse after the next refresh), whether the next refresh succeeds, and how long
  a SIGTERM takes to stop a crawl;
- readers during refreshes: errors, and whether each reader sees every new publish;
- a flaky and a hostile sample web against the truth file (facts lost vs a fault-free run of
  the same web; sites that stay down and whether the refresh summary names them);
- a 1 MB single-paragraph page (extraction step time and the refresh's peak memory vs without);
- two `gme refresh` at once (exactly one writes, the other says why);
- >= 100 bad inputs (tests/reliability/cases.py) with exit code and message, 0 tracebacks.

Everything runs on loopback against the local sample web, in temporary data dirs and Dagster
homes (nothing of the repo's own data/ is touched).

    .venv/bin/python benchmarks/bench_reliability.py                       # all sections (about 30-40 min on 2 cores)
    .venv/bin/python benchmarks/bench_reliability.py --only bad-inputs,concurrent
    .venv/bin/python benchmarks/bench_reliability.py --programs 300 --kill-programs 150 --signals KILL,TERM
    .venv/bin/python benchmarks/bench_reliability.py --details out.jsonl    # every measurement as JSON lines
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
# every gme and python child reads this checkout's code (so the suite can run from a git worktree
# of a given commit with the main checkout's venv, whose editable install points elsewhere)
os.environ["PYTHONPATH"] = os.pathsep.join([str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])

PY = sys.executable
GME = str(Path(PY).with_name("gme"))
GME_CMD = [PY, "-m", "pipelines.cli"]  # the same entry point as the venv's gme script, which a reinstall can remove mid-run
SECTIONS = ("bad-inputs", "kills", "readers", "flaky", "hostile", "long-page", "concurrent")
ORPHAN_GRACE_S = 10.0
LIVE_RUN_STATUSES = ("STARTED", "STARTING", "QUEUED", "CANCELING", "NOT_STARTED")
LEFTOVER_PATTERNS = ("*.building", "*.building.wal", "*.duckdb.wal", "*.tmp", "*.partial")
FIELDS = ("accepts_imgs", "j1_visa", "h1b_visa", "min_step2ck", "min_step1", "min_comlex2", "score_minimum_policy",
          "attempts_policy", "yog_max_years", "usce", "ecfmg_cert_required", "holistic_review", "comlex_accepted")

# Kill stages, each triggered by the refresh's own output (a step starting, a crawl's progress line) or
# by a crawl process appearing, never by a fixed time from the start: a stage is reached however fast
# the machine is. The kill refreshes print crawl progress every PROGRESS_INTERVAL_S (GME_PROGRESS_INTERVAL),
# so a 150-program website crawl of 2-4 s reports about ten times.
PROGRESS_INTERVAL_S = "0.2"
KILL_ATTEMPTS = 2  # a kill whose stage ended before the signal is tried once more
# a website crawl's progress line ends "..., N responses" (scrapers/progress.py)
WEBSITE_PROGRESS = r"^\s*progress website: .*?([\d,]+) responses"
# (stage, step key the stage lives in, trigger, seconds after the trigger) for the tree and main targets;
# a trigger is ("line", regex) or ("spider", name: its process appearing)
STEP_STAGES = (
    ("directory crawl", "directory", ("spider", "directory"), 0.3),
    ("website crawl", "crawl_website", ("line", r"^\s*progress website:"), 0.0),
    ("extraction", "page_facts", ("line", r"^\s*…\s+\S*page_facts\s*$"), 0.05),
    ("publish", "publish", ("line", r"^\s*…\s+\S*publish"), 0.2),
)
# (stage, spider, trigger, seconds after it) for the crawl target; ("pct", N): the first website progress
# line with N% or more of the responses of a baseline re-crawl (by its last progress line; the pages
# "known so far" in the line itself grow as links are found, so their share says little early on)
CRAWL_STAGES = (
    ("directory crawl", "directory", ("spider", "directory"), 0.5),
    ("website crawl +0.5 s", "website", ("spider", "website"), 0.5),
    ("website crawl at 40% of responses", "website", ("pct", 40), 0.0),
    ("website crawl at 70% of responses", "website", ("pct", 70), 0.0),
)


# --------------------------------------------------------------------------------------------
# table
@dataclass
class Row:
    section: str
    case: str
    measured: str
    target: str
    ok: bool | None  # None = not applicable / informational
    detail: dict = field(default_factory=dict)


ROWS: list[Row] = []


def row(section: str, case: str, measured: str, target: str, ok: bool | None, **detail) -> Row:
    r = Row(section, case, measured, target, ok, detail)
    ROWS.append(r)
    mark = {True: "ok", False: "FAIL", None: "-"}[ok]
    print(f"  [{section}] {case}: {measured} (target {target}) {mark}", file=sys.stderr, flush=True)
    return r


def print_table(rows: list[Row]) -> None:
    heads = ("section", "case", "measured", "target", "pass")
    cells = [(r.section, r.case, r.measured, r.target, {True: "yes", False: "NO", None: "-"}[r.ok]) for r in rows]
    widths = [min(70, max(len(h), *(len(c[i]) for c in cells))) if cells else len(h) for i, h in enumerate(heads)]
    print("  ".join(h.ljust(w) for h, w in zip(heads, widths)))
    print("  ".join("-" * w for w in widths))
    for c in cells:
        print("  ".join(v.ljust(w) for v, w in zip(c, widths)).rstrip())
    judged = [r for r in rows if r.ok is not None]
    print(f"\n{sum(r.ok for r in judged)}/{len(judged)} rows pass"
          + ("" if all(r.ok for r in judged) else "; failing: " + "; ".join(
              f"{r.section}/{r.case}" for r in judged if not r.ok)))


# --------------------------------------------------------------------------------------------
# processes
def environ_of(pid: int) -> list[bytes]:
    try:
        return Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    except OSError:
        return []


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace").strip()
    except OSError:
        return ""


def tagged(tag: str) -> list[int]:
    """Live processes that inherited GME_BENCH_TAG=tag (every process a refresh started, re-parented or not)."""
    marker = f"GME_BENCH_TAG={tag}".encode()
    me = os.getpid()
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) != me and marker in environ_of(int(entry)) and alive(int(entry)):
            out.append(int(entry))
    return out


def crawl_pids(tag: str, spider: str | None = None) -> list[int]:
    found = []
    for pid in tagged(tag):
        cmd = cmdline(pid)
        if " -m scrapers " in f" {cmd} " and (spider is None or f"scrapers {spider}" in cmd):
            found.append(pid)
    return found


def kill_quietly(pids: list[int]) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


class Workspace:
    """A data dir, warehouse and Dagster home of our own, and a tag every child inherits."""

    def __init__(self, root: Path, name: str):
        self.root = root / name
        self.data = self.root / "data"
        self.home = self.root / "dagster_home"
        self.home.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPO / "dagster.yaml", self.home / "dagster.yaml")
        self.warehouse = self.data / "warehouse.duckdb"

    def env(self, tag: str | None = None, extra: dict | None = None) -> dict:
        env = {**os.environ, "GME_DATA_DIR": str(self.data), "GME_WAREHOUSE": str(self.warehouse),
               "DAGSTER_HOME": str(self.home), "PYTHONUNBUFFERED": "1", **(extra or {})}
        env.pop("GME_DEBUG", None)
        if tag:
            env["GME_BENCH_TAG"] = tag
        return env

    def live_runs(self) -> list[tuple[str, str]]:
        """Dagster runs of this workspace still marked as running or queued."""
        found = []
        for db in list(self.home.rglob("runs.db")) + list(self.data.rglob("runs.db")):
            try:
                con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
                try:
                    marks = ",".join("?" * len(LIVE_RUN_STATUSES))
                    found += con.execute(f"SELECT run_id, status FROM runs WHERE status IN ({marks})",
                                         LIVE_RUN_STATUSES).fetchall()
                finally:
                    con.close()
            except sqlite3.Error:
                continue
        return found

    def leftovers(self) -> list[str]:
        found = set()
        for pattern in LEFTOVER_PATTERNS:
            found |= {str(p.relative_to(self.root)) for p in self.data.rglob(pattern)}
        return sorted(found)


class Refresh:
    """`gme refresh ...` in its own process group, its output read line by line with times."""

    def __init__(self, ws: Workspace, args: list[str], tag: str | None = None, log: Path | None = None,
                 env: dict | None = None):
        self.tag = tag or uuid.uuid4().hex
        self.started = time.monotonic()
        self.lines: list[tuple[float, str]] = []
        self._cond = threading.Condition()
        self.log = log
        self.proc = subprocess.Popen([*GME_CMD, "refresh", *args], cwd=REPO, env=ws.env(self.tag, env), stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
        self.rusage = None
        self.code: int | None = None
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        fh = self.log.open("w", encoding="utf-8") if self.log else None
        for raw in self.proc.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            with self._cond:
                self.lines.append((time.monotonic() - self.started, line))
                self._cond.notify_all()
            if fh:
                fh.write(line + "\n")
                fh.flush()
        if fh:
            fh.close()

    def wait_line(self, pattern: str, timeout: float, accept=None) -> re.Match | None:
        """The first output line matching `pattern` (and `accept(match)`, if given), waiting up to
        `timeout` s; None if the refresh ended or the time ran out first."""
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout
        seen = 0
        with self._cond:
            while True:
                for _, line in self.lines[seen:]:
                    m = rx.search(line)
                    if m and (accept is None or accept(m)):
                        return m
                seen = len(self.lines)
                if not self._reader.is_alive():
                    return None
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self._cond.wait(min(left, 0.2))

    def step_running(self, step: str) -> bool:
        """Whether a step whose key contains `step` has started and not yet ended, by the output so far."""
        state = None
        with self._cond:
            for _, line in self.lines:
                m = re.match(r"^\s*([…✓✗])\s+(\S+)", line)
                if m and step in m.group(2):
                    state = m.group(1)
        return state == "…"

    def running(self) -> bool:
        return self.wait(0) is None

    def wait(self, timeout: float) -> int | None:
        """Exit code (None on timeout), with the process's resource usage (peak RSS) kept (os.wait4: never
        Popen.poll, which would reap the child and lose its usage)."""
        deadline = time.monotonic() + timeout
        while self.code is None:
            pid, status, usage = os.wait4(self.proc.pid, os.WNOHANG)
            if pid:
                self.code = os.waitstatus_to_exitcode(status)
                self.proc.returncode = self.code
                self.rusage = usage
                break
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.05)
        self._reader.join(timeout=5)
        return self.code

    @property
    def text(self) -> str:
        return "\n".join(line for _, line in self.lines)

    def step_seconds(self, pattern: str) -> float | None:
        rx = re.compile(r"✓\s+\S*" + pattern + r"\S*\s+\((\d+(?:\.\d+)?)s\)")
        for _, line in self.lines:
            m = rx.search(line)
            if m:
                return float(m.group(1))
        return None

    def kill_tree(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        kill_quietly(tagged(self.tag))


def run_refresh(ws: Workspace, args: list[str], timeout: float = 900, log: Path | None = None) -> Refresh:
    r = Refresh(ws, args, log=log)
    if r.wait(timeout) is None:
        r.kill_tree()
        r.wait(30)
        r.code = None
    kill_quietly(tagged(r.tag))  # nothing may outlive a finished refresh; counted by the callers that care
    return r


# --------------------------------------------------------------------------------------------
# warehouse
def fingerprint(path: Path) -> dict:
    """inode, size, row count per table, read through a fresh in-memory instance (no instance cache)."""
    import duckdb

    info: dict = {"exists": path.exists()}
    if not path.exists():
        return info
    st = path.stat()
    info.update(inode=st.st_ino, size=st.st_size)
    try:
        from warehouse.check import check_warehouse, exported_tables

        check_warehouse(path, exported_tables())
        con = duckdb.connect(":memory:")
        try:
            con.execute(f"ATTACH '{path}' AS w (READ_ONLY)")
            tables = con.sql("SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = 'w' "
                             "ORDER BY ALL").fetchall()
            info["rows"] = {f"{s}.{t}": con.sql(f'SELECT count(*) FROM w."{s}"."{t}"').fetchall()[0][0]
                            for s, t in tables}
            # read every value of the consumer tables: a torn file fails here
            for s, t in tables:
                if s in ("core", "marts"):
                    con.sql(f'SELECT * FROM w."{s}"."{t}"').fetchall()
        finally:
            con.close()
        info["readable"] = True
    except Exception as exc:  # noqa: BLE001 - the point is to record it
        info["readable"] = False
        info["error"] = " ".join(str(exc).split())[:200]
    return info


def newest_run_id(path: Path) -> str | None:
    import duckdb

    con = duckdb.connect(":memory:")
    try:
        con.execute(f"ATTACH '{path}' AS w (READ_ONLY)")
        got = con.sql("SELECT run_id FROM w.meta.refreshes ORDER BY published_at DESC NULLS LAST LIMIT 1").fetchall()
        return got[0][0] if got else None
    finally:
        con.close()


def program_values(path: Path) -> dict[tuple[str, str], object]:
    import duckdb

    con = duckdb.connect(":memory:")
    try:
        con.execute(f"ATTACH '{path}' AS w (READ_ONLY)")
        cols = ", ".join(FIELDS)
        rows = con.sql(f"SELECT program_id, {cols} FROM w.core.programs").fetchall()
    finally:
        con.close()
    return {(r[0], f): v for r in rows for f, v in zip(FIELDS, r[1:])}


# --------------------------------------------------------------------------------------------
# sections
def section_bad_inputs(root: Path, with_refresh: bool) -> None:
    from tests.reliability.cases import bad_input_cases, build_fixtures, run_case

    where = root / "bad_inputs"
    fx = build_fixtures(where)
    cases = bad_input_cases(where, fx, with_refresh=with_refresh)
    env = {"GME_DATA_DIR": str(where / "data"), "DAGSTER_HOME": str(where / "dagster_home")}
    outcomes = []
    for case in cases:
        o = run_case(case, where, env)
        outcomes.append(o)
        DETAILS.append({"section": "bad-inputs", "case": case.name, "argv": list(case.argv), "exit": o.code,
                        "message": o.message, "lines": o.lines, "traceback": o.traceback, "ok": o.ok,
                        "seconds": round(o.seconds, 2)})
    print("\nbad inputs (exit code, message):")
    for o in outcomes:
        print(f"  {'ok ' if o.ok else 'BAD'} {str(o.code):>4}  {o.case.name}: {o.message[:150]}")
    tracebacks = sum(o.traceback for o in outcomes)
    wrong_code = [o for o in outcomes if o.code not in o.case.exits]
    single = [o for o in outcomes if o.case.why is None]  # a failed refresh also prints its progress
    not_one_line = [o for o in single if o.lines != 1]
    row("bad inputs", f"{len(outcomes)} bad inputs: tracebacks", str(tracebacks), "0", tracebacks == 0)
    row("bad inputs", "exit code as expected (2 bad input, 1 run failed)",
        f"{len(outcomes) - len(wrong_code)}/{len(outcomes)}", "all", not wrong_code,
        wrong=[f"{o.case.name}: {o.code}" for o in wrong_code])
    row("bad inputs", "one message line", f"{len(single) - len(not_one_line)}/{len(single)}", "all",
        not not_one_line, wrong=[o.case.name for o in not_one_line])
    refreshes = [o for o in outcomes if o.case.why is not None]
    if refreshes:
        silent = [o for o in refreshes if not o.says_why]
        row("bad inputs", "failed refresh says why in its FAILED line", f"{len(refreshes) - len(silent)}/{len(refreshes)}",
            "all", not silent, which=[f"{o.case.name}: {o.message}" for o in silent])


def wait_spider(r: Refresh, spider: str, timeout: float = 300) -> int | None:
    """The pid of the refresh's `spider` crawl process once it appears (None if the refresh ended first)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and r.running():
        pids = crawl_pids(r.tag, spider)
        if pids:
            return pids[0]
        time.sleep(0.02)
    return None


def wait_trigger(r: Refresh, trigger: tuple, responses: int) -> bool:
    """Wait for a stage's trigger (see STEP_STAGES / CRAWL_STAGES; `responses`: the baseline crawl's);
    False if the refresh ended first."""
    kind, what = trigger
    if kind == "spider":
        return wait_spider(r, what) is not None
    if kind == "pct":
        need = responses * what / 100
        return r.wait_line(WEBSITE_PROGRESS, 300, accept=lambda m: int(m.group(1).replace(",", "")) >= need) is not None
    return r.wait_line(what, 300) is not None


def kill_one(ws: Workspace, programs: int, target: str, stage: tuple, sig: signal.Signals, log_dir: Path,
             responses: int) -> dict:
    """One kill: returns the measurements (see the module docstring)."""
    name = stage[0]
    before = fingerprint(ws.warehouse)
    runs_before = set(ws.live_runs())
    leftovers_before = set(ws.leftovers())
    r = Refresh(ws, ["--programs", str(programs)], log=log_dir / f"kill_{target}_{sig.name}_{name.replace(' ', '_')}.log",
                env={"GME_PROGRESS_INTERVAL": PROGRESS_INTERVAL_S})
    out: dict = {"target": target, "stage": name, "signal": sig.name}
    victim = None
    if target == "crawl":
        _, spider, trigger, after = stage
        if wait_trigger(r, trigger, responses):
            time.sleep(after)
            pids = crawl_pids(r.tag, spider)
            victim = pids[0] if pids else None  # alive now, or the stage was not reached
    else:
        _, step, trigger, after = stage
        if wait_trigger(r, trigger, responses):
            time.sleep(after)
            # reached only if the stage's step is still running (its ✓ not printed) and, for a crawl
            # stage, its crawl process is alive
            spider = {"directory": "directory", "crawl_website": "website"}.get(step)
            if r.running() and r.step_running(step) and (spider is None or crawl_pids(r.tag, spider)):
                victim = r.proc.pid
    out["trigger"] = list(stage[2])
    if victim is None:
        out["reached"] = False
        r.wait(600)
        kill_quietly(tagged(r.tag))
        return out
    out["reached"] = True
    crawl_before = crawl_pids(r.tag)
    # the progress line last printed when the signal went out (a "…" line: that step was running)
    out["line_at_signal"] = next((line.strip() for _, line in reversed(list(r.lines)) if line.strip()), "")
    signalled = time.monotonic()
    if target == "tree":
        os.killpg(r.proc.pid, sig)
    else:
        os.kill(victim, sig)
    if target == "crawl":
        while alive(victim) and time.monotonic() - signalled < 60:
            time.sleep(0.02)
        out["crawl_stop_s"] = round(time.monotonic() - signalled, 2)
    elif crawl_before:
        while any(alive(p) for p in crawl_before) and time.monotonic() - signalled < 60:
            time.sleep(0.02)
        out["crawl_stop_s"] = round(time.monotonic() - signalled, 2)
    code = r.wait(120)
    out["main_exit"] = code
    out["main_exit_s"] = round(time.monotonic() - signalled, 2) if code is not None else None
    if code is None:  # the refresh hangs after its crawl was stopped: a finding; end it to go on
        out["main_hung"] = True
        r.kill_tree()
        r.wait(30)
    last_line = next((line for _, line in reversed(r.lines) if line.strip()), "")
    out["last_line"] = last_line[:200]
    deadline = time.monotonic() + ORPHAN_GRACE_S
    while tagged(r.tag) and time.monotonic() < deadline:
        time.sleep(0.1)
    orphans = tagged(r.tag)
    out["orphans"] = [cmdline(p)[:120] for p in orphans]
    kill_quietly(orphans)
    after_kill = fingerprint(ws.warehouse)
    same = (after_kill.get("readable") and after_kill.get("inode") == before.get("inode")
            and after_kill.get("rows") == before.get("rows"))
    new_whole = (after_kill.get("readable") and after_kill.get("inode") != before.get("inode")
                 and after_kill.get("rows", {}).get("core.programs") == programs)
    out["warehouse"] = "kept" if same else "new, whole" if new_whole else "BROKEN"
    out["runs_live_after_kill"] = len(ws.live_runs())
    nxt = run_refresh(ws, ["--programs", str(programs)], log=log_dir / f"next_{target}_{sig.name}_{name.replace(' ', '_')}.log")
    out["next_exit"] = nxt.code
    out["next_last_line"] = next((line for _, line in reversed(nxt.lines) if line.strip()), "")[:200]
    # this kill's own: runs it left marked as running, files it left, that the next refresh did not clear
    out["stuck_runs"] = len(set(ws.live_runs()) - runs_before)
    out["leftovers"] = sorted(set(ws.leftovers()) - leftovers_before)
    out["after_next"] = fingerprint(ws.warehouse).get("readable", False)
    return out


def section_kills(root: Path, programs: int, signals: list[signal.Signals], targets: list[str]) -> None:
    ws = Workspace(root, "kills")
    logs = root / "logs"
    base = run_refresh(ws, ["--programs", str(programs)], log=logs / "kills_baseline.log")
    if base.code != 0:
        row("kills", "baseline refresh", f"exit {base.code}", "0", False)
        return
    # every kill refresh re-crawls (conditional requests; pages a sitemap shows unchanged are not
    # requested at all), so the 40%/70% triggers count against a re-crawl's requests, not the first crawl's
    # ... and counted as the progress lines count them: the re-crawl's last line (every 0.2 s, as in the
    # kills) is within 0.2 s of its end; its rows in raw.pages (robots, redirects, carried-over copies)
    # are about a quarter more than its responses, which put a 70% kill at the crawl's very end
    warm = Refresh(ws, ["--programs", str(programs)], log=logs / "kills_baseline_recrawl.log",
                   env={"GME_PROGRESS_INTERVAL": PROGRESS_INTERVAL_S})
    code = warm.wait(900)
    kill_quietly(tagged(warm.tag))
    counts = [int(m.group(1).replace(",", "")) for m in map(re.compile(WEBSITE_PROGRESS).search, warm.text.splitlines())
              if m]
    if code != 0 or not counts:
        row("kills", "baseline re-crawl", f"exit {code}, {len(counts)} progress lines", "0, some", False)
        return
    responses = max(counts)
    print(f"    baseline re-crawl: website crawl step {warm.step_seconds('crawl_website') or 0:.1f} s, "
          f"{responses} responses by its last progress line", file=sys.stderr)
    results = []
    for target in targets:
        stages = CRAWL_STAGES if target == "crawl" else STEP_STAGES
        for stage in stages:
            for sig in signals:
                for attempt in range(1, KILL_ATTEMPTS + 1):  # a stage passed before the signal: once more
                    m = kill_one(ws, programs, target, stage, sig, logs, responses)
                    m["attempt"] = attempt
                    if m["reached"]:
                        break
                results.append(m)
                DETAILS.append({"section": "kills", **m})
                print(f"    kill {json.dumps(m, default=str)[:400]}", file=sys.stderr, flush=True)
    reached = [m for m in results if m["reached"]]
    missed = [m for m in results if not m["reached"]]
    row("kills", f"kill cases that reached their stage ({len(targets)} targets x {len(results) // max(1, len(targets))} "
        f"stage-signal pairs)", f"{len(reached)}/{len(results)}", "all", not missed,
        missed=[f"{m['signal']} {m['target']} at {m['stage']}" for m in missed],
        retried=[f"{m['signal']} {m['target']} at {m['stage']}" for m in results if m.get("attempt", 1) > 1])
    survived = [m for m in reached if m["warehouse"] != "BROKEN" and m["after_next"]]
    row("kills", f"published warehouse survives ({len(reached)} kills)", f"{len(survived)}/{len(reached)}", "100%",
        len(survived) == len(reached), broken=[f"{m['signal']} {m['target']} {m['stage']}" for m in reached
                                              if m not in survived])
    orphaned = [m for m in reached if m["orphans"]]
    row("kills", f"orphans {ORPHAN_GRACE_S:.0f} s after the refresh ended",
        f"{sum(len(m['orphans']) for m in reached)} in {len(orphaned)} kills", "0", not orphaned,
        which=[f"{m['signal']} {m['target']} {m['stage']}: {m['orphans']}" for m in orphaned])
    stuck = [m for m in reached if m["stuck_runs"]]
    live_end = ws.live_runs()
    row("kills", "Dagster runs left running after the next refresh",
        f"{len(stuck)} of {len(reached)} kills left one ({len(live_end)} at the end)", "0", not stuck and not live_end,
        which=[f"{m['signal']} {m['target']} {m['stage']}" for m in stuck])
    left = [m for m in reached if m["leftovers"]]
    left_end = ws.leftovers()
    row("kills", "build leftovers after the next refresh",
        f"{len(left)} of {len(reached)} kills left files ({len(left_end)} at the end)", "0", not left and not left_end,
        which=[f"{m['signal']} {m['target']} {m['stage']}: {m['leftovers']}" for m in left])
    failed_next = [m for m in reached if m["next_exit"] != 0]
    row("kills", "next refresh succeeds", f"{len(reached) - len(failed_next)}/{len(reached)}", "100%",
        not failed_next, which=[f"{m['signal']} {m['target']} {m['stage']}: {m['next_last_line']}" for m in failed_next])
    hung = [m for m in reached if m.get("main_hung")]
    row("kills", "refresh ends after the signal (within 120 s)", f"{len(reached) - len(hung)}/{len(reached)}",
        "100%", not hung, which=[f"{m['signal']} {m['target']} {m['stage']}" for m in hung])
    crawl_term = [m for m in reached if m["target"] == "crawl" and m["signal"] == "SIGTERM"]
    if crawl_term:
        worst = max(m["crawl_stop_s"] for m in crawl_term)
        row("kills", f"SIGTERM to a crawl: seconds to stop (max of {len(crawl_term)})",
            f"{worst:.1f} s (all: {', '.join(str(m['crawl_stop_s']) for m in crawl_term)})", "<= 5 s", worst <= 5)
    term_main = [m for m in reached if m["signal"] == "SIGTERM" and m["target"] in ("main", "tree")
                 and m.get("crawl_stop_s") is not None]
    if term_main:
        worst = max(m["crawl_stop_s"] for m in term_main)
        row("kills", f"SIGTERM to main/tree during a crawl: crawl gone after (max of {len(term_main)})",
            f"{worst:.1f} s", "<= 5 s", worst <= 5)
    crawl_fail = [m for m in reached if m["target"] == "crawl"]
    if crawl_fail:
        said = [m for m in crawl_fail if m["main_exit"] not in (0, None)]
        row("kills", "a killed crawl fails the refresh (exit != 0, nothing published)",
            f"{len(said)}/{len(crawl_fail)}", "100%", len(said) == len(crawl_fail),
            exits=[m["main_exit"] for m in crawl_fail], kept=[m["warehouse"] for m in crawl_fail])


READER = r"""
import json, sys, time, duckdb
path, mode, stop_file, out = sys.argv[1:5]
fh = open(out, "w")
held = duckdb.connect(path, read_only=True) if mode == "cached-connect" else None
while True:
    try:
        open(stop_file).close(); break
    except FileNotFoundError:
        pass
    t = time.time()
    try:
        if mode == "fresh-instance":
            con = duckdb.connect(":memory:")
            con.execute("ATTACH '" + path + "' AS w (READ_ONLY)")
            q = "SELECT (SELECT count(*) FROM w.core.programs), (SELECT run_id FROM w.meta.refreshes ORDER BY published_at DESC NULLS LAST LIMIT 1)"
        else:
            con = duckdb.connect(path, read_only=True)
            q = "SELECT (SELECT count(*) FROM core.programs), (SELECT run_id FROM meta.refreshes ORDER BY published_at DESC NULLS LAST LIMIT 1)"
        n, run = con.sql(q).fetchall()[0]
        con.close()
        fh.write(json.dumps({"t": t, "ok": True, "run": run, "n": n}) + "\n")
    except Exception as e:
        fh.write(json.dumps({"t": t, "ok": False, "error": " ".join(str(e).split())[:200]}) + "\n")
    fh.flush()
    time.sleep(0.05)
"""


def section_readers(root: Path, programs: int, refreshes: int) -> None:
    ws = Workspace(root, "readers")
    logs = root / "logs"
    base = run_refresh(ws, ["--programs", str(programs)], log=logs / "readers_baseline.log")
    if base.code != 0:
        row("readers", "baseline refresh", f"exit {base.code}", "0", False)
        return
    stop = root / "readers.stop"
    modes = ("fresh-instance", "connect-per-query", "gme-sql")
    procs, outs = [], {}
    for mode in modes:
        outs[mode] = root / f"reader_{mode}.jsonl"
        if mode == "gme-sql":
            continue
        procs.append(subprocess.Popen([PY, "-c", READER, str(ws.warehouse), mode, str(stop), str(outs[mode])],
                                      env=ws.env()))
    sql_rows: list[dict] = []
    sql_stop = threading.Event()

    def gme_sql_loop() -> None:
        q = ("SELECT (SELECT count(*) FROM core.programs) AS n, (SELECT run_id FROM meta.refreshes "
             "ORDER BY published_at DESC NULLS LAST LIMIT 1) AS run")
        while not sql_stop.is_set():
            t = time.time()
            p = subprocess.run([*GME_CMD, "sql", q, "--format", "json"], env=ws.env(), capture_output=True, text=True)
            if p.returncode == 0:
                try:
                    got = json.loads(p.stdout)
                    first = got[0] if isinstance(got, list) else got
                    sql_rows.append({"t": t, "ok": True, "run": first.get("run"), "n": first.get("n")})
                except (ValueError, IndexError, AttributeError):
                    sql_rows.append({"t": t, "ok": False, "error": "unparsed: " + p.stdout[:100]})
            else:
                sql_rows.append({"t": t, "ok": False, "error": p.stderr.strip()[:200]})

    sql_thread = threading.Thread(target=gme_sql_loop, daemon=True)
    sql_thread.start()
    published = [newest_run_id(ws.warehouse)]
    for i in range(refreshes):
        r = run_refresh(ws, ["--programs", str(programs)], log=logs / f"readers_refresh_{i}.log")
        published.append(newest_run_id(ws.warehouse) if r.code == 0 else None)
        time.sleep(1.0)  # let every reader query the new file at least once
    stop.write_text("stop")
    sql_stop.set()
    for p in procs:
        p.wait(timeout=30)
    sql_thread.join(timeout=30)
    stop.unlink()
    outs["gme-sql"].write_text("".join(json.dumps(x) + "\n" for x in sql_rows))
    for mode in modes:
        lines = [json.loads(x) for x in outs[mode].read_text().splitlines() if x.strip()]
        errors = [x for x in lines if not x["ok"]]
        seen = {x.get("run") for x in lines if x["ok"]}
        missed = [p for p in published if p and p not in seen]
        row("readers", f"{mode}: errors in {len(lines)} queries over {refreshes} refreshes", str(len(errors)), "0",
            not errors, examples=[e["error"] for e in errors[:3]])
        row("readers", f"{mode}: sees each new publish", f"{len(published) - len(missed)}/{len(published)}", "all",
            not missed)


def faulty_web(root: Path, programs: int, faults: str, long_paragraph: int = 0):
    """A sample web of our own (`gme refresh --sample-web` uses it), with its truth file."""
    truth = root / f"truth_{faults}_{programs}.jsonl"
    ready = root / f"ready_{faults}_{uuid.uuid4().hex[:6]}"
    cmd = [PY, "-m", "sampleweb", "--programs", str(programs), "--faults", faults, "--ready-file", str(ready),
           "--truth-out", str(truth), "--parent-pid", str(os.getpid())]
    if long_paragraph:
        cmd += ["--long-paragraph", str(long_paragraph)]
    proc = subprocess.Popen(cmd, cwd=REPO, env={**os.environ, "PYTHONHASHSEED": "0"}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not ready.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"sample web ({faults}) did not start")
        time.sleep(0.05)
    url = ready.read_text().strip()
    records = [json.loads(x) for x in truth.read_text(encoding="utf-8").splitlines()]
    return proc, url, records


def correct_facts(values: dict, truth: list[dict]) -> set[tuple[str, str]]:
    """(program, field) pairs where the warehouse holds the website's true value."""
    ok = set()
    for t in truth:
        for f in FIELDS:
            want = t["website"].get(f)
            if want is not None and values.get((t["program_id"], f)) == want:
                ok.add((t["program_id"], f))
    return ok


BASELINE: dict = {}


def baseline_facts(root: Path, programs: int) -> tuple[set, Refresh | None]:
    """A fault-free refresh of the same web: what the pipeline gets right when nothing goes wrong."""
    if programs in BASELINE:
        return BASELINE[programs]
    ws = Workspace(root, f"faults_none_{programs}")
    proc, url, truth = faulty_web(root, programs, "none")
    try:
        r = run_refresh(ws, ["--sample-web", url], log=root / "logs" / f"faults_none_{programs}.log")
    finally:
        proc.terminate()
        proc.wait(10)
    got = (correct_facts(program_values(ws.warehouse), truth) if r.code == 0 else set(), r)
    BASELINE[programs] = got
    return got


def section_faults(root: Path, programs: int, faults: str) -> None:
    good, base = baseline_facts(root, programs)
    if base is None or base.code != 0:
        row(faults, "fault-free refresh of the same web", f"exit {base.code if base else None}", "0", False)
        return
    ws = Workspace(root, f"faults_{faults}")
    proc, url, truth = faulty_web(root, programs, faults)
    try:
        r = run_refresh(ws, ["--sample-web", url], log=root / "logs" / f"faults_{faults}.log")
    finally:
        proc.terminate()
        proc.wait(10)
    row(faults, f"refresh on a {faults} web ({programs} programs)", f"exit {r.code}", "0", r.code == 0,
        last=r.text.splitlines()[-1:] if r.lines else [])
    if r.code != 0:
        return
    got = correct_facts(program_values(ws.warehouse), truth)
    down = {t["program_id"]: t["host"] for t in truth if "site_down" in t["faults"]}
    lost = good - got
    lost_up = {k for k in lost if k[0] not in down}
    lost_down = {k for k in lost if k[0] in down}
    DETAILS.append({"section": faults, "correct_fault_free": len(good), "correct": len(got),
                    "lost_at_healthy_sites": sorted(lost_up), "lost_at_down_sites": len(lost_down)})
    row(faults, "facts lost vs a fault-free run (true website facts, sites that answer)",
        f"{len(lost_up)} of {len(good)}", "0", not lost_up,
        by_fault=sorted({f for t in truth if t["program_id"] in {k[0] for k in lost_up} for f in t["faults"]}))
    if faults == "hostile":
        named = [h for h in down.values() if h in r.text]
        row(faults, f"sites that stay down: facts lost there ({len(down)} sites)", f"{len(lost_down)}", "-", None)
        row(faults, "summary names the sites that stayed down", f"{len(named)}/{len(down)}", "all",
            len(named) == len(down), hosts=sorted(down.values()))


def section_long_page(root: Path, programs: int, nbytes: int) -> None:
    results = {}
    for label, size in (("without", 0), ("with", nbytes)):
        ws = Workspace(root, f"long_page_{label}")
        proc, url, _ = faulty_web(root, programs, "none", long_paragraph=size)
        try:
            r = run_refresh(ws, ["--sample-web", url], log=root / "logs" / f"long_page_{label}.log")
        finally:
            proc.terminate()
            proc.wait(10)
        rss_mb = r.rusage.ru_maxrss / 1024 if r.rusage else None
        results[label] = (r, r.step_seconds("page_facts"), rss_mb)
    (r0, s0, m0), (r1, s1, m1) = results["without"], results["with"]
    if r1.code == 0:  # the page was really fetched and stored (else the rows below measure nothing)
        import duckdb

        con = duckdb.connect(":memory:")
        try:
            con.execute(f"ATTACH '{Workspace(root, 'long_page_with').warehouse}' AS w (READ_ONLY)")
            got = con.sql("SELECT coalesce(final_url, requested_url), status, body_bytes FROM w.raw.pages WHERE body_bytes >= ? ORDER BY body_bytes DESC "
                          "LIMIT 1", params=[nbytes]).fetchall()
            facts = con.sql("SELECT count(*) FROM w.staging.page_facts WHERE url = ?",
                            params=[got[0][0]]).fetchall()[0][0] if got else None
        finally:
            con.close()
        row("long page", "the page was fetched and stored", f"{got[0][0]} status {got[0][1]}, {got[0][2]:,} bytes, "
            f"{facts} facts read from it" if got else "no stored page that large", "fetched", bool(got))
    row("long page", f"refresh with a {nbytes / 1e6:.0f} MB single-paragraph page", f"exit {r1.code}", "0",
        r1.code == 0, last=r1.text.splitlines()[-1:] if r1.lines else [])
    if s0 is not None and s1 is not None:
        row("long page", "extraction step: extra time", f"{s1 - s0:+.1f} s ({s0:.1f} -> {s1:.1f} s)", "<= 2 s",
            s1 - s0 <= 2)
    else:
        row("long page", "extraction step: extra time", "step time not found in the progress output", "<= 2 s", False)
    if m0 and m1:
        row("long page", "refresh peak RSS: extra", f"{m1 - m0:+.0f} MB ({m0:.0f} -> {m1:.0f} MB)", "<= 200 MB",
            m1 - m0 <= 200)


def section_concurrent(root: Path, programs: int) -> None:
    ws = Workspace(root, "concurrent")
    logs = root / "logs"
    base = run_refresh(ws, ["--programs", str(programs)], log=logs / "concurrent_baseline.log")
    if base.code != 0:
        row("concurrent", "baseline refresh", f"exit {base.code}", "0", False)
        return
    before = fingerprint(ws.warehouse)
    import duckdb

    def published_runs() -> list[str]:
        con = duckdb.connect(":memory:")
        try:
            con.execute(f"ATTACH '{ws.warehouse}' AS w (READ_ONLY)")
            return [x[0] for x in con.sql("SELECT run_id FROM w.meta.refreshes").fetchall()]
        finally:
            con.close()

    runs_before = published_runs()
    a = Refresh(ws, ["--programs", str(programs)], log=logs / "concurrent_a.log")
    time.sleep(0.5)
    b = Refresh(ws, ["--programs", str(programs)], log=logs / "concurrent_b.log")
    codes = (a.wait(900), b.wait(900))
    for r in (a, b):
        kill_quietly(tagged(r.tag))
    new_runs = [x for x in published_runs() if x not in runs_before]
    after = fingerprint(ws.warehouse)
    winners = [c for c in codes if c == 0]
    loser = b if codes[0] == 0 else a
    reason = next((line for _, line in reversed(loser.lines) if line.strip()), "")
    row("concurrent", "two refreshes at once: exit codes", f"{codes[0]} and {codes[1]}", "one 0, the other not",
        len(winners) == 1)
    row("concurrent", "publishes (new meta.refreshes rows)", str(len(new_runs)), "1", len(new_runs) == 1)
    row("concurrent", "the other says why", reason[:100] or "(nothing)", "names the lock or its holder",
        bool(re.search(r"lock|already|another|running|holder|pid", reason, re.I)) and len(winners) == 1)
    row("concurrent", "warehouse whole afterwards", str(after.get("readable")), "True", bool(after.get("readable")),
        rows=after.get("rows"), before=before.get("rows"))


DETAILS: list[dict] = []


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated sections of {', '.join(SECTIONS)}")
    ap.add_argument("--programs", type=int, default=300, help="sample web size for readers, faults, long page, "
                                                               "concurrent (default 300)")
    ap.add_argument("--kill-programs", type=int, default=150, help="sample web size for the kill matrix (default 150)")
    ap.add_argument("--signals", default="KILL,TERM", help="signals for the kill matrix (default KILL,TERM)")
    ap.add_argument("--targets", default="tree,main,crawl", help="kill targets (default tree,main,crawl)")
    ap.add_argument("--reader-refreshes", type=int, default=2, help="refreshes while readers query (default 2)")
    ap.add_argument("--long-page-bytes", type=int, default=1_000_000)
    ap.add_argument("--with-refresh-inputs", action="store_true",
                    help="bad inputs: also refreshes against a dead or unresolvable sample web (slow)")
    ap.add_argument("--details", type=Path, help="write every measurement here as JSON lines")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder (logs, data dirs)")
    args = ap.parse_args()
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = [s for s in only if s not in SECTIONS]
    if unknown:
        print(f"bench_reliability: unknown section {', '.join(unknown)} (choose from {', '.join(SECTIONS)})",
              file=sys.stderr)
        return 2
    signals = [signal.Signals["SIG" + s.strip().upper().removeprefix("SIG")] for s in args.signals.split(",")]
    targets = [t.strip() for t in args.targets.split(",")]
    root = Path(tempfile.mkdtemp(prefix="gme-reliability-"))
    (root / "logs").mkdir()
    print(f"bench_reliability: working in {root} (commit {git_head()}; load {os.getloadavg()[0]:.1f})", file=sys.stderr)
    started = time.monotonic()
    try:
        if "bad-inputs" in only:
            section_bad_inputs(root, args.with_refresh_inputs)
        if "concurrent" in only:
            section_concurrent(root, args.programs)
        if "long-page" in only:
            section_long_page(root, args.programs, args.long_page_bytes)
        if "flaky" in only:
            section_faults(root, args.programs, "flaky")
        if "hostile" in only:
            section_faults(root, args.programs, "hostile")
        if "readers" in only:
            section_readers(root, args.programs, args.reader_refreshes)
        if "kills" in only:
            section_kills(root, args.kill_programs, signals, targets)
    finally:
        took = time.monotonic() - started
        print(f"\nReliability suite ({', '.join(only)}; {args.programs} programs, kills on {args.kill_programs}; "
              f"{took / 60:.1f} min; commit {git_head()})\n")
        print_table(ROWS)
        if args.details:
            with args.details.open("w", encoding="utf-8") as fh:
                for r in ROWS:
                    fh.write(json.dumps({"row": r.section, "case": r.case, "measured": r.measured, "target": r.target,
                                         "ok": r.ok, **r.detail}, default=str) + "\n")
                for d in DETAILS:
                    fh.write(json.dumps(d, default=str) + "\n")
        if args.keep:
            print(f"(kept {root})")
        else:
            shutil.rmtree(root, ignore_errors=True)
    judged = [r for r in ROWS if r.ok is not None]
    return 0 if judged and all(r.ok for r in judged) else 1


def git_head() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True,
                              timeout=10).stdout.strip() or "?"
    except (OSError, subprocess.SubprocessError):
        return "?"


if __name__ == "__main__":
    sys.exit(main())
