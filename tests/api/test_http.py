"""HTTP behaviour of the delivery API: validators, Cache-Control, redirects, errors, CORS, throttling, preview."""

import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from terms.models import TermVersion
from terms.services import publish_term, unpublish_term
from tests.api.support import API, MONDAY, edit, rolled_back_after_module
from tests.factories import CategoryFactory, ComparisonFactory, FAQFactory, TermFactory

pytestmark = pytest.mark.django_db

# Every delivery endpoint, with parameters that make it answer 200 on the `site` content.
DELIVERY_READS = [
    ("/terms/", {}),
    ("/terms/http-term/", {}),
    ("/terms/http-term/widget/", {}),
    ("/comparisons/", {}),
    ("/comparisons/http-term-vs-http-other/", {}),
    ("/categories/", {}),
    ("/categories/http-category/", {}),
    ("/faqs/", {}),
    ("/faqs/", {"term": "http-term"}),
    ("/index/", {}),
    ("/search/", {"q": "http"}),
    ("/sitemap/", {}),
]
LIST_READS = [
    ("/terms/", {}),
    ("/comparisons/", {}),
    ("/categories/", {}),
    ("/faqs/", {}),
    ("/index/", {}),
    ("/search/", {"q": "term"}),
    ("/sitemap/", {}),
]
ALL_PATHS = [
    "/terms/",
    "/terms/http-term/",
    "/terms/http-term/widget/",
    "/comparisons/",
    "/comparisons/http-term-vs-http-other/",
    "/categories/",
    "/categories/http-category/",
    "/faqs/",
    "/index/",
    "/search/",
    "/sitemap/",
    "/schema/",
    "/docs/",
]
READ_IDS = [path + "?" + "&".join(f"{k}={v}" for k, v in params.items()) for path, params in DELIVERY_READS]


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker) -> Iterator[None]:
    """One live page of every kind, built once for the module's read-only tests.

    Its slugs all start with "http-" so that tests building their own content never meet them.
    """
    with rolled_back_after_module(django_db_blocker):
        category = CategoryFactory(name="HTTP category", slug="http-category")
        term = TermFactory(name="HTTP term", slug="http-term", category=category)
        FAQFactory(term=term, question="What is an HTTP term?")
        publish_term(term=term, by=None)
        other = TermFactory(name="HTTP other", slug="http-other", category=category, published=True)
        ComparisonFactory(term_a=term, term_b=other, published=True)
        FAQFactory(question="Is HTTP cached?", published=True)
        yield


def max_age_of(response) -> int:
    cache_control = response["Cache-Control"]
    match = re.fullmatch(r"public, max-age=(\d+)", cache_control)
    assert match, cache_control
    return int(match.group(1))


# --- Validators and conditional requests -------------------------------------------------


@pytest.mark.parametrize(("path", "params"), DELIVERY_READS, ids=READ_IDS)
def test_every_200_carries_etag_and_last_modified(api_client, site, path, params):
    response = api_client.get(f"{API}{path}", params)

    assert response.status_code == 200
    assert re.fullmatch(r'(W/)?"[^"]+"', response["ETag"])
    assert response["Last-Modified"].endswith(" GMT")


@pytest.mark.parametrize(("path", "params"), DELIVERY_READS, ids=READ_IDS)
def test_if_none_match_with_the_etag_answers_304(api_client, site, path, params):
    etag = api_client.get(f"{API}{path}", params)["ETag"]

    response = api_client.get(f"{API}{path}", params, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


@pytest.mark.parametrize(("path", "params"), DELIVERY_READS, ids=READ_IDS)
def test_if_modified_since_with_the_last_modified_answers_304(api_client, site, path, params):
    last_modified = api_client.get(f"{API}{path}", params)["Last-Modified"]

    response = api_client.get(f"{API}{path}", params, HTTP_IF_MODIFIED_SINCE=last_modified)

    assert response.status_code == 304


def test_head_answers_the_same_validators_as_get(api_client, site):
    get = api_client.get(f"{API}/terms/http-term/")
    head = api_client.head(f"{API}/terms/http-term/")

    assert head.status_code == 200
    assert head["ETag"] == get["ETag"]
    assert head["Last-Modified"] == get["Last-Modified"]


@pytest.mark.parametrize("path", ["/terms/", "/index/", "/sitemap/"])
def test_publishing_changes_the_etag_and_the_old_one_no_longer_answers_304(api_client, path):
    TermFactory(name="First", published=True)
    with time_machine.travel(timezone.now() + timedelta(seconds=2), tick=False):
        before = api_client.get(f"{API}{path}")
        TermFactory(name="Second", slug="second", published=True)

        after = api_client.get(f"{API}{path}", HTTP_IF_NONE_MATCH=before["ETag"])

    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert b'"slug":"second"' in after.content


def test_last_modified_moves_to_the_latest_publication(api_client):
    with time_machine.travel(MONDAY, tick=False) as clock:
        TermFactory(published=True)
        first = api_client.get(f"{API}/terms/")["Last-Modified"]
        clock.shift(timedelta(minutes=5))
        TermFactory(published=True)
        second = api_client.get(f"{API}/terms/")

    assert first == "Mon, 03 Mar 2025 09:00:00 GMT"
    assert second["Last-Modified"] == "Mon, 03 Mar 2025 09:05:00 GMT"


def test_if_modified_since_an_older_time_answers_200(api_client, site):
    response = api_client.get(f"{API}/terms/", HTTP_IF_MODIFIED_SINCE="Mon, 03 Mar 2025 08:00:00 GMT")

    assert response.status_code == 200


def test_if_none_match_decides_before_if_modified_since_within_one_second(api_client):
    """HTTP dates have whole seconds; a client sending both validators is never served stale content."""
    with time_machine.travel(MONDAY + timedelta(milliseconds=100), tick=False) as clock:
        TermFactory(name="First", published=True)
        first = api_client.get(f"{API}/terms/")
        clock.move_to(MONDAY + timedelta(milliseconds=600))
        TermFactory(name="Second", published=True)
        clock.move_to(MONDAY + timedelta(seconds=5))

        response = api_client.get(
            f"{API}/terms/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"], HTTP_IF_NONE_MATCH=first["ETag"]
        )

    assert response.status_code == 200
    assert b"Second" in response.content


# --- Cache-Control -----------------------------------------------------------------------


@pytest.mark.parametrize(("path", "params"), DELIVERY_READS, ids=READ_IDS)
def test_cache_control_is_public_and_bounded_by_the_setting(api_client, site, settings, path, params):
    settings.GLOSSARY_CACHE_MAX_AGE = 120

    response = api_client.get(f"{API}{path}", params)

    assert max_age_of(response) == 120


@pytest.mark.parametrize(("path", "params"), LIST_READS)
def test_max_age_stops_at_the_next_scheduled_publication(api_client, settings, path, params):
    settings.GLOSSARY_CACHE_MAX_AGE = 300
    go_live = MONDAY + timedelta(seconds=90)
    with time_machine.travel(MONDAY, tick=False) as clock:
        TermFactory(name="Live term", published=True)
        FAQFactory(question="A site-wide term question?", published=True)
        publish_term(term=TermFactory(name="Scheduled term"), by=None, at=go_live)

        now = api_client.get(f"{API}{path}", params)
        clock.shift(timedelta(seconds=30))
        later = api_client.get(f"{API}{path}", params)
        clock.move_to(go_live)
        after = api_client.get(f"{API}{path}", params)

    assert 0 < max_age_of(now) <= 90
    assert 0 < max_age_of(later) <= 60
    assert max_age_of(after) == 300


def test_max_age_stops_at_the_next_scheduled_withdrawal(api_client):
    with time_machine.travel(MONDAY, tick=False):
        term = TermFactory(published=True)
        unpublish_term(term=term, by=None, at=MONDAY + timedelta(seconds=45))

        response = api_client.get(f"{API}/terms/{term.slug}/")

    assert 0 < max_age_of(response) <= 45


@pytest.mark.parametrize(("server_cache", "served"), [(True, b"Original"), (False, b"Changed")])
def test_server_cache_keeps_the_response_until_a_publication_unless_switched_off(
    api_client, settings, server_cache, served
):
    settings.GLOSSARY_SERVER_CACHE = server_cache
    term = TermFactory(name="Original", published=True)
    assert b"Original" in api_client.get(f"{API}/terms/{term.slug}/").content

    # A write that bypasses the services, so nothing moves the content clock.
    version = TermVersion.objects.get(term=term)
    TermVersion.objects.filter(pk=version.pk).update(document=version.document.replace("Original", "Changed"))

    assert served in api_client.get(f"{API}/terms/{term.slug}/").content


def test_404_of_a_term_scheduled_to_go_live_cannot_be_cached_past_its_go_live(api_client):
    with time_machine.travel(MONDAY, tick=False):
        publish_term(term=TermFactory(slug="soon"), by=None, at=MONDAY + timedelta(seconds=90))

        response = api_client.get(f"{API}/terms/soon/")

    assert response.status_code == 404
    cache_control = response.get("Cache-Control", "")
    bounded = re.search(r"max-age=(\d+)", cache_control)
    assert "no-store" in cache_control or "no-cache" in cache_control or (bounded and int(bounded[1]) <= 90)


def test_renaming_a_category_in_the_admin_reaches_the_next_response_with_the_cache_warm(api_client, admin_client):
    category = CategoryFactory(name="Agents", slug="agents")
    term = TermFactory(category=category, published=True)
    assert b"Agents" in api_client.get(f"{API}/terms/{term.slug}/").content

    saved = admin_client.post(
        reverse("admin:terms_category_change", args=[category.pk]),
        {"name": "AI agents", "slug": "agents", "description": "", "order": 0},
    )
    assert saved.status_code == 302

    assert b"AI agents" in api_client.get(f"{API}/terms/{term.slug}/").content
    assert b"AI agents" in api_client.get(f"{API}/categories/agents/").content


# --- Redirects ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old_path", "new_path"),
    [("/terms/old-name/", "/terms/new-name/"), ("/terms/old-name/widget/", "/terms/new-name/widget/")],
)
def test_renamed_slug_answers_301_to_the_new_url(api_client, old_path, new_path):
    term = TermFactory(slug="old-name", published=True)
    edit(term, slug="new-name")
    publish_term(term=term, by=None)

    response = api_client.get(f"{API}{old_path}")

    assert response.status_code == 301
    assert response["Location"].endswith(f"{API}{new_path}")
    assert isinstance(response.json()["detail"], str)
    assert api_client.get(response["Location"]).status_code == 200


def test_slug_renamed_twice_redirects_straight_to_the_current_one(api_client):
    term = TermFactory(slug="first", published=True)
    edit(term, slug="second")
    publish_term(term=term, by=None)
    edit(term, slug="third")
    publish_term(term=term, by=None)

    response = api_client.get(f"{API}/terms/first/")

    assert response.status_code == 301
    assert response["Location"].endswith(f"{API}/terms/third/")


def test_old_slug_of_a_withdrawn_term_answers_404(api_client):
    term = TermFactory(slug="old-name", published=True)
    edit(term, slug="new-name")
    publish_term(term=term, by=None)
    unpublish_term(term=term, by=None)

    assert api_client.get(f"{API}/terms/old-name/").status_code == 404


def test_unpublished_rename_does_not_redirect(api_client):
    term = TermFactory(slug="current", published=True)
    edit(term, slug="not-yet")

    assert api_client.get(f"{API}/terms/current/").status_code == 200
    assert api_client.get(f"{API}/terms/not-yet/").status_code == 404


def test_old_slug_keeps_redirecting_until_another_term_scheduled_under_it_goes_live(api_client):
    renamed = TermFactory(slug="alpha", published=True)
    edit(renamed, slug="beta")
    publish_term(term=renamed, by=None)
    publish_term(term=TermFactory(slug="alpha"), by=None, at=timezone.now() + timedelta(hours=1))

    response = api_client.get(f"{API}/terms/alpha/")

    assert response.status_code == 301
    assert response["Location"].endswith(f"{API}/terms/beta/")


def test_reversed_comparison_slug_answers_301_to_the_canonical_one(api_client):
    ComparisonFactory(
        term_a=TermFactory(slug="foundation-model", published=True),
        term_b=TermFactory(slug="llm", published=True),
        published=True,
    )

    response = api_client.get(f"{API}/comparisons/llm-vs-foundation-model/")

    assert response.status_code == 301
    assert response["Location"].endswith(f"{API}/comparisons/foundation-model-vs-llm/")
    assert api_client.get(response["Location"]).status_code == 200


# --- Errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/terms/no-such-term/", "/terms/no-such-term/widget/", "/comparisons/no-such/", "/categories/no-such/"]
)
def test_unknown_slug_answers_404_json_detail(api_client, path):
    response = api_client.get(f"{API}{path}")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"detail"}
    assert isinstance(response.json()["detail"], str)


@pytest.mark.parametrize("path", ["/terms/not.a.slug/", "/comparisons/a+b/"])
def test_unknown_non_slug_detail_path_answers_404_json_detail(api_client, path):
    response = api_client.get(f"{API}{path}")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", ALL_PATHS)
def test_writes_answer_405(api_client, path, method):
    response = getattr(api_client, method)(f"{API}{path}", {}, format="json")

    assert response.status_code == 405
    if path not in {"/schema/", "/docs/"}:
        assert isinstance(response.json()["detail"], str)


# --- CORS --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/terms/", "/terms/http-term/", "/index/"])
def test_allowed_origin_gets_cors_headers_and_others_do_not(api_client, site, settings, path):
    settings.CORS_ALLOWED_ORIGINS = ["https://www.frontend.example"]

    allowed = api_client.get(f"{API}{path}", HTTP_ORIGIN="https://www.frontend.example")
    other = api_client.get(f"{API}{path}", HTTP_ORIGIN="https://evil.example")

    assert allowed["Access-Control-Allow-Origin"] == "https://www.frontend.example"
    assert {"etag", "last-modified"} <= set(allowed["Access-Control-Expose-Headers"].lower().split(", "))
    assert "Access-Control-Allow-Origin" not in other


def test_cors_preflight_of_an_allowed_origin_allows_conditional_and_preview_headers(api_client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://www.frontend.example"]

    response = api_client.options(
        f"{API}/terms/",
        HTTP_ORIGIN="https://www.frontend.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match, x-preview-token",
    )

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "https://www.frontend.example"
    allowed_headers = response["Access-Control-Allow-Headers"].lower()
    assert "if-none-match" in allowed_headers and "x-preview-token" in allowed_headers


# --- Throttling --------------------------------------------------------------------------


def test_fourth_request_over_a_limit_of_three_answers_429_json(api_client, settings):
    settings.API_THROTTLE_ANON = "3/minute"
    TermFactory(category=CategoryFactory(slug="agents"), published=True)
    paths = ["/terms/", "/index/", "/categories/agents/"]

    statuses = [api_client.get(f"{API}{path}").status_code for path in paths]
    throttled = api_client.get(f"{API}/terms/")

    assert statuses == [200, 200, 200]
    assert throttled.status_code == 429
    assert isinstance(throttled.json()["detail"], str)


def test_throttle_window_passes_and_requests_are_served_again(api_client, settings):
    settings.API_THROTTLE_ANON = "1/minute"
    with time_machine.travel(MONDAY, tick=False) as clock:
        assert api_client.get(f"{API}/terms/").status_code == 200
        assert api_client.get(f"{API}/terms/").status_code == 429
        clock.shift(timedelta(seconds=61))
        assert api_client.get(f"{API}/terms/").status_code == 200


def test_a_throttled_client_stays_throttled_whatever_x_forwarded_for_it_sends(api_client, settings):
    settings.API_THROTTLE_ANON = "1/minute"
    assert api_client.get(f"{API}/terms/").status_code == 200
    assert api_client.get(f"{API}/terms/").status_code == 429

    spoofed = [
        api_client.get(f"{API}/terms/", HTTP_X_FORWARDED_FOR=forwarded).status_code
        for forwarded in ["198.51.100.1", "198.51.100.2, 198.51.100.3", "127.0.0.1", "not-an-address"]
    ]

    assert spoofed == [429, 429, 429, 429]


def test_clients_behind_a_trusted_proxy_are_throttled_separately(api_client, settings):
    settings.API_THROTTLE_ANON = "1/minute"
    settings.TRUSTED_PROXIES = ["127.0.0.1/32"]  # the test client's REMOTE_ADDR plays the proxy

    def through_proxy(client: str, sent: str = "") -> int:
        forwarded = f"{sent}, {client}" if sent else client  # the proxy appends the peer it saw
        return api_client.get(f"{API}/terms/", HTTP_X_FORWARDED_FOR=forwarded).status_code

    first = [through_proxy("203.0.113.1"), through_proxy("203.0.113.1")]
    second = through_proxy("203.0.113.2")
    first_spoofing = through_proxy("203.0.113.1", sent="203.0.113.99")

    assert first == [200, 429]
    assert second == 200
    assert first_spoofing == 429


# --- Preview tokens ----------------------------------------------------------------------


@pytest.mark.parametrize("how", ["header", "query"])
@pytest.mark.parametrize(
    "path", ["/terms/http-term/", "/terms/http-term/widget/", "/comparisons/http-term-vs-http-other/"]
)
def test_preview_token_on_a_detail_endpoint_answers_403(api_client, site, path, how):
    if how == "header":
        response = api_client.get(f"{API}{path}", HTTP_X_PREVIEW_TOKEN="forged-token")
    else:
        response = api_client.get(f"{API}{path}", {"preview_token": "forged-token"})

    assert response.status_code == 403
    assert isinstance(response.json()["detail"], str)
    assert "public" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("path", ["/terms/http-term/", "/comparisons/http-term-vs-http-other/"])
def test_preview_token_header_answers_403_even_when_the_public_page_is_cached(api_client, site, path):
    assert api_client.get(f"{API}{path}").status_code == 200

    response = api_client.get(f"{API}{path}", HTTP_X_PREVIEW_TOKEN="forged-token")

    assert response.status_code == 403
