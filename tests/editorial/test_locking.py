"""Optimistic locking: a save based on a copy someone else has since saved is refused, and loses nothing."""

import pytest
from django.test import Client

from tests.editorial.helpers import admin_url, change_form, form_data, make_item, user_in
from tests.factories import FAQFactory, TermFactory


@pytest.fixture
def alice_and_bob(client, db):
    """Two writers, each logged in in their own browser."""
    alice, bob = user_in("Writer", username="alice"), user_in("Writer", username="bob")
    client.force_login(alice)
    other = Client()
    other.force_login(bob)
    return client, other


def form_errors(response) -> list[str]:
    return [str(error) for error in response.context["adminform"].form.non_field_errors()]


def faq_form_errors(response) -> list[str]:
    (faqs,) = [f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "faqs"]
    return [str(error) for form in faqs.formset.forms for error in form.non_field_errors()]


@pytest.mark.parametrize("kind", ["term", "comparison"])
def test_the_second_of_two_concurrent_saves_is_refused_and_keeps_its_text(alice_and_bob, kind):
    alice_browser, bob_browser = alice_and_bob
    item = make_item(kind)
    alice_form, bob_form = change_form(alice_browser, item), change_form(bob_browser, item)
    assert alice_form["seen_lock_version"] == bob_form["seen_lock_version"] == str(item.lock_version)
    history_before = item.history.count()

    alice_form["body"] = "## What it is\n\nAlice explains it first."
    assert alice_browser.post(admin_url(item, "change"), alice_form).status_code == 302
    bob_form["body"] = "## What it is\n\nBob explains it differently."
    response = bob_browser.post(admin_url(item, "change"), bob_form)

    assert response.status_code == 200
    (error,) = form_errors(response)
    assert error.startswith("alice saved")
    assert "They changed: explanation." in error
    assert "nothing was saved" in error
    assert "Bob explains it differently." in response.content.decode()
    item.refresh_from_db()
    assert item.body == "## What it is\n\nAlice explains it first."
    assert item.history.count() == history_before + 1
    assert not item.history.filter(body__contains="Bob").exists()


def test_saving_again_from_the_refusal_page_keeps_the_second_editors_text(alice_and_bob):
    alice_browser, bob_browser = alice_and_bob
    term = TermFactory()
    alice_form, bob_form = change_form(alice_browser, term), change_form(bob_browser, term)
    alice_form["short_definition"] = "Alice's definition."
    alice_browser.post(admin_url(term, "change"), alice_form)
    bob_form["body"] = "## What it is\n\nBob explains it differently."
    refused = bob_browser.post(admin_url(term, "change"), bob_form)
    assert refused.status_code == 200
    assert "They changed: quick definition." in form_errors(refused)[0]

    again = form_data(refused.content.decode(), "term_form")
    term.refresh_from_db()
    assert again["seen_lock_version"] == str(term.lock_version)
    assert again["body"] == "## What it is\n\nBob explains it differently."
    response = bob_browser.post(admin_url(term, "change"), again)

    assert response.status_code == 302
    term.refresh_from_db()
    assert term.body == "## What it is\n\nBob explains it differently."
    # Bob's form still held Alice's old definition; saving it deliberately is his call.
    assert term.short_definition == bob_form["short_definition"]
    latest = term.history.order_by("-history_id").first()
    assert latest.history_user.username == "bob"


def test_a_stale_faq_edited_inline_is_refused(alice_and_bob):
    alice_browser, bob_browser = alice_and_bob
    term = TermFactory()
    faq = FAQFactory(term=term, question="How is it trained?", answer="On text.")
    alice_form, bob_form = change_form(alice_browser, term), change_form(bob_browser, term)
    assert bob_form["faqs-0-seen_lock_version"] == str(faq.lock_version)

    alice_form["faqs-0-answer"] = "On a large corpus of text."
    assert alice_browser.post(admin_url(term, "change"), alice_form).status_code == 302
    bob_form["faqs-0-answer"] = "Bob thinks: on curated text."
    response = bob_browser.post(admin_url(term, "change"), bob_form)

    assert response.status_code == 200
    (error,) = faq_form_errors(response)
    assert error.startswith("alice saved “How is it trained?”")
    assert "They changed: answer." in error
    assert "Bob thinks: on curated text." in response.content.decode()
    faq.refresh_from_db()
    assert faq.answer == "On a large corpus of text."

    again = form_data(response.content.decode(), "term_form")
    assert again["faqs-0-seen_lock_version"] == str(faq.lock_version)
    assert bob_browser.post(admin_url(term, "change"), again).status_code == 302
    faq.refresh_from_db()
    assert faq.answer == "Bob thinks: on curated text."


def test_one_editor_saving_twice_in_a_row_is_not_refused(client, db):
    term = TermFactory()
    client.force_login(user_in("Writer"))
    for text in ["## One\n\nFirst.", "## One\n\nSecond."]:
        data = change_form(client, term)
        data["body"] = text
        assert client.post(admin_url(term, "change"), data).status_code == 302
    term.refresh_from_db()
    assert (term.body, term.lock_version) == ("## One\n\nSecond.", 2)


def test_a_site_wide_faq_saved_in_its_own_admin_is_locked_too(alice_and_bob):
    from faqs.models import SiteWideFAQ

    alice_browser, bob_browser = alice_and_bob
    faq = SiteWideFAQ.objects.get(pk=FAQFactory(question="Is there a free trial?", answer="Yes.").pk)
    alice_form, bob_form = change_form(alice_browser, faq), change_form(bob_browser, faq)

    alice_form["answer"] = "Yes, for seven days."
    assert alice_browser.post(admin_url(faq, "change"), alice_form).status_code == 302
    bob_form["answer"] = "Yes, Bob says fourteen days."
    response = bob_browser.post(admin_url(faq, "change"), bob_form)

    assert response.status_code == 200
    (error,) = form_errors(response)
    assert "saved “Is there a free trial?”" in error and "nothing was saved" in error
    assert "Yes, Bob says fourteen days." in response.content.decode()
    faq.refresh_from_db()
    assert faq.answer == "Yes, for seven days."
