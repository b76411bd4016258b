"""A fake CDN API on 127.0.0.1 (a real HTTP server thread) answering like Cloudflare and Fastly.

- Cloudflare: POST /client/v4/zones/<zone>/purge_cache, `Authorization: Bearer <token>`,
  JSON `{"tags": [...]}`; answers `{"success": true, ...}` (or `success: false` and 403 on a bad token).
- Fastly: POST /service/<service>/purge, `Fastly-Key: <token>`, keys in `Surrogate-Key`;
  answers `{"status": "ok"}` (401 on a bad token).
- Any other path: a purge endpoint of your own; 200 to any POST.

`fail_next(n, status)` makes the next n requests fail with `status`, for retry tests.
"""

import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOKEN = "fake-cdn-token"


@dataclass(frozen=True)
class PurgeCall:
    path: str
    headers: dict  # names in lower case
    body: bytes

    def tags(self) -> list[str]:
        """The tags asked for, in whichever way this API takes them."""
        if self.path.startswith("/service/"):
            return self.headers.get("surrogate-key", "").split()
        return json.loads(self.body)["tags"]


class FakeCdn:
    def __init__(self) -> None:
        self.calls: list[PurgeCall] = []
        self.failures: list[int] = []
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {name.lower(): value for name, value in self.headers.items()}
                status, answer = fake._answer(PurgeCall(self.path, headers, body))
                payload = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _answer(self, call: PurgeCall) -> tuple[int, dict]:
        with self._lock:
            self.calls.append(call)
            if self.failures:
                return self.failures.pop(0), {"success": False, "errors": [{"message": "try again"}]}
        if call.path.startswith("/client/v4/zones/"):
            if call.headers.get("authorization") != f"Bearer {TOKEN}":
                return 403, {"success": False, "errors": [{"code": 10000, "message": "Authentication error"}]}
            return 200, {"success": True, "errors": [], "messages": [], "result": {"id": "purge"}}
        if call.path.startswith("/service/"):
            if call.headers.get("fastly-key") != TOKEN:
                return 401, {"msg": "Provided credentials are missing or invalid"}
            return 200, {"status": "ok"}
        return 200, {"purged": True}

    def fail_next(self, count: int, status: int = 503) -> None:
        with self._lock:
            self.failures.extend([status] * count)

    def url(self, path: str = "") -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}{path}"

    def purged_tags(self) -> list[list[str]]:
        with self._lock:
            return [call.tags() for call in self.calls]

    def __enter__(self) -> "FakeCdn":
        self.thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
