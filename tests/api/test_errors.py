"""Every error under /api/ is JSON `{"detail": ...}`, never a 500 on bad input, with DEBUG on or off.

Each case runs through the production WSGI application (the API's own handler and
middleware list) and through Django's test client (the site's middleware list).
"""

import logging

import pytest
from django.http import HttpRequest, HttpResponse
from django.urls import path
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from glossary_cms import urls as site_urls
from tests.api import wsgi_client
from tests.factories import CategoryFactory, ComparisonFactory, TermFactory

pytestmark = pytest.mark.django_db

API = "/api/v1"
CRASH_MESSAGE = "a secret that must stay in the logs"


# This module is also the URLconf of the tests below that need a view that crashes:
# the site's URLs and error handlers, plus two views that raise.
def crashing_view(request: HttpRequest) -> HttpResponse:
    raise RuntimeError(CRASH_MESSAGE)


class CrashingApiView(APIView):
    def get(self, request: Request) -> Response:
        raise RuntimeError(CRASH_MESSAGE)


urlpatterns = [
    path("api/v1/crash/", crashing_view),
    path("api/v1/crash-drf/", CrashingApiView.as_view()),
    path("site-crash/", crashing_view),
    *site_urls.urlpatterns,
]
handler400 = site_urls.handler400
handler403 = site_urls.handler403
handler404 = site_urls.handler404
handler500 = site_urls.handler500


@pytest.fixture(params=["wsgi", "test client"])
def get(request, client):
    """GET through the production WSGI application, or through Django's test client."""
    if request.param == "wsgi":
        return wsgi_client.get
    client.raise_request_exception = False  # answer as a server would, instead of raising
    return client.get


@pytest.fixture(params=[False, True], ids=["DEBUG=0", "DEBUG=1"])
def debug(request, settings):
    settings.DEBUG = request.param
    return request.param


@pytest.fixture
def crashing_urls(settings):
    settings.ROOT_URLCONF = __name__


def assert_json_error(answer, status_code: int) -> dict:
    assert answer.status_code == status_code, answer.content[:300]
    assert answer.headers["Content-Type"] == "application/json"
    body = answer.json()
    assert set(body) == {"detail"}
    assert isinstance(body["detail"], str)
    return body


@pytest.mark.parametrize(
    "path",
    [
        "/terms/a%00b/",
        "/terms/a%00b/widget/",
        "/comparisons/a%00b/",
        "/categories/a%00b/",
        "/terms/%00/",
        "/terms/a%01b/",
        "/terms/a%1fb/",
        "/terms/a%7fb/",
        "/terms/a%c2%85b/",
        "/terms/a%00b",
    ],
)
def test_a_slug_with_control_characters_answers_404_json(get, debug, path):
    TermFactory(name="Rag", slug="rag", published=True)

    answer = get(API + path)

    assert_json_error(answer, 404)


def test_a_nul_byte_never_reaches_the_view():
    """On PostgreSQL a NUL in a query crashes the driver; the URL pattern must not match at all."""
    from django.urls import Resolver404, resolve

    with pytest.raises(Resolver404):
        resolve(f"{API}/terms/a\x00b/")
    assert resolve(f"{API}/terms/ok-slug/").kwargs == {"slug": "ok-slug"}


def test_objects_are_still_found_by_their_slugs(get):
    rag = TermFactory(name="Rag", slug="rag", published=True)
    category = CategoryFactory(slug="ml")
    TermFactory(name="Other", slug="other", category=category, published=True)
    comparison = ComparisonFactory(
        term_a=rag, term_b=TermFactory(name="Llm", slug="llm", published=True), published=True
    )

    for page in ("terms/rag/", "terms/rag/widget/", "categories/ml/", f"comparisons/{comparison.slug}/"):
        assert get(f"{API}/{page}").status_code == 200, page


@pytest.mark.parametrize(
    "path",
    ["/api/v1/nope/", "/api/v1/terms/rag/extra/", "/api/v2/terms/", "/api/", "/api/v1/", "/api/v1/nope"],
)
def test_unknown_api_paths_answer_404_json(get, debug, path):
    answer = get(path)

    assert assert_json_error(answer, 404) == {"detail": "Not found."}


@pytest.mark.parametrize(
    ("slug", "shown"), [("no-such-term", "no-such-term"), ("caf%C3%A9", "café"), ("%F0%9F%92%A9", "\U0001f4a9")]
)
def test_an_unknown_slug_reaches_the_view_and_keeps_its_specific_message(get, debug, slug, shown):
    answer = get(f"{API}/terms/{slug}/")

    assert assert_json_error(answer, 404) == {"detail": f"No live term with slug '{shown}'."}


def test_a_disallowed_host_answers_400_json(get, debug):
    answer = get(f"{API}/terms/", HTTP_HOST="evil.example")

    assert assert_json_error(answer, 400) == {"detail": "Bad request."}
    assert b"evil.example" not in answer.content


@pytest.mark.parametrize("path", [f"{API}/crash/", f"{API}/crash-drf/"], ids=["django view", "DRF view"])
def test_an_unhandled_exception_answers_500_json_without_a_traceback_and_is_logged(
    get, debug, crashing_urls, caplog, path
):
    with caplog.at_level(logging.ERROR, logger="django.request"):
        answer = get(path)

    assert assert_json_error(answer, 500) == {"detail": "Internal server error."}
    assert CRASH_MESSAGE.encode() not in answer.content
    assert b"Traceback" not in answer.content
    (record,) = [record for record in caplog.records if record.name == "django.request"]
    assert record.exc_info and CRASH_MESSAGE in str(record.exc_info[1])


def test_json_errors_keep_cors_and_security_headers(get, settings):
    origin = settings.CORS_ALLOWED_ORIGINS[0]

    answer = get("/api/v1/nope/", HTTP_ORIGIN=origin)

    assert answer.status_code == 404
    assert answer.headers["Access-Control-Allow-Origin"] == origin
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["Cache-Control"] == "no-cache"


def test_paths_outside_the_api_keep_django_error_pages(get, crashing_urls):
    not_found = get("/no-such-page/")
    bad_host = get("/admin/login/", HTTP_HOST="evil.example")
    crashed = get("/site-crash/")

    assert (not_found.status_code, bad_host.status_code, crashed.status_code) == (404, 400, 500)
    for answer in (not_found, bad_host, crashed):
        assert answer.headers["Content-Type"].startswith("text/html")


def test_paths_outside_the_api_keep_the_debug_pages_in_debug(get, settings):
    settings.DEBUG = True

    answer = get("/no-such-page/")

    assert answer.status_code == 404
    assert b"Page not found" in answer.content
    assert answer.headers["Content-Type"].startswith("text/html")
