"""Dagster definitions, one module per layer: crawl (raw), staging (+ checks), core, marts, publish, automation."""
