"""Ask never answers from, names or suggests content that is not live.

Each non-live FAQ or term carries the marker word; the question asks for exactly it, so
a ranking that could see it would answer with it.
"""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from faqs.services import publish_site_faq, unpublish_site_faq
from terms.services import publish_comparison, publish_term, unpublish_term
from tests.answers.conftest import ASK
from tests.factories import ComparisonFactory, FAQFactory, TermAliasFactory, TermFactory

pytestmark = pytest.mark.django_db
MARKER = "zebrafish"


def ask(api_client, question: str, term: str | None = None) -> dict:
    answer = api_client.post(ASK, {"question": question} | ({"term": term} if term else {}))
    assert answer.status_code in {200, 400}
    return answer.json()


def assert_no_marker(body: dict) -> None:
    assert MARKER not in str(body).lower()


def test_a_draft_faq_of_a_live_term_never_answers(api_client, glossary):
    FAQFactory(term=glossary.chunking, question=f"How do {MARKER} chunks swim?", answer=f"{MARKER} answer.")
    glossary.chunking.save()  # the draft FAQ is on the working copy only; the live version is unchanged

    body = ask(api_client, f"how do {MARKER} chunks swim", "chunking")

    assert_no_marker(body)
    assert all(answer["faq_id"] != glossary.chunking.faqs.last().pk for answer in body["answers"])


def test_a_withdrawn_terms_faqs_definition_and_name_never_answer(api_client, glossary):
    term = TermFactory(name=f"{MARKER.title()} Model", slug="zebrafish-model", short_definition=f"{MARKER} def.")
    TermAliasFactory(term=term, name=MARKER.upper())
    FAQFactory(term=term, question=f"Why do {MARKER} models swim?", answer=f"{MARKER} answer.")
    publish_term(term=term, by=None)
    while_live = [ask(api_client, question) for question in (f"why do {MARKER} models swim", f"what is {MARKER}")]
    unpublish_term(term=term, by=None)

    assert all(MARKER in str(body).lower() for body in while_live)  # the questions do reach it while it is live
    for question in (f"why do {MARKER} models swim", f"what is a {MARKER} model", f"what is {MARKER}"):
        body = ask(api_client, question)
        assert_no_marker(body)
        assert body["matched_terms"] == []
    assert ask(api_client, "chunk size?", "zebrafish-model")["field"] == "term"


def test_a_never_published_term_is_not_a_page_and_not_matched(api_client, glossary):
    term = TermFactory(name=f"{MARKER.title()} Draft", slug="zebrafish-draft", short_definition=f"{MARKER} def.")
    FAQFactory(term=term, question=f"Is {MARKER} draft live?", answer=f"{MARKER} answer.")

    assert ask(api_client, "chunk size?", "zebrafish-draft")["field"] == "term"
    assert_no_marker(ask(api_client, f"is {MARKER} draft live"))
    assert_no_marker(ask(api_client, f"what is {MARKER} draft"))


def test_a_scheduled_faq_and_term_answer_only_from_their_instant(api_client, glossary):
    go_live = timezone.now() + timedelta(hours=1)
    site = FAQFactory(question=f"When does the {MARKER} site FAQ go live?", answer=f"{MARKER} answer.")
    publish_site_faq(faq=site, by=None, at=go_live)
    term = TermFactory(name=f"{MARKER.title()} Future", slug="zebrafish-future", short_definition=f"{MARKER} def.")
    FAQFactory(term=term, question=f"When does the {MARKER} future term go live?", answer=f"{MARKER} answer.")
    publish_term(term=term, by=None, at=go_live)

    before = [
        ask(api_client, f"when does the {MARKER} site faq go live"),
        ask(api_client, f"when does the {MARKER} future term go live"),
        ask(api_client, f"what is {MARKER} future"),
    ]
    with time_machine.travel(go_live + timedelta(seconds=1), tick=False):
        after = ask(api_client, f"when does the {MARKER} future term go live")

    for body in before:
        assert_no_marker(body)
        assert body["answered"] is False
    assert ask(api_client, "chunk size?", "zebrafish-future")["field"] == "term"
    assert after["answers"][0]["term"]["slug"] == "zebrafish-future"


def test_a_withdrawn_site_wide_faq_never_answers(api_client, glossary):
    site = FAQFactory(question=f"Is the {MARKER} site FAQ still there?", answer=f"{MARKER} answer.", published=True)
    assert MARKER in str(ask(api_client, f"is the {MARKER} site faq still there"))
    unpublish_site_faq(faq=site, by=None)

    assert_no_marker(ask(api_client, f"is the {MARKER} site faq still there"))


def test_a_comparison_faq_is_not_an_answer(api_client, glossary):
    comparison = ComparisonFactory(term_a=glossary.chunking, term_b=glossary.rag, published=False)
    FAQFactory(comparison=comparison, question=f"Is {MARKER} chunking a kind of RAG?", answer=f"{MARKER} answer.")
    publish_comparison(comparison=comparison, by=None)

    assert_no_marker(ask(api_client, f"is {MARKER} chunking a kind of rag"))


def test_follow_ups_and_related_answers_leave_out_withdrawn_related_terms(api_client, glossary):
    unpublish_term(term=glossary.rag, by=None)

    body = ask(api_client, "what chunk size should I use for RAG", "chunking")

    assert {answer["term"]["slug"] for answer in body["answers"] if answer["term"]} <= {"chunking"}
    assert all(term["slug"] != "rag" for term in body["matched_terms"])
    assert glossary.rag_chunk_size.question not in body["follow_ups"]


def test_an_edited_but_unpublished_faq_answers_with_its_published_text(api_client, glossary):
    glossary.chunk_size.answer = f"{MARKER} new answer."
    glossary.chunk_size.save()

    body = ask(api_client, "what chunk size should I use", "chunking")

    assert body["answers"][0]["faq_id"] == glossary.chunk_size.pk
    assert_no_marker(body)
