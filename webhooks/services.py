"""Send webhooks: create deliveries for an event, deliver them signed, retry with backoff.

Delivery is at least once with a stable delivery id: a delivery is claimed with a
conditional UPDATE before it is sent, so two workers never send the same attempt, and a
worker killed mid-send leaves a claim that expires and is retried by the sweeper.
"""

import hashlib
import hmac
import json
import time
from datetime import datetime, timedelta

import requests
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from terms.structured_data import comparison_url, term_url
from webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from webhooks.safety import UnsafeDestination, check_destination

# Seconds to wait before attempts 2..6: about an hour from the first to the last.
RETRY_DELAYS = [30, 120, 300, 900, 2400]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
TIMEOUT_SECONDS = 5
CLAIM_SECONDS = 60
RETRYABLE_STATUS = {408, 425, 429}


def signature(*, secret: str, timestamp: int, body: str) -> str:
    """The X-Glossary-Signature value: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">."""
    digest = hmac.new(secret.encode(), f"{timestamp}.{body}".encode(), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def _object_url(kind: str, slug: str) -> str | None:
    return {"term": term_url, "comparison": comparison_url}.get(kind, lambda _: None)(slug)


def emit_event(*, event: str, kind: str, slug: str, endpoints=None) -> list[WebhookDelivery]:
    """Create a delivery for each active endpoint that wants `event`, and queue them."""
    from webhooks.tasks import deliver_webhook

    now = timezone.now()
    targets = endpoints if endpoints is not None else WebhookEndpoint.objects.filter(active=True)
    deliveries = []
    with transaction.atomic():
        for endpoint in targets:
            if not endpoint.wants(event):
                continue
            delivery = WebhookDelivery(endpoint=endpoint, event=event, next_attempt_at=now)
            payload = {
                "event": event,
                "id": str(delivery.delivery_id),
                "occurred_at": now.isoformat(),
                "object": {"type": kind, "slug": slug, "url": _object_url(kind, slug)},
            }
            delivery.body = json.dumps(payload, separators=(",", ":"), sort_keys=True)
            delivery.save()
            deliver_webhook.enqueue(delivery.pk)
            deliveries.append(delivery)
    return deliveries


def _claim(delivery_id: int, now: datetime) -> WebhookDelivery | None:
    due = Q(status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now)
    abandoned = Q(status=WebhookDelivery.Status.SENDING, claimed_until__lt=now)
    claimed = WebhookDelivery.objects.filter(due | abandoned, pk=delivery_id).update(
        status=WebhookDelivery.Status.SENDING, claimed_until=now + timedelta(seconds=CLAIM_SECONDS)
    )
    return WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id) if claimed else None


def deliver(*, delivery_id: int) -> str | None:
    """Make one attempt if the delivery is due and nobody else is sending it; returns its new status."""
    now = timezone.now()
    delivery = _claim(delivery_id, now)
    if delivery is None:
        return None
    number = delivery.attempts + 1
    timestamp = int(time.time())
    status_code, error, retryable = None, "", False
    started = time.monotonic()
    try:
        check_destination(delivery.endpoint.url)
        response = requests.post(
            delivery.endpoint.url,
            data=delivery.body.encode(),
            headers={
                "Content-Type": "application/json",
                "User-Agent": "GlossaryCMS-Webhooks/1",
                "X-Glossary-Event": delivery.event,
                "X-Glossary-Delivery": str(delivery.delivery_id),
                "X-Glossary-Signature": signature(
                    secret=delivery.endpoint.secret, timestamp=timestamp, body=delivery.body
                ),
            },
            timeout=TIMEOUT_SECONDS,
            allow_redirects=False,
        )
        status_code = response.status_code
        if not 200 <= status_code < 300:
            error = f"HTTP {status_code}" + (" (redirects are not followed)" if 300 <= status_code < 400 else "")
            retryable = status_code >= 500 or status_code in RETRYABLE_STATUS
    except UnsafeDestination as refusal:
        error = f"Refused: {refusal}"
    except requests.Timeout:
        error, retryable = f"Timed out after {TIMEOUT_SECONDS} s", True
    except requests.RequestException as failure:
        error, retryable = f"Connection failed: {failure.__class__.__name__}: {failure}"[:1000], True
    duration_ms = int((time.monotonic() - started) * 1000)

    WebhookAttempt.objects.create(
        delivery=delivery,
        number=number,
        started_at=now,
        status_code=status_code,
        duration_ms=duration_ms,
        error=error,
    )
    delivery.attempts = number
    delivery.claimed_until = None
    if not error:
        delivery.status, delivery.delivered_at = WebhookDelivery.Status.DELIVERED, timezone.now()
    elif retryable and number < MAX_ATTEMPTS:
        delivery.status = WebhookDelivery.Status.PENDING
        delivery.next_attempt_at = timezone.now() + timedelta(seconds=RETRY_DELAYS[number - 1])
        from webhooks.tasks import deliver_webhook

        deliver_webhook.using(run_after=delivery.next_attempt_at).enqueue(delivery.pk)
    else:
        delivery.status = WebhookDelivery.Status.FAILED
    delivery.save(update_fields=["attempts", "claimed_until", "status", "delivered_at", "next_attempt_at"])
    return delivery.status


def retry_stalled_deliveries(*, now: datetime | None = None) -> int:
    """Attempt deliveries that are due but whose queued task was lost (e.g. a killed worker)."""
    now = now or timezone.now()
    due = WebhookDelivery.objects.filter(
        Q(status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now)
        | Q(status=WebhookDelivery.Status.SENDING, claimed_until__lt=now)
    ).values_list("pk", flat=True)
    return sum(1 for pk in due if deliver(delivery_id=pk))


def send_test_event(*, endpoint: WebhookEndpoint) -> WebhookDelivery:
    """Deliver a term.published event about a sample slug to one endpoint, now."""
    (delivery,) = emit_event(event="term.published", kind="term", slug="webhook-test", endpoints=[endpoint])
    deliver(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    return delivery
