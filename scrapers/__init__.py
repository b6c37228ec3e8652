"""scrapers package."""
