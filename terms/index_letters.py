"""The A–Z index, written at publication: one listing per letter and stretch of time between changes.

Reading every live term on every request of `/api/v1/index/` cost a scan of the whole
glossary. Instead, each change to live content rewrites the listings of the letters its
terms are filed under, in the same transaction: for the stretch that holds now and for
every scheduled instant to come (a go-live, a withdrawal), each listing built from the one
live rule (`TermVersion.objects.live`). A request then reads the few listings whose window
holds its instant. Nothing here is a cache: the rows change with the content, under the
content clock's lock, and are as exact at a scheduled instant as the versions themselves.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db.models import Max, Q, QuerySet
from django.db.models.functions import Lower

from publishing.clock import lock_content_clock
from terms.models import IndexLetterListing, TermVersion

# A change commits within this long of the instant it took (publish_term takes it after its
# row lock, then renders and writes before it commits).
LONGEST_CHANGE = timedelta(hours=1)
# Listings that ended this long ago are no longer read by any request, and are dropped.
KEPT_HISTORY = timedelta(days=1)


def rewrite_index_letters(*, term_ids: Iterable[int]) -> None:
    """Rewrite the listings of the letters the terms' versions are filed under, inside the change's transaction."""
    term_ids = list(term_ids)
    if not term_ids:
        return
    now = lock_content_clock()
    named = TermVersion.objects.filter(term_id__in=term_ids)
    letters = set(named.values_list("index_letter", flat=True))
    for letter in sorted(letters):
        _rewrite_letter(letter, since=_took_effect(named, now=now), now=now)


def _took_effect(named: QuerySet[TermVersion], *, now: datetime) -> datetime:
    """When this change took effect: the earliest of the named terms' latest instants up to now.

    A publication takes its instant before it commits (after its row lock), so the listings
    are rewritten from there, not from the commit. A term's older instants were written by
    earlier changes, whose listings stand.
    """
    latest = named.values("term_id").annotate(
        last_from=Max("live_from", filter=Q(live_from__lte=now)),
        last_until=Max("live_until", filter=Q(live_until__lte=now)),
    )
    instants = [
        max(t for t in (row["last_from"], row["last_until"]) if t is not None)
        for row in latest
        if row["last_from"] or row["last_until"]
    ]
    recent = [instant for instant in instants if instant >= now - LONGEST_CHANGE]
    return min([*recent, now])


def _rewrite_letter(letter: str, *, since: datetime, now: datetime) -> None:
    filed = TermVersion.objects.filter(index_letter=letter)
    # The listing that holds at `since` starts at the letter's last change at or before it.
    started = filed.filter(live_from__lte=since).order_by("-live_from").values_list("live_from", flat=True).first()
    ended = filed.filter(live_until__lte=since).order_by("-live_until").values_list("live_until", flat=True).first()
    start = max((t for t in (started, ended) if t is not None), default=since)
    instants = {start}
    instants.update(filed.filter(live_from__gt=start).values_list("live_from", flat=True))
    instants.update(filed.filter(live_until__gt=start).values_list("live_until", flat=True))
    listings = IndexLetterListing.objects.filter(letter=letter)
    listings.filter(live_from__gte=start).delete()
    listings.filter(Q(live_until__isnull=True) | Q(live_until__gt=start)).update(live_until=start)
    listings.filter(live_until__lt=now - KEPT_HISTORY).delete()
    ordered = sorted(instants)
    rows = []
    for begins, ends in zip(ordered, [*ordered[1:], None], strict=True):
        entries = (
            TermVersion.objects.live(at=begins)
            .filter(index_letter=letter)
            .order_by(Lower("name"), "id")
            .values_list("index_entry", flat=True)
        )
        rows.append(IndexLetterListing(letter=letter, live_from=begins, live_until=ends, entries=_json_array(entries)))
    IndexLetterListing.objects.bulk_create([row for row in _merged(rows) if row.entries != "[]"])


def _merged(rows: list[IndexLetterListing]) -> list[IndexLetterListing]:
    """Neighbouring listings with the same entries as one (an instant that changed other letters only)."""
    merged: list[IndexLetterListing] = []
    for row in rows:
        if merged and merged[-1].entries == row.entries:
            merged[-1].live_until = row.live_until
        else:
            merged.append(row)
    return merged


def _json_array(entries: Iterable[str]) -> str:
    return "[" + ",".join(entries) + "]"
