"""The bad inputs a user can give `gme` (issue 13), shared by tests/reliability/test_bad_inputs.py and
benchmarks/bench_reliability.py: every one must end in a non-zero exit with one line that names what
and why (exit 2 for bad input, 1 for a run that failed) and never a traceback.

`build_fixtures(root)` writes the broken warehouses and profiles into `root`; `bad_input_cases(root)`
lists the cases (name, argv after `gme`, extra environment, allowed exit codes).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[2]
GME = Path(sys.executable).with_name("gme")
# the `gme` command, through the interpreter (the same entry point as the venv's gme script, which a
# reinstall of the venv can remove while the suite runs); run_case sets PYTHONPATH to this checkout
GME_CMD = (sys.executable, "-m", "pipelines.cli")
PROFILE = REPO / "examples" / "img-j1-low-score.yaml"
TRACEBACK = "Traceback (most recent call last)"
# click's usage errors print these lines around their one "Error: ..." line
CLICK_FRAME = ("Usage: ", "Try '")


@dataclass(frozen=True)
class Case:
    name: str
    argv: tuple[str, ...]
    env: dict = field(default_factory=dict)
    exits: tuple[int, ...] = (2,)
    timeout: float = 30.0
    # a refresh that fails prints its progress and Dagster's own warnings too: then the output must
    # instead contain this regex (the why), anywhere in stderr
    why: str | None = None


@dataclass(frozen=True)
class Outcome:
    case: Case
    code: int | None
    message: str          # the message line (stderr's last non-empty line)
    lines: int            # stderr lines that are not click's usage frame
    traceback: bool
    seconds: float
    says_why: bool = True

    @property
    def ok(self) -> bool:
        if self.case.why is not None:
            return self.code in self.case.exits and not self.traceback and self.says_why
        return (self.code in self.case.exits and not self.traceback and self.lines == 1
                and bool(self.message.strip()))


def _valid_warehouse(path: Path) -> None:
    """A complete, empty gme-atlas warehouse (every declared table, no rows), built by our publisher."""
    from warehouse.publish import publish

    publish(path, {})


def build_fixtures(root: Path) -> dict[str, Path]:
    """Broken warehouses and profiles under `root`; returns {kind: path}."""
    root.mkdir(parents=True, exist_ok=True)
    w = root / "warehouses"
    w.mkdir(exist_ok=True)
    good = w / "good.duckdb"
    if not good.exists():
        _valid_warehouse(good)
    data = good.read_bytes()
    out: dict[str, Path] = {"good": good}

    def put(kind: str, content: bytes) -> None:
        p = w / f"{kind}.duckdb"
        p.write_bytes(content)
        out[kind] = p

    put("empty", b"")
    put("truncated_4k", data[:4096])
    put("truncated_half", data[: len(data) // 2])
    put("truncated_last_byte", data[:-1])
    put("random", os.urandom(64 * 1024))
    put("text", b"program_id,name\n1403521292,Example Hospital\n")
    put("latin1_text", "r\xe9sidence, programme, f\xeate\n".encode("latin-1"))
    put("header_only", data[:8] + b"DUCK" + b"\x00" * 100)
    put("zeros", b"\x00" * 300_000)
    put("html", b"<!doctype html><html><body>not a database</body></html>\n")
    directory = w / "directory.duckdb"
    directory.mkdir(exist_ok=True)
    out["directory"] = directory
    out["missing"] = w / "missing.duckdb"
    dangling = w / "dangling.duckdb"
    if not dangling.is_symlink():
        dangling.symlink_to(w / "nowhere.duckdb")
    out["dangling_symlink"] = dangling
    for kind, sql in {
        "duckdb_empty": "",
        "duckdb_other_tables": "CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);",
        "duckdb_core_only_programs": "CREATE SCHEMA core; CREATE TABLE core.programs (program_id VARCHAR);",
    }.items():
        p = w / f"{kind}.duckdb"
        if not p.exists():
            con = duckdb.connect(str(p))
            if sql:
                con.execute(sql)
            con.close()
        out[kind] = p
    old = w / "older_version.duckdb"  # ours, but a declared column is missing (built by other code)
    if not old.exists():
        shutil.copyfile(good, old)
        con = duckdb.connect(str(old))
        con.execute("ALTER TABLE core.programs DROP COLUMN holistic_review")
        con.close()
    out["older_version"] = old

    p = root / "profiles"
    p.mkdir(exist_ok=True)
    text = PROFILE.read_text(encoding="utf-8")
    profiles = {
        "binary": os.urandom(2048),
        "latin1": ("applicant_id: r\xe9sident\n" + text).encode("latin-1"),
        "empty": b"",
        "not_yaml": b"applicant_id: [unclosed\n  img: : :\n",
        "a_list": b"- 1\n- 2\n",
        "a_number": b"42\n",
        "unknown_field": (text + "favourite_colour: blue\n").encode(),
        "bad_visa": text.replace("visa: j1", "visa: green_card").encode(),
        "score_text": text.replace("step2ck: 221", "step2ck: high").encode(),
        "score_negative": text.replace("step2ck: 221", "step2ck: -5").encode(),
        "bad_specialty": text.replace('specialties: ["140", "120"]', 'specialties: ["zzz"]').encode(),
        "bad_id": text.replace("applicant_id: img-j1-low-score", "applicant_id: 'a b/c'").encode(),
        "utf16": text.encode("utf-16"),
        "huge_line": b"applicant_id: " + b"x" * 2_000_000 + b"\n",
    }
    for kind, content in profiles.items():
        f = p / f"{kind}.yaml"
        f.write_bytes(content)
        out[f"profile_{kind}"] = f
    jsonl = p / "many.jsonl"
    jsonl.write_text('{"applicant_id": "a", "specialties": ["140"]}\nnot json\n', encoding="utf-8")
    out["profiles_bad_line"] = jsonl
    dup = p / "dup.jsonl"
    dup.write_text('{"applicant_id": "a", "specialties": ["140"]}\n' * 2, encoding="utf-8")
    out["profiles_duplicate"] = dup
    (p / "dir.yaml").mkdir(exist_ok=True)
    out["profile_directory"] = p / "dir.yaml"

    pages = root / "pages"
    pages.mkdir(exist_ok=True)
    (pages / "binary.bin").write_bytes(b"\x00\x01\x02" * 1000)
    (pages / "empty.html").write_bytes(b"")
    (pages / "broken.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    out["page_broken_pdf"] = pages / "broken.pdf"
    out["page_binary"] = pages / "binary.bin"
    out["page_empty"] = pages / "empty.html"
    out["pages"] = pages
    afile = root / "a_file.txt"
    afile.write_text("x\n")
    out["a_file"] = afile
    return out



def commands() -> set[str]:
    """The commands this `gme` has (others add some while this suite is in use)."""
    from pipelines.cli import main

    return set(main.commands)


def bad_input_cases(root: Path, fx: dict[str, Path] | None = None, with_refresh: bool = False) -> list[Case]:
    fx = fx or build_fixtures(root)
    have = commands()
    prof = str(PROFILE)
    out = root / "out"
    cases: list[Case] = []
    broken = [k for k in fx if not k.startswith(("profile", "page", "good")) and k not in ("pages", "a_file")]
    readers = {
        "recommend": ("recommend", "--profile", prof),
        "export": ("export", str(out / "export")),
        "calibrate": ("calibrate", "--programs-from", "warehouse", "--per-type", "100"),
        "sql": ("sql", "SELECT count(holistic_review) FROM core.programs"),
        "program": ("program", "1403521292"),
        "changes": ("changes",),
    }
    for kind in broken:
        for name, argv in readers.items():
            if argv[0] in have:
                cases.append(Case(f"{name} on a {kind.replace('_', ' ')} warehouse", argv,
                                  {"GME_WAREHOUSE": str(fx[kind])}))
    good = {"GME_WAREHOUSE": str(fx["good"])}
    for kind in [k for k in fx if k.startswith("profile")]:
        flag = "--profiles" if kind.startswith("profiles") else "--profile"
        cases.append(Case(f"recommend with a {kind.replace('_', ' ')}", ("recommend", flag, str(fx[kind])), good))
    cases += [
        Case("recommend with a missing profile", ("recommend", "--profile", str(root / "nope.yaml")), good),
        Case("recommend with no profile", ("recommend",), good),
        Case("recommend with both --profile and --profiles", ("recommend", "--profile", prof, "--profiles", prof), good),
        Case("recommend --top 0", ("recommend", "--profile", prof, "--top", "0"), good),
        Case("recommend --format xml", ("recommend", "--profile", prof, "--format", "xml"), good),
        Case("recommend --report into a missing directory",
             ("recommend", "--profile", prof, "--report", str(root / "no" / "such" / "dir" / "r.html")), good),
        Case("recommend --report is a directory", ("recommend", "--profile", prof, "--report", str(root)), good),
        Case("recommend --report under a file", ("recommend", "--profile", prof, "--report", str(fx["a_file"] / "r.html")),
             good),
        Case("recommend --out is a file", ("recommend", "--profile", prof, "--out", str(fx["a_file"])), good),
        Case("export into a file", ("export", str(fx["a_file"])), good),
        Case("export under a file", ("export", str(fx["a_file"] / "sub")), good),
        Case("export --format xml", ("export", str(out / "x"), "--format", "xml"), good),
        Case("export with no directory", ("export",), good),
        Case("calibrate --per-type 5", ("calibrate", "--per-type", "5")),
        Case("calibrate --programs-from nowhere", ("calibrate", "--programs-from", "nowhere")),
        Case("calibrate --format xml", ("calibrate", "--format", "xml")),
        Case("extract a missing file", ("extract", str(root / "nope.html"))),
        Case("extract a directory", ("extract", str(fx["pages"]))),
        Case("extract a binary file", ("extract", str(fx["page_binary"]))),
        Case("extract a broken PDF", ("extract", str(fx["page_broken_pdf"]))),
        Case("extract with no path", ("extract",)),
        Case("extract --format xml", ("extract", "--format", "xml", str(fx["page_empty"]))),
        Case("sample-web --port -1", ("sample-web", "--port", "-1", "--programs", "5")),
        Case("sample-web --port 70000", ("sample-web", "--port", "70000", "--programs", "5")),
        Case("sample-web --programs 0", ("sample-web", "--programs", "0")),
        Case("sample-web --programs -3", ("sample-web", "--programs", "-3")),
        Case("sample-web --programs many", ("sample-web", "--programs", "many")),
        Case("sample-web --faults bogus", ("sample-web", "--faults", "bogus")),
        Case("sample-web --access-log is a directory", ("sample-web", "--programs", "5", "--access-log", str(root))),
        Case("sample-web --access-log in a missing directory",
             ("sample-web", "--programs", "5", "--access-log", str(root / "no" / "dir" / "log.jsonl"))),
        Case("sample-web --access-log under a file",
             ("sample-web", "--programs", "5", "--access-log", str(fx["a_file"] / "log.jsonl"))),
        Case("sample-web --truth-out in a missing directory",
             ("sample-web", "--programs", "5", "--truth-out", str(root / "no" / "t.jsonl"), "--no-serve")),
        Case("sample-web unknown option", ("sample-web", "--bogus")),
        Case("refresh --programs 0", ("refresh", "--programs", "0")),
        Case("refresh --crawl-shards 0", ("refresh", "--crawl-shards", "0")),
        Case("refresh --crawl-shards 65", ("refresh", "--crawl-shards", "65")),
        Case("refresh --job bogus", ("refresh", "--job", "bogus")),
        Case("refresh --source bogus", ("refresh", "--source", "bogus")),
        Case("refresh --source live --programs 5", ("refresh", "--source", "live", "--programs", "5")),
        Case("refresh --job reextract --programs 5", ("refresh", "--job", "reextract", "--programs", "5")),
        Case("refresh --sample-web to a non-loopback host", ("refresh", "--sample-web", "http://example.com")),
        Case("unknown command", ("frobnicate",)),
        Case("unknown option", ("--frobnicate",)),
    ]
    if "sql" in have:
        cases += [
            Case("sql with bad SQL", ("sql", "SELEC nothing"), good),
            Case("sql that writes", ("sql", "DROP TABLE core.programs"), good),
            Case("sql that copies out", ("sql", f"COPY core.programs TO '{out / 'x.csv'}'"), good),
            Case("sql on a missing table", ("sql", "SELECT * FROM core.nope"), good),
            Case("sql with an empty query", ("sql", ""), good),
            Case("sql with a missing parameter", ("sql", "SELECT ?"), good),
            Case("sql --format xml", ("sql", "SELECT 1", "--format", "xml"), good),
        ]
    if "program" in have:
        cases += [
            Case("program with an unknown id", ("program", "9999999999"), good),
            Case("program with a non-numeric id", ("program", "abc"), good),
        ]
    if "changes" in have:
        cases += [Case("changes --since not-a-date", ("changes", "--since", "not-a-date"), good)]
    if with_refresh:  # these run the pipeline until it fails (about 15-30 s each)
        cases += [
            Case("refresh against a sample web that is not running",
                 ("refresh", "--sample-web", f"http://127.0.0.1:{_free_port()}", "--programs", "5"), exits=(1, 2),
                 timeout=300, why=r"(?i)refused|not running|cannot connect|unreachable|no answer|connection"),
            Case("refresh against a loopback name that does not resolve",
                 ("refresh", "--sample-web", "http://localhost.invalid:1"), exits=(1, 2), timeout=300,
                 why=r"(?i)FAILED.*(loopback|resolve)|^gme.*(loopback|resolve)"),
        ]
    return cases


def _free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def run_case(case: Case, cwd: Path, base_env: dict | None = None) -> Outcome:
    import time

    env = {**os.environ, **(base_env or {}), **case.env}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), *filter(None, [env.get("PYTHONPATH")])])  # this checkout's code
    env.pop("GME_DEBUG", None)
    started = time.perf_counter()
    try:
        proc = subprocess.run([*GME_CMD, *case.argv], cwd=cwd, env=env, capture_output=True, timeout=case.timeout,
                              stdin=subprocess.DEVNULL)
        code, out, err = proc.returncode, proc.stdout, proc.stderr
    except subprocess.TimeoutExpired as exc:
        code, out, err = None, exc.stdout or b"", (exc.stderr or b"") + b"\n(timed out)"
    took = time.perf_counter() - started
    text = err.decode("utf-8", "replace")
    lines = [line for line in text.splitlines() if line.strip()]
    message_lines = [line for line in lines if not line.startswith(CLICK_FRAME)]
    says_why = True
    message = message_lines[-1] if message_lines else ""
    if case.why is not None:
        import re

        failed = [line for line in message_lines if "FAILED" in line or line.startswith("gme")]
        message = failed[0] if failed else message
        says_why = any(re.search(case.why, line) for line in failed)
    return Outcome(case, code, message, len(message_lines),
                   TRACEBACK in text or TRACEBACK in out.decode("utf-8", "replace"), took, says_why)
