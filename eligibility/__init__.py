"""Eligibility extractor: program pages (HTML, text, PDF) -> the thirteen CONTRACT facts.

A pure library (no Dagster, no Scrapy). `extract_page` reads one page; `merge_program`
combines a program's pages by the precedence documented in `eligibility.merge`;
`eligibility.cli.main` is `gme extract`.
"""

from eligibility.extract import extract_page
from eligibility.merge import merge_program
from eligibility.model import FIELDS, Fact, PageResult

__all__ = ["FIELDS", "Fact", "PageResult", "extract_page", "merge_program"]
