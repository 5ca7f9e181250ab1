"""A real HTTP server on 127.0.0.1 for the feed tests: routes, conditional GET, hostile cases.

Started in the test (a thread), stopped after it; it never sends traffic anywhere else. Each
route answers with fixed bytes and headers, honours If-None-Match / If-Modified-Since with 304,
and can gzip, trickle slowly, stream forever, redirect in a loop or stall.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LAST_MODIFIED = "Sat, 06 Sep 2025 10:00:00 GMT"


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "application/rss+xml; charset=utf-8"
    status: int = 200
    location: str | None = None
    gzip: bool = False
    conditional: bool = True
    slow: float = 0.0  # seconds between 1-byte writes (a trickling server)
    endless: bool = False  # write forever (a huge response with no length)
    stall: float = 0.0  # seconds to wait before answering


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    status: int


@dataclass
class Gauge:
    """Stalled requests at once, and the most seen (may be shared by servers)."""

    busy: int = 0
    peak: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def enter(self) -> None:
        with self.lock:
            self.busy += 1
            self.peak = max(self.peak, self.busy)

    def leave(self) -> None:
        with self.lock:
            self.busy -= 1


@dataclass
class FeedServer:
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    port: int = 0
    stop: threading.Event = field(default_factory=threading.Event)
    gauge: Gauge = field(default_factory=Gauge)  # this server's own
    shared: Gauge | None = None  # one gauge across several servers

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, path: str, body: bytes | str, **kw: object) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(body=data, **kw)  # type: ignore[arg-type]
        return self.url(path)

    def hits(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]


def _handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # quiet
            return

        def do_GET(self) -> None:
            route = server.routes.get(self.path.split("?")[0])
            headers = {k.lower(): v for k, v in self.headers.items()}
            if route is None:
                self._send(404, b"not found", "text/plain", {})
                server.requests.append(Request(self.path, headers, 404))
                return
            if route.stall:
                # Counted while stalled only: the answer goes out after leaving, so a client
                # that waits for it cannot overlap this request (the handler's own tail could).
                gauges = [g for g in (server.gauge, server.shared) if g is not None]
                for g in gauges:
                    g.enter()
                server.stop.wait(route.stall)
                for g in gauges:
                    g.leave()
            etag = '"' + hashlib.sha1(route.body).hexdigest()[:16] + '"'
            extra: dict[str, str] = {}
            if route.location is not None:
                extra["Location"] = route.location
            if route.conditional and route.status == 200:
                extra["ETag"] = etag
                extra["Last-Modified"] = LAST_MODIFIED
                if headers.get("if-none-match") == etag or (
                    "if-none-match" not in headers
                    and headers.get("if-modified-since") == LAST_MODIFIED
                ):
                    server.requests.append(Request(self.path, headers, 304))
                    self.send_response(304)
                    for k, v in extra.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
            server.requests.append(Request(self.path, headers, route.status))
            if route.endless:
                self.send_response(200)
                self.send_header("Content-Type", route.content_type)
                self.end_headers()
                chunk = b"<rss><channel>" + b"x" * 65536
                try:
                    while not server.stop.is_set():
                        self.wfile.write(chunk)
                except OSError:
                    pass
                return
            if route.slow:
                self.send_response(200)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                try:
                    for i in range(len(route.body)):
                        if server.stop.wait(route.slow):
                            return
                        self.wfile.write(route.body[i : i + 1])
                        self.wfile.flush()
                except OSError:
                    pass
                return
            body = route.body
            if route.gzip and "gzip" in headers.get("accept-encoding", ""):
                body = gzip.compress(body)
                extra["Content-Encoding"] = "gzip"
            self._send(route.status, body, route.content_type, extra)

        def _send(self, status: int, body: bytes, ctype: str, extra: dict[str, str]) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in extra.items():
                self.send_header(k, v)
            self.end_headers()
            with suppress(OSError):
                self.wfile.write(body)

    return Handler


@contextmanager
def serve(shared: Gauge | None = None) -> Iterator[FeedServer]:
    """A server on 127.0.0.1 (a free port) for the length of the ``with``."""
    state = FeedServer(shared=shared)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.port = int(httpd.server_address[1])
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield state
    finally:
        state.stop.set()
        httpd.shutdown()
        httpd.server_close()
        time.sleep(0)
