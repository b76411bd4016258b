"""The review workflow's rules: who approves, what needs a comment, when an item may go live."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from editorial import services
from editorial.models import ReviewComment
from publishing.models import AuditEntry
from tests.editorial.helpers import (
    S,
    admin_url,
    bring_to,
    change_form,
    changelist_url,
    is_live,
    live_versions,
    make_item,
    messages_of,
    user_in,
)
from tests.factories import TermFactory


def post_transition(client, item, transition: str, comment: str = ""):
    return client.post(admin_url(item, "workflow"), {"transition": transition, "comment": comment})


def latest_history_id(item) -> int:
    return item.history.order_by("-history_id").values_list("history_id", flat=True).first()


@pytest.fixture
def writer_reviewer(client, db):
    """One person who both writes and reviews, logged in, with a term they submitted."""
    user = user_in("Writer", "Reviewer", username="wanda")
    client.force_login(user)
    term = TermFactory()
    assert post_transition(client, term, "submit").status_code == 302
    return term


def test_nobody_approves_their_own_submission(client, writer_reviewer):
    response = post_transition(client, writer_reviewer, "approve")

    assert response.status_code == 400
    assert "You submitted this item, so someone else must approve it." in messages_of(response)
    writer_reviewer.refresh_from_db()
    assert writer_reviewer.review_state == S.IN_REVIEW
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.APPROVED).exists()


def test_self_approval_is_allowed_when_the_setting_allows_it(client, writer_reviewer, settings):
    settings.GLOSSARY_ALLOW_SELF_APPROVAL = True

    response = post_transition(client, writer_reviewer, "approve")

    assert response.status_code == 302
    writer_reviewer.refresh_from_db()
    assert writer_reviewer.review_state == S.APPROVED


@pytest.mark.parametrize("comment", ["", "   \n  "])
@pytest.mark.parametrize("start", [S.IN_REVIEW, S.APPROVED])
def test_request_changes_without_a_comment_is_refused_with_a_clear_message(client, db, comment, start):
    term = TermFactory()
    bring_to(term, start)
    client.force_login(user_in("Reviewer"))

    response = post_transition(client, term, "request_changes", comment)

    assert response.status_code == 400
    assert "Say what needs to change: a comment is required." in messages_of(response)
    term.refresh_from_db()
    assert term.review_state == start
    assert not ReviewComment.objects.exists()


def test_request_changes_keeps_the_comment_in_the_thread_and_returns_it_to_the_writer(client, db):
    term = TermFactory()
    bring_to(term, S.IN_REVIEW)
    reviewer = user_in("Reviewer")
    client.force_login(reviewer)

    response = post_transition(client, term, "request_changes", "  Define the acronym first.  ")

    assert response.status_code == 302
    term.refresh_from_db()
    assert term.review_state == S.CHANGES_REQUESTED
    (comment,) = ReviewComment.objects.all()
    assert (comment.kind, comment.text, comment.author) == ("changes_requested", "Define the acronym first.", reviewer)
    page = client.get(admin_url(term, "workflow"))
    assert "Define the acronym first." in page.content.decode()


@pytest.mark.parametrize("text", ["", "  "])
def test_a_comment_needs_text(client, db, text):
    term = TermFactory()
    client.force_login(user_in("Reviewer"))

    response = post_transition(client, term, "comment", text)

    assert response.status_code == 400
    assert "Write a comment first." in messages_of(response)
    assert not ReviewComment.objects.exists()


@pytest.mark.parametrize("start", [S.DRAFT, S.IN_REVIEW, S.CHANGES_REQUESTED])
def test_publishing_an_item_never_approved_is_refused_while_approval_is_required(client, db, start):
    term = TermFactory()
    bring_to(term, start)
    client.force_login(user_in("Publisher"))

    response = post_transition(client, term, "publish")

    assert response.status_code == 400
    label = S(start).label.lower()
    assert f"Only an approved item can be published. It is {label}." in messages_of(response)
    term.refresh_from_db()
    assert term.review_state == start
    assert live_versions(term) == []


def test_a_draft_can_be_published_directly_when_approval_is_not_required(client, db, settings):
    settings.GLOSSARY_REQUIRE_APPROVAL = False
    term = TermFactory()
    client.force_login(user_in("Publisher"))

    response = post_transition(client, term, "publish")

    assert response.status_code == 302
    term.refresh_from_db()
    assert term.review_state == S.PUBLISHED
    assert is_live(term)


@pytest.mark.parametrize("start", [S.IN_REVIEW, S.APPROVED, S.PUBLISHED])
def test_editing_an_item_in_review_approved_or_published_sends_it_back_to_draft(client, db, start):
    term = TermFactory(body="## What it is\n\nThe first text.")
    bring_to(term, start)
    public_before = live_versions(term)
    client.force_login(user_in("Writer"))
    data = change_form(client, term)
    data["body"] = "## What it is\n\nA better text."

    response = client.post(admin_url(term, "change"), data, follow=True)

    assert response.status_code == 200
    assert "Your changes went back to draft: submit the item for review again when it is ready." in messages_of(
        response
    )
    term.refresh_from_db()
    assert (term.review_state, term.body) == (S.DRAFT, "## What it is\n\nA better text.")
    assert live_versions(term) == public_before  # what the public sees did not change


def test_the_list_shows_a_published_item_edited_since_as_live_with_unpublished_changes(client, db):
    term = TermFactory(name="Tokenizer")
    bring_to(term, S.PUBLISHED)
    writer = user_in("Writer", username="walt")
    client.force_login(writer)
    page = client.get(changelist_url(type(term))).content.decode()
    assert "● Live</span>" in page
    data = change_form(client, term)
    data["short_definition"] = "Splits text into tokens, now with an example."
    client.post(admin_url(term, "change"), data)

    page = client.get(changelist_url(type(term))).content.decode()

    assert "● Live, with unpublished changes</span>" in page
    assert "Draft <small" in page and "(with walt)" in page  # review state and who holds it


def test_saving_a_published_item_without_changes_keeps_it_published(client, db):
    term = TermFactory()
    bring_to(term, S.PUBLISHED)
    client.force_login(user_in("Writer"))

    response = client.post(admin_url(term, "change"), change_form(client, term))

    assert response.status_code == 302
    term.refresh_from_db()
    assert term.review_state == S.PUBLISHED


def test_saving_a_published_item_without_changes_does_not_claim_unpublished_changes(client, db):
    term = TermFactory()
    bring_to(term, S.PUBLISHED)
    client.force_login(user_in("Writer"))
    client.post(admin_url(term, "change"), change_form(client, term))

    page = client.get(changelist_url(type(term))).content.decode()

    assert "● Live</span>" in page


@pytest.mark.parametrize(
    ("state", "holder"),
    [(S.IN_REVIEW, "(with reviewers)"), (S.APPROVED, "(with publishers)"), (S.CHANGES_REQUESTED, "(with writer)")],
)
def test_the_list_shows_the_review_state_and_who_holds_the_item(client, db, state, holder):
    term = TermFactory()
    bring_to(term, state)
    client.force_login(user_in("Publisher"))

    page = client.get(changelist_url(type(term))).content.decode()

    assert f"{S(state).label} <small" in page
    assert holder in page


@pytest.mark.parametrize("kind", ["term", "comparison"])
def test_archived_items_are_hidden_from_the_default_list_and_shown_when_asked_for(client, db, kind):
    archived, kept = make_item(kind), make_item(kind)
    client.force_login(user_in("Publisher"))
    assert post_transition(client, archived, "archive").status_code == 302
    url = changelist_url(type(archived))

    def listed(query: str = "") -> set[int]:
        return {obj.pk for obj in client.get(url + query).context["cl"].result_list}

    assert archived.pk not in listed() and kept.pk in listed()
    assert listed("?review=archived") == {archived.pk}
    assert {archived.pk, kept.pk} <= listed("?review=all")


def test_an_archived_item_is_restored_as_a_draft(client, db):
    term = TermFactory()
    bring_to(term, S.ARCHIVED)
    client.force_login(user_in("Publisher"))

    assert post_transition(client, term, "unarchive").status_code == 302

    term.refresh_from_db()
    assert term.review_state == S.DRAFT
    assert term.pk in {obj.pk for obj in client.get(changelist_url(type(term))).context["cl"].result_list}


@pytest.mark.parametrize("kind", ["term", "comparison"])
def test_archiving_a_live_item_is_refused(client, db, kind):
    item = make_item(kind)
    bring_to(item, S.PUBLISHED)
    public_before = live_versions(item)
    client.force_login(user_in("Publisher"))

    response = post_transition(client, item, "archive")

    assert response.status_code == 400
    assert "Unpublish this item before archiving it." in messages_of(response)
    item.refresh_from_db()
    assert item.review_state == S.PUBLISHED
    assert live_versions(item) == public_before and is_live(item)


def test_every_transition_writes_an_audit_entry_with_actor_and_version(client, db):
    term = TermFactory()
    writer, reviewer, publisher = user_in("Writer"), user_in("Reviewer"), user_in("Publisher")
    steps = [
        (writer, "submit", "", AuditEntry.Action.SUBMITTED),
        (reviewer, "request_changes", "Add an example.", AuditEntry.Action.CHANGES_REQUESTED),
        (writer, "submit", "", AuditEntry.Action.SUBMITTED),
        (reviewer, "approve", "Good now.", AuditEntry.Action.APPROVED),
        (publisher, "publish", "", AuditEntry.Action.PUBLISHED),
        (publisher, "unpublish", "", AuditEntry.Action.UNPUBLISHED),
        (publisher, "archive", "", AuditEntry.Action.ARCHIVED),
        (publisher, "unarchive", "", AuditEntry.Action.UNARCHIVED),
    ]
    for user, transition, comment, _ in steps:
        client.force_login(user)
        response = post_transition(client, term, transition, comment)
        assert response.status_code == 302, (transition, messages_of(response))

    entries = list(AuditEntry.objects.order_by("at", "id"))
    assert [(e.action, e.actor) for e in entries] == [(action, user) for user, _, _, action in steps]
    edit = f"edit #{latest_history_id(term)}"
    assert [e.version for e in entries] == [edit, edit, edit, edit, "published v1", edit, edit, edit]
    assert entries[1].comment == "Add an example."
    assert {e.object_id for e in entries} == {term.pk}
    assert {e.object_repr for e in entries} == {str(term)}


def test_review_comments_stay_with_the_edit_they_were_made_on(client, db):
    term = TermFactory()
    reviewer = user_in("Reviewer")
    writer = user_in("Writer")
    client.force_login(reviewer)
    post_transition(client, term, "comment", "The intro is vague.")
    first_edit = latest_history_id(term)

    client.force_login(writer)
    data = change_form(client, term)
    data["body"] = "## What it is\n\nA precise intro."
    assert client.post(admin_url(term, "change"), data).status_code == 302
    second_edit = latest_history_id(term)
    client.force_login(reviewer)
    post_transition(client, term, "comment", "Much better.")

    assert second_edit > first_edit
    assert list(ReviewComment.objects.values_list("text", "history_id")) == [
        ("The intro is vague.", first_edit),
        ("Much better.", second_edit),
    ]
    page = client.get(admin_url(term, "workflow")).content.decode()
    assert f"on edit #{first_edit}" in page and f"on edit #{second_edit}" in page


def test_audit_log_is_read_only_in_the_admin(client, db, superuser):
    term = TermFactory()
    bring_to(term, S.IN_REVIEW)
    entry = AuditEntry.objects.get()
    client.force_login(superuser)

    assert client.get(reverse("admin:publishing_auditentry_changelist")).status_code == 200
    assert client.get(reverse("admin:publishing_auditentry_add")).status_code == 403
    change = reverse("admin:publishing_auditentry_change", args=[entry.pk])
    assert client.get(change).status_code == 200
    assert client.post(change, {"comment": "rewritten"}).status_code == 403
    assert (
        client.post(reverse("admin:publishing_auditentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    )
    entry.refresh_from_db()
    assert entry.comment == ""


@pytest.mark.parametrize("kind", ["term", "comparison"])
def test_unpublishing_leaves_the_item_approved_so_it_can_go_live_again_without_a_new_review(db, kind):
    item = make_item(kind)
    bring_to(item, S.PUBLISHED)
    publisher = user_in("Publisher")

    services.unpublish(item=item, by=publisher)
    item.refresh_from_db()
    assert item.review_state == S.APPROVED
    assert not is_live(item)

    services.publish(item=item, by=publisher)
    assert is_live(item)


def test_an_archived_item_cannot_be_rolled_back_to_an_earlier_version(db):
    term = make_item("term")
    bring_to(term, S.PUBLISHED)
    publisher = user_in("Publisher")
    first_version = term.versions.get()
    services.unpublish(item=term, by=publisher)
    services.archive(item=term, by=publisher)

    with pytest.raises(ValidationError, match="archived"):
        services.roll_back(version=first_version, by=publisher)
    assert not is_live(term)
