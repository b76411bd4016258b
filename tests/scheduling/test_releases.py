"""Releases go live all at once or not at all; an edited or unapproved item stops the whole release."""

from collections import Counter
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from editorial import services as editorial
from scheduling import services as scheduling
from scheduling.models import Release, ReleaseItem, Schedule
from terms.models import Announcement, ReviewState
from tests.factories import TermFactory
from tests.scheduling.conftest import GO_LIVE
from tests.scheduling.workflow import approved, change_form_data, is_public, messages_of


def release_of(*terms, go_live_at=GO_LIVE) -> Release:
    release = Release.objects.create(name="Spring launch", go_live_at=go_live_at)
    ReleaseItem.objects.bulk_create(ReleaseItem(release=release, term=term) for term in terms)
    return release


def public(client, terms) -> list[bool]:
    return [is_public(client, term.slug) for term in terms]


@pytest.fixture
def three_approved(clock):
    return [approved(TermFactory(name=name)) for name in ("Agent", "Planner", "Tool Use")]


def test_a_release_goes_live_all_at_once(clock, client, publisher, three_approved):
    release = release_of(*three_approved)

    schedules = scheduling.schedule_release(release=release, at=GO_LIVE, by=publisher)

    release.refresh_from_db()
    assert release.status == Release.Status.SCHEDULED
    assert {schedule.at for schedule in schedules} == {GO_LIVE}
    clock.move_to(GO_LIVE - timedelta(seconds=1))
    assert public(client, three_approved) == [False, False, False]
    clock.move_to(GO_LIVE)
    assert public(client, three_approved) == [True, True, True]


def edit_with_the_service(client, term) -> None:
    term.short_definition = "Changed after the release was scheduled."
    term.save()
    editorial.record_edit(item=term)


def edit_in_the_admin(client, term) -> None:
    url = reverse("admin:terms_term_change", args=[term.pk])
    data = change_form_data(client.get(url))
    data["short_definition"] = "Changed after the release was scheduled."
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors


@pytest.mark.parametrize("edit", [edit_with_the_service, edit_in_the_admin])
def test_editing_one_item_blocks_the_whole_release(clock, admin_client, publisher, three_approved, edit):
    release = release_of(*three_approved)
    scheduling.schedule_release(release=release, at=GO_LIVE, by=publisher)
    planner = three_approved[1]

    edit(admin_client, planner)

    release.refresh_from_db()
    assert release.status == Release.Status.BLOCKED
    assert "“Planner” was edited after approval" in release.blocked_reason
    assert set(release.schedules.values_list("status", flat=True)) == {Schedule.Status.SUSPENDED}
    planner.refresh_from_db()
    assert planner.review_state == ReviewState.DRAFT
    clock.move_to(GO_LIVE)
    assert public(admin_client, three_approved) == [False, False, False]
    changelist = admin_client.get(reverse("admin:scheduling_release_changelist")).content.decode()
    assert "“Planner” was edited after approval" in changelist


def test_a_release_with_an_unapproved_item_cannot_be_scheduled(clock, client, publisher, three_approved):
    draft = TermFactory(name="Memory")
    release = release_of(*three_approved, draft)

    with pytest.raises(ValidationError) as refusal:
        scheduling.schedule_release(release=release, at=GO_LIVE, by=publisher)

    assert "“Memory” is draft, not approved." in refusal.value.messages
    release.refresh_from_db()
    assert release.status == Release.Status.BLOCKED
    assert release.blocked_reason == "“Memory” is draft, not approved."
    assert not Schedule.objects.exists()
    clock.move_to(GO_LIVE)
    assert public(client, [*three_approved, draft]) == [False, False, False, False]


def test_the_release_page_says_what_stands_in_the_way(clock, client, publisher, three_approved):
    release = release_of(*three_approved, TermFactory(name="Memory"))
    client.force_login(publisher)

    page = client.get(reverse("admin:scheduling_release_change", args=[release.pk])).content.decode()

    assert "“Memory” is draft, not approved." in page


def post_action(client, action: str, release: Release):
    return client.post(
        reverse("admin:scheduling_release_changelist"),
        {"action": action, "_selected_action": [release.pk]},
        follow=True,
    )


def test_release_actions_in_the_admin_schedule_cancel_and_publish_now(clock, client, publisher, three_approved):
    release = release_of(*three_approved)
    client.force_login(publisher)

    response = post_action(client, "schedule_selected", release)

    assert "“Spring launch”: scheduled." in messages_of(response)
    release.refresh_from_db()
    assert release.status == Release.Status.SCHEDULED
    assert release.schedules.pending().count() == 3

    response = post_action(client, "cancel_selected", release)

    assert "“Spring launch”: cancelled." in messages_of(response)
    release.refresh_from_db()
    assert release.status == Release.Status.CANCELLED
    assert set(release.schedules.values_list("status", flat=True)) == {Schedule.Status.CANCELLED}

    response = post_action(client, "publish_now_selected", release)

    assert any("published" in text for text in messages_of(response))
    assert public(client, three_approved) == [True, True, True]
    release.refresh_from_db()
    assert release.schedules.pending().count() == 3  # their side effects are the worker's job


def test_the_schedule_action_refuses_a_release_with_an_unapproved_item(clock, client, publisher, three_approved):
    release = release_of(*three_approved, TermFactory(name="Memory"))
    client.force_login(publisher)

    response = post_action(client, "schedule_selected", release)

    assert any("“Memory” is draft, not approved." in text for text in messages_of(response))
    assert not Schedule.objects.exists()
    release.refresh_from_db()
    assert (release.status, release.blocked_reason) == (Release.Status.BLOCKED, "“Memory” is draft, not approved.")


def test_a_blocked_release_can_be_rescheduled_once_the_item_is_approved_again(clock, client, publisher, three_approved):
    release = release_of(*three_approved)
    scheduling.schedule_release(release=release, at=GO_LIVE, by=publisher)
    edit_with_the_service(client, three_approved[0])
    approved(three_approved[0])
    client.force_login(publisher)

    response = post_action(client, "schedule_selected", release)

    assert "“Spring launch”: scheduled." in messages_of(response)
    release.refresh_from_db()
    assert (release.status, release.blocked_reason) == (Release.Status.SCHEDULED, "")
    clock.move_to(GO_LIVE)
    assert public(client, three_approved) == [True, True, True]
    served = client.get(f"/api/v1/terms/{three_approved[0].slug}/").json()
    assert served["short_definition"] == "Changed after the release was scheduled."


def test_a_writer_cannot_schedule_a_release(clock, writer, three_approved):
    release = release_of(*three_approved)

    with pytest.raises(PermissionDenied, match="permission to schedule releases"):
        scheduling.schedule_release(release=release, at=GO_LIVE, by=writer)

    assert not Schedule.objects.exists()


def test_publishing_a_release_now_announces_each_item_once(clock, publisher, three_approved):
    release = release_of(*three_approved)

    scheduling.schedule_release(release=release, at=timezone.now(), by=publisher)
    assert scheduling.run_due_schedules() == 3  # what the worker does next

    events = Counter(Announcement.objects.values_list("event", flat=True))
    assert events == {"term.published": 3, "release.published": 1}
