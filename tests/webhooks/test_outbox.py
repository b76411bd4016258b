"""The outbox: announcements are rows written with the change; the worker turns them into deliveries.

Under the `db` fixture, `transaction.on_commit` callbacks never run: exactly what a crash
right after the commit does to them. Nothing here may depend on them.
"""

import json
import uuid
from datetime import UTC, datetime

import pytest
import time_machine
from django.db import transaction

from editorial import services as editorial
from terms.events import announce
from terms.models import Announcement
from tests.factories import TermFactory, UserFactory
from tests.webhooks.receiver import Reply
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.services import dispatch_announcements, work_outbox

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def test_publishing_writes_an_announcement_that_outlives_skipped_commit_callbacks(db, clock):
    WebhookEndpoint.objects.create(name="Site rebuild", url="https://93.184.216.34/hook")
    term = TermFactory(published=True, slug="foundation-model")
    Announcement.objects.all().delete()  # its publication, by the factory

    editorial.unpublish(item=term, by=UserFactory(username="publisher", superuser=True))

    announcement = Announcement.objects.get()
    assert (announcement.event, announcement.kind, announcement.slug) == (
        "term.unpublished",
        "term",
        "foundation-model",
    )
    assert (announcement.occurred_at, announcement.dispatched_at) == (NOW, None)
    assert not WebhookDelivery.objects.exists()  # nothing waited for a callback

    assert dispatch_announcements() == 1

    delivery = WebhookDelivery.objects.get()
    assert (delivery.announcement, delivery.event) == (announcement, "term.unpublished")
    assert json.loads(delivery.body)["occurred_at"] == NOW.isoformat()
    announcement.refresh_from_db()
    assert announcement.dispatched_at == NOW


def test_a_change_that_rolls_back_announces_nothing(db):
    with pytest.raises(RuntimeError), transaction.atomic():
        announce(event="term.published", kind="term", slug="never")
        raise RuntimeError("the change failed")

    assert not Announcement.objects.exists()


def test_dispatching_twice_creates_each_delivery_once(db, clock):
    first = WebhookEndpoint.objects.create(name="A", url="https://93.184.216.34/a")
    second = WebhookEndpoint.objects.create(name="B", url="https://93.184.216.34/b")
    WebhookEndpoint.objects.create(name="Withdrawals only", url="https://93.184.216.34/c", events=["term.unpublished"])
    WebhookEndpoint.objects.create(name="Inactive", url="https://93.184.216.34/d", active=False)
    announce(event="term.published", kind="term", slug="agent")

    assert dispatch_announcements() == 1
    assert dispatch_announcements() == 0

    assert set(WebhookDelivery.objects.values_list("endpoint", flat=True)) == {first.pk, second.pk}


def test_an_announcement_dispatched_again_after_a_crash_gets_no_second_delivery(db, clock):
    endpoint = WebhookEndpoint.objects.create(name="A", url="https://93.184.216.34/a")
    announce(event="term.published", kind="term", slug="agent")
    dispatch_announcements()
    (delivery_id,) = WebhookDelivery.objects.values_list("delivery_id", flat=True)
    # As if a worker had crashed after creating the deliveries but before marking the row.
    Announcement.objects.update(dispatched_at=None)

    assert dispatch_announcements() == 1

    (delivery,) = WebhookDelivery.objects.all()
    assert delivery.delivery_id == delivery_id == uuid.uuid5(Announcement.objects.get().uuid, str(endpoint.pk))


def test_the_worker_poll_delivers_an_announcement_with_a_stable_id(db, clock, receiver):
    WebhookEndpoint.objects.create(name="Site rebuild", url=receiver.script("/hook", Reply(503), Reply(200)))
    announce(event="comparison.published", kind="comparison", slug="rag-vs-fine-tuning")

    assert work_outbox(wait=True) == 1
    clock.shift(30)
    assert work_outbox(wait=True) == 1

    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (WebhookDelivery.Status.DELIVERED, 2)
    requests = receiver.to("/hook")
    assert [request.headers["x-glossary-delivery"] for request in requests] == [str(delivery.delivery_id)] * 2
    assert requests[0].json()["object"]["slug"] == "rag-vs-fine-tuning"
