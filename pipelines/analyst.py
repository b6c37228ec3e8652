"""The analyst's commands: `gme sql`, `gme changes`, `gme program` (registered in pipelines/cli.py).

Each opens the published warehouse read-only for one query at a time (warehouse/query.py), so
a refresh that swaps the file in between is seen at the next query, and nothing here can write.
Light imports only (no Dagster, no GX): these start in well under a second.
"""

from __future__ import annotations

import sys

import click

from warehouse.query import FORMATS, QueryError


def _fail(message: str) -> None:
    click.echo(f"gme: {message}", err=True)
    sys.exit(2)


@click.command()
@click.argument("query")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "jsonl"]), default="table", show_default=True)
@click.option("--param", "params", multiple=True, metavar="VALUE",
              help="Value for a ? placeholder in QUERY (repeat in order).")
@click.option("--max-width", type=click.IntRange(min=8), default=60, show_default=True,
              help="Table format: cut longer cells to this width.")
def sql(query: str, fmt: str, params: tuple[str, ...], max_width: int) -> None:
    """Run one read-only QUERY on the published warehouse (a fresh read-only connection per query).

    \b
    gme sql "SELECT name, state, h1b_visa FROM core.programs WHERE h1b_visa = 'yes' LIMIT 5"
    gme sql "SELECT field, value, source, url FROM core.program_facts WHERE program_id = ?" --param 1403521292
    gme sql "SELECT table_name, column_name, comment FROM duckdb_columns() WHERE schema_name = 'core'" --format csv
    """
    from warehouse.query import as_table, run

    try:
        result = run(query, params or None)
    except QueryError as exc:
        _fail(f"sql: {exc}")
    out = as_table(result, max_width) if fmt == "table" else FORMATS[fmt](result)
    click.echo(out, nl=False)
