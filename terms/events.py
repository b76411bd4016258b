"""What happens after published content changes: called from `transaction.on_commit`."""

import secrets
import time

from django.core.cache import cache
from django.db import transaction

CONTENT_GENERATION_KEY = "glossary:content-generation"


def _fresh_generation() -> int:
    # Random, not 1: if the cache is flushed, a restarted count must not meet numbers that
    # entries made before the flush still carry.
    return secrets.randbits(62)


def content_generation() -> int:
    """A number that changes whenever live content may have changed; cached responses carry it."""
    generation = cache.get(CONTENT_GENERATION_KEY)
    if generation is None:
        cache.add(CONTENT_GENERATION_KEY, _fresh_generation(), timeout=None)
        generation = cache.get(CONTENT_GENERATION_KEY)
    return int(generation)


_remembered = {"generation": None, "until": 0.0}


def recent_content_generation(*, within_seconds: float) -> int | None:
    """The generation as read at most `within_seconds` ago by this process (None if unset).

    Saves a shared-cache read per request on the API's hot path. A publication in this
    process is seen at once; one in another process within `within_seconds`.
    """
    now = time.monotonic()
    if _remembered["until"] > now and _remembered["generation"] is not None:
        return _remembered["generation"]
    generation = cache.get(CONTENT_GENERATION_KEY)
    _remembered.update(generation=None if generation is None else int(generation), until=now + within_seconds)
    return _remembered["generation"]


def content_changed() -> None:
    """Invalidate every cached API response at once by moving to a new generation."""
    _remembered.update(generation=None, until=0.0)
    try:
        cache.incr(CONTENT_GENERATION_KEY)
    except ValueError:
        cache.set(CONTENT_GENERATION_KEY, _fresh_generation(), timeout=None)


def published_content_changed() -> None:
    """Call inside a publishing transaction: invalidate now, and again once it commits.

    The first bump keeps this process from serving what it just replaced; the second
    drops anything another request cached between that bump and the commit.
    """
    content_changed()
    transaction.on_commit(content_changed)


def announce(*, event: str, kind: str, slug: str) -> None:
    """Record that content went live or was withdrawn, in the caller's transaction (the outbox).

    The row commits or rolls back with the change itself; the worker later turns it into
    webhook deliveries, so no announcement is lost to a crash between commit and callbacks.
    """
    # Imported here: the API's hot path imports this module for the cache helpers alone.
    from django.utils import timezone

    from terms.models import Announcement

    Announcement.objects.create(event=event, kind=kind, slug=slug, occurred_at=timezone.now())
