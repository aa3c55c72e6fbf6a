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


def _is_internal(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return bool(ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_reserved
                or ip.is_unspecified or not ip.is_global)


class AddressPolicy:
    def __init__(self, *, allow_private: bool = False, resolver: Resolver = system_resolver) -> None:
        self.allow_private = allow_private
        self._resolver = resolver

    def check(self, url: str) -> None:
        """Raise RefusedAddress unless `url` may be fetched."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise RefusedAddress(f"{url}: only http and https addresses are fetched")
        if parts.username or parts.password:
            raise RefusedAddress(f"{url}: addresses with credentials are never fetched")
        host = parts.hostname
        if not host:
            raise RefusedAddress(f"{url}: no host name")
        if self.allow_private:
            return
        try:
            literal = ipaddress.ip_address(host)
        except ValueError:
            literal = None
        addresses = [str(literal)] if literal is not None else list(
            self._resolver(host, parts.port or (443 if parts.scheme == "https" else 80)))
        if not addresses:
            raise RefusedAddress(f"{url}: the name does not resolve")
        internal = [a for a in addresses if _is_internal(a)]
        if internal:
            raise RefusedAddress(f"{url}: {host} is a loopback, private or link-local address ({internal[0]}); "
                                 "refused so that a page cannot make this tool probe your network "
                                 "(--allow-private overrides)")
