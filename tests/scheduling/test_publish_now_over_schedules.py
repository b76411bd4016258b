"""Publishing now while a schedule is pending: the schedule is cancelled or kept visibly, never lost.

A go-live that a publication replaces is cancelled with a reason, an audit entry and no
side effects later; its version is kept as history with an empty window. A pending
withdrawal stays in force and applies to the newly published version too.
"""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse

from editorial import services as editorial
from publishing.models import AuditEntry
from scheduling import services as scheduling
from scheduling.models import Schedule
from tests.factories import ComparisonFactory, TermFactory
from tests.scheduling.conftest import GO_LIVE
from tests.scheduling.workflow import is_public
from tests.webhooks.receiver import Reply
from webhooks.models import WebhookEndpoint


def run_worker() -> None:
    call_command("run_worker", "--once")


def published_hooks(receiver) -> list[str]:
    return [hit.json()["event"] for hit in receiver.to("/hook") if hit.json()["event"].endswith("published")]


def a_term():
    return TermFactory(published=True, slug="agent")


def a_comparison():
    return ComparisonFactory(published=True)


def roll_back_to_first(item, by):
    return editorial.roll_back(version=item.versions.get(number=1), by=by)


def publish_now(item, by):
    return editorial.publish(item=item, by=by)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("make_item", [a_term, a_comparison], ids=["term", "comparison"])
@pytest.mark.parametrize("act", [publish_now, roll_back_to_first], ids=["publish", "roll-back"])
def test_publishing_now_cancels_the_pending_go_live_and_the_worker_does_nothing_for_it(
    make_item, act, clock, superuser, receiver, client
):
    WebhookEndpoint.objects.create(name="Site rebuild", url=receiver.script("/hook", Reply(200)))
    item = make_item()
    schedule = scheduling.schedule_publication(item=item, at=GO_LIVE, by=superuser)
    run_worker()  # sends the webhooks of the first publications
    before = len(receiver.to("/hook"))

    now = act(item, superuser)

    schedule.refresh_from_db()
    assert schedule.status == Schedule.Status.CANCELLED
    assert schedule.note.startswith("Replaced by a publication at ")
    assert "by boss" in schedule.note
    assert AuditEntry.objects.filter(object_id=item.pk, comment__startswith="cancelled: Go live").count() == 1
    scheduled = item.versions.get(number=schedule.version_number)
    assert scheduled.live_until == scheduled.live_from == GO_LIVE  # kept as history, never live
    assert now.number == schedule.version_number + 1
    assert list(item.versions.filter(live_until__isnull=True).values_list("number", flat=True)) == [now.number]

    client.force_login(superuser)
    page = client.get(reverse("admin:scheduling_schedule_changelist") + "?status=cancelled").content.decode()
    assert "Replaced by a publication at" in page

    clock.move_to(GO_LIVE + timedelta(minutes=1))
    run_worker()

    assert not AuditEntry.objects.filter(object_id=item.pk, comment="scheduled go-live").exists()
    assert len(published_hooks(receiver)) - before == 1  # the publication now, not the cancelled go-live
    assert item.versions.live(at=GO_LIVE).get().number == now.number


@pytest.mark.django_db(transaction=True)
def test_publishing_now_keeps_a_pending_withdrawal_for_the_new_version(clock, superuser, receiver, client):
    WebhookEndpoint.objects.create(name="Site rebuild", url=receiver.script("/hook", Reply(200)))
    term = a_term()
    withdrawal = scheduling.schedule_withdrawal(item=term, at=GO_LIVE, by=superuser)

    now = editorial.publish(item=term, by=superuser)

    withdrawal.refresh_from_db()
    now.refresh_from_db()
    assert withdrawal.status == Schedule.Status.PENDING
    assert withdrawal.version_number == now.number
    assert now.live_until == GO_LIVE
    clock.move_to(GO_LIVE)
    assert not is_public(client, "agent")
    run_worker()
    assert [hit.json()["event"] for hit in receiver.to("/hook")].count("term.unpublished") == 1


@pytest.mark.django_db(transaction=True)
def test_cancelling_a_withdrawal_carried_to_a_new_version_keeps_that_version_live(clock, superuser, client):
    term = a_term()
    withdrawal = scheduling.schedule_withdrawal(item=term, at=GO_LIVE, by=superuser)
    now = editorial.publish(item=term, by=superuser)

    scheduling.cancel_schedule(schedule=withdrawal, by=superuser)

    now.refresh_from_db()
    assert now.live_until is None
    clock.move_to(GO_LIVE + timedelta(minutes=1))
    assert is_public(client, "agent")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "replace",
    [
        lambda schedule, by: scheduling.cancel_schedule(schedule=schedule, by=by),
        lambda schedule, by: editorial.record_edit(item=schedule.item),
        lambda schedule, by: editorial.publish(item=schedule.item, by=by),
    ],
    ids=["cancelled", "suspended by an edit", "replaced by publish-now"],
)
def test_a_scheduled_go_live_that_never_happens_keeps_its_version_with_an_empty_window(replace, clock, superuser):
    term = a_term()
    schedule = scheduling.schedule_publication(item=term, at=GO_LIVE, by=superuser)

    replace(schedule, superuser)

    scheduled = term.versions.get(number=schedule.version_number)
    assert scheduled.live_from == scheduled.live_until == GO_LIVE
    assert scheduled.published_faqs.count() == term.faqs.count()
    assert not term.versions.live(at=GO_LIVE).filter(number=schedule.version_number).exists()
