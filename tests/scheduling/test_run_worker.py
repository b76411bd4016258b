"""The worker: side effects owed by due schedules run once, after downtime and with two workers.

These tests commit for real (transaction=True): the worker closes stale connections
between polls, as in production, and webhooks are sent from `transaction.on_commit`.
"""

import threading
from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.urls import reverse

from publishing.models import AuditEntry
from scheduling import services as scheduling
from scheduling import tasks
from scheduling.models import Schedule
from terms.models import ReviewState, Term
from tests.factories import TermFactory
from tests.scheduling.conftest import GO_LIVE
from tests.scheduling.workflow import approved, is_public
from tests.webhooks.receiver import Reply
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.services import emit_event

OVERDUE_WARNING = "overdue: the API already serves the new state"


def run_worker() -> str:
    out = StringIO()
    call_command("run_worker", "--once", stdout=out)
    return out.getvalue()


def scheduled_go_lives(item) -> int:
    return AuditEntry.objects.filter(
        object_id=item.pk, action=AuditEntry.Action.PUBLISHED, comment="scheduled go-live"
    ).count()


@pytest.mark.django_db(transaction=True)
def test_due_side_effects_run_once_when_the_worker_comes_back(clock, client, superuser, receiver):
    WebhookEndpoint.objects.create(name="Site rebuild", url=receiver.script("/hook", Reply(200)))
    term = approved(TermFactory(slug="late-bloomer"))
    schedule = scheduling.schedule_publication(item=term, at=GO_LIVE, by=superuser)
    client.force_login(superuser)

    clock.move_to(GO_LIVE + timedelta(minutes=5))  # the worker was down all along

    assert is_public(client, term.slug)  # the API is exact without a worker
    assert OVERDUE_WARNING in client.get(reverse("admin:index")).content.decode()
    scheduled_page = client.get(reverse("admin:scheduling_schedule_changelist")).content.decode()
    assert "Overdue: side effects not run" in scheduled_page
    assert receiver.requests == []

    output = run_worker()

    assert "1 schedule(s) applied" in output
    schedule.refresh_from_db()
    assert schedule.status == Schedule.Status.DONE
    assert schedule.side_effects_done_at == GO_LIVE + timedelta(minutes=5)
    assert Term.objects.get(pk=term.pk).review_state == ReviewState.PUBLISHED
    assert scheduled_go_lives(term) == 1
    assert [(hit.json()["event"], hit.json()["object"]["slug"]) for hit in receiver.to("/hook")] == [
        ("term.published", "late-bloomer")
    ]
    assert OVERDUE_WARNING not in client.get(reverse("admin:index")).content.decode()
    scheduled_page = client.get(reverse("admin:scheduling_schedule_changelist") + "?status=all").content.decode()
    assert "Overdue" not in scheduled_page

    run_worker()

    assert scheduling.apply_schedule(schedule_id=schedule.pk) is False
    assert tasks.apply_schedule.call(schedule.pk) is False
    assert scheduled_go_lives(term) == 1
    assert len(receiver.to("/hook")) == 1
    assert WebhookDelivery.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_schedule_that_is_not_due_is_left_alone(clock, superuser):
    term = approved(TermFactory())
    schedule = scheduling.schedule_publication(item=term, at=GO_LIVE, by=superuser)

    clock.move_to(GO_LIVE - timedelta(seconds=1))
    run_worker()

    schedule.refresh_from_db()
    assert schedule.status == Schedule.Status.PENDING
    assert tasks.apply_schedule.call(schedule.pk) is False


def in_a_thread(target, start: threading.Barrier, errors: list) -> threading.Thread:
    def run() -> None:
        try:
            start.wait(timeout=10)
            target()
        except BaseException as error:  # reported by the test, in its own thread
            errors.append(error)
        finally:
            connections.close_all()  # this thread's own connection

    return threading.Thread(target=run)


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_apply_each_schedule_and_send_each_delivery_once(clock, superuser, receiver):
    if connection.vendor != "postgresql":
        pytest.skip("Concurrent workers need row locks (SELECT ... FOR UPDATE SKIP LOCKED): PostgreSQL only.")
    WebhookEndpoint.objects.create(name="Site rebuild", url=receiver.script("/hook", Reply(200)))
    terms = [approved(TermFactory()) for _ in range(6)]
    schedules = [scheduling.schedule_publication(item=term, at=GO_LIVE, by=superuser) for term in terms]
    for number in range(6):
        emit_event(event="term.unpublished", kind="term", slug=f"earlier-{number}")

    clock.move_to(GO_LIVE + timedelta(seconds=1))
    start, errors = threading.Barrier(2), []
    workers = [in_a_thread(run_worker, start, errors) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)

    assert errors == []
    assert not any(worker.is_alive() for worker in workers)
    deliveries = WebhookDelivery.objects.all()
    assert deliveries.count() == 12  # six queued before, six from the go-lives
    arrived = Counter(hit.headers["x-glossary-delivery"] for hit in receiver.to("/hook"))
    assert arrived == Counter({str(delivery.delivery_id): 1 for delivery in deliveries})
    assert set(deliveries.values_list("status", "attempts")) == {(WebhookDelivery.Status.DELIVERED, 1)}
    assert set(Schedule.objects.filter(pk__in=[s.pk for s in schedules]).values_list("status", flat=True)) == {
        Schedule.Status.DONE
    }
    assert [scheduled_go_lives(term) for term in terms] == [1] * 6


swept: list[str] = []


def record_a_sweep() -> int:
    swept.append("swept")
    return 3


@pytest.mark.django_db(transaction=True)
def test_each_sweep_named_in_settings_runs_once_a_round_and_reports_its_count(settings):
    settings.GLOSSARY_WORKER_SWEEPS = ["tests.scheduling.test_run_worker.record_a_sweep"]
    swept.clear()

    output = run_worker()

    assert swept == ["swept"]
    assert "3 by record_a_sweep" in output


def test_the_worker_polls_the_webhook_outbox_every_round():
    from django.conf import settings

    assert "webhooks.services.work_outbox" in settings.GLOSSARY_WORKER_POLLS
