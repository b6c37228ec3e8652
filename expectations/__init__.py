"""Great Expectations suites for the staged tables, built in Python from typed expectation classes.

Validated on a pandas copy of each Polars frame (GX has no Polars backend, and its DuckDB path
through SQLAlchemy is silently wrong: PITFALLS.md). Imported lazily: GX costs ~3 s to import.
"""

from expectations.suites import SUITES, SuiteOutcome, validate

__all__ = ["SUITES", "SuiteOutcome", "validate"]
