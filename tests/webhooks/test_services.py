"""Webhook delivery against a real HTTP server: body, signature, retries, the attempt log."""

import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from editorial import services as editorial
from terms.structured_data import term_url
from tests.factories import TermFactory, UserFactory
from tests.webhooks.receiver import Reply
from webhooks import services
from webhooks.models import EVENTS, WebhookDelivery, WebhookEndpoint
from webhooks.services import RETRY_DELAYS, deliver, emit_event

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def endpoint_at(url: str, **fields) -> WebhookEndpoint:
    return WebhookEndpoint.objects.create(name="Site rebuild", url=url, **fields)


def one_delivery(endpoint: WebhookEndpoint, slug: str = "foundation-model") -> WebhookDelivery:
    (delivery,) = emit_event(event="term.published", kind="term", slug=slug, endpoints=[endpoint])
    return delivery


def verify_signature(header: str, *, secret: str, body: bytes) -> int:
    """Check X-Glossary-Signature the way a receiver would; returns its timestamp."""
    parts = dict(part.split("=", 1) for part in header.split(","))
    expected = hmac.new(secret.encode(), f"{parts['t']}.".encode() + body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(parts["v1"], expected)
    return int(parts["t"])


def test_a_delivery_posts_the_event_as_signed_json(db, clock, receiver):
    endpoint = endpoint_at(receiver.script("/hook", Reply(200)))
    delivery = one_delivery(endpoint)

    assert deliver(delivery_id=delivery.pk) == WebhookDelivery.Status.DELIVERED

    (request,) = receiver.to("/hook")
    assert request.json() == {
        "event": "term.published",
        "id": str(delivery.delivery_id),
        "occurred_at": NOW.isoformat(),
        "object": {"type": "term", "slug": "foundation-model", "url": term_url("foundation-model")},
    }
    assert request.headers["content-type"] == "application/json"
    assert request.headers["x-glossary-event"] == "term.published"
    assert request.headers["x-glossary-delivery"] == str(delivery.delivery_id)
    timestamp = verify_signature(request.headers["x-glossary-signature"], secret=endpoint.secret, body=request.body)
    assert timestamp == int(NOW.timestamp())
    attempt = delivery.attempt_log.get()
    assert (attempt.number, attempt.status_code, attempt.error) == (1, 200, "")
    delivery.refresh_from_db()
    assert delivery.delivered_at == NOW


def test_a_signature_made_with_another_secret_does_not_verify(db, clock, receiver):
    endpoint = endpoint_at(receiver.script("/hook", Reply(200)))
    deliver(delivery_id=one_delivery(endpoint).pk)

    (request,) = receiver.to("/hook")
    with pytest.raises(AssertionError):
        verify_signature(request.headers["x-glossary-signature"], secret="not-the-secret", body=request.body)


def test_a_failed_attempt_is_retried_later_with_the_same_delivery_id(db, clock, receiver, admin_client):
    endpoint = endpoint_at(receiver.script("/flaky", Reply(500), Reply(200)))
    delivery = one_delivery(endpoint)

    assert deliver(delivery_id=delivery.pk) == WebhookDelivery.Status.PENDING

    delivery.refresh_from_db()
    assert delivery.next_attempt_at == NOW + timedelta(seconds=30)
    first = delivery.attempt_log.get()
    assert (first.number, first.status_code, first.error) == (1, 500, "HTTP 500")
    assert first.duration_ms >= 0
    clock.move_to(NOW + timedelta(seconds=29))
    assert deliver(delivery_id=delivery.pk) is None  # not due yet: nothing sent
    assert len(receiver.to("/flaky")) == 1

    clock.move_to(NOW + timedelta(seconds=31))
    assert deliver(delivery_id=delivery.pk) == WebhookDelivery.Status.DELIVERED

    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.delivered_at) == (2, NOW + timedelta(seconds=31))
    assert [(a.number, a.status_code, a.error) for a in delivery.attempt_log.all()] == [
        (1, 500, "HTTP 500"),
        (2, 200, ""),
    ]
    requests = receiver.to("/flaky")
    assert [request.headers["x-glossary-delivery"] for request in requests] == [str(delivery.delivery_id)] * 2
    assert requests[0].body == requests[1].body
    for request in requests:
        verify_signature(request.headers["x-glossary-signature"], secret=endpoint.secret, body=request.body)
    page = admin_client.get(reverse("admin:webhooks_webhookdelivery_change", args=[delivery.pk])).content.decode()
    assert "HTTP 500" in page
    assert "Delivered" in page


def test_a_redirect_is_not_followed(db, clock, receiver):
    endpoint = endpoint_at(receiver.script("/moved", Reply(302, headers={"Location": receiver.url("/elsewhere")})))
    delivery = one_delivery(endpoint)

    assert deliver(delivery_id=delivery.pk) == WebhookDelivery.Status.FAILED

    attempt = delivery.attempt_log.get()
    assert attempt.status_code == 302
    assert attempt.error == "HTTP 302 (redirects are not followed)"
    assert len(receiver.to("/moved")) == 1
    assert receiver.to("/elsewhere") == []


def test_a_receiver_slower_than_the_timeout_is_logged_as_timed_out(db, receiver, settings):
    # The real clock here (no time travel): the attempt's duration is what is measured.
    settings.GLOSSARY_WEBHOOKS_DEADLINE_SECONDS = 0.5
    endpoint = endpoint_at(receiver.script("/slow", Reply(200, delay=1.0)))
    delivery = one_delivery(endpoint)

    assert deliver(delivery_id=delivery.pk) == WebhookDelivery.Status.PENDING

    attempt = delivery.attempt_log.get()
    assert attempt.status_code is None
    assert attempt.error == "Timed out after 0.5 s"
    assert attempt.duration_ms >= 500


def test_an_unreachable_receiver_is_logged_and_retried(db, clock, receiver):
    endpoint = endpoint_at(receiver.url("/hook"))
    receiver.server.server_close()  # nothing listens on that port any more
    delivery = one_delivery(endpoint)

    assert deliver(delivery_id=delivery.pk) == WebhookDelivery.Status.PENDING

    assert delivery.attempt_log.get().error.startswith("Connection failed: ConnectionError")


def test_six_attempts_at_most_then_failed(db, clock, receiver):
    endpoint = endpoint_at(receiver.script("/down", Reply(503)))
    delivery = one_delivery(endpoint)
    waits = []

    for _ in range(6):
        status = deliver(delivery_id=delivery.pk)
        delivery.refresh_from_db()
        if status == WebhookDelivery.Status.PENDING:
            waits.append((delivery.next_attempt_at - datetime.now(tz=UTC)).total_seconds())
            clock.move_to(delivery.next_attempt_at)

    assert status == WebhookDelivery.Status.FAILED
    assert waits == RETRY_DELAYS
    assert (delivery.status, delivery.attempts) == (WebhookDelivery.Status.FAILED, 6)
    assert list(delivery.attempt_log.values_list("number", "status_code")) == [(n, 503) for n in range(1, 7)]
    clock.move_to(datetime.now(tz=UTC) + timedelta(days=1))
    assert deliver(delivery_id=delivery.pk) is None
    assert len(receiver.to("/down")) == 6
    assert {request.headers["x-glossary-delivery"] for request in receiver.to("/down")} == {str(delivery.delivery_id)}


def test_a_client_error_is_not_retried(db, clock, receiver):
    delivery = one_delivery(endpoint_at(receiver.script("/gone", Reply(410))))

    assert deliver(delivery_id=delivery.pk) == WebhookDelivery.Status.FAILED
    assert delivery.attempt_log.get().error == "HTTP 410"


def test_publishing_a_term_creates_a_term_published_delivery(db, clock, receiver):
    everything = endpoint_at(receiver.script("/hook", Reply(200)))
    endpoint_at(receiver.url("/only-withdrawals"), events=["term.unpublished"])
    endpoint_at(receiver.url("/inactive"), active=False)
    term = TermFactory(slug="foundation-model")
    editorial.submit_for_review(item=term, by=UserFactory(username="author", superuser=True))
    editorial.approve(item=term, by=UserFactory(username="reviewer", superuser=True))

    editorial.publish(item=term, by=UserFactory(username="publisher", superuser=True))
    assert services.dispatch_announcements() == 1

    delivery = WebhookDelivery.objects.get()
    assert (delivery.endpoint, delivery.event) == (everything, "term.published")
    assert json.loads(delivery.body)["object"] == {
        "type": "term",
        "slug": "foundation-model",
        "url": term_url("foundation-model"),
    }
    deliver(delivery_id=delivery.pk)
    assert [request.json()["id"] for request in receiver.requests] == [str(delivery.delivery_id)]


def test_unpublishing_a_term_creates_a_term_unpublished_delivery(db, clock, receiver):
    endpoint_at(receiver.url("/only-withdrawals"), events=["term.unpublished"])
    term = TermFactory(published=True, slug="foundation-model")

    editorial.unpublish(item=term, by=UserFactory(username="publisher", superuser=True))
    services.dispatch_announcements()

    delivery = WebhookDelivery.objects.get()
    assert delivery.event == "term.unpublished"
    assert json.loads(delivery.body)["object"]["slug"] == "foundation-model"


def test_the_admin_sends_a_test_event_to_the_endpoint(db, clock, receiver, admin_client):
    endpoint = endpoint_at(receiver.script("/hook", Reply(200)))

    response = admin_client.post(
        reverse("admin:webhooks_webhookendpoint_changelist"),
        {"action": "send_test_event_selected", "_selected_action": [endpoint.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert "Site rebuild: Delivered (HTTP 200)." in response.content.decode()
    (request,) = receiver.to("/hook")
    assert request.json()["event"] == "term.published"
    assert request.json()["object"]["slug"] == "webhook-test"
    verify_signature(request.headers["x-glossary-signature"], secret=endpoint.secret, body=request.body)


def test_an_endpoint_with_no_events_chosen_is_valid_and_wants_every_event(db, receiver):
    endpoint = WebhookEndpoint(name="Everything", url=receiver.url("/hook"))

    endpoint.full_clean()

    assert all(endpoint.wants(event) for event, _ in EVENTS)


def test_a_delivery_whose_worker_died_mid_send_is_sent_by_the_next_poll_once(db, clock, receiver):
    endpoint = endpoint_at(receiver.script("/hook", Reply(200)))
    delivery = one_delivery(endpoint)
    # A worker claimed it and was killed before it could record anything.
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=WebhookDelivery.Status.SENDING, claimed_until=NOW + timedelta(seconds=services.CLAIM_SECONDS)
    )

    assert services.work_outbox(wait=True) == 0  # the claim still stands: nobody else sends it
    assert deliver(delivery_id=delivery.pk) is None
    clock.shift(timedelta(seconds=services.CLAIM_SECONDS + 1))
    assert services.work_outbox(wait=True) == 1
    assert services.work_outbox(wait=True) == 0

    (request,) = receiver.to("/hook")
    assert request.headers["x-glossary-delivery"] == str(delivery.delivery_id)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (WebhookDelivery.Status.DELIVERED, 1)
