"""The `gme` command line: refresh the warehouse, open the UI, extract, recommend, export, serve the sample web.

Heavy imports (Dagster, GX, Scrapy) happen inside the commands that need them, so
`gme extract` and `gme recommend` start fast.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import time
from pathlib import Path

import click

from warehouse.paths import REPO_ROOT, warehouse_path

PASS_THROUGH = {"ignore_unknown_options": True, "allow_extra_args": True, "help_option_names": []}


def dagster_home() -> Path:
    """The persistent Dagster instance: $DAGSTER_HOME, else $GME_DATA_DIR/dagster_home, else .dagster_home/ in the repo; with our dagster.yaml."""
    # with GME_DATA_DIR set, the instance lives beside that data (its runs describe that data)
    default = Path(os.environ["GME_DATA_DIR"]) / "dagster_home" if os.environ.get("GME_DATA_DIR") else REPO_ROOT / ".dagster_home"
    home = Path(os.environ.get("DAGSTER_HOME") or default).resolve()
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    source = REPO_ROOT / "dagster.yaml"
    if not config.exists() or config.read_bytes() != source.read_bytes():
        shutil.copyfile(source, config)
    os.environ["DAGSTER_HOME"] = str(home)
    os.environ.setdefault("DAGSTER_DISABLE_TELEMETRY", "true")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    return home


def fail(message: str) -> None:
    click.echo(f"gme: {message}", err=True)
    sys.exit(2)


# reader commands registered by others (pipelines/analyst.py) get the warehouse file check before
# their body runs (after their arguments parsed): command name -> tables it reads
CHECKED_READERS = {"sql": (), "program": ("core.programs", "core.program_facts", "marts.program_indicators"),
                   "changes": ("core.programs",)}


def _check_first(callback, tables):
    import functools

    @functools.wraps(callback)
    def checked(*args, **kwargs):
        from warehouse.check import WarehouseError, check_warehouse

        try:
            check_warehouse(warehouse_path(), tables)
        except WarehouseError as exc:
            fail(str(exc))
        return callback(*args, **kwargs)

    return checked


class GmeGroup(click.Group):
    """Every failure a user can cause ends in one line on stderr: exit 2 for bad input (a file that is
    not what it should be, a path that cannot be written), 1 for a run that failed. GME_DEBUG=1 shows
    the traceback instead (issue 13)."""

    def resolve_command(self, ctx, args):
        name, cmd, rest = super().resolve_command(ctx, args)
        if (cmd is not None and name in CHECKED_READERS and cmd.callback is not None
                and not getattr(cmd, "_gme_checked", False) and "warehouse" not in {p.name for p in cmd.params}):
            cmd.callback = _check_first(cmd.callback, CHECKED_READERS[name])
            cmd._gme_checked = True
        return name, cmd, rest

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except BrokenPipeError:  # `gme ... | head`: the reader left; not a failure of ours
            sys.stderr.close()
            os._exit(0)
        except Exception as exc:
            from warehouse.check import WarehouseError, debug

            if debug():
                raise
            command = ctx.invoked_subcommand or ""
            text = " ".join(str(exc).split()) or type(exc).__name__
            if isinstance(exc, WarehouseError):
                click.echo(f"gme {command}: {text}", err=True)
                sys.exit(2)
            if isinstance(exc, OSError):
                where = f" {exc.filename}" if exc.filename else ""
                click.echo(f"gme {command}: cannot use{where}: {exc.strerror or text}", err=True)
                sys.exit(2)
            click.echo(f"gme {command}: failed: {type(exc).__name__}: {text[:400]} "
                       "(GME_DEBUG=1 shows the traceback)", err=True)
            sys.exit(1)


@click.group(cls=GmeGroup, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """gme-atlas: a trustworthy, fresh database of US residency programs, and program lists for applicants."""


@main.command()
@click.option("--source", type=click.Choice(["sample", "live"]), default="sample", show_default=True,
              help="sample: the local replica web on loopback; live: the real directory and program sites.")
@click.option("--programs", type=click.IntRange(min=1), default=None,
              help="Size of the local sample web (default: full size).")
@click.option("--sample-web", "sample_web", default=None, metavar="URL",
              help="Use a sample web that is already running (e.g. http://127.0.0.1:8800).")
@click.option("--specialties", default=None, metavar="CODES", help="Only these specialty codes, comma-separated.")
@click.option("--job", type=click.Choice(["refresh", "incremental_refresh", "reextract"]), default="refresh",
              show_default=True,
              help="incremental_refresh reuses the newest directory snapshot and only revalidates websites; "
                   "reextract crawls nothing and re-reads the newest stored crawl with the current extractor.")
@click.option("--crawl-shards", type=click.IntRange(min=1, max=64), default=1, show_default=True,
              help="Split the website crawl into N specialty shards, crawled by N Scrapy processes side by side "
                   "in one step. Keep 1 on a 2-core machine: measured there (1,000 programs), 2 shards cost about "
                   "the same CPU but were no faster (slower under load), since the crawls and the local sample "
                   "web share the cores. Shards can pay with cores to spare (4+) or workers on other machines "
                   "(README: Crawling in parallel).")
@click.option("--wait", is_flag=True, default=False,
              help="If another refresh is writing the same data dir, wait for it instead of exiting (code 2).")
def refresh(source: str, programs: int | None, sample_web: str | None, specialties: str | None, job: str,
            crawl_shards: int, wait: bool) -> None:
    """Run the whole asset graph (crawl, stage, validate, publish, indicators, recommendations)."""
    if source == "live" and (programs or sample_web):
        fail("--programs and --sample-web apply to --source sample only")
    crawls = job != "reextract"  # the one job without crawl steps (pipelines/defs/automation.py)
    if not crawls and (programs or sample_web or specialties or crawl_shards != 1):
        fail(f"--job {job} crawls nothing: --programs, --sample-web, --specialties and --crawl-shards do not apply")
    if specialties and job == "incremental_refresh":
        fail("--job incremental_refresh does not crawl the directory: --specialties does not apply")
    if sample_web:
        problem = _sample_web_problem(sample_web)
        if problem:
            fail(problem)
    from warehouse.store import RefreshLocked, RunStore

    store = RunStore()
    with contextlib.ExitStack() as held:
        try:
            if wait and not store.locked_here():
                click.echo(f"  waiting for the refresh lock ({store.lock_holder() or 'free'}) ...")
            held.enter_context(store.refresh_lock(wait=wait, holder=f"gme refresh --job {job}"))
        except RefreshLocked as exc:
            fail(str(exc))
        home = dagster_home()
        started = time.perf_counter()
        click.echo(f"gme refresh: source={source}" + (f", programs={programs}" if programs else "") + f", job={job}")
        click.echo(f"  Dagster instance: {home}  (see the run in `gme ui`)")
        settings: dict = {"source": source}
        if programs:
            settings["programs"] = programs
        if sample_web:
            settings["sample_web_url"] = sample_web.rstrip("/")
        if specialties:
            settings["specialties"] = [s.strip().zfill(3) for s in specialties.split(",") if s.strip()]
        if crawls:
            settings["crawl_shards"] = crawl_shards

        from pipelines.runner import run_job

        # with no --sample-web, the run's executor starts one sample web for the whole run; shards
        # crawl side by side inside one step of the in-process run (no step process to start each)
        outcome = run_job(job, settings)
    took = time.perf_counter() - started
    if not outcome.success:
        click.echo(f"\nRefresh FAILED after {took:.0f}s: {outcome.failure}", err=True)
        click.echo(f"The published warehouse was left unchanged: {warehouse_path()}", err=True)
        sys.exit(1)
    _print_summary(outcome, took)


def _failed_sites(con) -> list[tuple[str, str]]:
    """(website host, reason) of every program whose website crawl failed in this run (core.programs.website_status)."""
    from urllib.parse import urlsplit

    try:
        rows = con.sql("SELECT website, website_status FROM core.programs WHERE website_status LIKE 'failed:%' "
                       "ORDER BY website").fetchall()
    except Exception:  # noqa: BLE001 - an older warehouse without the column: nothing to list
        return []
    return [(urlsplit(url or "").hostname or str(url), status.split(":", 1)[1]) for url, status in rows]


def _sample_web_problem(url: str) -> str | None:
    """Why a given --sample-web cannot be crawled (the crawler's own address rule, http only, then one
    TCP connect), or None."""
    import socket
    from urllib.parse import urlsplit

    from scrapers.address import AddressBook

    try:
        book = AddressBook.for_sample_web(url)
    except ValueError as exc:  # the crawler's message names --sample-web; urlsplit's (a bad port) does not
        return str(exc) if str(exc).startswith("--sample-web") else f"--sample-web {url!r}: {exc}"
    if urlsplit(url).scheme != "http":
        return f"--sample-web must be an http:// URL (the sample web serves plain HTTP), got {url!r}"
    try:
        socket.create_connection((book.sample_host, book.sample_port), timeout=2).close()
    except OSError as exc:
        return f"--sample-web {url}: nothing answers there ({exc.strerror or exc}); start one with `gme sample-web`"
    return None


def _print_summary(outcome, took: float) -> None:
    from warehouse.publish import connect_readonly

    path = warehouse_path()
    con = connect_readonly(path)
    try:
        rows = con.sql(
            "SELECT schema_name || '.' || table_name, estimated_size FROM duckdb_tables() "
            "WHERE schema_name IN ('raw', 'staging', 'core', 'marts', 'history') ORDER BY schema_name, table_name"
        ).fetchall()
        counts = [(name, con.sql(f"SELECT count(*) FROM {name}").fetchall()[0][0]) for name, _ in rows]
        failed_sites = _failed_sites(con)
        from pipelines.analyst import summary_lines  # validation counts, Data Docs, age of website facts

        analyst_lines = summary_lines(con, outcome.run_id)
    finally:
        con.close()
    click.echo(f"\nRefresh finished in {took:.0f}s (run {outcome.run_id}).")
    click.echo(f"Checks passed: {outcome.checks_passed}/{outcome.checks_total} (expectation suites and blocking asset checks)")
    click.echo("Rows per table:")
    for name, count in counts:
        click.echo(f"  {name:<32} {count:>9,}")
    if failed_sites:  # issue 13: a site that stays down loses its facts; say which, and why
        shown = ", ".join(f"{site} ({why})" for site, why in failed_sites[:20])
        more = f" and {len(failed_sites) - 20} more" if len(failed_sites) > 20 else ""
        click.echo(f"Websites that failed this run ({len(failed_sites)}; their facts are kept from the last good "
                   f"crawl or left unknown): {shown}{more}")
    for line in analyst_lines:
        click.echo(line)
    click.echo(f"Warehouse: {path}")
    click.echo("Try:")
    click.echo(
        "  gme sql \"SELECT name, state, h1b_visa, min_step2ck, img_friendliness "
        "FROM core.programs JOIN marts.program_indicators USING (program_id) "
        "WHERE h1b_visa = 'yes' ORDER BY img_friendliness DESC LIMIT 10\""
    )
    click.echo("  gme changes --last          # what this refresh changed, with pages and quotes")
    click.echo("  gme recommend --profile examples/img-j1-low-score.yaml")


@main.command()
@click.option("--port", type=int, default=3000, show_default=True)
def ui(port: int) -> None:
    """Start the Dagster UI on this project (loopback only)."""
    dagster_home()
    dagster = Path(sys.executable).with_name("dagster")
    command = ["env", "--default-signal=INT", str(dagster), "dev", "-m", "pipelines.definitions",
               "-h", "127.0.0.1", "-p", str(port)]
    os.chdir(REPO_ROOT)
    os.execvp(command[0], command)


@main.command(context_settings=PASS_THROUGH)
@click.pass_context
def extract(ctx: click.Context) -> None:
    """Extract eligibility facts from saved pages: gme extract [--format jsonl|table] PATH..."""
    from eligibility.cli import main as extract_main

    sys.exit(extract_main(list(ctx.args)))


@main.command(name="sample-web", context_settings=PASS_THROUGH)
@click.pass_context
def sample_web(ctx: click.Context) -> None:
    """Serve the local replica of the program web (see `gme sample-web --help`)."""
    from sampleweb.__main__ import main as sampleweb_main

    sys.exit(sampleweb_main(list(ctx.args)) or 0)


@main.command()
@click.option("--profile", "profile_path", type=click.Path(dir_okay=False), default=None, help="Applicant profile YAML.")
@click.option("--profiles", "profiles_path", type=click.Path(dir_okay=False), default=None,
              help="Many profiles: one JSON object per line (ranked in one process).")
@click.option("--top", type=click.IntRange(min=1), default=None, help="How many programs per section (default: the profile's top).")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv", "json"]), default=None,
              help="table (default), jsonl, csv, or json: one document per profile (profile, sections, plans with their "
                   "lists, rows with verdicts), one per line. With --out and no --format nothing is printed but a summary.")
@click.option("--report", type=click.Path(dir_okay=False), default=None,
              help="Also write an HTML report here: one file, one section per profile (at most 100 profiles).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=None,
              help="Also write recommendations.parquet, recommendation_verdicts.parquet and application_plans.parquet "
                   "into this folder.")
def recommend(profile_path: str | None, profiles_path: str | None, top: int | None, fmt: str | None,
              report: str | None, out_dir: str | None) -> None:
    """Rank programs for applicant profiles from the published warehouse (the marts' code path)."""
    from pipelines.transforms.profile import ProfileError, load_profile, load_profiles
    from pipelines.recommend_view import jsonl_rows, load_tables, render_table

    if (profile_path is None) == (profiles_path is None):
        fail("give one of --profile FILE.yaml or --profiles FILE.jsonl")
    try:
        profiles = [load_profile(profile_path)] if profile_path else load_profiles(profiles_path)
    except ProfileError as exc:
        fail(str(exc))
    if top:
        profiles = [p.model_copy(update={"top": top}) for p in profiles]
    from warehouse.check import RECOMMEND_TABLES, WarehouseError, check_warehouse

    if report:  # before anything is printed: a report that cannot be written fails the command
        from pipelines.report import ReportPathError, check_report_path

        try:
            check_report_path(report)
        except ReportPathError as exc:
            fail(str(exc))
    try:
        check_warehouse(warehouse_path(), RECOMMEND_TABLES)
        tables = load_tables(warehouse_path())
    except (FileNotFoundError, WarehouseError) as exc:
        fail(str(exc))
    if report and len(profiles) > REPORT_MAX_PROFILES:
        fail(f"--report: {len(profiles)} profiles; one report holds at most {REPORT_MAX_PROFILES} (split the profiles file)")
    from pipelines.recommend_view import documents, plan_lists, rank_all
    from pipelines.transforms.verdicts import as_of_for

    detail = bool(report) or fmt == "json"
    frame, judged, ranked, prep = rank_all(profiles, tables, lists=detail)
    lists = plan_lists(ranked, tables) if detail else None
    if fmt == "jsonl":
        for row in jsonl_rows(frame, judged):
            click.echo(json.dumps(row, default=str))
    elif fmt == "json":
        for doc in documents(profiles, frame, judged, ranked, lists, prep.as_of):
            click.echo(json.dumps(doc, default=str))
    elif fmt == "csv":
        click.echo(frame.with_columns(pl_join_verify(frame)).write_csv(), nl=False)
    elif fmt == "table" or not out_dir:
        click.echo("\n\n".join(render_table(frame, p, judged, ranked.plans) for p in profiles))
    if report:
        # every profile's application plan, charts and verdict links (pipelines/report.py), one section each
        import polars as pl

        from pipelines.report import render_reports
        from pipelines.transforms.recommend import verdicts_for

        listed = verdicts_for(prep, profiles, lists.filter(pl.col("in_plan")))
        items = [(p, ranked.plans.filter(pl.col("applicant_id") == p.applicant_id),
                  lists.filter(pl.col("applicant_id") == p.applicant_id),
                  listed.filter(pl.col("applicant_id") == p.applicant_id)) for p in profiles]
        conflicts = int(tables["programs"].select(pl.col("conflicting_fields").list.len().gt(0).sum()).item()) \
            if "conflicting_fields" in tables["programs"].columns else None
        Path(report).write_text(render_reports(items, data_date=as_of_for(tables["programs"]), conflicts=conflicts),
                                encoding="utf-8")
        click.echo(f"report written to {report} ({len(profiles)} profile section(s))", err=True)
    if out_dir:
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        frame.drop("verify").write_parquet(out / "recommendations.parquet")
        judged.write_parquet(out / "recommendation_verdicts.parquet")
        ranked.plans.write_parquet(out / "application_plans.parquet")
        click.echo(f"wrote {frame.height} recommendations, {judged.height} verdicts and {ranked.plans.height} "
                   f"application plans to {out}", err=True)


REPORT_MAX_PROFILES = 100


def pl_join_verify(frame):
    """The verify list as one text cell (CSV has no lists)."""
    return frame["verify"].list.join("; ")


@main.command()
@click.argument("out_dir", type=click.Path(file_okay=False))
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv", "jsonl"]), default="parquet", show_default=True)
def export(out_dir: str, fmt: str) -> None:
    """Write the published core and marts tables, with a JSON Schema each, for front ends."""
    from warehouse.check import WarehouseError
    from warehouse.export import export as do_export

    try:
        written = do_export(warehouse_path(), Path(out_dir), fmt)
    except (FileNotFoundError, WarehouseError) as exc:
        fail(str(exc))
    for path in written:
        click.echo(path)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="table", show_default=True)
@click.option("--programs-from", "source", type=click.Choice(["sample", "warehouse"]), default="sample", show_default=True,
              help="sample: the sample web's program set, computed in process; warehouse: core.programs.")
@click.option("--per-type", type=click.IntRange(min=100, max=100000), default=3000, show_default=True,
              help="Simulated applicants per applicant type.")
def calibrate(fmt: str, source: str, per_type: int) -> None:
    """Run the match model on a simulated national applicant pool: predicted vs published 2025 match rates."""
    from pipelines.transforms.plans import calibrate as run_calibration, sample_program_set

    if source == "warehouse":
        from warehouse.publish import connect_readonly

        from warehouse.check import CALIBRATE_TABLES, WarehouseError, check_warehouse

        path = warehouse_path()
        if not Path(path).exists():
            fail(f"no published warehouse at {path}: run `gme refresh` or use --programs-from sample")
        try:
            check_warehouse(path, CALIBRATE_TABLES)
        except WarehouseError as exc:
            fail(str(exc))
        con = connect_readonly(path)
        try:
            programs = con.sql("SELECT * FROM core.programs").pl()
        finally:
            con.close()
    else:
        programs = sample_program_set()
    rows = run_calibration(programs, per_type)
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row))
        return
    click.echo(f"{'applicant type':<14} {'predicted':>9} {'published':>9} {'diff':>6}  source")
    for row in rows:
        click.echo(f"{row['applicant_type']:<14} {row['predicted']:>8.1f}% {row['published']:>8.1f}% "
                   f"{row['difference']:>+6.1f}  {row['source']}")
    click.echo(f"({per_type} simulated applicants per type; {rows[0]['fitted']})")


from pipelines import analyst  # noqa: E402  (the analyst's commands: gme sql, changes, program)

main.add_command(analyst.sql)
main.add_command(analyst.changes)
main.add_command(analyst.program)


if __name__ == "__main__":
    main()
