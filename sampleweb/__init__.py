"""sampleweb package."""
