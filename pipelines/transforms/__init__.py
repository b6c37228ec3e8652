"""Pure Polars transforms behind the assets (no Dagster imports): staging, core, indicators, recommendations."""
