"""Management API reads cost a constant number of queries, however many items and nested rows there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    CategoryFactory,
    ComparisonFactory,
    ComparisonPointFactory,
    FAQFactory,
    RelatedTermFactory,
    TermAliasFactory,
    TermFactory,
)
from tests.manage_api.conftest import MANAGE

pytestmark = pytest.mark.django_db

SMALL, LARGE = 2, 12
# token (1), last use (at most 1), the user's and their groups' permissions (2), count, page, prefetches (3).
MAX_LIST_QUERIES = 9
MAX_DETAIL_QUERIES = 8


def build(size: int, offset: int) -> None:
    category = CategoryFactory()
    previous = None
    for number in range(offset, offset + size):
        term = TermFactory(name=f"Term {number:03}", slug=f"term-{number}", category=category)
        TermAliasFactory(term=term)
        FAQFactory(term=term)
        FAQFactory(term=term)
        if previous is not None:
            RelatedTermFactory(term=term, related=previous)
            comparison = ComparisonFactory(term_a=previous, term_b=term)
            ComparisonPointFactory(comparison=comparison)
            FAQFactory(comparison=comparison)
        FAQFactory(question=f"Site-wide {number}?")
        previous = term
    publish_some = TermFactory(name=f"Live {offset}", slug=f"live-{offset}", published=True)
    assert publish_some.versions.exists()


def count_queries(client, path: str) -> int:
    client.get(path)  # the token's last use is written once a minute: the first request writes it
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, response.content
    return len(queries)


@pytest.mark.parametrize("kind", ["terms", "comparisons", "categories", "faqs"])
def test_a_list_costs_the_same_queries_for_few_and_many_items(writer, kind, django_assert_max_num_queries):
    build(SMALL, offset=0)
    few = count_queries(writer, f"{MANAGE}/{kind}/?page_size=200")
    build(LARGE, offset=100)
    many = count_queries(writer, f"{MANAGE}/{kind}/?page_size=200")

    assert few == many
    with django_assert_max_num_queries(MAX_LIST_QUERIES):
        writer.get(f"{MANAGE}/{kind}/?page_size=200")


@pytest.mark.parametrize("path", ["terms/term-101/", "comparisons/term-100-vs-term-101/", "faqs/{faq}/"])
def test_a_detail_costs_a_constant_number_of_queries(writer, path, django_assert_max_num_queries):
    build(LARGE, offset=100)
    from faqs.models import FAQ

    faq = FAQ.objects.site_wide().first()
    path = f"{MANAGE}/{path.format(faq=faq.pk)}"
    writer.get(path)

    with django_assert_max_num_queries(MAX_DETAIL_QUERIES):
        assert writer.get(path).status_code == 200


def test_an_update_with_nested_lists_costs_no_more_for_a_longer_list(writer):
    TermFactory(slug="agent")
    costs = []
    for size in (2, 8):
        related = [TermFactory().slug for _ in range(size)]
        etag = writer.get(f"{MANAGE}/terms/agent/")["ETag"]
        body = {"aliases": [f"Alias {n} of {size}" for n in range(size)], "related_terms": related}
        with CaptureQueriesContext(connection) as queries:
            assert writer.patch(f"{MANAGE}/terms/agent/", body, HTTP_IF_MATCH=etag).status_code == 200
        costs.append(len(queries))

    assert costs[0] == costs[1]
