"""The review loop on the review page and the edit form: changes since the reviewer last looked, and the thread.

Each reviewer's last seen edit is recorded when they open an item's review page or act on it;
the page then shows the field and part changes made since, through the admin's real views.
"""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from editorial import services
from editorial.models import LastSeenEdit
from tests.editorial.helpers import admin_url, change_form, user_in
from tests.editorial.test_history import visible_text
from tests.factories import FAQFactory, TermFactory

pytestmark = pytest.mark.django_db


def save_in_admin(browser: Client, item, **changes) -> None:
    data = change_form(browser, item)
    data.update(changes)
    response = browser.post(admin_url(item, "change"), data)
    assert response.status_code == 302, response.context and response.context["errors"]


def logged_in(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def since_last_seen_panel(browser: Client, item) -> str:
    """The text of the "Changes since you last looked" panel of the item's review page."""
    response = browser.get(admin_url(item, "workflow"))
    assert response.status_code == 200
    page = response.content.decode()
    panel = re.search(r'<div class="module" id="since-last-seen">(.*?)\n</div>', page, re.S)
    assert panel, "no panel on the review page"
    return visible_text(panel.group(1))


@pytest.fixture
def writer():
    return logged_in(user_in("Writer", username="wendy"))


@pytest.fixture
def reviewer():
    return logged_in(user_in("Reviewer", username="rita"))


@pytest.fixture
def term(writer):
    term = TermFactory(name="Tokenizer", body="## What it is\n\nSplits text into tokens.")
    FAQFactory(term=term, question="What is a token?", answer="A piece of text.", order=1)
    save_in_admin(writer, term)
    return term


def test_a_first_look_says_so_and_records_the_edit_seen(reviewer, term):
    text = since_last_seen_panel(reviewer, term)

    assert "This is your first look" in text
    seen = LastSeenEdit.objects.get(user__username="rita", object_id=term.pk)
    assert seen.history_id == term.history.order_by("-history_id").first().history_id


def test_the_review_page_shows_field_and_part_changes_made_since_the_reviewer_last_looked(writer, reviewer, term):
    since_last_seen_panel(reviewer, term)
    save_in_admin(
        writer,
        term,
        body="## What it is\n\nSplits text into subword tokens.",
        **{"faqs-0-answer": "A unit of text the model reads.", "aliases-TOTAL_FORMS": "1", "aliases-0-name": "TKN"},
    )

    text = since_last_seen_panel(reviewer, term)

    assert "Splits text into subword tokens." in text and "Splits text into tokens." in text
    assert "FAQs" in text and "A unit of text the model reads." in text and "A piece of text." in text
    assert "Aliases" in text and "TKN" in text
    # Reloading the page still shows what changed since the look before, until a newer edit arrives.
    assert "Splits text into subword tokens." in since_last_seen_panel(reviewer, term)


def test_changes_already_seen_are_not_shown_again_only_the_newer_ones(writer, reviewer, term):
    since_last_seen_panel(reviewer, term)
    save_in_admin(writer, term, short_definition="First change the reviewer sees.")
    assert "First change the reviewer sees." in since_last_seen_panel(reviewer, term)
    save_in_admin(writer, term, body="## What it is\n\nA second change after that look.")

    text = since_last_seen_panel(reviewer, term)

    assert "A second change after that look." in text
    assert "First change the reviewer sees." not in text


def test_each_reviewer_has_their_own_last_seen_edit(writer, reviewer, term):
    since_last_seen_panel(reviewer, term)
    save_in_admin(writer, term, short_definition="Changed while Rita was away.")
    other_reviewer = logged_in(user_in("Reviewer", username="omar"))

    assert "This is your first look" in since_last_seen_panel(other_reviewer, term)
    assert "Changed while Rita was away." in since_last_seen_panel(reviewer, term)


def test_acting_on_the_review_page_counts_as_having_seen_the_item(writer, reviewer, term):
    services.submit_for_review(item=term, by=user_in("Writer", username="walt"))
    reviewer.get(admin_url(term, "workflow"))
    save_in_admin(writer, term, short_definition="Edited after the look.")  # back to draft
    services.submit_for_review(item=term, by=user_in("Writer", username="wade"))

    # Rita comments without reloading the page first: she acted on the current edit.
    response = reviewer.post(admin_url(term, "workflow"), {"transition": "comment", "comment": "Looks fine."})
    assert response.status_code == 302
    seen = LastSeenEdit.objects.get(user__username="rita", object_id=term.pk)
    assert seen.history_id == term.history.order_by("-history_id").first().history_id


def test_a_save_that_changed_no_content_says_so(writer, reviewer, term):
    since_last_seen_panel(reviewer, term)
    save_in_admin(writer, term)  # saved as it was: a new edit, no content changed

    assert "changed no content" in since_last_seen_panel(reviewer, term)


def test_the_review_page_queries_do_not_grow_with_the_changes_since_last_seen(writer, reviewer, term):
    def queries_of_a_look() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert reviewer.get(admin_url(term, "workflow")).status_code == 200
        return len(queries)

    reviewer.get(admin_url(term, "workflow"))
    save_in_admin(writer, term, short_definition="One change.")
    one_change = queries_of_a_look()
    for number in range(4):
        save_in_admin(writer, term, short_definition=f"Change {number}.", body=f"## Body\n\nVersion {number}.")
    save_in_admin(writer, term, **{"aliases-TOTAL_FORMS": "1", "aliases-0-name": "TKN"})
    many_changes = queries_of_a_look()

    assert many_changes <= one_change + 2  # the related-term lookups of a field diff, never one per edit


# --- The thread on the edit form --------------------------------------------------------------


def test_the_change_form_shows_the_review_comments_read_only_with_a_link_to_the_review_page(writer, term):
    reviewer_user = user_in("Reviewer", username="rita")
    services.submit_for_review(item=term, by=user_in("Writer", username="walt"))
    services.request_changes(item=term, by=reviewer_user, comment="Say what a <subword> is.\nAnd give an example.")

    page = writer.get(admin_url(term, "change")).content.decode()

    thread = re.search(r'<div id="review-thread">(.*?)</div>\s*</div>', page, re.S)
    assert thread
    assert "rita" in thread.group(1) and "Changes requested" in thread.group(1)
    assert "Say what a &lt;subword&gt; is." in thread.group(1)  # comments are text, never HTML
    assert f'href="{admin_url(term, "workflow")}"' in thread.group(1)
    # Read-only: the form posts no comment field.
    assert not any("comment" in name for name in change_form(writer, term))


def test_the_change_form_of_an_item_without_comments_says_there_are_none(writer, term):
    page = writer.get(admin_url(term, "change")).content.decode()

    assert "No review comments yet." in visible_text(page)
