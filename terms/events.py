"""What happens when published content changes: the content clock moves, subscribers hear of it."""

from collections.abc import Iterable

from django.db import connection
from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from publishing.cache_tags import EVERYTHING, tags_of_comparison_change, tags_of_term_change, term_tag
from publishing.clock import advance_content_clock
from terms.changes import record_content_changes
from terms.index_letters import rewrite_index_letters
from terms.models import (
    Announcement,
    Comparison,
    ComparisonVersion,
    RelatedTerm,
    Term,
    TermMention,
    TermRelation,
    TermVersion,
)


def published_content_changed(
    *,
    term_ids: Iterable[int] = (),
    comparison_ids: Iterable[int] = (),
    category_ids: Iterable[int] = (),
    stale_tags: Iterable[str] = (EVERYTHING,),
) -> None:
    """Call inside the transaction that changes live content, after its writes, naming what changed.

    The change feed records what the named items (and those depending on them) now say
    and will say at their scheduled instants, the A–Z index's letters of the named terms are
    written anew (terms/index_letters.py), and the content clock moves on, all in the same
    transaction: every process sees the change from the instant it commits, and
    never before (see publishing/clock.py and publishing/changes.py). The CDN purge of
    `stale_tags` (every answer, unless told) is owed from the same commit.
    """
    term_ids = list(term_ids)
    record_content_changes(term_ids=term_ids, comparison_ids=comparison_ids, category_ids=category_ids)
    rewrite_index_letters(term_ids=term_ids)
    advance_content_clock(stale_tags=stale_tags)


def terms_linking_to(term_id: int) -> set[int]:
    """Terms whose pages may show this one: related terms, typed relations either way, successors, mentions.

    Read from working copies and live or scheduled versions. A page names only the live
    terms it links to (no unpublished id in a header), so a term going live or away must
    purge the pages that link to it by their own tags. A typed relation shows on both
    pages (the target shows the inverse), and so does a successor ("replaces").
    """
    linking = set(RelatedTerm.objects.filter(related_id=term_id).values_list("term_id", flat=True))
    linking |= set(TermRelation.objects.filter(target_id=term_id).values_list("term_id", flat=True))
    linking |= set(TermRelation.objects.filter(term_id=term_id).values_list("target_id", flat=True))
    linking |= set(Term.objects.filter(successor_id=term_id).values_list("pk", flat=True))
    linking |= set(Term.objects.filter(pk=term_id, successor__isnull=False).values_list("successor_id", flat=True))
    # Pages whose text mentions it link it while it is live (terms/mentions.py).
    now = timezone.now()
    linking |= set(
        TermMention.objects.filter(term_id=term_id, version__term__isnull=False)
        .filter(Q(version__live_until__isnull=True) | Q(version__live_until__gt=now))
        .values_list("version__term_id", flat=True)
    )
    versions = _may_name(TermVersion.objects.open_or_future(at=timezone.now()), term_id).values_list(
        "term_id", "related_term_ids", "relations", "replaced_by_term_id"
    )
    for linker, related, relations, successor in versions.iterator():
        targets = {*related, *(relation["term_id"] for relation in relations or []), successor}
        if term_id in targets:
            linking.add(linker)
        if linker == term_id:
            linking |= {target for target in targets if target is not None}
    linking.discard(term_id)
    return linking


def _may_name(versions: QuerySet[TermVersion], term_id: int) -> QuerySet[TermVersion]:
    """The term's own versions and those whose related ids, relations or successor may name it.

    Reading every open version's JSON in Python made each publication slower as the glossary
    grew. PostgreSQL answers containment exactly; SQLite's JSON has no containment lookup, so
    there the JSON text is searched for the number, and the caller checks the ids it gets.
    """
    naming = Q(term_id=term_id) | Q(replaced_by_term_id=term_id)
    if connection.features.supports_json_field_contains:
        return versions.filter(
            naming | Q(related_term_ids__contains=[term_id]) | Q(relations__contains=[{"term_id": term_id}])
        )
    digits = str(term_id)
    return versions.alias(
        related_ids_text=Cast("related_term_ids", TextField()), relations_text=Cast("relations", TextField())
    ).filter(naming | Q(related_ids_text__contains=digits) | Q(relations_text__contains=digits))


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
