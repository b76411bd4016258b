"""The admin's schedule view: local times, refusals, the linked-terms check, cancelling."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from editorial import services as editorial
from scheduling.models import Release, Schedule
from scheduling.services import schedule_publication
from terms.models import ReviewState
from tests.factories import RelatedTermFactory, TermFactory, UserFactory
from tests.scheduling.conftest import GO_LIVE
from tests.scheduling.workflow import approved, is_public, messages_of

LOCAL_GO_LIVE = GO_LIVE.strftime("%Y-%m-%dT%H:%M:%S")  # the admin works in UTC unless a test says otherwise


def schedule_url(term) -> str:
    return reverse("admin:terms_term_schedule", args=[term.pk])


def workflow_url(term) -> str:
    return reverse("admin:terms_term_workflow", args=[term.pk])


@pytest.fixture
def berlin(settings):
    """The admin works in Berlin time, as an editor there would."""
    settings.TIME_ZONE = "Europe/Berlin"
    timezone.activate(ZoneInfo("Europe/Berlin"))
    yield
    timezone.deactivate()


def test_local_go_live_the_day_after_the_clocks_change_is_stored_in_utc(berlin, client, publisher):
    with time_machine.travel(datetime(2026, 3, 20, 12, 0, tzinfo=UTC), tick=False) as clock:
        term = approved(TermFactory())
        client.force_login(publisher)

        response = client.post(schedule_url(term), {"at": "2026-03-30T09:00", "action": "publish"})

        assert response.status_code == 302
        schedule = Schedule.objects.get(term=term)
        # 09:00 in Berlin on 30 March is CEST (UTC+2), the day after the change.
        assert schedule.at == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)
        assert schedule.status == Schedule.Status.PENDING
        page = client.get(workflow_url(term)).content.decode()
        assert "2026-03-30 09:00:00 CEST" in page

        clock.move_to(datetime(2026, 3, 30, 6, 59, 59, tzinfo=UTC))
        assert not is_public(client, term.slug)
        clock.move_to(datetime(2026, 3, 30, 7, 0, 0, tzinfo=UTC))
        assert is_public(client, term.slug)


def test_a_local_time_the_clocks_skip_is_refused_with_a_message(berlin, client, publisher):
    with time_machine.travel(datetime(2026, 3, 20, 12, 0, tzinfo=UTC), tick=False):
        term = approved(TermFactory())
        client.force_login(publisher)

        response = client.post(schedule_url(term), {"at": "2026-03-29T02:30", "action": "publish"}, follow=True)

        assert response.status_code == 200
        assert any("2026-03-29T02:30 does not exist in Europe/Berlin" in text for text in messages_of(response))
        assert not Schedule.objects.exists()
        assert not term.versions.exists()


@pytest.mark.parametrize("state", ["draft", "in_review", "changes_requested"])
def test_only_an_approved_item_can_be_scheduled(clock, client, publisher, state):
    term = TermFactory()
    type(term).objects.filter(pk=term.pk).update(review_state=state)
    client.force_login(publisher)

    response = client.post(schedule_url(term), {"at": LOCAL_GO_LIVE, "action": "publish"}, follow=True)

    assert any("must be approved before it can be scheduled" in text for text in messages_of(response))
    assert not Schedule.objects.exists()
    clock.move_to(GO_LIVE)
    assert not is_public(client, term.slug)


def test_a_writer_cannot_schedule(clock, client, writer):
    term = approved(TermFactory())
    client.force_login(writer)

    response = client.post(schedule_url(term), {"at": LOCAL_GO_LIVE, "action": "publish"}, follow=True)

    assert any("You do not have permission to schedule" in text for text in messages_of(response))
    assert not Schedule.objects.exists()
    page = client.get(workflow_url(term)).content.decode()
    assert 'name="at"' not in page  # no schedule form for someone who may not schedule


def test_a_writer_cannot_cancel_a_schedule(clock, client, publisher, writer):
    term = approved(TermFactory())
    schedule = schedule_publication(item=term, at=GO_LIVE, by=publisher)
    client.force_login(writer)

    response = client.post(schedule_url(term), {"cancel": schedule.pk}, follow=True)

    assert any("You do not have permission to cancel a schedule" in text for text in messages_of(response))
    schedule.refresh_from_db()
    assert schedule.status == Schedule.Status.PENDING


def test_editing_after_approval_suspends_the_schedule_and_the_workflow_page_says_so(clock, client, publisher):
    term = approved(TermFactory())
    client.force_login(publisher)
    client.post(schedule_url(term), {"at": LOCAL_GO_LIVE, "action": "publish"})
    schedule = Schedule.objects.get(term=term)

    term.body += "\n\nA sentence nobody reviewed."
    term.save()
    assert editorial.record_edit(item=term)

    schedule.refresh_from_db()
    assert schedule.status == Schedule.Status.SUSPENDED
    page = client.get(workflow_url(term)).content.decode()
    assert "Suspended (edited after approval)" in page
    assert "was edited after approval; review it again and reschedule." in page
    clock.move_to(GO_LIVE)
    assert not is_public(client, term.slug)


def test_cancelling_a_scheduled_replacement_keeps_serving_the_live_text(clock, client, publisher):
    term = TermFactory(published=True, body="The text that is live.")
    term.body = "The text scheduled to replace it."
    term.save()
    editorial.record_edit(item=term)
    approved(term)
    client.force_login(publisher)
    client.post(schedule_url(term), {"at": LOCAL_GO_LIVE, "action": "publish"})
    schedule = Schedule.objects.get(term=term)

    response = client.post(schedule_url(term), {"cancel": schedule.pk}, follow=True)

    assert any(text.startswith("Cancelled:") for text in messages_of(response))
    schedule.refresh_from_db()
    assert schedule.status == Schedule.Status.CANCELLED
    clock.move_to(GO_LIVE + timedelta(minutes=1))
    served = client.get(f"/api/v1/terms/{term.slug}/").json()
    assert served["body_markdown"] == "The text that is live."
    # The cancelled go-live's version is kept as history with an empty window (10:00 to 10:00).
    assert list(term.versions.order_by("number").values_list("number", "live_from", "live_until")) == [
        (1, term.versions.get(number=1).live_from, None),
        (2, GO_LIVE, GO_LIVE),
    ]


def test_cancelling_a_scheduled_withdrawal_keeps_the_term_live(clock, client, publisher):
    term = TermFactory(published=True)
    client.force_login(publisher)
    client.post(schedule_url(term), {"at": LOCAL_GO_LIVE, "action": "unpublish"})
    schedule = Schedule.objects.get(term=term, action=Schedule.Action.UNPUBLISH)

    client.post(schedule_url(term), {"cancel": schedule.pk})

    clock.move_to(GO_LIVE + timedelta(minutes=1))
    assert is_public(client, term.slug)


def test_a_go_live_in_the_past_is_refused(clock, client, publisher):
    term = approved(TermFactory())
    client.force_login(publisher)
    past = (GO_LIVE - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")

    response = client.post(schedule_url(term), {"at": past, "action": "publish"}, follow=True)

    assert any("Choose a time in the future" in text for text in messages_of(response))
    assert not Schedule.objects.exists()


def test_scheduling_a_term_linked_to_a_draft_answers_a_warning_naming_it(clock, client, publisher):
    term = approved(TermFactory(name="Agent"))
    draft = TermFactory(name="Tool Use")
    RelatedTermFactory(term=term, related=draft)
    client.force_login(publisher)

    response = client.post(schedule_url(term), {"at": LOCAL_GO_LIVE, "action": "publish"})

    assert response.status_code == 409
    assert [linked.pk for linked in response.context["dangling"]] == [draft.pk]
    assert "Tool Use" in response.content.decode()
    assert not Schedule.objects.exists()


def test_schedule_anyway_after_the_warning(clock, client, publisher):
    term = approved(TermFactory())
    RelatedTermFactory(term=term, related=TermFactory())
    client.force_login(publisher)

    response = client.post(schedule_url(term), {"at": LOCAL_GO_LIVE, "action": "publish", "confirm": "1"})

    assert response.status_code == 302
    assert Schedule.objects.get(term=term).at == GO_LIVE


def test_make_release_puts_the_term_and_its_unlive_links_in_one_release(clock, client, publisher):
    term = approved(TermFactory(name="Agent"))
    draft = TermFactory(name="Tool Use")
    RelatedTermFactory(term=term, related=draft)
    client.force_login(publisher)

    response = client.post(schedule_url(term), {"at": LOCAL_GO_LIVE, "action": "publish", "make_release": "1"})

    release = Release.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:scheduling_release_change", args=[release.pk])
    assert {entry.term_id for entry in release.items.all()} == {term.pk, draft.pk}
    assert release.go_live_at == GO_LIVE
    assert release.status == Release.Status.DRAFT
    assert not Schedule.objects.exists()
    assert term.review_state == ReviewState.APPROVED


@pytest.mark.parametrize("extra", [{}, {"make_release": "1"}, {"confirm": "1"}])
def test_a_writer_gets_no_warning_page_and_no_release_either(clock, client, writer, extra):
    term = approved(TermFactory())
    RelatedTermFactory(term=term, related=TermFactory())
    client.force_login(writer)

    response = client.post(schedule_url(term), {"at": LOCAL_GO_LIVE, "action": "publish", **extra}, follow=True)

    assert response.status_code == 200
    assert any("You do not have permission to schedule" in text for text in messages_of(response))
    assert not Release.objects.exists()
    assert not Schedule.objects.exists()


def test_make_release_needs_permission_to_create_releases(db, clock, client):
    may_only_publish_terms = UserFactory(username="term-publisher")
    may_only_publish_terms.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="terms", codename__in=["view_term", "publish_term"])
    )
    term = approved(TermFactory())
    RelatedTermFactory(term=term, related=TermFactory())
    client.force_login(may_only_publish_terms)

    response = client.post(
        schedule_url(term), {"at": LOCAL_GO_LIVE, "action": "publish", "make_release": "1"}, follow=True
    )

    assert any("You do not have permission to create releases" in text for text in messages_of(response))
    assert not Release.objects.exists()
