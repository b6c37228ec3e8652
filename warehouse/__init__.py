"""The DuckDB warehouse: schema, atomic publishing, history, reading and exports."""

from warehouse.paths import warehouse_path

__all__ = ["warehouse_path"]
