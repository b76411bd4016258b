"""Query counts of every delivery endpoint stay constant as content grows (no N+1 reads).

Each test turns the server-side response cache off (`GLOSSARY_SERVER_CACHE = False`) so
the real reads are counted, and makes one warm-up request first (it fills what a process
keeps per content generation: list counts and the categories). Every count includes the
one read of the content clock that starts each request (publishing/clock.py).
"""

from collections.abc import Iterator

import pytest

from terms.services import publish_comparison, publish_term
from tests.api.support import API, rolled_back_after_module
from tests.factories import (
    CallToActionFactory,
    CategoryFactory,
    ComparisonFactory,
    ComparisonPointFactory,
    FAQFactory,
    RelatedTermFactory,
    TermAliasFactory,
    TermFactory,
)

pytestmark = pytest.mark.django_db

SMALL, LARGE = 2, 30


@pytest.fixture(autouse=True)
def _real_reads(settings):
    settings.GLOSSARY_SERVER_CACHE = False


def build_glossary(size: int) -> None:
    """`size` live terms over a few categories, each with FAQs, an alias, a related term and a
    comparison with the previous one; as many site-wide FAQs. Every third term is noindex."""
    categories = [CategoryFactory() for _ in range(max(1, size // 5))]
    cta = CallToActionFactory()
    previous = None
    for number in range(size):
        term = TermFactory(
            name=f"Glossary term {number}",
            slug=f"glossary-term-{number}",
            category=categories[number % len(categories)],
            cta=cta,
            noindex=number % 3 == 0,  # left out of the sitemaps: filtered in the same query
        )
        TermAliasFactory(term=term)
        FAQFactory(term=term, question=f"What is glossary term {number}?")
        FAQFactory(term=term, question=f"Why glossary term {number}?", suggested_in_widget=False)
        if previous is not None:
            RelatedTermFactory(term=term, related=previous)
        publish_term(term=term, by=None)
        if previous is not None:
            comparison = ComparisonFactory(term_a=previous, term_b=term)
            ComparisonPointFactory(comparison=comparison)
            FAQFactory(comparison=comparison, question=f"Glossary term {number} or the one before?")
            publish_comparison(comparison=comparison, by=None)
        FAQFactory(question=f"Site-wide glossary question {number}?", published=True)
        previous = term


@pytest.fixture(scope="module", params=[SMALL, LARGE], ids=["small", "large"])
def glossary(request, django_db_setup, django_db_blocker) -> Iterator[int]:
    """A glossary of SMALL or of LARGE terms, built once for the module's tests of that size."""
    with rolled_back_after_module(django_db_blocker):
        build_glossary(request.param)
        TermFactory(category=CategoryFactory(slug="category-x"), published=True)
        yield request.param


def warm_up_and_count(client, path: str, params: dict, most: int, django_assert_max_num_queries) -> None:
    """Request once (filling what a process keeps per generation), then count the queries of the same request."""
    assert client.get(f"{API}{path}", params).status_code == 200
    with django_assert_max_num_queries(most):
        response = client.get(f"{API}{path}", params)
    assert response.status_code == 200


@pytest.mark.parametrize(("faqs", "related", "comparisons"), [(1, 1, 1), (40, 40, 6)])
def test_term_detail_reads_in_at_most_3_queries(api_client, django_assert_max_num_queries, faqs, related, comparisons):
    """Clock, term, related terms: 3 reads, however many FAQs, related terms and comparisons.

    Live comparisons are kept per content generation and timeline span (few next to terms).

    Server cache off; one warm-up request first fills the content timeline cache.
    """
    term = TermFactory(slug="subject", cta=CallToActionFactory())
    for number in range(faqs):
        FAQFactory(term=term, question=f"Question {number}?")
    neighbours = [TermFactory(published=True) for _ in range(max(related, comparisons))]
    for order, neighbour in enumerate(neighbours[:related]):
        RelatedTermFactory(term=term, related=neighbour, order=order)
    TermAliasFactory(term=term)
    publish_term(term=term, by=None)
    for neighbour in neighbours[:comparisons]:
        ComparisonFactory(term_a=term, term_b=neighbour, published=True)

    warm_up_and_count(api_client, "/terms/subject/", {}, 3, django_assert_max_num_queries)


@pytest.mark.parametrize("terms", [1, 100])
def test_term_list_page_reads_in_at_most_4_queries(api_client, django_assert_max_num_queries, terms):
    """Server cache off; one warm-up request first fills what a process keeps per generation."""
    categories = [CategoryFactory() for _ in range(5)]
    for number in range(terms):
        TermFactory(category=categories[number % 5], published=True)

    warm_up_and_count(api_client, "/terms/", {"page_size": 100}, 4, django_assert_max_num_queries)


@pytest.mark.parametrize("comparisons", [1, 30])
def test_comparison_list_reads_in_at_most_5_queries(api_client, django_assert_max_num_queries, comparisons):
    """Server cache off; one warm-up request first fills what a process keeps per generation."""
    terms = [TermFactory(published=True) for _ in range(9)]  # 36 pairs
    pairs = [(a, b) for index, a in enumerate(terms) for b in terms[index + 1 :]]
    for term_a, term_b in pairs[:comparisons]:
        ComparisonFactory(term_a=term_a, term_b=term_b, published=True)

    warm_up_and_count(api_client, "/comparisons/", {"page_size": 100}, 5, django_assert_max_num_queries)


# The same bound for a glossary of SMALL and of LARGE terms: reads do not grow with content.
CONSTANT_READS = [
    ("/terms/glossary-term-1/widget/", {}, 2),
    ("/comparisons/", {"term": "glossary-term-1"}, 4),
    ("/comparisons/glossary-term-0-vs-glossary-term-1/", {}, 3),
    ("/categories/", {}, 3),
    ("/categories/category-x/", {}, 2),
    ("/faqs/", {}, 2),
    ("/faqs/", {"term": "glossary-term-1"}, 2),
    ("/index/", {}, 2),
    # Terms, comparisons, FAQs: headings first, long texts only when headings give too few.
    ("/search/", {"q": "glossary"}, 7),
    ("/sitemap/", {}, 4),
]


@pytest.mark.parametrize(("path", "params", "most"), CONSTANT_READS, ids=[f"{p}{q}" for p, q, _ in CONSTANT_READS])
def test_endpoint_reads_the_same_number_of_queries_for_small_and_large_content(
    api_client, django_assert_max_num_queries, glossary, path, params, most
):
    """Server cache off; one warm-up request first fills what a process keeps per generation."""
    warm_up_and_count(api_client, path, params, most, django_assert_max_num_queries)
