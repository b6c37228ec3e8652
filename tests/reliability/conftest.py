"""The isolated data dir, warehouse and Dagster instance fixture of tests/integration."""

from tests.integration.conftest import isolated_env  # noqa: F401  (a fixture, found by name)
