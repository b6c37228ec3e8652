"""Spiders of the gme-atlas crawl: `directory` (JSON:API) and `website` (program sites)."""
