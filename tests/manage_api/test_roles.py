"""Each role's token may do through the API exactly what the role may do in the admin, and nothing more."""

from datetime import timedelta

import pytest
from django.utils import timezone

from faqs.models import FAQ
from scheduling.models import Schedule
from terms.models import Category, ReviewState, Term
from tests.editorial.helpers import bring_to, is_live
from tests.factories import FAQFactory, RelatedTermFactory, TermFactory, UserFactory
from tests.manage_api.conftest import MANAGE

pytestmark = pytest.mark.django_db

S = ReviewState
ROLES = ["Writer", "Reviewer", "Publisher", "superuser"]


def term_in(state: str) -> Term:
    term = TermFactory(name="Agent", slug="agent")
    bring_to(term, state)
    term.refresh_from_db()
    return term


def etag_of(client, path: str) -> str:
    return client.get(path)["ETag"]


# name: (who may, set-up, request, what shows it happened)
ACTIONS = {
    "list terms": (set(ROLES), lambda: term_in(S.DRAFT), lambda c, t: c.get(f"{MANAGE}/terms/"), None),
    "read a term": (set(ROLES), lambda: term_in(S.DRAFT), lambda c, t: c.get(f"{MANAGE}/terms/agent/"), None),
    "create a term": (
        {"Writer", "superuser"},
        lambda: None,
        lambda c, t: c.post(f"{MANAGE}/terms/", {"name": "Tool use", "short_definition": "Calling tools."}),
        lambda t: Term.objects.filter(slug="tool-use").exists(),
    ),
    "update a term": (
        {"Writer", "superuser"},
        lambda: term_in(S.DRAFT),
        lambda c, t: c.patch(
            f"{MANAGE}/terms/agent/", {"body": "Changed."}, HTTP_IF_MATCH=f'"{t.pk}.{t.lock_version}"'
        ),
        lambda t: Term.objects.get(pk=t.pk).body == "Changed.",
    ),
    "delete a term": (
        {"superuser"},
        lambda: term_in(S.DRAFT),
        lambda c, t: c.delete(f"{MANAGE}/terms/agent/", HTTP_IF_MATCH=f'"{t.pk}.{t.lock_version}"'),
        lambda t: not Term.objects.filter(pk=t.pk).exists(),
    ),
    "submit": (
        {"Writer", "superuser"},
        lambda: term_in(S.DRAFT),
        lambda c, t: c.post(f"{MANAGE}/terms/agent/submit/"),
        lambda t: Term.objects.get(pk=t.pk).review_state == S.IN_REVIEW,
    ),
    "request changes": (
        {"Reviewer", "superuser"},
        lambda: term_in(S.IN_REVIEW),
        lambda c, t: c.post(f"{MANAGE}/terms/agent/request-changes/", {"comment": "Add an example."}),
        lambda t: Term.objects.get(pk=t.pk).review_state == S.CHANGES_REQUESTED,
    ),
    "approve": (
        {"Reviewer", "superuser"},
        lambda: term_in(S.IN_REVIEW),
        lambda c, t: c.post(f"{MANAGE}/terms/agent/approve/", {"comment": "Good."}),
        lambda t: Term.objects.get(pk=t.pk).review_state == S.APPROVED,
    ),
    "publish": (
        {"Publisher", "superuser"},
        lambda: term_in(S.APPROVED),
        lambda c, t: c.post(f"{MANAGE}/terms/agent/publish/"),
        is_live,
    ),
    "unpublish": (
        {"Publisher", "superuser"},
        lambda: term_in(S.PUBLISHED),
        lambda c, t: c.post(f"{MANAGE}/terms/agent/unpublish/"),
        lambda t: not is_live(t),
    ),
    "schedule": (
        {"Publisher", "superuser"},
        lambda: term_in(S.APPROVED),
        lambda c, t: c.post(
            f"{MANAGE}/terms/agent/schedule/", {"at": (timezone.now() + timedelta(days=1)).isoformat()}
        ),
        lambda t: Schedule.objects.filter(term=t).exists(),
    ),
    "archive": (
        {"Publisher", "superuser"},
        lambda: term_in(S.DRAFT),
        lambda c, t: c.post(f"{MANAGE}/terms/agent/archive/"),
        lambda t: Term.objects.get(pk=t.pk).review_state == S.ARCHIVED,
    ),
    "create a category": (
        {"superuser"},
        lambda: None,
        lambda c, t: c.post(f"{MANAGE}/categories/", {"name": "Techniques", "slug": "techniques"}),
        lambda t: Category.objects.filter(slug="techniques").exists(),
    ),
    "create a site-wide FAQ": (
        {"Writer", "superuser"},
        lambda: None,
        lambda c, t: c.post(f"{MANAGE}/faqs/", {"question": "Is it free?", "answer": "Yes."}),
        lambda t: FAQ.objects.filter(question="Is it free?").exists(),
    ),
    "submit a site-wide FAQ": (
        {"Writer", "superuser"},
        lambda: FAQFactory(question="Is it free?"),
        lambda c, t: c.post(f"{MANAGE}/faqs/{t.pk}/submit/"),
        lambda t: FAQ.objects.get(pk=t.pk).review_state == S.IN_REVIEW,
    ),
    "approve a site-wide FAQ": (
        {"Reviewer", "superuser"},
        lambda: FAQFactory(question="Is it free?", review_state=S.IN_REVIEW),
        lambda c, t: c.post(f"{MANAGE}/faqs/{t.pk}/approve/"),
        lambda t: FAQ.objects.get(pk=t.pk).review_state == S.APPROVED,
    ),
    "publish a site-wide FAQ": (
        {"Publisher", "superuser"},
        lambda: FAQFactory(question="Is it free?", review_state=S.APPROVED),
        lambda c, t: c.post(f"{MANAGE}/faqs/{t.pk}/publish/"),
        lambda t: t.published_copies.exists(),
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_each_role_may_do_what_its_role_allows_and_is_refused_the_rest(token_client, role, action):
    allowed, set_up, send, happened = ACTIONS[action]
    item = set_up()
    client = token_client(role)

    response = send(client, item)

    if role in allowed:
        assert response.status_code in {200, 201, 204}, response.content
        assert happened is None or happened(item)
    else:
        assert response.status_code == 403, response.content
        assert response["Content-Type"] == "application/json"
        assert response.json()["detail"].startswith("You do not have permission")
        assert happened is None or not happened(item)


def test_the_writer_who_submitted_cannot_approve_their_own_item_through_a_superusers_rights(token_client):
    """Self-approval is refused to everyone (GLOSSARY_ALLOW_SELF_APPROVAL off), tokens included."""
    root = token_client("superuser")
    TermFactory(slug="agent")
    assert root.post(f"{MANAGE}/terms/agent/submit/").status_code == 200

    response = root.post(f"{MANAGE}/terms/agent/approve/")

    assert response.status_code == 403
    assert "someone else must approve" in response.json()["detail"]


def test_request_changes_needs_a_comment_naming_the_field(token_client):
    term_in(S.IN_REVIEW)

    response = token_client("Reviewer").post(f"{MANAGE}/terms/agent/request-changes/", {"comment": " "})

    assert response.status_code == 400
    assert response.json()["field"] == "comment"


def test_publishing_a_draft_is_refused_until_it_is_approved(token_client):
    term = term_in(S.DRAFT)

    response = token_client("Publisher").post(f"{MANAGE}/terms/agent/publish/")

    assert response.status_code == 400
    assert response.json()["detail"] == "Only an approved item can be published. It is draft."
    assert not is_live(term)


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "at"),
        ({"at": "tomorrow"}, "at"),
        ({"at": "2030-01-01T09:00:00"}, "at"),  # no offset: which zone?
        ({"at": "2020-01-01T09:00:00+00:00"}, "at"),  # past
        ({"at": "2030-01-01T09:00:00+00:00", "action": "explode"}, "action"),
    ],
)
def test_a_bad_schedule_is_a_400_naming_the_field(token_client, payload, field):
    term_in(S.APPROVED)

    response = token_client("Publisher").post(f"{MANAGE}/terms/agent/schedule/", payload)

    assert response.status_code == 400, response.content
    assert response.json()["field"] == field
    assert not Schedule.objects.exists()


def test_an_unknown_transition_is_a_404(token_client):
    term_in(S.DRAFT)

    assert token_client("superuser").post(f"{MANAGE}/terms/agent/explode/").status_code == 404


def test_a_staff_user_without_a_role_sees_nothing_not_even_which_items_exist(token_client):
    TermFactory(slug="agent")
    nobody = token_client(UserFactory(username="nobody"))

    for response in (
        nobody.get(f"{MANAGE}/terms/"),
        nobody.get(f"{MANAGE}/terms/agent/"),
        nobody.get(f"{MANAGE}/terms/no-such-term/"),
        nobody.patch(f"{MANAGE}/terms/agent/", {"body": "x"}, HTTP_IF_MATCH='"1.0"'),
        nobody.patch(f"{MANAGE}/terms/no-such-term/", {"body": "x"}, HTTP_IF_MATCH='"1.0"'),
        nobody.post(f"{MANAGE}/terms/agent/submit/"),
    ):
        assert response.status_code == 403
        assert "agent" not in response.content.decode()


def test_publishing_an_item_linking_to_a_term_that_is_not_live_asks_for_confirmation(token_client, api_client):
    """As the admin's "Linked terms will not be live" page: a 409 naming them, then `confirm` publishes anyway."""
    term = term_in(S.APPROVED)
    draft = TermFactory(name="Tool use", slug="tool-use")
    RelatedTermFactory(term=term, related=draft)
    publisher = token_client("Publisher")

    refused = publisher.post(f"{MANAGE}/terms/agent/publish/")

    assert refused.status_code == 409
    assert refused.json()["terms"] == ["tool-use"]
    assert not is_live(term)
    assert publisher.post(f"{MANAGE}/terms/agent/publish/", {"confirm": True}).status_code == 200
    assert is_live(term)


def test_scheduling_a_go_live_with_links_not_live_then_asks_for_confirmation(token_client):
    term = term_in(S.APPROVED)
    RelatedTermFactory(term=term, related=TermFactory(name="Tool use", slug="tool-use"))
    publisher = token_client("Publisher")
    at = (timezone.now() + timedelta(days=1)).isoformat()

    refused = publisher.post(f"{MANAGE}/terms/agent/schedule/", {"at": at})

    assert refused.status_code == 409 and refused.json()["terms"] == ["tool-use"]
    assert not Schedule.objects.exists()
    assert publisher.post(f"{MANAGE}/terms/agent/schedule/", {"at": at, "confirm": True}).status_code == 200
    assert Schedule.objects.filter(term=term).exists()


def test_the_links_warning_is_never_shown_to_someone_who_may_not_publish(token_client):
    term = term_in(S.APPROVED)
    RelatedTermFactory(term=term, related=TermFactory(name="Tool use", slug="tool-use"))

    response = token_client("Writer").post(f"{MANAGE}/terms/agent/publish/")

    assert response.status_code == 403
