"""The WSGI fast path: cached API answers served before Django runs, identical and never stale."""

from contextlib import contextmanager

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory
from django.utils.datastructures import CaseInsensitiveMapping

from glossary_cms.wsgi import application
from terms.services import unpublish_term
from tests.factories import TermFactory

API = "/api/v1"


class Answer:
    """The WSGI application's answer to one request (as gunicorn would call it)."""

    def __init__(self, environ: dict) -> None:
        self.status, self.headers = "", {}

        def start_response(status, headers):
            self.status, self.headers = status, CaseInsensitiveMapping(dict(headers))

        # Like Django's test client: the test's database connection must survive the request.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            self.body = b"".join(application(environ, start_response))
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)

    @property
    def code(self) -> int:
        return int(self.status.split()[0])


def call(path: str, method: str = "get", **headers) -> Answer:
    environ = getattr(RequestFactory(), method)(path, **headers).environ
    return Answer(environ)


@contextmanager
def django_requests():
    """Collects the requests that reached Django's request cycle inside the block."""
    started = []

    def note(**kwargs):
        started.append(kwargs)

    request_started.connect(note)
    try:
        yield started
    finally:
        request_started.disconnect(note)


@contextmanager
def django_not_involved():
    """Fails unless every request inside is answered before Django's request cycle starts."""
    with django_requests() as started:
        yield
    assert started == [], "Django handled a request the fast path should have answered"


@pytest.fixture
def term(db):
    return TermFactory(name="Fast Path Term", slug="fast-path-term", published=True)


def test_a_cached_answer_is_served_with_one_read_of_the_clock_and_matches_django(
    term, api_client, django_assert_num_queries
):
    from_django = api_client.get(f"{API}/terms/fast-path-term/")

    with django_assert_num_queries(1), django_not_involved():
        fast = call(f"{API}/terms/fast-path-term/")

    assert fast.code == 200
    assert fast.body == from_django.content
    for name in ("ETag", "Last-Modified", "Cache-Control", "Content-Type"):
        assert fast.headers[name] == from_django[name]
    assert fast.headers["X-Content-Type-Options"] == "nosniff"


def test_the_fast_path_answers_304_to_a_current_etag(term, api_client, django_assert_num_queries):
    etag = api_client.get(f"{API}/terms/")["ETag"]

    with django_assert_num_queries(1), django_not_involved():
        fast = call(f"{API}/terms/", HTTP_IF_NONE_MATCH=etag)

    assert fast.code == 304
    assert fast.body == b""
    assert fast.headers["ETag"] == etag


def test_after_unpublishing_the_fast_path_never_serves_the_old_answer(term, api_client):
    api_client.get(f"{API}/terms/fast-path-term/")
    assert call(f"{API}/terms/fast-path-term/").code == 200

    unpublish_term(term=term, by=None)

    answer = call(f"{API}/terms/fast-path-term/")
    assert answer.code == 404
    assert b"Fast Path Term" not in answer.body


@pytest.mark.parametrize("headers", [{"HTTP_X_PREVIEW_TOKEN": "not-a-token"}, {}])
def test_preview_tokens_always_go_to_django(term, api_client, headers):
    api_client.get(f"{API}/terms/fast-path-term/")
    path = f"{API}/terms/fast-path-term/" + ("" if headers else "?preview_token=not-a-token")

    answer = call(path, **headers)

    assert answer.code == 403


def test_writes_go_to_django(term, api_client):
    api_client.get(f"{API}/terms/")

    assert call(f"{API}/terms/", method="post").code == 405


def test_an_allowed_origin_gets_cors_headers_from_the_fast_path(term, api_client, settings):
    origin = settings.CORS_ALLOWED_ORIGINS[0]
    api_client.get(f"{API}/terms/", HTTP_ORIGIN=origin)
    api_client.get(f"{API}/terms/", HTTP_ORIGIN="https://other.example")

    with django_not_involved():
        allowed = call(f"{API}/terms/", HTTP_ORIGIN=origin)
        other = call(f"{API}/terms/", HTTP_ORIGIN="https://evil.example")

    assert allowed.headers["Access-Control-Allow-Origin"] == origin
    assert "Access-Control-Allow-Origin" not in other.headers
    assert "Origin" in allowed.headers["Vary"]


def test_the_rate_limit_holds_on_the_fast_path(term, api_client, settings):
    api_client.get(f"{API}/terms/")
    settings.API_THROTTLE_ANON = "2/minute"

    codes = [call(f"{API}/terms/").code for _ in range(3)]

    assert codes == [200, 200, 429]


def test_the_fast_path_rate_limit_ignores_a_spoofed_x_forwarded_for(term, api_client, settings):
    api_client.get(f"{API}/terms/")
    settings.API_THROTTLE_ANON = "1/minute"

    codes = [call(f"{API}/terms/", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}").code for i in range(3)]

    assert codes == [200, 429, 429]


def test_a_clock_moved_by_another_process_sends_the_next_request_to_django(term, api_client):
    """Another process's write moves the clock row in the database; no interval, no shared cache needed."""
    from django.db.models import F

    from publishing.models import ContentClock

    api_client.get(f"{API}/terms/fast-path-term/")
    with django_not_involved():
        assert call(f"{API}/terms/fast-path-term/").code == 200

    ContentClock.objects.filter(pk=1).update(generation=F("generation") + 1)  # as another process's commit

    with django_requests() as started:
        assert call(f"{API}/terms/fast-path-term/").code == 200
    assert len(started) == 1, "an answer of an older generation must never be replayed"


def test_an_answer_is_replayed_with_every_header_django_finished_it_with(term, api_client):
    first = call(f"{API}/terms/fast-path-term/", HTTP_ORIGIN="http://localhost:3000")
    with django_not_involved():
        again = call(f"{API}/terms/fast-path-term/", HTTP_ORIGIN="http://localhost:3000")

    assert {name: value for name, value in again.headers.items() if name != "Cache-Control"} == {
        name: value for name, value in first.headers.items() if name != "Cache-Control"
    }
    assert again.headers["Access-Control-Allow-Origin"] == "http://localhost:3000"
    assert again.body == first.body
