"""Who may do what: every transition is checked on the server, whichever admin endpoint is posted to."""

import pytest
from django.contrib.auth.models import Group

from publishing.models import AuditEntry
from tests.editorial.helpers import (
    ROLES,
    S,
    actor,
    admin_url,
    bring_to,
    changelist_url,
    is_live,
    live_versions,
    make_item,
    messages_of,
    user_in,
)

KINDS = ["term", "comparison"]
ACTORS = [*ROLES, "superuser"]

# transition: (state it starts from, the role that may do it, review state after, live after)
# None for "review state after" means the transition is about what is live, not about review.
TRANSITIONS = {
    "submit": (S.DRAFT, "Writer", S.IN_REVIEW, False),
    "approve": (S.IN_REVIEW, "Reviewer", S.APPROVED, False),
    "request_changes": (S.IN_REVIEW, "Reviewer", S.CHANGES_REQUESTED, False),
    "publish": (S.APPROVED, "Publisher", S.PUBLISHED, True),
    "unpublish": (S.PUBLISHED, "Publisher", None, False),
    "archive": (S.DRAFT, "Publisher", S.ARCHIVED, False),
    "unarchive": (S.ARCHIVED, "Publisher", S.DRAFT, False),
}
ACTIONS = {
    "submit_selected": TRANSITIONS["submit"],
    "approve_selected": TRANSITIONS["approve"],
    "publish_selected": TRANSITIONS["publish"],
    "unpublish_selected": TRANSITIONS["unpublish"],
    "archive_selected": TRANSITIONS["archive"],
}


def may(role: str, allowed_role: str) -> bool:
    return role in {allowed_role, "superuser"}


def snapshot(item) -> tuple:
    """The item's review state, what is (or was) public, and its audit trail, read fresh from the database."""
    item.refresh_from_db()
    trail = list(AuditEntry.objects.filter(object_id=item.pk).values_list("id", flat=True))
    return item.review_state, live_versions(item), trail


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("transition", TRANSITIONS)
@pytest.mark.parametrize("role", ACTORS)
def test_workflow_view_runs_a_transition_only_for_the_role_allowed_to(client, db, role, transition, kind):
    start, allowed_role, state_after, live_after = TRANSITIONS[transition]
    item = make_item(kind)
    bring_to(item, start)
    before = snapshot(item)
    client.force_login(actor(role))

    response = client.post(
        admin_url(item, "workflow"), {"transition": transition, "comment": "Please tighten the intro."}
    )

    if may(role, allowed_role):
        assert response.status_code == 302, messages_of(response)
        item.refresh_from_db()
        if state_after is not None:
            assert item.review_state == state_after
        assert is_live(item) is live_after
    else:
        assert response.status_code == 400
        assert any("You do not have permission" in text for text in messages_of(response))
        assert snapshot(item) == before


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ACTORS)
def test_changelist_action_runs_only_for_the_role_allowed_to(client, db, role, action, kind):
    start, allowed_role, state_after, live_after = ACTIONS[action]
    item = make_item(kind)
    bring_to(item, start)
    before = snapshot(item)
    client.force_login(actor(role))
    url = changelist_url(type(item))

    offered = [name for name, _ in client.get(url).context["action_form"].fields["action"].choices]
    response = client.post(url, {"action": action, "_selected_action": [item.pk], "index": 0}, follow=True)

    assert response.status_code == 200
    if may(role, allowed_role):
        assert action in offered
        item.refresh_from_db()
        if state_after is not None:
            assert item.review_state == state_after
        assert is_live(item) is live_after
    else:
        assert action not in offered
        assert "No action selected." in messages_of(response)
        assert snapshot(item) == before


@pytest.mark.parametrize("kind", KINDS)
def test_writer_posting_publish_on_an_approved_item_is_refused_and_nothing_goes_live(client, db, kind):
    item = make_item(kind)
    bring_to(item, S.APPROVED)
    client.force_login(user_in("Writer"))

    response = client.post(admin_url(item, "workflow"), {"transition": "publish"})

    assert response.status_code == 400
    assert "You do not have permission to publish." in messages_of(response)
    item.refresh_from_db()
    assert item.review_state == S.APPROVED
    assert live_versions(item) == []


@pytest.mark.parametrize(
    ("role", "offered"),
    [
        ("Writer", {"comment"}),
        ("Reviewer", {"approve", "request_changes", "comment"}),
        ("Publisher", {"archive"}),
    ],
)
def test_workflow_page_offers_only_what_the_role_may_do_in_this_state(client, db, role, offered):
    item = make_item("term")
    bring_to(item, S.IN_REVIEW)
    client.force_login(actor(role))

    response = client.get(admin_url(item, "workflow"))

    assert response.status_code == 200
    assert {t["name"] for t in response.context["transitions"]} == offered


# role: workflow permissions it must hold; every other workflow permission it must not.
WORKFLOW_PERMISSIONS = {
    "Writer": {"terms.submit_term", "terms.submit_comparison"},
    "Reviewer": {"terms.review_term", "terms.review_comparison"},
    "Publisher": {"terms.publish_term", "terms.publish_comparison", "faqs.publish_sitewidefaq"},
}
ALL_WORKFLOW_PERMISSIONS = set().union(*WORKFLOW_PERMISSIONS.values())
EDITING = {"terms.add_term", "terms.change_term", "terms.add_comparison", "terms.change_comparison", "faqs.change_faq"}


@pytest.mark.parametrize("role", ROLES)
def test_migration_creates_the_role_groups_with_their_permissions(db, role):
    group = Group.objects.get(name=role)
    user = user_in(role)

    held = {perm for perm in ALL_WORKFLOW_PERMISSIONS if user.has_perm(perm)}
    assert held == WORKFLOW_PERMISSIONS[role]
    assert user.has_perm("terms.view_term") and user.has_perm("terms.view_comparison")
    assert user.has_perm("publishing.view_auditentry")
    assert all(user.has_perm(perm) for perm in EDITING) is (role == "Writer")
    assert not any(user.has_perm(perm) for perm in ["terms.delete_term", "terms.delete_comparison"])
    assert group.permissions.exists()
