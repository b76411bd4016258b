"""A real HTTP server on 127.0.0.1 that records webhook requests, for tests.

Each path answers from a script: a list of responses used in turn (the last one repeats),
so a test can say "500, then 200" or "302 to /elsewhere" or "answer after 1 s".
"""

import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Reply:
    status: int = 200
    delay: float = 0.0
    headers: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict  # names in lower case
    body: bytes

    def json(self) -> dict:
        return json.loads(self.body)


class Receiver:
    """Start with `with Receiver() as server:`; `server.url("/hook")` is where to send."""

    def __init__(self) -> None:
        self.requests: list[Received] = []
        self.scripts: dict[str, list[Reply]] = {}
        self._lock = threading.Lock()
        self._arrived = threading.Condition(self._lock)
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {name.lower(): value for name, value in self.headers.items()}
                reply = receiver._record(Received(self.path, headers, body))
                if reply.delay:
                    time.sleep(reply.delay)  # a slow receiver, for the client's timeout
                try:
                    self.send_response(reply.status)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", "2")
                    self.end_headers()
                    self.wfile.write(b"ok")
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (a timeout test)

            do_GET = do_POST

            def log_message(self, *args) -> None:
                pass  # keep the test output quiet

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _record(self, received: Received) -> Reply:
        with self._lock:
            self.requests.append(received)
            self._arrived.notify_all()
            script = self.scripts.get(received.path) or [Reply()]
            return script.pop(0) if len(script) > 1 else script[0]

    def script(self, path: str, *replies: Reply) -> str:
        """Answer requests to `path` with these replies in turn; returns the full URL."""
        self.scripts[path] = list(replies)
        return self.url(path)

    def url(self, path: str) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}{path}"

    def to(self, path: str) -> list[Received]:
        with self._lock:
            return [request for request in self.requests if request.path == path]

    def wait_for(self, path: str, *, timeout: float) -> list[Received]:
        """Block until a request to `path` has arrived (or `timeout` passes); returns those that have."""
        with self._arrived:
            self._arrived.wait_for(lambda: any(request.path == path for request in self.requests), timeout=timeout)
            return [request for request in self.requests if request.path == path]

    def __enter__(self) -> "Receiver":
        self.thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


class Stalling:
    """A TCP server on 127.0.0.1 that never finishes an answer, for deadline tests.

    `trickle_every=None` accepts and stays silent (a hung receiver); a number of seconds
    sends one byte of a never-ending status line that often (a trickling receiver).
    """

    def __init__(self, *, trickle_every: float | None = None) -> None:
        self.trickle_every = trickle_every
        self.connections = 0
        self._stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)  # so the accepting thread notices the stop
        self._threads = [threading.Thread(target=self._accept, daemon=True)]

    def url(self, path: str) -> str:
        host, port = self._listener.getsockname()[:2]
        return f"http://{host}:{port}{path}"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return  # closed on exit
            self.connections += 1
            thread = threading.Thread(target=self._stall, args=(connection,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _stall(self, connection: socket.socket) -> None:
        with connection:
            if self.trickle_every is None:
                self._stop.wait()
                return
            connection.sendall(b"HTTP/1.1 200 ")
            while not self._stop.wait(self.trickle_every):
                try:
                    connection.sendall(b"O")
                except OSError:
                    return  # the client hung up: its deadline passed

    def __enter__(self) -> "Stalling":
        self._threads[0].start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=5)
        self._listener.close()
