"""Query counts of the pages for machines stay constant as content grows (see test_query_counts)."""

import pytest

from tests.api.support import API
from tests.api.test_query_counts import glossary  # noqa: F401 -- small and large glossaries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("glossary")]

MACHINE_READS = [
    ("/terms/glossary-term-1/markdown/", 3),  # clock, the term, its live links
    ("/comparisons/glossary-term-0-vs-glossary-term-1/markdown/", 2),  # clock, the comparison
    ("/llms.txt", 4),  # clock, terms, categories, comparisons
    ("/llms-full.txt", 2),  # clock, terms
    ("/sitemap.xml", 4),  # clock, terms, comparisons, categories
    ("/changes/", 3),  # clock, the highest position, the page
]


@pytest.mark.parametrize(("path", "most"), MACHINE_READS, ids=[path for path, _ in MACHINE_READS])
def test_machine_pages_read_the_same_number_of_queries_for_small_and_large_content(
    api_client, settings, django_assert_max_num_queries, path, most
):
    """Server cache off; one warm-up request first fills what a process keeps per generation."""
    settings.GLOSSARY_SERVER_CACHE = False
    assert api_client.get(f"{API}{path}").status_code == 200
    with django_assert_max_num_queries(most):
        response = api_client.get(f"{API}{path}")
    assert response.status_code == 200
