"""A peer portal on loopback for the tests: a threaded stdlib HTTP server on 127.0.0.1, port 0,
serving the demo Lakeside package under /data/ and hostile answers at other addresses. It keeps
the headers of every request it received."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DEMO = Path(__file__).resolve().parents[2] / "demo" / "network" / "ca-on-lakeside-lip"
FY = "2026-27"

# path -> (status, headers, body chunks or bytes)
type Answer = tuple[int, dict[str, str], bytes | Callable[[], Iterator[bytes]]]


def demo_files(prefix: str = "/data/") -> dict[str, Answer]:
    answers: dict[str, Answer] = {}
    for path in DEMO.rglob("*"):
        if path.is_file():
            kind = "application/json" if path.suffix == ".json" else "text/csv; charset=utf-8"
            answers[prefix + path.relative_to(DEMO).as_posix()] = (
                200,
                {"Content-Type": kind},
                path.read_bytes(),
            )
    return answers


def demo_descriptor() -> dict:
    return json.loads((DEMO / "datapackage.json").read_text(encoding="utf-8"))


class PeerServer:
    def __init__(self) -> None:
        self.answers: dict[str, Answer] = {}
        self.requests: list[dict[str, str]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                server.requests.append({key.lower(): value for key, value in self.headers.items()})
                status, headers, body = server.answers.get(
                    self.path, (404, {"Content-Type": "text/plain"}, b"not found")
                )
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                if isinstance(body, bytes):
                    if "Content-Length" not in headers:
                        self.send_header("Content-Length", str(len(body)))
                    self.send_header("Connection", "close")
                    self.end_headers()
                    self.wfile.write(body)
                    return
                self.send_header("Connection", "close")
                self.end_headers()
                try:
                    for chunk in body():
                        self.wfile.write(chunk)
                        self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def endless(chunk: bytes, total: int) -> Callable[[], Iterator[bytes]]:
    """`total` bytes made on the fly, `chunk` at a time: never held whole by the server."""

    def body() -> Iterator[bytes]:
        sent = 0
        while sent < total:
            yield chunk
            sent += len(chunk)

    return body


def slowly(body: bytes, pause: float) -> Callable[[], Iterator[bytes]]:
    """One byte, then a pause, and so on: each read succeeds, the whole takes too long."""

    def drip() -> Iterator[bytes]:
        for index in range(len(body)):
            yield body[index : index + 1]
            time.sleep(pause)

    return drip
