"""A retired term is no page: the feed says it was withdrawn, llms.txt drops it, its Markdown slug redirects."""

from datetime import UTC, datetime

import pytest
import time_machine

from terms.models import TermStatus
from terms.services import publish_term
from tests.api.support import API, edit
from tests.api.test_change_feed import read_all, said
from tests.factories import TermFactory

pytestmark = pytest.mark.django_db

NOON = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)


def retire(term, successor) -> None:
    edit(term, status=TermStatus.RETIRED, successor=successor)
    publish_term(term=term, by=None)


def test_a_retired_term_is_withdrawn_in_the_feed_and_its_successor_stays(api_client):
    with time_machine.travel(NOON, tick=False) as clock:
        successor = TermFactory(slug="vector-database", category=None, published=True)
        old = TermFactory(slug="vector-store", category=None, published=True)
        clock.shift(60)
        retire(old, successor)
        changes, _ = read_all(api_client)

    assert ("term", "vector-store", "withdrawn") in said(changes)
    assert ("term", "vector-database", "withdrawn") not in said(changes)


def test_a_retired_term_leaves_llms_txt_and_its_markdown_page_redirects_to_the_successor(api_client):
    successor = TermFactory(name="Vector Database", slug="vector-database", published=True)
    old = TermFactory(name="Vector Store", slug="vector-store", published=True)
    assert "Vector Store" in api_client.get(f"{API}/llms.txt").content.decode()

    retire(old, successor)

    assert "Vector Store" not in api_client.get(f"{API}/llms.txt").content.decode()
    assert "Vector Store" not in api_client.get(f"{API}/llms-full.txt").content.decode()
    response = api_client.get(f"{API}/terms/vector-store/markdown/")
    assert response.status_code == 301
    assert response["Location"].endswith("/terms/vector-database/markdown/")
