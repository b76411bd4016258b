"""A bad query parameter answers 400 with JSON `detail` naming it and `parameter` == its name."""

import pytest

from tests.api.support import API
from tests.factories import FAQFactory, TermFactory

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


@pytest.mark.parametrize("parameter", ["letter", "ordering", "updated_since", "category", "q"])
def test_empty_term_list_filter_is_ignored_like_an_absent_one(api_client, some_content, parameter):
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
