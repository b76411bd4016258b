"""Edit history: every save kept with its author; diff two, restore one as a draft, roll back a publication."""

import html
import re

import pytest
from django.urls import reverse

from publishing.models import AuditEntry
from terms.models import Term
from tests.editorial.helpers import (
    S,
    admin_url,
    bring_to,
    change_form,
    changelist_url,
    form_data,
    make_item,
    messages_of,
    user_in,
)
from tests.factories import TermFactory

FIRST = "## What it is\n\nThe model learns from examples.\nIt keeps this line.\n\n## Why it matters\n\nScale."
SECOND = "## What it is\n\nThe model learns from labelled data.\nIt keeps this line.\n\n## Why it matters\n\nScale."


def edit_in_admin(client, item, **changes) -> None:
    data = change_form(client, item)
    data.update(changes)
    response = client.post(admin_url(item, "change"), data)
    assert response.status_code == 302, response.context and response.context["errors"]


def api_body(client, term) -> str:
    response = client.get(reverse("api:term-detail", kwargs={"slug": term.slug}))
    assert response.status_code == 200
    return response.json()["body_markdown"]


def visible_text(page: str) -> str:
    """Page text without tags, as a reader sees it (the diff table writes spaces as &nbsp;)."""
    return html.unescape(re.sub(r"<[^>]+>", "", page)).replace("\xa0", " ")


@pytest.fixture
def term_published_twice(client, db):
    """A term published with FIRST (v1), then edited in the admin and published with SECOND (v2)."""
    term = TermFactory(body=FIRST, published=True)
    client.force_login(user_in("Writer", username="wendy"))
    edit_in_admin(client, term, body=SECOND)
    bring_to(term, S.PUBLISHED)
    client.logout()
    assert api_body(client, term) == SECOND
    return term


def test_adding_a_term_in_the_admin_records_who_created_it(client, db):
    writer = user_in("Writer", username="wendy")
    client.force_login(writer)
    page = client.get(reverse("admin:terms_term_add")).content.decode()
    data = form_data(page, "term_form")
    data.update(name="Embedding", slug="embedding", short_definition="A vector for a thing.", body="## What\n\nIt.")

    response = client.post(reverse("admin:terms_term_add"), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    (record,) = Term.history.filter(slug="embedding")
    assert (record.history_type, record.history_user, record.body) == ("+", writer, "## What\n\nIt.")


@pytest.mark.parametrize("kind", ["term", "comparison"])
def test_every_admin_save_is_recorded_with_its_author_and_time(client, db, kind):
    item = make_item(kind)
    first, second = user_in("Writer", username="wendy"), user_in("Writer", username="will")
    for user, text in [(first, "## One\n\nFirst pass."), (second, "## One\n\nSecond pass.")]:
        client.force_login(user)
        edit_in_admin(client, item, body=text)

    records = list(item.history.order_by("history_id"))
    assert [(r.history_user, r.body) for r in records[-2:]] == [
        (first, "## One\n\nFirst pass."),
        (second, "## One\n\nSecond pass."),
    ]
    assert records[-2].history_date <= records[-1].history_date
    page = client.get(admin_url(item, "edits")).content.decode()
    assert "wendy" in page and "will" in page


def test_an_faq_edited_inline_is_recorded_with_its_author(client, db):
    from tests.factories import FAQFactory

    term = TermFactory()
    faq = FAQFactory(term=term, answer="Old answer.")
    writer = user_in("Writer", username="wendy")
    client.force_login(writer)

    edit_in_admin(client, term, **{"faqs-0-answer": "New answer."})

    latest = faq.history.order_by("-history_id").first()
    assert (latest.answer, latest.history_user) == ("New answer.", writer)


def test_compare_shows_the_changed_markdown_line_and_changed_fields(client, db):
    term = TermFactory(body=FIRST, short_definition="Learns from examples.")
    client.force_login(user_in("Writer"))
    edit_in_admin(client, term, body=SECOND, short_definition="Learns from labelled data.")
    older, newer = term.history.order_by("history_id").values_list("history_id", flat=True)[:2]

    response = client.get(admin_url(term, "compare"), {"a": newer, "b": older})

    assert response.status_code == 200
    page = response.content.decode()
    assert '<table class="diff"' in page
    text = visible_text(page)
    assert "The model learns from examples." in text
    assert "The model learns from labelled data." in text
    assert "Explanation" in text and "Quick definition" in text
    assert "Learns from examples." in text and "Learns from labelled data." in text


def test_compare_with_a_version_of_another_item_is_not_found(client, db):
    term, other = TermFactory(), TermFactory()
    client.force_login(user_in("Writer"))
    own = term.history.get().history_id
    foreign = other.history.get().history_id

    assert client.get(admin_url(term, "compare"), {"a": own, "b": foreign}).status_code == 404


def test_restore_makes_a_new_draft_from_an_old_edit_and_leaves_the_live_version_alone(client, term_published_twice):
    term = term_published_twice
    first_edit = term.history.order_by("history_id").first()
    assert first_edit.body == FIRST
    versions_before = list(term.versions.values_list("number", "live_until"))
    writer = user_in("Writer", username="wendy")
    client.force_login(writer)

    response = client.post(admin_url(term, "restore", first_edit.history_id), follow=True)

    assert response.status_code == 200
    assert any("restored as a new draft. Nothing public changed" in text for text in messages_of(response))
    term.refresh_from_db()
    assert (term.body, term.review_state) == (FIRST, S.DRAFT)
    latest = term.history.order_by("-history_id").first()
    assert (latest.body, latest.history_user) == (FIRST, writer)
    assert latest.history_change_reason == f"Restored from edit #{first_edit.history_id}"
    assert list(term.versions.values_list("number", "live_until")) == versions_before
    assert api_body(client, term) == SECOND
    entry = AuditEntry.objects.get(action=AuditEntry.Action.RESTORED)
    assert (entry.actor, entry.object_id) == (writer, term.pk)
    assert entry.comment == f"from edit #{first_edit.history_id}"


def test_a_reviewer_cannot_restore_an_old_edit(client, term_published_twice):
    term = term_published_twice
    first_edit = term.history.order_by("history_id").first()
    client.force_login(user_in("Reviewer"))

    response = client.post(admin_url(term, "restore", first_edit.history_id), follow=True)

    assert "You do not have permission to edit this item." in messages_of(response)
    term.refresh_from_db()
    assert term.body == SECOND
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.RESTORED).exists()


def test_rollback_publishes_an_earlier_version_again_as_a_new_version(client, term_published_twice):
    term = term_published_twice
    publisher = user_in("Publisher", username="pat")
    client.force_login(publisher)

    response = client.post(admin_url(term, "rollback", 1), follow=True)

    assert "Published v1's content again as v3; it is live now." in messages_of(response)
    assert api_body(client, term) == FIRST
    v3 = term.versions.get(number=3)
    assert (v3.body_markdown, v3.live_until, v3.published_by) == (FIRST, None, publisher)
    assert term.versions.get(number=2).live_until is not None
    term.refresh_from_db()
    assert term.body == SECOND  # the working copy is left as it is
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ROLLED_BACK)
    assert (entry.actor, entry.version, entry.comment) == (publisher, "published v3", "content of published v1")


def test_a_writer_cannot_roll_back(client, term_published_twice):
    term = term_published_twice
    client.force_login(user_in("Writer"))

    response = client.post(admin_url(term, "rollback", 1), follow=True)

    assert "You do not have permission to roll back." in messages_of(response)
    assert list(term.versions.values_list("number", flat=True).order_by("number")) == [1, 2]
    assert api_body(client, term) == SECOND
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.ROLLED_BACK).exists()


def test_after_a_rollback_the_list_shows_the_working_copy_differs_from_what_is_live(client, term_published_twice):
    term = term_published_twice
    client.force_login(user_in("Publisher"))
    client.post(admin_url(term, "rollback", 1))
    assert api_body(client, term) == FIRST
    term.refresh_from_db()
    assert term.body == SECOND

    page = client.get(changelist_url(Term)).content.decode()

    assert "● Live, with unpublished changes</span>" in page


def test_a_site_wide_faq_saved_in_its_admin_is_recorded_with_its_author(client, db):
    from faqs.models import SiteWideFAQ
    from tests.factories import FAQFactory

    faq = SiteWideFAQ.objects.get(pk=FAQFactory(answer="Yes.").pk)
    writer = user_in("Writer", username="wendy")
    client.force_login(writer)

    edit_in_admin(client, faq, answer="Yes, for seven days.")

    latest = faq.history.order_by("-history_id").first()
    assert (latest.answer, latest.history_user) == ("Yes, for seven days.", writer)
