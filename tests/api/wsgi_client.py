"""Call the production WSGI application the way gunicorn does, for API tests.

Django's test client runs `settings.MIDDLEWARE` through its own handler; production
runs `glossary_cms.wsgi.application`: the cached-answer fast path, then the API's own
handler with `settings.API_MIDDLEWARE` (or the site handler for other paths). Tests that
must hold in production go through this client:

    answer = wsgi_client.get("/api/v1/terms/", HTTP_ORIGIN="http://localhost:3000")
    answer.status_code, answer.headers["content-type"], answer.json()

Headers are given as WSGI environ keys (`HTTP_HOST=...`), as with Django's test client.
"""

import json
from dataclasses import dataclass

from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory
from django.utils.datastructures import CaseInsensitiveMapping


class EnvironFactory(RequestFactory):
    """RequestFactory answering the WSGI environ itself, as a server passes it (PATH_INFO in
    ISO-8859-1), rather than a request object, whose construction rewrites the environ."""

    def request(self, **request) -> dict:
        return self._base_environ(**request)


@dataclass(frozen=True)
class WsgiAnswer:
    """What the WSGI application answered: status, headers (any case) and the whole body."""

    status_code: int
    reason: str
    headers: CaseInsensitiveMapping
    content: bytes

    def json(self) -> object:
        return json.loads(self.content)

    def __getitem__(self, header: str) -> str:
        return self.headers[header]

    def __contains__(self, header: str) -> bool:
        return header in self.headers

    def has_header(self, header: str) -> bool:
        return header in self.headers

    def get(self, header: str, default: str | None = None) -> str | None:
        return self.headers.get(header, default)

    def items(self):
        return self.headers.items()

    def close(self) -> None:
        """The body was read whole and closed already, as a WSGI server does."""


def request(method: str, path: str, data: dict | None = None, **headers: str) -> WsgiAnswer:
    """Send one request through `glossary_cms.wsgi.application` and collect its answer."""
    from glossary_cms.wsgi import application

    factory = EnvironFactory()
    if method.lower() in {"get", "head", "options", "delete"} or data is None:
        environ = getattr(factory, method.lower())(path, data, **headers)
    else:
        environ = getattr(factory, method.lower())(path, json.dumps(data), content_type="application/json", **headers)
    started = {}

    def start_response(status: str, response_headers: list[tuple[str, str]], exc_info=None) -> None:
        started["status"], started["headers"] = status, response_headers

    # Like Django's test client: the test's database connection (and its transaction)
    # must survive the end of the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        body = application(environ, start_response)
        try:
            content = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()  # sends request_finished, as a WSGI server does
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    code, _, reason = started["status"].partition(" ")
    return WsgiAnswer(
        status_code=int(code),
        reason=reason,
        headers=CaseInsensitiveMapping(dict(started["headers"])),
        content=content,
    )


class ProductionStackClient:
    """A test client for the API that sends every request through the production WSGI stack.

    Used as the `api_client` fixture, so the delivery API suite runs what gunicorn runs:
    the fast path, the API handler with `settings.API_MIDDLEWARE`, and the views.
    """

    # A server answers a crash with a 500; nothing is raised into the caller.
    raise_request_exception = False

    def _call(self, method: str, path: str, data: dict | None = None, format: str | None = None, **headers: str):
        return request(method, path, data, **headers)

    def get(self, path: str, data: dict | None = None, **headers: str) -> WsgiAnswer:
        return self._call("get", path, data, **headers)

    def head(self, path: str, data: dict | None = None, **headers: str) -> WsgiAnswer:
        return self._call("head", path, data, **headers)

    def options(self, path: str, data: dict | None = None, **headers: str) -> WsgiAnswer:
        return self._call("options", path, data, **headers)

    def post(self, path: str, data: dict | None = None, format: str | None = None, **headers: str) -> WsgiAnswer:
        return self._call("post", path, data, **headers)

    def put(self, path: str, data: dict | None = None, format: str | None = None, **headers: str) -> WsgiAnswer:
        return self._call("put", path, data, **headers)

    def patch(self, path: str, data: dict | None = None, format: str | None = None, **headers: str) -> WsgiAnswer:
        return self._call("patch", path, data, **headers)

    def delete(self, path: str, data: dict | None = None, format: str | None = None, **headers: str) -> WsgiAnswer:
        return self._call("delete", path, data, **headers)


def get(path: str, data: dict | None = None, **headers: str) -> WsgiAnswer:
    return request("get", path, data, **headers)


def head(path: str, data: dict | None = None, **headers: str) -> WsgiAnswer:
    return request("head", path, data, **headers)
