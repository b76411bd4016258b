"""What happens after published content changes: called from `transaction.on_commit`."""

from django.core.cache import cache
from django.db import transaction

CONTENT_GENERATION_KEY = "glossary:content-generation"


def content_generation() -> int:
    """A number that changes whenever live content may have changed; cache keys include it."""
    generation = cache.get(CONTENT_GENERATION_KEY)
    if generation is None:
        cache.add(CONTENT_GENERATION_KEY, 1, timeout=None)
        generation = cache.get(CONTENT_GENERATION_KEY, 1)
    return int(generation)


def content_changed() -> None:
    """Invalidate every cached API response at once by moving to a new generation."""
    try:
        cache.incr(CONTENT_GENERATION_KEY)
    except ValueError:
        cache.set(CONTENT_GENERATION_KEY, 2, timeout=None)


def published_content_changed() -> None:
    """Call inside a publishing transaction: invalidate now, and again once it commits.

    The first bump keeps this process from serving what it just replaced; the second
    drops anything another request cached between that bump and the commit.
    """
    content_changed()
    transaction.on_commit(content_changed)


def announce(*, event: str, kind: str, slug: str) -> None:
    """Tell subscribers (webhooks) that content went live or was withdrawn, once the change commits."""

    def emit() -> None:
        from webhooks.services import emit_event

        emit_event(event=event, kind=kind, slug=slug)

    transaction.on_commit(emit)
