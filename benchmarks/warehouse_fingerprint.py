"""Fingerprint a published warehouse (row counts per table + md5 of core.programs) to compare before/after a refactor."""
# Usage: .venv/bin/python benchmarks/warehouse_fingerprint.py [--refresh N] WAREHOUSE.duckdb
# With --refresh N it first runs `gme refresh --programs N` into a temporary GME_DATA_DIR/GME_WAREHOUSE.
import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb

TIME_COLUMNS = ("updated_at", "website_facts_seen_at")  # time-dependent: checked run against run


def fingerprint(path: Path) -> None:
    con = duckdb.connect(str(path), read_only=True)
    tables = con.execute(
        "SELECT table_schema, table_name FROM information_schema.tables "
        "WHERE table_type = 'BASE TABLE' ORDER BY 1, 2"
    ).fetchall()
    for schema, name in tables:
        n = con.execute(f'SELECT count(*) FROM "{schema}"."{name}"').fetchone()[0]
        print(f"{schema}.{name}\t{n}")
    # the two columns that say when a refresh ran (run start, fetch time of the website facts)
    # differ between two refreshes of the same web on the same code: everything else must not
    digest = con.execute(
        f"SELECT md5(string_agg(t::VARCHAR, '|' ORDER BY program_id)) "
        f"FROM (SELECT * EXCLUDE ({', '.join(TIME_COLUMNS)}) FROM core.programs) t"
    ).fetchone()[0]
    print(f"core.programs md5\t{digest}\t(without {', '.join(TIME_COLUMNS)})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("warehouse", nargs="?", type=Path)
    ap.add_argument("--refresh", type=int, metavar="N", help="run gme refresh --programs N first")
    args = ap.parse_args()
    if args.refresh:
        tmp = Path(tempfile.mkdtemp(prefix="gme-fp-"))
        wh = tmp / "warehouse.duckdb"
        home = tmp / "dagster_home"  # its own Dagster instance too: no run lands in the repo's
        env = dict(os.environ, GME_DATA_DIR=str(tmp / "data"), GME_WAREHOUSE=str(wh), DAGSTER_HOME=str(home))
        # `python -m pipelines.cli` is the gme entry point (PYTHONPATH picks the checkout to measure)
        subprocess.run([sys.executable, "-m", "pipelines.cli", "refresh", "--programs", str(args.refresh)],
                       env=env, check=True)
        args.warehouse = wh
    if args.warehouse is None or not args.warehouse.is_file():
        print("warehouse_fingerprint: give a warehouse file or --refresh N", file=sys.stderr)
        return 2
    fingerprint(args.warehouse)
    return 0


if __name__ == "__main__":
    sys.exit(main())
