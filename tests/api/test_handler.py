"""The production WSGI application: API paths run with the API's short middleware list,
everything else with the site's, and the API's answers are the same either way."""

import pytest

from tests.api.test_fastpath import call
from tests.factories import TermFactory

pytestmark = pytest.mark.django_db

API = "/api/v1"


@pytest.fixture(autouse=True)
def _through_django(settings):
    settings.GLOSSARY_SERVER_CACHE = False  # every request below runs the view


@pytest.fixture
def term():
    return TermFactory(name="Handler Term", slug="handler-term", published=True)


def test_an_api_answer_matches_the_full_site_stack(term, api_client):
    through_site = api_client.get(f"{API}/terms/handler-term/")

    answer = call(f"{API}/terms/handler-term/")

    assert answer.code == 200
    assert answer.body == through_site.content
    for name in ("ETag", "Cache-Control", "Vary", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"):
        assert answer.headers[name] == through_site[name], name


def test_api_answers_set_no_cookies_and_keep_security_and_cors_headers(term, settings):
    origin = settings.CORS_ALLOWED_ORIGINS[0]

    answer = call(f"{API}/terms/", HTTP_ORIGIN=origin)

    assert answer.code == 200
    assert "Set-Cookie" not in answer.headers
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["X-Frame-Options"] == "DENY"
    headers = {name.lower(): value for name, value in answer.headers.items()}
    assert headers["access-control-allow-origin"] == origin


@pytest.mark.parametrize(
    ("path", "code"),
    [(f"{API}/terms/no-such-term/", 404), (f"{API}/terms", 301), (f"{API}/search/", 400)],
    ids=["unknown slug", "missing slash", "missing q"],
)
def test_api_errors_are_the_same_through_the_api_handler(path, code, api_client):
    answer = call(path)

    assert answer.code == code
    assert answer.body == api_client.get(path).content


def test_the_docs_page_loads_through_the_api_handler():
    answer = call(f"{API}/docs/")

    assert answer.code == 200
    assert b"swagger" in answer.body.lower()


def test_the_admin_still_runs_the_full_site_middleware():
    answer = call("/admin/login/")

    assert answer.code == 200
    assert "csrftoken" in answer.headers.get("Set-Cookie", "")
