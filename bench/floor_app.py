"""The floor: a bare WSGI app answering every request with fixed bytes (the term detail's)."""

import os
from pathlib import Path

BODY = Path(os.environ["FLOOR_BODY_FILE"]).read_bytes()
HEADERS = [("Content-Type", "application/json"), ("Content-Length", str(len(BODY)))]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
