"""What happens when published content changes: the content clock moves, subscribers hear of it."""

from collections.abc import Iterable

from django.utils import timezone

from publishing.clock import advance_content_clock
from terms.changes import record_content_changes
from terms.models import Announcement


def published_content_changed(
    *, term_ids: Iterable[int] = (), comparison_ids: Iterable[int] = (), category_ids: Iterable[int] = ()
) -> None:
    """Call inside the transaction that changes live content, after its writes, naming what changed.

    The change feed records what the named items (and those depending on them) now say
    and will say at their scheduled instants, and the content clock moves on, both in the
    same transaction: every process sees the change from the instant it commits, and
    never before (see publishing/clock.py and publishing/changes.py).
    """
    record_content_changes(term_ids=term_ids, comparison_ids=comparison_ids, category_ids=category_ids)
    advance_content_clock()


def announce(*, event: str, kind: str, slug: str) -> None:
    """Record that content went live or was withdrawn, in the caller's transaction (the outbox).

    The row commits or rolls back with the change itself; the worker later turns it into
    webhook deliveries, so no announcement is lost to a crash between commit and callbacks.
    """
    Announcement.objects.create(event=event, kind=kind, slug=slug, occurred_at=timezone.now())
