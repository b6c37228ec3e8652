"""An isolated data dir, warehouse and Dagster instance per test module: the fixture tests/integration uses."""

from tests.integration.conftest import isolated_env  # noqa: F401  (a fixture, found by name)
