"""A bad query parameter answers 400 with JSON `detail` naming it and `parameter` == its name."""

import pytest

from api.caching import recall, response_cache_key
from editorial.preview import mint_preview_token
from publishing.clock import read_content_clock
from tests.api.support import API
from tests.factories import ComparisonFactory, FAQFactory, TermFactory

pytestmark = pytest.mark.django_db

TOO_LONG_QUERY = "a" * 201

BAD_PARAMETERS = [
    # Pagination, on the term list...
    ("/terms/", {"page": "0"}, "page"),
    ("/terms/", {"page": "-1"}, "page"),
    ("/terms/", {"page": "abc"}, "page"),
    ("/terms/", {"page": "1.5"}, "page"),
    ("/terms/", {"page": ""}, "page"),
    ("/terms/", {"page": "9999"}, "page"),  # past the last page
    ("/terms/", {"page": "2"}, "page"),  # past the last page, by one
    ("/terms/", {"page_size": "0"}, "page_size"),
    ("/terms/", {"page_size": "101"}, "page_size"),
    ("/terms/", {"page_size": "abc"}, "page_size"),
    ("/terms/", {"page_size": "-5"}, "page_size"),
    # ...and on every other paginated list.
    ("/comparisons/", {"page": "0"}, "page"),
    ("/comparisons/", {"page_size": "101"}, "page_size"),
    ("/categories/", {"page": "9999"}, "page"),
    ("/categories/", {"page_size": "0"}, "page_size"),
    ("/faqs/", {"page": "abc"}, "page"),
    ("/faqs/", {"page_size": "-5"}, "page_size"),
    # Term list filters.
    ("/terms/", {"letter": "zz"}, "letter"),
    ("/terms/", {"letter": "1"}, "letter"),
    ("/terms/", {"letter": "#"}, "letter"),
    ("/terms/", {"ordering": "bogus"}, "ordering"),
    ("/terms/", {"ordering": "slug"}, "ordering"),
    ("/terms/", {"ordering": "-id"}, "ordering"),
    ("/terms/", {"letter": ""}, "letter"),  # an enum has no empty member
    ("/terms/", {"ordering": ""}, "ordering"),
    ("/terms/", {"updated_since": "yesterday"}, "updated_since"),
    ("/terms/", {"updated_since": "2026-13-45"}, "updated_since"),
    ("/terms/", {"q": TOO_LONG_QUERY}, "q"),
    # Search.
    ("/search/", {}, "q"),
    ("/search/", {"q": ""}, "q"),
    ("/search/", {"q": "   "}, "q"),
    ("/search/", {"q": TOO_LONG_QUERY}, "q"),
    # FAQs.
    ("/faqs/", {"term": "not a slug!"}, "term"),
]


def case_id(case: tuple) -> str:
    path, params, _ = case
    shown = "&".join(f"{key}={value[:12]}" for key, value in params.items()) or "no-params"
    return f"{path}?{shown}"


@pytest.fixture
def some_content(db):
    TermFactory(published=True)
    FAQFactory(published=True)


@pytest.mark.parametrize(("path", "params", "parameter"), BAD_PARAMETERS, ids=[case_id(c) for c in BAD_PARAMETERS])
def test_bad_parameter_answers_400_naming_it(api_client, some_content, path, params, parameter):
    response = api_client.get(f"{API}{path}", params)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert isinstance(body["detail"], str)
    assert parameter in body["detail"]
    assert body["parameter"] == parameter


@pytest.mark.parametrize("parameter", ["page", "page_size"])
def test_non_ascii_digit_page_parameter_answers_400(api_client, some_content, parameter):
    api_client.raise_request_exception = False

    response = api_client.get(f"{API}/terms/", {parameter: "²"})

    assert response.status_code == 400
    assert response.json()["parameter"] == parameter


@pytest.mark.parametrize("parameter", ["updated_since", "category", "q"])
def test_empty_free_text_term_list_filter_is_ignored_like_an_absent_one(api_client, some_content, parameter):
    """An empty filter value (as an HTML form sends it) filters nothing; django-filter's convention."""
    TermFactory(published=True)

    response = api_client.get(f"{API}/terms/", {parameter: ""})

    assert response.status_code == 200
    assert response.json()["count"] == 2


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/terms/", {"page_size": "1"}),
        ("/terms/", {"page_size": "100"}),
        ("/terms/", {"page": "1"}),
        ("/terms/", {"letter": "0-9"}),
        ("/terms/", {"updated_since": "2026-01-01"}),
        ("/terms/", {"updated_since": "2026-01-01T10:00:00+02:00"}),
        ("/terms/", {"q": "a" * 200}),
        ("/search/", {"q": "a" * 200}),
        ("/search/", {"q": "!!!"}),
        ("/faqs/", {"page": "1", "page_size": "100"}),
    ],
)
def test_parameter_at_the_edge_of_its_range_is_accepted(api_client, some_content, path, params):
    assert api_client.get(f"{API}{path}", params).status_code == 200


def test_bad_parameter_on_a_cached_list_is_still_refused(api_client, some_content):
    assert api_client.get(f"{API}/terms/").status_code == 200

    assert api_client.get(f"{API}/terms/", {"page": "0"}).status_code == 400


# Every GET endpoint, with the parameters it documents and a valid value for each.
ENDPOINTS = {
    "/terms/": {
        "category": "{category}",
        "letter": "t",
        "q": "term",
        "updated_since": "2020-01-01T00:00:00Z",
        "ordering": "-name",
        "page": "1",
        "page_size": "10",
    },
    "/terms/{term}/": {"preview_token": "{term_token}"},
    "/terms/{term}/widget/": {"preview_token": "{term_token}"},
    "/comparisons/": {"term": "{term}", "page": "1", "page_size": "10"},
    "/comparisons/{comparison}/": {"preview_token": "{comparison_token}"},
    "/categories/": {"page": "1", "page_size": "10"},
    "/categories/{category}/": {},
    "/faqs/": {"term": "{term}", "page": "1", "page_size": "10"},
    "/index/": {},
    "/search/": {"q": "term"},
    "/sitemap/": {},
}
UNKNOWN_PARAMETERS = ["foo", "callback", "fields", "debug", "format", "Page", "q "]


@pytest.fixture
def live(db) -> dict[str, str]:
    """Slugs and preview tokens of live content, to fill the endpoint paths and parameters."""
    comparison = ComparisonFactory(published=True)
    term = comparison.term_a
    FAQFactory(published=True)
    return {
        "term": term.slug,
        "comparison": comparison.slug,
        "category": term.category.slug,
        "term_token": mint_preview_token(kind="term", object_id=term.pk),
        "comparison_token": mint_preview_token(kind="comparison", object_id=comparison.pk),
    }


def documented(path: str, live: dict[str, str]) -> tuple[str, dict[str, str]]:
    """The endpoint's URL and its documented parameters, filled in with live slugs."""
    return f"{API}{path.format(**live)}", {name: value.format(**live) for name, value in ENDPOINTS[path].items()}


@pytest.mark.parametrize("unknown", UNKNOWN_PARAMETERS)
@pytest.mark.parametrize("path", ENDPOINTS)
def test_unknown_parameter_answers_400_naming_it(api_client, live, path, unknown):
    url, params = documented(path, live)

    response = api_client.get(url, {**params, unknown: "1"})

    assert response.status_code == 400
    body = response.json()
    assert body["parameter"] == unknown
    assert f"'{unknown}'" in body["detail"]
    assert response["Cache-Control"] == "no-cache"


@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/search/", "letter"),  # a term list filter, not a search one
        ("/index/", "page"),  # not paginated
        ("/sitemap/", "page_size"),
        ("/categories/{category}/", "preview_token"),  # categories have no drafts to preview
        ("/categories/", "term"),
        ("/comparisons/", "q"),
        ("/terms/{term}/", "term"),
    ],
)
def test_a_parameter_of_another_endpoint_is_unknown_here(api_client, live, path, parameter):
    url, params = documented(path, live)

    response = api_client.get(url, {**params, parameter: "1"})

    assert response.status_code == 400
    assert response.json()["parameter"] == parameter


@pytest.mark.parametrize("path", ENDPOINTS)
def test_every_documented_parameter_is_accepted_together(api_client, live, path):
    url, params = documented(path, live)

    response = api_client.get(url, params)

    assert response.status_code == 200, response.content[:300]


@pytest.mark.parametrize("path", [path for path, params in ENDPOINTS.items() if "q" not in params])
def test_endpoint_without_required_parameters_answers_200_with_none(api_client, live, path):
    url, _ = documented(path, live)

    assert api_client.get(url).status_code == 200


def test_unknown_parameter_makes_no_server_cache_entry(api_client, live):
    assert api_client.get(f"{API}/index/", {"foo": "1"}).status_code == 400

    assert stored_answer(f"{API}/index/", query_string="foo=1") is None
    assert api_client.get(f"{API}/index/").status_code == 200
    assert stored_answer(f"{API}/index/", query_string="") is not None


def stored_answer(path: str, *, query_string: str):
    """The server cache's answer to a test client's GET of `path`, if any."""
    meta = {"SERVER_NAME": "testserver", "SERVER_PORT": "80", "wsgi.url_scheme": "http", "QUERY_STRING": query_string}
    return recall(response_cache_key(meta, path=path), clock=read_content_clock())
