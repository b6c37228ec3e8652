"""Failure kinds recorded in the raw store's `error` column (INTERFACES.md §5)."""

from __future__ import annotations

import asyncio

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)

from scrapers.address import RefusedAddress
from scrapers.middlewares import CapReached, RobotsDisallowed


class OffsiteRedirect(IgnoreRequest):
    """A redirect left the program's own hosts."""


def error_kind(exc: BaseException) -> str:
    """Short, stable name for why a fetch produced no usable response."""
    message = str(exc).lower()
    if isinstance(exc, RefusedAddress):
        return "dns" if message.startswith("dns:") else "refused_address"
    if isinstance(exc, RobotsDisallowed) or "robots.txt" in message:
        return "robots"
    if isinstance(exc, CapReached):
        return "cap"
    if isinstance(exc, OffsiteRedirect):
        return "offsite"
    if isinstance(exc, IgnoreRequest) and "redirection" in message:
        return "redirect_loop"
    if isinstance(exc, (DownloadTimeoutError, TimeoutError, asyncio.TimeoutError)):
        return "timeout"
    if isinstance(exc, CannotResolveHostError):
        return "refused_address" if "refused address" in message else "dns"
    if isinstance(exc, DownloadCancelledError) and ("maxsize" in message or "larger than" in message or "exceeds" in message):
        return "maxsize"
    if isinstance(exc, ResponseDataLossError):
        return "dataloss"
    if isinstance(exc, (DownloadConnectionRefusedError, DownloadFailedError, ConnectionError)):
        return "connection"
    if isinstance(exc, IgnoreRequest):
        return "ignored"
    if "timeout" in message or "timed out" in message:
        return "timeout"
    return type(exc).__name__.lower()


def status_kind(status: int) -> str | None:
    if status >= 500:
        return "http_5xx"
    if status >= 400:
        return "http_4xx"
    return None
