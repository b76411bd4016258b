"""What happens when published content changes: the content clock moves, subscribers hear of it."""

from django.utils import timezone

from publishing.clock import advance_content_clock
from terms.models import Announcement


def published_content_changed() -> None:
    """Call inside the transaction that changes live content, after its writes.

    The content clock moves on in the same transaction, so every process sees the change
    from the instant it commits, and never before (see publishing/clock.py).
    """
    advance_content_clock()


def announce(*, event: str, kind: str, slug: str) -> None:
    """Record that content went live or was withdrawn, in the caller's transaction (the outbox).

    The row commits or rolls back with the change itself; the worker later turns it into
    webhook deliveries, so no announcement is lost to a crash between commit and callbacks.
    """
    Announcement.objects.create(event=event, kind=kind, slug=slug, occurred_at=timezone.now())
