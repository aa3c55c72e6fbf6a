"""The connection layer under the live-check client: vetted addresses only, and one deadline per response.

Two attacks go through an ordinary HTTP client:

- DNS rebinding. The address policy resolves a name and finds it public; the HTTP library then
  resolves it again to connect, and a hostile name server answers 127.0.0.1 the second time. Here
  the library never resolves: every connection goes to an address the policy vetted for that host
  (the URL, and so the Host header and the TLS server name, keep the name), and the peer the socket
  reached is checked again before a byte is sent.
- A drip. Per-read timeouts restart with every byte, so a server sending one header byte every 2 s
  holds a 15 s read timeout off forever. Every connect, read and write here is bounded by what is
  left of one deadline for the whole response, headers and body alike.
"""

from __future__ import annotations

import math
import ssl
import time
import typing
from collections.abc import Callable, Iterable

import httpcore
import httpx

from exposure_audit.live.safety import is_internal

SocketOption = typing.Any


class DeadlineExpired(httpcore.ReadTimeout):
    """The response's whole deadline passed (not one slow read): never retried."""


class _Clock:
    def __init__(self) -> None:
        self.deadline = math.inf

    def expired(self) -> bool:
        return time.monotonic() >= self.deadline

    def remaining(self, timeout: float | None) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise DeadlineExpired("the whole answer took longer than its deadline")
        return left if timeout is None else min(timeout, left)


class _BoundedStream(httpcore.NetworkStream):
    """A network stream whose every operation waits at most for what is left of the deadline."""

    def __init__(self, inner: httpcore.NetworkStream, clock: _Clock) -> None:
        self._inner = inner
        self._clock = clock

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        try:
            return self._inner.read(max_bytes, self._clock.remaining(timeout))
        except httpcore.ReadTimeout:
            self._clock.remaining(None)  # DeadlineExpired when it was the deadline that ran out
            raise

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._clock.remaining(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(ssl_context, server_hostname, self._clock.remaining(timeout))
        return _BoundedStream(inner, self._clock)

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class PinnedBackend(httpcore.NetworkBackend):
    """Connects a host name only to the addresses vetted for it; each stream bounded by the deadline."""

    def __init__(self, *, allow_private: bool, internal: Callable[[str], bool] = is_internal) -> None:
        self.allow_private = allow_private
        self.internal = internal
        self.pins: dict[str, list[str]] = {}
        self.clock = _Clock()
        self._sync = httpcore.SyncBackend()

    def pin(self, host: str, addresses: Iterable[str]) -> None:
        self.pins[host.lower().strip("[]")] = list(addresses)

    def start(self, deadline_s: float) -> None:
        self.clock.deadline = time.monotonic() + deadline_s

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = self.pins.get(host.lower().strip("[]"))
        if not addresses:
            raise httpcore.ConnectError(f"{host} was not checked by the address policy; not contacted")
        error: Exception | None = None
        for address in addresses:
            try:
                stream = self._sync.connect_tcp(
                    address, port, self.clock.remaining(timeout), local_address, socket_options
                )
            except httpcore.ConnectError as exc:
                error = exc
                continue
            self._verify_peer(stream, address)
            return _BoundedStream(stream, self.clock)
        raise error or httpcore.ConnectError(f"{host}: no address to connect to")

    def _verify_peer(self, stream: httpcore.NetworkStream, address: str) -> None:
        sock = stream.get_extra_info("socket")
        peer = str(sock.getpeername()[0]) if sock is not None else ""
        if peer.split("%", 1)[0] != address.split("%", 1)[0] or (not self.allow_private and self.internal(peer)):
            stream.close()
            raise httpcore.ConnectError(f"connected to {peer or 'an unknown peer'}, not the vetted {address}")

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[SocketOption] | None = None
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("live checks never use local sockets")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


def pinned_transport(backend: PinnedBackend) -> httpx.BaseTransport:
    """An httpx transport whose connection pool dials through `backend` (TLS verified as usual)."""
    transport = httpx.HTTPTransport(trust_env=False)
    # httpx offers no public hook for the network backend, so its pool is swapped for one built the
    # same way (httpx's own TLS context, HTTP/1.1) that dials through the pinned backend.
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(trust_env=False), network_backend=backend
    )
    return transport
