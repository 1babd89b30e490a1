"""A real HTTP proxy on loopback that answers the first N requests it is told to with ``503`` and passes every other
request through to a real server: how the tests make a client's own retry logic run for real."""

from __future__ import annotations

import contextlib
import http.client
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "proxy-connection", "te", "trailer", "upgrade"}


class FlakyProxy:
    """Counts what it failed and what it forwarded; ``fail_next(n, when)`` arms it."""

    def __init__(self, target: str) -> None:
        parts = urlsplit(target)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.failures_left = 0
        self.when: Callable[[str, str], bool] = lambda method, path: True
        self.failed = 0
        self.forwarded = 0
        self._lock = threading.Lock()

    def fail_next(self, count: int, when: Callable[[str, str], bool] | None = None) -> None:
        with self._lock:
            self.failures_left = count
            self.when = when or (lambda method, path: True)

    def take_failure(self, method: str, path: str) -> bool:
        with self._lock:
            if self.failures_left > 0 and self.when(method, path):
                self.failures_left -= 1
                self.failed += 1
                return True
            self.forwarded += 1
            return False


def _handler(proxy: FlakyProxy) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:  # quiet
            pass

        def _any(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            if proxy.take_failure(self.command, self.path):
                self.send_response(503)
                self.send_header("Content-Length", "0")
                self.send_header("Retry-After", "0")
                self.end_headers()
                return
            upstream = http.client.HTTPConnection(proxy.host, proxy.port, timeout=30)
            try:
                headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
                upstream.request(self.command, self.path, body=body or None, headers=headers)
                answer = upstream.getresponse()
                data = answer.read()
                self.send_response(answer.status)
                for key, value in answer.getheaders():
                    if key.lower() not in _HOP_BY_HOP and key.lower() != "content-length":
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)
            finally:
                upstream.close()

        do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = do_PATCH = _any

    return Handler


@contextlib.contextmanager
def flaky_proxy(target: str) -> Iterator[tuple[str, FlakyProxy]]:
    """``(url, proxy)`` of a proxy in front of ``target`` (``http://host:port``), on a free loopback port."""
    proxy = FlakyProxy(target)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(proxy))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", proxy
    finally:
        server.shutdown()
        server.server_close()
