"""Mentions in the term admin, through its real views.

A term's change page shows which published pages mention it ("Mentioned in"), and, while
the editor writes, which terms the draft mentions and whether each will be a link.
"""

import re
from html import unescape

import pytest
from django.urls import reverse

from terms.models import Term
from terms.services import publish_term
from tests.factories import FAQFactory, TermAliasFactory, TermFactory
from tests.terms.test_admin import change_form_of

pytestmark = pytest.mark.django_db


def change_url(term: Term) -> str:
    return reverse("admin:terms_term_change", args=[term.pk])


def readonly_lines(client, term: Term, field: str) -> list[str]:
    """The lines of a read-only field of the term's change page, as text."""
    page = client.get(change_url(term)).content.decode()
    block = re.search(rf'field-{field}.*?<div class="readonly">(.*?)</div>', page, re.DOTALL)
    assert block, f"no {field} field on the change page"
    return [unescape(re.sub(r"<[^>]+>", "", line)).strip() for line in block.group(1).split("<br>")]


def test_mentioned_in_lists_the_published_pages_that_mention_the_term_with_links(admin_client):
    embedding = TermFactory(name="Embedding", slug="embedding")
    retrieval = TermFactory(name="Retrieval", body="Retrieval compares an embedding with others.", published=True)
    TermFactory(name="Search", body="Search ranks by embedding distance.")  # a draft: not a page yet
    page = admin_client.get(change_url(embedding)).content.decode()

    assert readonly_lines(admin_client, embedding, "mentioned_in") == ["Retrieval"]
    assert f'href="{change_url(retrieval)}"' in page


def test_a_term_no_page_mentions_says_so(admin_client):
    lonely = TermFactory(name="Lonely")

    assert readonly_lines(admin_client, lonely, "mentioned_in") == ["No published page mentions it."]


def test_the_draft_panel_says_which_mentions_will_be_links(admin_client):
    TermFactory(name="Embedding", published=True)
    TermFactory(name="Vector Store")  # not live
    tokenizer = TermFactory(name="Tokenizer", published=True)
    TermAliasFactory(term=tokenizer, name="BPE")
    draft = TermFactory(name="Retrieval", body="Retrieval compares an embedding in a vector store.")
    FAQFactory(term=draft, answer="BPE splits the words.")

    assert readonly_lines(admin_client, draft, "mentions_in_this_draft") == [
        "Embedding: link",
        "Vector Store: not linked until it goes live",
        "Tokenizer: in an FAQ answer: listed, never linked",
    ]


def test_the_draft_panel_says_when_auto_linking_is_off(admin_client, settings):
    TermFactory(name="Embedding", published=True)
    draft = TermFactory(name="Retrieval", body="Retrieval compares an embedding.", autolink_mentions=False)
    assert readonly_lines(admin_client, draft, "mentions_in_this_draft") == [
        "Embedding: not linked: auto-linking is off"
    ]

    settings.GLOSSARY_AUTOLINK = False
    draft.autolink_mentions = True
    draft.save()
    assert readonly_lines(admin_client, draft, "mentions_in_this_draft") == [
        "Embedding: not linked: auto-linking is off"
    ]


def test_the_editor_turns_auto_linking_off_in_the_form_and_publication_carries_it(admin_client):
    term = TermFactory(name="Retrieval")

    data = change_form_of(admin_client, term)
    del data["autolink_mentions"]  # an unchecked box is not posted
    response = admin_client.post(change_url(term), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    term.refresh_from_db()
    assert term.autolink_mentions is False
    assert publish_term(term=term, by=None).autolink_mentions is False
