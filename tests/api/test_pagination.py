"""Pages of a list are consecutive, complete and in order, however deep and however filtered."""

import pytest

from tests.api.support import API
from tests.factories import CategoryFactory, TermFactory

pytestmark = pytest.mark.django_db


def every_page(client, params: dict) -> list[dict]:
    results, page = [], 1
    while True:
        body = client.get(f"{API}/terms/", {**params, "page": page}).json()
        results += body["results"]
        if body["next"] is None:
            return results
        page += 1


@pytest.fixture
def glossary() -> dict[str, list[str]]:
    """23 live terms over two categories, with names that sort differently by case, and drafts between them."""
    basics, advanced = CategoryFactory(slug="basics"), CategoryFactory(slug="advanced")
    names = {"basics": [], "advanced": []}
    for number in range(23):
        category = basics if number % 3 else advanced
        name = f"{'ab'[number % 2]}{number:02d} term"
        TermFactory(name=name, category=category, published=True)
        TermFactory(name=f"{name} draft", category=category)
        names[category.slug].append(name)
    return names


def test_walking_every_page_gives_each_live_term_once_in_order(api_client, glossary):
    names = [term["name"] for term in every_page(api_client, {"page_size": 4})]

    assert names == sorted(glossary["basics"] + glossary["advanced"])


def test_a_filtered_list_pages_through_its_own_terms_only(api_client, glossary):
    names = [term["name"] for term in every_page(api_client, {"page_size": 3, "category": "advanced"})]

    assert names == sorted(glossary["advanced"])


def test_the_last_page_holds_the_remainder_and_count_is_the_total(api_client, glossary):
    body = api_client.get(f"{API}/terms/", {"page_size": 10, "page": 3}).json()

    assert body["count"] == 23
    assert len(body["results"]) == 3
    assert body["next"] is None


def test_a_parameter_that_is_not_a_filter_is_refused_not_ignored(api_client, glossary):
    """Only documented parameters are accepted (API.md): a typo must not pass for a filter."""
    response = api_client.get(f"{API}/terms/", {"utm_source": "newsletter"})

    assert response.status_code == 400
    assert response.json()["parameter"] == "utm_source"
