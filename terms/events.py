"""What happens when published content changes: the content clock moves, subscribers hear of it."""

from collections.abc import Iterable

from django.utils import timezone

from publishing.cache_tags import EVERYTHING, tags_of_comparison_change, tags_of_term_change, term_tag
from publishing.clock import advance_content_clock
from terms.models import Announcement, Comparison, ComparisonVersion, RelatedTerm, Term, TermVersion


def published_content_changed(*, stale_tags: Iterable[str] = (EVERYTHING,)) -> None:
    """Call inside the transaction that changes live content, after its writes.

    The content clock moves on in the same transaction, so every process sees the change
    from the instant it commits, and never before (see publishing/clock.py); the CDN purge
    of `stale_tags` (every answer, unless told) is owed from the same commit.
    """
    advance_content_clock(stale_tags=stale_tags)


def terms_linking_to(term_id: int) -> set[int]:
    """Terms whose pages may list this one as related: by their working copy or a live or scheduled version.

    A page names only the live terms it links to (no unpublished id in a header), so a term
    going live or away must purge the pages that link to it by their own tags.
    """
    linking = set(RelatedTerm.objects.filter(related_id=term_id).values_list("term_id", flat=True))
    # related_term_ids is a JSON list: searched here, since SQLite's JSON has no containment lookup.
    versions = TermVersion.objects.open_or_future(at=timezone.now()).values_list("term_id", "related_term_ids")
    linking |= {linker for linker, related in versions.iterator() if term_id in related}
    linking.discard(term_id)
    return linking


def stale_tags_of(item: Term | Comparison, *, versions: Iterable[ComparisonVersion | None] = ()) -> list[str]:
    """The cache tags a change to this term or comparison outdates (publishing/cache_tags.py).

    A comparison's published `versions` may name other terms than its working copy does
    now: their pages listed it, so they are stale too.
    """
    if isinstance(item, Term):
        return [*tags_of_term_change(item.pk), *map(term_tag, sorted(terms_linking_to(item.pk)))]
    term_ids = {item.term_a_id, item.term_b_id}
    for version in versions:
        if version is not None:
            term_ids |= {version.term_a_id, version.term_b_id}
    return tags_of_comparison_change(item.pk, term_ids=sorted(term_ids))


def announce(*, event: str, kind: str, slug: str) -> None:
    """Record that content went live or was withdrawn, in the caller's transaction (the outbox).

    The row commits or rolls back with the change itself; the worker later turns it into
    webhook deliveries, so no announcement is lost to a crash between commit and callbacks.
    """
    Announcement.objects.create(event=event, kind=kind, slug=slug, occurred_at=timezone.now())
