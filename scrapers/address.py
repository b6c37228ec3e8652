"""Which network addresses a crawl may connect to.

Sample mode: every `*.test` name (and the sample web's own host:port) connects to the sample
web's loopback port; any other name is refused. Live mode: a name is resolved first and
refused if any of its addresses is private, loopback, link-local, multicast, reserved or
otherwise not globally routable. The decision is pinned in an `AddressBook`, and the download
handler connects only to addresses the book approved, so the checked address is the one
used (no second lookup between check and connect)."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlsplit

SAMPLE_SUFFIX = ".test"


def __getattr__(name: str):
    # RefusedAddress is a Scrapy IgnoreRequest; it lives in scrapers.refused so that the address
    # rule alone (gme refresh checks --sample-web with it) does not import Scrapy (0.3 s per refresh)
    if name == "RefusedAddress":
        from scrapers.refused import RefusedAddress

        return RefusedAddress
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _refused(reason: str) -> Exception:
    from scrapers.refused import RefusedAddress

    return RefusedAddress(reason)


def forbidden_reason(ip: str) -> str | None:
    """Why an address must not be contacted in live mode, or None when it is public."""
    addr = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(addr, ipaddress.IPv6Address):
        mapped = addr.ipv4_mapped or addr.sixtofour
        if mapped is not None:
            return forbidden_reason(str(mapped))
    for attr in ("is_loopback", "is_private", "is_link_local", "is_multicast", "is_reserved", "is_unspecified"):
        if getattr(addr, attr):
            return attr[3:].replace("_", "-")
    if not addr.is_global:  # shared (CGN) space, documentation ranges and the like
        return "not-global"
    return None


class Resolver(Protocol):
    async def resolve(self, host: str) -> list[str]: ...


class SystemResolver:
    """The operating system's resolver (live mode only)."""

    async def resolve(self, host: str) -> list[str]:
        infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
        return list(dict.fromkeys(info[4][0] for info in infos))


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


@dataclass
class AddressBook:
    """Approved (host, port) -> connect targets, decided once per host and run."""

    mode: str  # "sample" | "live"
    sample_port: int | None = None
    sample_host: str | None = None
    resolver: Resolver = field(default_factory=SystemResolver)
    _approved: dict[tuple[str, int], list[tuple[str, int]]] = field(default_factory=dict)
    _refused: dict[tuple[str, int], str] = field(default_factory=dict)
    _pending: dict[tuple[str, int], asyncio.Future] = field(default_factory=dict)

    @classmethod
    def for_sample_web(cls, base_url: str) -> AddressBook:
        parts = urlsplit(base_url)
        if parts.hostname not in ("127.0.0.1", "localhost", "::1") or parts.port is None:
            raise ValueError(f"--sample-web must be a loopback URL with a port, got {base_url!r}")
        return cls(mode="sample", sample_port=parts.port, sample_host=parts.hostname)

    def approved(self, host: str, port: int) -> list[tuple[str, int]] | None:
        return self._approved.get((host.lower(), port))

    async def approve(self, host: str, port: int) -> list[tuple[str, int]]:
        """Connect targets for host:port, or raise RefusedAddress (decided before connecting)."""
        key = (host.lower(), port)
        if key in self._approved:
            return self._approved[key]
        if key in self._refused:
            raise _refused(self._refused[key])
        if key in self._pending:  # one lookup per host even under a burst of requests
            await asyncio.shield(self._pending[key])
            return await self.approve(host, port)
        future = asyncio.get_running_loop().create_future()
        self._pending[key] = future
        try:
            targets = await self._decide(*key)
            self._approved[key] = targets
            return targets
        except Exception as exc:
            from scrapers.refused import RefusedAddress

            if isinstance(exc, RefusedAddress):  # refused once, refused for the rest of the run
                self._refused[key] = str(exc)
            raise
        finally:
            del self._pending[key]
            future.set_result(None)

    async def _decide(self, host: str, port: int) -> list[tuple[str, int]]:
        if self.mode == "sample":
            if host.endswith(SAMPLE_SUFFIX) or (host == self.sample_host and port == self.sample_port):
                return [("127.0.0.1", int(self.sample_port))]
            raise _refused(f"{host} is not a sample-web host")
        if _is_ip(host):
            addresses = [host]
        else:
            try:
                addresses = await self.resolver.resolve(host)
            except OSError as exc:
                raise _refused(f"dns: {host}: {exc}") from exc
        if not addresses:
            raise _refused(f"dns: {host} has no address")
        for ip in addresses:
            reason = forbidden_reason(ip)
            if reason:
                raise _refused(f"{host} resolves to {ip} ({reason})")
        return [(ip, port) for ip in addresses]


def address_book(crawler) -> AddressBook:
    """The crawl's one AddressBook, shared by the policy middleware and the download handler."""
    book = getattr(crawler, "_gme_address_book", None)
    if book is None:
        settings = crawler.settings
        if settings.get("GME_SOURCE", "sample") == "sample":
            book = AddressBook.for_sample_web(settings.get("GME_SAMPLE_WEB") or "http://127.0.0.1:0")
        else:
            from scrapy.utils.misc import load_object

            resolver_cls = load_object(settings.get("GME_RESOLVER") or "scrapers.address.SystemResolver")
            book = AddressBook(mode="live", resolver=resolver_cls())
        crawler._gme_address_book = book
    return book
