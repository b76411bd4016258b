"""Purge the CDN by tag: stale content to purges, purges sent with retries, every attempt logged.

Changes to live content record the cache tags they made stale in their own transaction
(publishing.models.StaleContent, the outbox). `work_purges`, called by the worker on every
poll (settings.GLOSSARY_WORKER_POLLS), turns undispatched rows into purges, as many as the
CDN's API takes tags per request, and sends what is due. A scheduled go-live's change is
recorded when the worker applies the schedule at its instant, so its purge follows at once.

A purge is claimed with a conditional UPDATE before it is sent, so two workers never send
the same attempt, and one whose worker died mid-send is taken back when its claim expires.
Purging is idempotent, so "at least once" is what we want. Failures are retried with
backoff (RETRY_DELAYS); a refusal that cannot get better (a wrong token: HTTP 4xx) fails at
once, loudly. With a read replica, a purge waits until the replica serves the change, or
the CDN would fetch the old answer again and keep it.
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import requests
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cdn.models import Purge, PurgeAttempt
from cdn.purgers import Purger, configured_purger
from publishing.cache_tags import EVERYTHING
from publishing.clock import delivery_generation
from publishing.models import StaleContent

logger = logging.getLogger(__name__)

# Seconds to wait before attempts 2..6: about 40 minutes from the first to the last.
RETRY_DELAYS = [5, 30, 120, 600, 1800]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
RETRYABLE_STATUS = {408, 425, 429}
# A claim outlives the attempt's deadline by this much before another worker may take over.
CLAIM_SECONDS = 60
DISPATCH_BATCH = 500
SEND_BATCH = 20


def dispatch_stale_content(*, purger: Purger | None, limit: int = DISPATCH_BATCH) -> int:
    """Turn undispatched stale-content rows into purges (none without a purger); returns how many rows."""
    with transaction.atomic():
        # SKIP LOCKED lets two workers take different rows (PostgreSQL; SQLite writes one at a time).
        batch = list(
            StaleContent.objects.filter(dispatched_at__isnull=True)
            .select_for_update(skip_locked=True)
            .order_by("occurred_at", "pk")[:limit]
        )
        if not batch:
            return 0
        if purger is not None:
            tags = list(dict.fromkeys(tag for row in batch for tag in row.tags))
            if EVERYTHING in tags:
                tags = [EVERYTHING]  # every answer carries it: the rest would add nothing
            generation = max(row.generation for row in batch)
            now = timezone.now()
            Purge.objects.bulk_create(
                Purge(
                    purger=purger.name,
                    tags=tags[start : start + purger.max_tags],
                    generation=generation,
                    next_attempt_at=now,
                )
                for start in range(0, len(tags), purger.max_tags)
            )
        StaleContent.objects.filter(pk__in=[row.pk for row in batch]).update(dispatched_at=timezone.now())
    return len(batch)


@dataclass(frozen=True)
class Outcome:
    started_at: datetime
    status_code: int | None
    error: str
    retryable: bool
    duration_ms: int


def deadline_seconds() -> float:
    return float(settings.GLOSSARY_CDN_PURGE_DEADLINE_SECONDS)


def attempt(purger: Purger, tags: list[str]) -> Outcome:
    """One purge request and what came of it (no database)."""
    request = purger.request(tags)
    deadline = deadline_seconds()
    status_code, error, retryable = None, "", False
    started_at, started = timezone.now(), time.monotonic()
    try:
        response = requests.post(
            request.url,
            json=request.json,
            headers={"User-Agent": "GlossaryCMS-Purge/1", **request.headers},
            timeout=(min(5.0, deadline), deadline),
            allow_redirects=False,
        )
        status_code = response.status_code
        try:
            body = response.json()
        except ValueError:
            body = None
        error = purger.refusal(status_code, body)
        retryable = bool(error) and (status_code >= 500 or status_code in RETRYABLE_STATUS or status_code < 300)
    except requests.Timeout:
        error, retryable = f"Timed out after {deadline:g} s", True
    except requests.RequestException as failure:
        error, retryable = f"Connection failed: {failure.__class__.__name__}: {failure}"[:1000], True
    return Outcome(started_at, status_code, error, retryable, int((time.monotonic() - started) * 1000))


def _claim(purge_id: int, now: datetime) -> Purge | None:
    due = Q(status=Purge.Status.PENDING, next_attempt_at__lte=now)
    abandoned = Q(status=Purge.Status.SENDING, claimed_until__lt=now)
    claimed_until = now + timedelta(seconds=deadline_seconds() + CLAIM_SECONDS)
    claimed = Purge.objects.filter(due | abandoned, pk=purge_id).update(
        status=Purge.Status.SENDING, claimed_until=claimed_until
    )
    return Purge.objects.get(pk=purge_id) if claimed else None


def record(purge: Purge, outcome: Outcome) -> str:
    """Log the attempt and move the purge on: done, due again later, or failed."""
    number = purge.attempts + 1
    PurgeAttempt.objects.create(
        purge=purge,
        number=number,
        started_at=outcome.started_at,
        status_code=outcome.status_code,
        duration_ms=outcome.duration_ms,
        error=outcome.error,
    )
    purge.attempts, purge.claimed_until = number, None
    if not outcome.error:
        purge.status, purge.done_at = Purge.Status.DONE, timezone.now()
    elif outcome.retryable and number < MAX_ATTEMPTS:
        purge.status = Purge.Status.PENDING
        purge.next_attempt_at = timezone.now() + timedelta(seconds=RETRY_DELAYS[number - 1])
    else:
        purge.status = Purge.Status.FAILED
    purge.save(update_fields=["attempts", "claimed_until", "status", "done_at", "next_attempt_at"])
    tags = " ".join(purge.tags)
    if purge.status == Purge.Status.FAILED:
        logger.error("CDN purge of %s failed for good after %s attempt(s): %s", tags, number, outcome.error)
    else:
        logger.info("CDN purge of %s, attempt %s: %s", tags, number, outcome.error or "OK")
    return purge.status


def send_due_purges(*, purger: Purger, caught_up: Callable[[int], bool] | None = None, limit: int = SEND_BATCH) -> int:
    """Send due purges, oldest first, stopping at the first failure; returns how many attempts."""
    now = timezone.now()
    due = Purge.objects.filter(
        Q(status=Purge.Status.PENDING, next_attempt_at__lte=now) | Q(status=Purge.Status.SENDING, claimed_until__lt=now)
    ).order_by("next_attempt_at", "pk")
    attempts = 0
    for purge_id, generation in due.values_list("pk", "generation")[:limit]:
        if caught_up is not None and not caught_up(generation):
            break  # the replica has not replayed this change yet: the next poll tries again
        purge = _claim(purge_id, now)
        if purge is None:
            continue  # another worker took it
        status = record(purge, attempt(purger, purge.tags))
        attempts += 1
        if status != Purge.Status.DONE:
            break  # the CDN's API is in trouble: the rest wait for a later poll, not for more deadlines
    return attempts


def replica_has(generation: int) -> bool:
    """Whether the database delivery reads go to serves content clock `generation` (or later)."""
    served = delivery_generation()
    return served is not None and served >= generation


def work_purges(*, wait: bool = False) -> int:
    """The worker's poll: stale content to purges, then due purges sent. Returns how many attempts.

    Sending is done in the worker's thread whether or not `wait` is asked for: one attempt
    takes at most GLOSSARY_CDN_PURGE_DEADLINE_SECONDS, and a failure stops the round.
    """
    purger = configured_purger()
    dispatch_stale_content(purger=purger)
    if purger is None:
        return 0
    caught_up = replica_has if "replica" in settings.DATABASES else None
    return send_due_purges(purger=purger, caught_up=caught_up)
