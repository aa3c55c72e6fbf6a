"""Which addresses a live check may contact.

A crafted page must not be able to make the tool probe the person's own network: http(s) only, and
every host (the first one and every redirect target) is resolved and refused when any of its
addresses is loopback, private, link-local, multicast, reserved or unspecified — unless the person
passes --allow-private (used by the tests, whose servers run on 127.0.0.1).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

Resolver = Callable[[str, int], Sequence[str]]


class RefusedAddress(Exception):
    """The URL may not be fetched; the message says why in one line."""


def system_resolver(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise RefusedAddress(f"{host}: the name does not resolve ({exc.strerror})") from exc
    return sorted({str(info[4][0]) for info in infos})


NAT64_PREFIXES = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries and may be routed to: mapped (::ffff:a.b.c.d),
    compatible (::a.b.c.d), 6to4 (2002:AABB:CCDD::), Teredo (server and client) and NAT64."""
    found = [a for a in (ip.ipv4_mapped, ip.sixtofour) if a is not None]
    if ip.teredo is not None:
        found.extend(ip.teredo)
    if int(ip) >> 32 == 0 and int(ip) > 1:  # ::a.b.c.d, the deprecated IPv4-compatible form
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    if any(ip in net for net in NAT64_PREFIXES):
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return found


def _internal_ip(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return bool(
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def is_internal(address: str) -> bool:
    """True when the address, or any IPv4 address embedded in it, is not a public one."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    candidates: list[ipaddress.IPv4Address | ipaddress.IPv6Address] = [ip]
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(ip)
        if embedded and ip.ipv4_mapped is not None:
            candidates = []  # a mapped address is exactly its IPv4 address
        candidates.extend(embedded)
    return any(_internal_ip(c) for c in candidates)


class AddressPolicy:
    def __init__(
        self,
        *,
        allow_private: bool = False,
        resolver: Resolver = system_resolver,
        internal: Callable[[str], bool] = is_internal,
    ) -> None:
        self.allow_private = allow_private
        self._resolver = resolver
        self.internal = internal  # also applied to the peer a connection reached (live/pinned.py)

    def check(self, url: str) -> list[str]:
        """The addresses `url`'s host may be contacted at; RefusedAddress unless `url` may be fetched.

        The client connects only to these addresses (live/pinned.py): resolving the name again to
        connect would let a name that answers "public" now and "127.0.0.1" a moment later through.
        """
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise RefusedAddress(f"{url}: only http and https addresses are fetched")
        if parts.username or parts.password:
            raise RefusedAddress(f"{url}: addresses with credentials are never fetched")
        host = parts.hostname
        if not host:
            raise RefusedAddress(f"{url}: no host name")
        try:
            literal = ipaddress.ip_address(host)
        except ValueError:
            literal = None
        addresses = (
            [str(literal)]
            if literal is not None
            else list(self._resolver(host, parts.port or (443 if parts.scheme == "https" else 80)))
        )
        if not addresses:
            raise RefusedAddress(f"{url}: the name does not resolve")
        if self.allow_private:
            return addresses
        internal = [a for a in addresses if self.internal(a)]
        if internal:
            raise RefusedAddress(
                f"{url}: {host} is a loopback, private or link-local address ({internal[0]}); "
                "refused so that a page cannot make this tool probe your network "
                "(--allow-private overrides)"
            )
        return addresses
