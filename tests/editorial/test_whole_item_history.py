"""Edit history covers the whole item: FAQs, aliases, related terms and points are compared and restored too."""

import pytest
from django.urls import reverse

from terms.models import ReviewState, Term
from tests.editorial.helpers import S, admin_url, bring_to, change_form, user_in
from tests.editorial.test_history import visible_text
from tests.factories import FAQFactory, TermFactory

pytestmark = pytest.mark.django_db


def save_in_admin(client, item, **changes) -> None:
    data = change_form(client, item)
    data.update(changes)
    response = client.post(admin_url(item, "change"), data)
    assert response.status_code == 302, response.context and response.context["errors"]


def edits_of(item) -> list[int]:
    return list(item.history.order_by("-history_id").values_list("history_id", flat=True))


@pytest.fixture
def writer_client(client):
    client.force_login(user_in("Writer", username="wendy"))
    return client


@pytest.fixture
def term_with_faq(writer_client):
    term = TermFactory(name="Tokenizer")
    FAQFactory(term=term, question="What is a token?", answer="A piece of text.", order=1)
    save_in_admin(writer_client, term)  # the first edit made in the admin keeps the parts as they were
    return term


def test_comparing_two_edits_shows_a_changed_faq_answer_and_a_new_alias(writer_client, term_with_faq):
    data = change_form(writer_client, term_with_faq)
    data.update({"faqs-0-answer": "A unit of text the model reads."})
    data.update({"aliases-TOTAL_FORMS": "1", "aliases-0-name": "TKN"})
    save_in_admin(writer_client, term_with_faq, **data)
    newer, older = edits_of(term_with_faq)[:2]

    page = writer_client.get(admin_url(term_with_faq, "compare"), {"a": older, "b": newer}).content.decode()

    text = visible_text(page)
    assert "No content differs" not in text
    assert "FAQs" in text and "A unit of text the model reads." in text and "A piece of text." in text
    assert "Aliases" in text and "TKN" in text


def test_restoring_an_earlier_edit_brings_back_its_faqs_aliases_and_related_terms(writer_client, term_with_faq):
    related = TermFactory(name="Embedding")
    faq = term_with_faq.faqs.get()
    earlier = edits_of(term_with_faq)[0]
    data = change_form(writer_client, term_with_faq)
    data.update(
        {
            "faqs-0-answer": "Changed answer.",
            "faqs-TOTAL_FORMS": "2",
            "faqs-1-question": "A new question?",
            "faqs-1-answer": "A new answer.",
            "faqs-1-order": "2",
            "aliases-TOTAL_FORMS": "1",
            "aliases-0-name": "TKN",
            "related_links-TOTAL_FORMS": "1",
            "related_links-0-related": str(related.pk),
            "related_links-0-order": "1",
        }
    )
    save_in_admin(writer_client, term_with_faq, **data)
    assert term_with_faq.faqs.count() == 2 and term_with_faq.aliases.exists()

    response = writer_client.post(reverse("admin:terms_term_restore", args=[term_with_faq.pk, earlier]))

    assert response.status_code == 302
    assert list(term_with_faq.faqs.values_list("id", "question", "answer")) == [
        (faq.pk, "What is a token?", "A piece of text.")
    ], "the FAQ keeps its identity, the one added since is gone"
    assert not term_with_faq.aliases.exists()
    assert not term_with_faq.related_links.exists()
    term_with_faq.refresh_from_db()
    assert term_with_faq.review_state == ReviewState.DRAFT


def test_an_edit_that_sent_a_published_term_back_to_draft_is_listed_as_draft(writer_client, db):
    term = TermFactory(name="Tokenizer")
    bring_to(term, S.PUBLISHED)
    assert Term.objects.get(pk=term.pk).review_state == ReviewState.PUBLISHED

    save_in_admin(writer_client, term, short_definition="A new definition that sends it back to draft.")

    page = writer_client.get(admin_url(term, "edits")).content.decode()
    first_row = page[page.index("<tbody>") : page.index("</tr>", page.index("<tbody>"))]
    assert Term.objects.get(pk=term.pk).review_state == ReviewState.DRAFT
    assert "Draft" in first_row and "Published" not in first_row


def test_the_history_button_and_the_edit_history_link_open_the_edit_history(writer_client, term_with_faq):
    edits = admin_url(term_with_faq, "edits")

    change_page = writer_client.get(admin_url(term_with_faq, "change")).content.decode()
    history_button = writer_client.get(reverse("admin:terms_term_history", args=[term_with_faq.pk]))

    assert f'href="{edits}"' in change_page
    assert history_button.status_code == 302 and history_button["Location"] == edits
    assert "Restore as draft" in writer_client.get(edits).content.decode()


def test_restoring_an_earlier_edit_brings_back_its_typed_relations(writer_client, term_with_faq):
    broader = TermFactory(name="Text Processing")
    earlier = edits_of(term_with_faq)[0]
    data = change_form(writer_client, term_with_faq)
    data.update({"relations-TOTAL_FORMS": "1", "relations-0-type": "broader", "relations-0-target": str(broader.pk)})
    save_in_admin(writer_client, term_with_faq, **data)
    assert term_with_faq.relations.count() == 1
    newer = edits_of(term_with_faq)[0]

    page = writer_client.get(admin_url(term_with_faq, "compare"), {"a": earlier, "b": newer}).content.decode()
    writer_client.post(reverse("admin:terms_term_restore", args=[term_with_faq.pk, earlier]))

    assert "Typed relations" in visible_text(page) and "broader: Text Processing" in visible_text(page)
    assert not term_with_faq.relations.exists()
