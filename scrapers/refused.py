"""The exception a crawl raises for a host it may not connect to (see scrapers.address)."""

from scrapy.exceptions import IgnoreRequest


class RefusedAddress(IgnoreRequest):
    """The request's host is not one this crawl may connect to (recorded as refused_address)."""
