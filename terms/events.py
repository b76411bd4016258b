"""What happens when published content changes: the content clock moves, subscribers hear of it."""

from django.db import transaction

from publishing.clock import advance_content_clock


def published_content_changed() -> None:
    """Call inside the transaction that changes live content, after its writes.

    The content clock moves on in the same transaction, so every process sees the change
    from the instant it commits, and never before (see publishing/clock.py).
    """
    advance_content_clock()


def announce(*, event: str, kind: str, slug: str) -> None:
    """Tell subscribers (webhooks) that content went live or was withdrawn, once the change commits."""

    def emit() -> None:
        from webhooks.services import emit_event

        emit_event(event=event, kind=kind, slug=slug)

    transaction.on_commit(emit)
