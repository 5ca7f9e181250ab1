"""Polite and safe HTTP GET on the standard library (http.client), for feeds and pages.

Why not urllib: every guard here needs the connection itself. A request goes only to http or
https; the host is resolved once and the connection made to that address (so a name cannot
resolve to a public address for the check and a private one for the request); private,
loopback and link-local destinations are refused unless the caller allows them (links found
inside a feed never are, unless the user opted in); redirects are followed by hand up to a
limit, each hop checked again; the body is read in pieces up to a size cap, gzip/deflate
decompressed up to the same cap; a watchdog shuts the socket at the deadline, so a server that
trickles bytes cannot hold a worker past it. Conditional GET: ``etag``/``last_modified`` in,
``304`` out as ``not_modified``.
"""

from __future__ import annotations

import contextlib
import http.client
import importlib.metadata
import ipaddress
import os
import socket
import ssl
import threading
import time
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit


def _version() -> str:
    try:
        return importlib.metadata.version("briefing-tui")
    except importlib.metadata.PackageNotFoundError:
        return "dev"


USER_AGENT = f"briefing-tui/{_version()} (feed reader; +https://pypi.org/project/briefing-tui/)"
#: Largest body kept, after decompression.
MAX_BYTES = 8 * 1024 * 1024
MAX_REDIRECTS = 5
#: Seconds one request may take, from connecting to the last byte.
REQUEST_TIMEOUT = 20.0
#: Set to 1 to let feeds and pages reach private and loopback hosts (a home server, tests).
ALLOW_PRIVATE_ENV = "BRIEFING_TUI_ALLOW_PRIVATE_HOSTS"


class FetchError(Exception):
    """One line saying why a URL could not be fetched."""


@dataclass(slots=True)
class Response:
    url: str  # after redirects
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    not_modified: bool = False

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'")
        return None


def private_hosts_allowed() -> bool:
    return os.environ.get(ALLOW_PRIVATE_ENV, "").strip().lower() in ("1", "true", "yes")


def check_url(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of an http(s) URL, or :class:`FetchError`."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise FetchError("not a valid URL") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs are fetched, not {scheme or 'this'}:")
    host = parts.hostname
    if not host:
        raise FetchError("URL without a host")
    return scheme, host, port or (443 if scheme == "https" else 80)


def _is_private(addr: str) -> bool:
    ip = ipaddress.ip_address(addr.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


def resolve(host: str, port: int, allow_private: bool, timeout: float) -> str:
    """One address for ``host``; a private one only when allowed."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host} ({exc})") from None
    addrs = [str(info[4][0]) for info in infos]
    if not addrs:
        raise FetchError(f"cannot resolve {host}")
    if not allow_private:
        public = [a for a in addrs if not _is_private(a)]
        if not public:
            raise FetchError(f"refused: {host} is a private, loopback or link-local address")
        return public[0]
    return addrs[0]


class _PinnedHTTP(http.client.HTTPConnection):
    """Connects to the address already checked, not to whatever the name resolves to now."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        raw = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)  # type: ignore[attr-defined]


def fetch(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    allow_private: bool | None = None,
    timeout: float = REQUEST_TIMEOUT,
    deadline: float | None = None,
    max_bytes: int = MAX_BYTES,
    accept: str = "*/*",
) -> Response:
    """GET ``url`` with every guard in the module docstring; :class:`FetchError` says why not.

    ``deadline`` is a ``time.monotonic()`` instant no part of the request may pass (the
    update's own deadline); ``timeout`` bounds this request alone.
    """
    if allow_private is None:
        allow_private = private_hosts_allowed()
    end = time.monotonic() + timeout
    if deadline is not None:
        end = min(end, deadline)
    seen: set[str] = set()
    current = url.strip()
    for _hop in range(MAX_REDIRECTS + 1):
        if current in seen:
            raise FetchError("redirect loop")
        seen.add(current)
        resp = _get_once(current, etag, last_modified, allow_private, end, max_bytes, accept)
        if resp.status in (301, 302, 303, 307, 308):
            location = resp.headers.get("location")
            if not location:
                raise FetchError(f"HTTP {resp.status} without a Location")
            current = urljoin(current, location.strip())
            continue
        if resp.status == 304:
            resp.not_modified = True
            return resp
        if resp.status >= 400:
            raise FetchError(f"HTTP {resp.status}")
        return resp
    raise FetchError(f"more than {MAX_REDIRECTS} redirects")


def _get_once(
    url: str,
    etag: str | None,
    last_modified: str | None,
    allow_private: bool,
    end: float,
    max_bytes: int,
    accept: str,
) -> Response:
    scheme, host, port = check_url(url)
    remaining = end - time.monotonic()
    if remaining <= 0:
        raise FetchError("timed out")
    address = resolve(host, port, allow_private, remaining)
    cls = _PinnedHTTPS if scheme == "https" else _PinnedHTTP
    conn = cls(host, port, address, timeout=max(0.1, remaining))
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": accept,
        "Accept-Encoding": "gzip, deflate",
        "Connection": "close",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    timed_out = threading.Event()

    def _expire() -> None:
        timed_out.set()
        sock = conn.sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    watchdog = threading.Timer(max(0.0, end - time.monotonic()), _expire)
    watchdog.daemon = True
    watchdog.start()
    try:
        conn.request("GET", target, headers=headers)
        raw = conn.getresponse()
        status = raw.status
        resp_headers = {k.lower(): v for k, v in raw.getheaders()}
        if status in (301, 302, 303, 304, 307, 308) or status >= 400:
            return Response(url, status, b"", resp_headers)
        body = _read_body(raw, resp_headers.get("content-encoding", ""), max_bytes, end)
        if timed_out.is_set():  # the watchdog shut the socket: what was read is cut short
            raise FetchError("timed out")
        return Response(url, status, body, resp_headers)
    except FetchError:
        raise
    except (OSError, http.client.HTTPException, ValueError) as exc:
        if timed_out.is_set() or isinstance(exc, TimeoutError | socket.timeout):
            raise FetchError("timed out") from None
        if isinstance(exc, ssl.SSLError):
            raise FetchError(f"TLS error ({exc.reason or exc})") from None
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise FetchError(f"connection failed ({reason})") from None
    finally:
        watchdog.cancel()
        conn.close()


def _read_body(raw: http.client.HTTPResponse, encoding: str, max_bytes: int, end: float) -> bytes:
    encoding = encoding.strip().lower()
    if encoding in ("gzip", "x-gzip"):
        decoder: zlib._Decompress | None = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        decoder = zlib.decompressobj()
    elif encoding in ("", "identity"):
        decoder = None
    else:
        raise FetchError(f"unsupported content encoding {encoding!r}")
    length = raw.getheader("content-length")
    if decoder is None and length and length.isdigit() and int(length) > max_bytes:
        raise FetchError(f"response too large (over {max_bytes // (1024 * 1024)} MiB)")
    out = bytearray()
    while True:
        if time.monotonic() > end:
            raise FetchError("timed out")
        chunk = raw.read1(65536)
        if not chunk:
            break
        if decoder is None:
            out += chunk
        else:
            try:
                out += decoder.decompress(chunk, max_bytes + 1 - len(out))
            except zlib.error:
                raise FetchError("corrupt compressed response") from None
        if len(out) > max_bytes:
            raise FetchError(f"response too large (over {max_bytes // (1024 * 1024)} MiB)")
    if decoder is not None:
        try:
            out += decoder.flush()
        except zlib.error:
            raise FetchError("corrupt compressed response") from None
        if len(out) > max_bytes:
            raise FetchError(f"response too large (over {max_bytes // (1024 * 1024)} MiB)")
    return bytes(out)
