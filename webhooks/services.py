"""Send webhooks: turn announcements into deliveries, deliver them signed, retry with backoff.

Content changes write announcements (the outbox, terms.models.Announcement) in their own
transaction; `work_outbox`, called by the worker on every poll, turns undispatched ones
into one delivery per endpoint (a unique constraint makes that idempotent) and sends
what is due. Delivery is at least once with a stable delivery id: a delivery is claimed
with a conditional UPDATE before it is sent, so two workers never send the same attempt,
and a worker killed mid-send leaves a claim that expires and is sent again.

No endpoint can hold up another: every attempt has a total deadline
(GLOSSARY_WEBHOOKS_DEADLINE_SECONDS, enforced by webhooks.transport), and the worker
sends to different endpoints in parallel threads, one attempt per endpoint at a time.
Those threads only do HTTP; every database read and write stays in the worker's thread.
"""

import hashlib
import hmac
import json
import logging
import threading
import time
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

import requests
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from terms.models import Announcement
from terms.structured_data import comparison_url, term_url
from webhooks import transport
from webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from webhooks.safety import UnsafeDestination

logger = logging.getLogger(__name__)

# Seconds to wait before attempts 2..6: about an hour from the first to the last.
RETRY_DELAYS = [30, 120, 300, 900, 2400]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# A claim outlives the attempt's deadline by this much before another worker may take over.
CLAIM_SECONDS = 60
RETRYABLE_STATUS = {408, 425, 429}
DISPATCH_BATCH = 100
# Deliveries one endpoint's thread sends in turn before the worker records them.
PER_ENDPOINT_BATCH = 10


def signature(*, secret: str, timestamp: int, body: str) -> str:
    """The X-Glossary-Signature value: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">."""
    digest = hmac.new(secret.encode(), f"{timestamp}.{body}".encode(), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def _object_url(kind: str, slug: str) -> str | None:
    return {"term": term_url, "comparison": comparison_url}.get(kind, lambda _: None)(slug)


def _new_delivery(
    *, endpoint: WebhookEndpoint, event: str, kind: str, slug: str, occurred_at: datetime, **fields
) -> WebhookDelivery:
    delivery = WebhookDelivery(endpoint=endpoint, event=event, next_attempt_at=occurred_at, **fields)
    payload = {
        "event": event,
        "id": str(delivery.delivery_id),
        "occurred_at": occurred_at.isoformat(),
        "object": {"type": kind, "slug": slug, "url": _object_url(kind, slug)},
    }
    delivery.body = json.dumps(payload, separators=(",", ":"), sort_keys=True)
    return delivery


def emit_event(*, event: str, kind: str, slug: str, endpoints=None) -> list[WebhookDelivery]:
    """Create a delivery now for each active endpoint that wants `event` (test events; content uses announce)."""
    now = timezone.now()
    targets = endpoints if endpoints is not None else WebhookEndpoint.objects.filter(active=True)
    deliveries = [
        _new_delivery(endpoint=endpoint, event=event, kind=kind, slug=slug, occurred_at=now)
        for endpoint in targets
        if endpoint.wants(event)
    ]
    with transaction.atomic():
        for delivery in deliveries:
            delivery.save()
    return deliveries


def dispatch_announcements(*, limit: int = DISPATCH_BATCH) -> int:
    """Create the deliveries of undispatched announcements (one per active endpoint); returns how many announcements."""
    with transaction.atomic():
        # SKIP LOCKED lets two workers dispatch different announcements (PostgreSQL; a
        # no-op on SQLite, where the unique constraint alone keeps it to one delivery).
        batch = list(
            Announcement.objects.filter(dispatched_at__isnull=True)
            .select_for_update(skip_locked=True)
            .order_by("occurred_at", "pk")[:limit]
        )
        if not batch:
            return 0
        endpoints = list(WebhookEndpoint.objects.filter(active=True))
        deliveries = [
            _new_delivery(
                endpoint=endpoint,
                event=announcement.event,
                kind=announcement.kind,
                slug=announcement.slug,
                occurred_at=announcement.occurred_at,
                announcement=announcement,
                # Derived, not random: dispatching the same announcement again names the same delivery.
                delivery_id=uuid.uuid5(announcement.uuid, str(endpoint.pk)),
            )
            for announcement in batch
            for endpoint in endpoints
            if endpoint.wants(announcement.event)
        ]
        WebhookDelivery.objects.bulk_create(deliveries, ignore_conflicts=True)
        Announcement.objects.filter(pk__in=[announcement.pk for announcement in batch]).update(
            dispatched_at=timezone.now()
        )
    return len(batch)


@dataclass(frozen=True)
class _Request:
    url: str
    body: bytes
    headers: dict[str, str]


@dataclass(frozen=True)
class _Outcome:
    started_at: datetime
    status_code: int | None
    error: str
    retryable: bool
    duration_ms: int


def _deadline_seconds() -> float:
    return float(settings.GLOSSARY_WEBHOOKS_DEADLINE_SECONDS)


def _claim(delivery_id: int, now: datetime, *, attempts_before: int = 0) -> WebhookDelivery | None:
    due = Q(status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now)
    abandoned = Q(status=WebhookDelivery.Status.SENDING, claimed_until__lt=now)
    # Long enough for the attempts queued before this one on the same thread, and its own.
    claimed_until = now + timedelta(seconds=_deadline_seconds() * (attempts_before + 1) + CLAIM_SECONDS)
    claimed = WebhookDelivery.objects.filter(due | abandoned, pk=delivery_id).update(
        status=WebhookDelivery.Status.SENDING, claimed_until=claimed_until
    )
    return WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id) if claimed else None


def _request_for(delivery: WebhookDelivery) -> _Request:
    timestamp = int(time.time())
    return _Request(
        url=delivery.endpoint.url,
        body=delivery.body.encode(),
        headers={
            "Content-Type": "application/json",
            "User-Agent": "GlossaryCMS-Webhooks/1",
            "X-Glossary-Event": delivery.event,
            "X-Glossary-Delivery": str(delivery.delivery_id),
            "X-Glossary-Signature": signature(secret=delivery.endpoint.secret, timestamp=timestamp, body=delivery.body),
        },
    )


def _attempt(request: _Request, *, deadline_seconds: float) -> _Outcome:
    """One POST and what came of it. Network only, no database: it runs in sending threads."""
    status_code, error, retryable = None, "", False
    started_at, started = timezone.now(), time.monotonic()
    try:
        status_code = transport.post(
            request.url, data=request.body, headers=request.headers, deadline_seconds=deadline_seconds
        )
        if not 200 <= status_code < 300:
            error = f"HTTP {status_code}" + (" (redirects are not followed)" if 300 <= status_code < 400 else "")
            retryable = status_code >= 500 or status_code in RETRYABLE_STATUS
    except UnsafeDestination as refusal:
        error = f"Refused: {refusal}"
    except requests.Timeout:
        error, retryable = f"Timed out after {deadline_seconds:g} s", True
    except requests.RequestException as failure:
        error, retryable = f"Connection failed: {failure.__class__.__name__}: {failure}"[:1000], True
    except Exception as failure:  # anything else still becomes a logged, retried attempt, not a dead worker
        error, retryable = f"Failed: {failure.__class__.__name__}: {failure}"[:1000], True
    return _Outcome(started_at, status_code, error, retryable, int((time.monotonic() - started) * 1000))


def _attempt_in_turn(requests: list[_Request], *, deadline_seconds: float) -> list[_Outcome]:
    """Send one endpoint's deliveries in order, stopping at the first failure (network only)."""
    outcomes = []
    for request in requests:
        outcomes.append(_attempt(request, deadline_seconds=deadline_seconds))
        if outcomes[-1].error:
            break  # the endpoint is in trouble: the rest wait for a later poll, not for more deadlines
    return outcomes


def _record(delivery: WebhookDelivery, *, outcome: _Outcome) -> str:
    """Log the attempt and move the delivery on: delivered, due again later, or failed."""
    number = delivery.attempts + 1
    WebhookAttempt.objects.create(
        delivery=delivery,
        number=number,
        started_at=outcome.started_at,
        status_code=outcome.status_code,
        duration_ms=outcome.duration_ms,
        error=outcome.error,
    )
    delivery.attempts = number
    delivery.claimed_until = None
    if not outcome.error:
        delivery.status, delivery.delivered_at = WebhookDelivery.Status.DELIVERED, timezone.now()
    elif outcome.retryable and number < MAX_ATTEMPTS:
        delivery.status = WebhookDelivery.Status.PENDING
        delivery.next_attempt_at = timezone.now() + timedelta(seconds=RETRY_DELAYS[number - 1])
    else:
        delivery.status = WebhookDelivery.Status.FAILED
    delivery.save(update_fields=["attempts", "claimed_until", "status", "delivered_at", "next_attempt_at"])
    logger.info(
        "Webhook %s attempt %s to %s: %s", delivery.delivery_id, number, delivery.endpoint, outcome.error or "OK"
    )
    return delivery.status


def deliver(*, delivery_id: int) -> str | None:
    """Make one attempt now, in this thread, if the delivery is due and nobody else is sending it."""
    now = timezone.now()
    delivery = _claim(delivery_id, now)
    if delivery is None:
        return None
    outcome = _attempt(_request_for(delivery), deadline_seconds=_deadline_seconds())
    return _record(delivery, outcome=outcome)


@dataclass(frozen=True)
class _Flight:
    deliveries: list[WebhookDelivery]
    future: Future


class DeliverySender:
    """Sends due deliveries in parallel threads, one endpoint per thread, in turn within an endpoint.

    `poll()` does not wait for the network: it records the attempts that have finished and
    starts the ones that are due, so a slow endpoint occupies one thread, never the worker
    and never another endpoint. An endpoint's batch stops at its first failure.
    """

    def __init__(self, *, threads: int, per_endpoint: int = PER_ENDPOINT_BATCH) -> None:
        self.threads = threads
        self.per_endpoint = per_endpoint
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="webhook")
        self._flights: dict[int, _Flight] = {}  # by endpoint id

    def poll(self, *, wait: bool = False) -> int:
        """Record finished attempts and start due ones; with `wait`, until nothing due is left.

        Returns how many attempts were recorded.
        """
        recorded = self._record_finished()
        self._start_due()
        while wait and self._flights:
            for flight in list(self._flights.values()):
                flight.future.result()
            recorded += self._record_finished()
            self._start_due()
        return recorded

    def _record_finished(self) -> int:
        finished = [(endpoint_id, flight) for endpoint_id, flight in self._flights.items() if flight.future.done()]
        recorded = 0
        for endpoint_id, flight in finished:
            del self._flights[endpoint_id]
            outcomes = flight.future.result()
            for delivery, outcome in zip(flight.deliveries, outcomes, strict=False):
                _record(delivery, outcome=outcome)
            recorded += len(outcomes)
            # Not attempted (the endpoint failed first): due again at once, for the next poll.
            WebhookDelivery.objects.filter(
                pk__in=[delivery.pk for delivery in flight.deliveries[len(outcomes) :]],
                status=WebhookDelivery.Status.SENDING,
            ).update(status=WebhookDelivery.Status.PENDING, claimed_until=None)
        return recorded

    def _start_due(self) -> None:
        free = self.threads - len(self._flights)
        if free <= 0:
            return
        now = timezone.now()
        due = WebhookDelivery.objects.filter(
            Q(status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now)
            | Q(status=WebhookDelivery.Status.SENDING, claimed_until__lt=now)
        ).exclude(endpoint_id__in=list(self._flights))
        # Endpoints first, then each one's oldest: one endpoint's backlog cannot hide the others.
        endpoint_ids = list(due.order_by().values_list("endpoint_id", flat=True).distinct()[:free])
        batches = {
            endpoint_id: list(
                due.filter(endpoint_id=endpoint_id)
                .order_by("next_attempt_at", "pk")
                .values_list("pk", flat=True)[: self.per_endpoint]
            )
            for endpoint_id in endpoint_ids
        }
        deadline_seconds = _deadline_seconds()
        for endpoint_id, delivery_pks in batches.items():
            deliveries = []
            for delivery_pk in delivery_pks:
                delivery = _claim(delivery_pk, now, attempts_before=len(deliveries))
                if delivery is not None:  # else another worker took it
                    deliveries.append(delivery)
            if deliveries:
                batch = [_request_for(delivery) for delivery in deliveries]
                future = self._pool.submit(_attempt_in_turn, batch, deadline_seconds=deadline_seconds)
                self._flights[endpoint_id] = _Flight(deliveries, future)


_senders = threading.local()  # one sender per worker thread (tests run several workers in one process)


def work_outbox(*, wait: bool = False) -> int:
    """The worker's poll: dispatch new announcements, record finished attempts, start due ones.

    Returns how many attempts were recorded. With `wait` (`run_worker --once`), attempts
    started now are finished and recorded before it returns.
    """
    dispatch_announcements()
    sender = getattr(_senders, "sender", None)
    if sender is None:
        sender = _senders.sender = DeliverySender(threads=settings.GLOSSARY_WEBHOOKS_SENDING_THREADS)
    return sender.poll(wait=wait)


def send_test_event(*, endpoint: WebhookEndpoint) -> WebhookDelivery:
    """Deliver a term.published event about a sample slug to one endpoint, now."""
    (delivery,) = emit_event(event="term.published", kind="term", slug="webhook-test", endpoints=[endpoint])
    deliver(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    return delivery
