"""gme-atlas orchestration: the Dagster project (definitions, assets, checks, schedules) and the `gme` CLI.

Kept import-light on purpose: `gme extract` and `gme recommend` must not pay for importing Dagster.
"""
