"""Fault injection: a trickling and a hanging receiver cannot hold up a healthy one.

Real TCP servers on 127.0.0.1 and the real clock (the deadline is measured); a short
deadline keeps the test quick.
"""

import logging
import time
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from terms.events import announce
from tests.webhooks.receiver import Reply, Stalling
from webhooks import services
from webhooks.models import WebhookDelivery, WebhookEndpoint

DEADLINE = 1.5


@pytest.fixture
def fresh_sender(settings):
    """A sender of this test's own (the worker keeps one per thread)."""
    settings.GLOSSARY_WEBHOOKS_DEADLINE_SECONDS = DEADLINE
    vars(services._senders).pop("sender", None)
    yield
    vars(services._senders).pop("sender", None)


def test_a_trickling_and_a_hanging_endpoint_do_not_delay_a_healthy_one(db, receiver, fresh_sender, caplog):
    caplog.set_level(logging.INFO, logger="webhooks.services")
    with Stalling(trickle_every=0.5) as trickling, Stalling() as hanging:
        # Named so the slow ones come first in the queue.
        WebhookEndpoint.objects.create(name="A trickling", url=trickling.url("/hook"))
        WebhookEndpoint.objects.create(name="B hanging", url=hanging.url("/hook"))
        WebhookEndpoint.objects.create(name="C healthy", url=receiver.script("/hook", Reply(200)))
        announce(event="term.published", kind="term", slug="agent")
        started = time.monotonic()

        services.work_outbox()
        polled = time.monotonic() - started
        arrived = receiver.wait_for("/hook", timeout=2 * DEADLINE)
        arrived_after = time.monotonic() - started
        services.work_outbox(wait=True)
        finished_after = time.monotonic() - started

        assert (trickling.connections, hanging.connections) == (1, 1)

    assert polled < 1  # the worker's poll does not wait for the network
    assert len(arrived) == 1
    assert arrived_after < 1
    assert DEADLINE <= finished_after < DEADLINE + 1.5  # in parallel: one deadline, not two
    deliveries = {delivery.endpoint.name: delivery for delivery in WebhookDelivery.objects.select_related("endpoint")}
    assert deliveries["C healthy"].status == WebhookDelivery.Status.DELIVERED
    for name in ("A trickling", "B hanging"):
        delivery = deliveries[name]
        attempt = delivery.attempt_log.get()
        assert (delivery.status, delivery.attempts) == (WebhookDelivery.Status.PENDING, 1)
        assert (attempt.status_code, attempt.error) == (None, f"Timed out after {DEADLINE:g} s")
        assert DEADLINE * 1000 - 100 <= attempt.duration_ms < (DEADLINE + 1) * 1000
        wait = delivery.next_attempt_at - attempt.started_at
        assert timedelta(seconds=services.RETRY_DELAYS[0]) <= wait < timedelta(seconds=services.RETRY_DELAYS[0] + 5)
    assert len([record for record in caplog.records if " attempt 1 to " in record.getMessage()]) == 3


def test_a_slow_endpoint_is_retried_after_the_backoff_and_the_healthy_one_is_not_resent(db, receiver, fresh_sender):
    with Stalling() as hanging:
        WebhookEndpoint.objects.create(name="A hanging", url=hanging.url("/hook"))
        WebhookEndpoint.objects.create(name="B healthy", url=receiver.script("/hook", Reply(200)))
        announce(event="term.published", kind="term", slug="agent")
        services.work_outbox(wait=True)
        services.work_outbox(wait=True)  # not due again yet
        assert hanging.connections == 1

        with time_machine.travel(timezone.now() + timedelta(seconds=services.RETRY_DELAYS[0] + 1)):
            services.work_outbox(wait=True)

        assert hanging.connections == 2

    slow = WebhookDelivery.objects.get(endpoint__name="A hanging")
    assert list(slow.attempt_log.values_list("number", "error")) == [
        (1, f"Timed out after {DEADLINE:g} s"),
        (2, f"Timed out after {DEADLINE:g} s"),
    ]
    assert len(receiver.to("/hook")) == 1


def test_one_endpoints_backlog_does_not_hide_another_endpoint(db, receiver, fresh_sender):
    busy = WebhookEndpoint.objects.create(name="Busy", url=receiver.script("/busy", Reply(200)))
    quiet = WebhookEndpoint.objects.create(name="Quiet", url=receiver.script("/quiet", Reply(200)))
    for number in range(5):
        services.emit_event(event="term.published", kind="term", slug=f"older-{number}", endpoints=[busy])
    services.emit_event(event="term.published", kind="term", slug="newer", endpoints=[quiet])
    sender = services.DeliverySender(threads=2, per_endpoint=2)

    sender.poll()  # starts both endpoints at once, without waiting

    assert len(receiver.wait_for("/quiet", timeout=2)) == 1
    sender.poll(wait=True)
    assert len(receiver.to("/busy")) == 5
    assert set(WebhookDelivery.objects.values_list("status", "attempts")) == {(WebhookDelivery.Status.DELIVERED, 1)}
