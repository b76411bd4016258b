"""The change feed: what went live, changed or left the public API, in an order no reader can skip.

Writing. Each content app describes an item's public life as spans (`ItemTimeline`: from
when, until when, under which slug, in which revision), worked out from the published
versions' live windows. `record_item_changes()` compares that with what the feed has
already said about the item and records the difference as `ContentChange` rows:
`published`, `updated`, `withdrawn`, and `redirected` (old slug → new slug, followed by
`published` for the new slug). It runs in the transaction that changes the windows, with
the content clock's row locked (the same lock `advance_content_clock` takes), so:

- **Positions follow commit order.** Writers hold the lock until they commit, so a row's
  `position` (the highest one + 1, read under the lock) is higher than every position
  committed before it, whatever its `at`. A publication that read its time first but
  commits second gets the higher position.
- **Scheduled changes are recorded ahead, dated at their instant.** A go-live or a
  withdrawal at 10:00 is a row with `at` = 10:00, hidden from readers until then. Rows
  still in the future are worked out again on every later change to the item (a
  cancelled or replaced schedule takes its row away before anyone could read it).

Reading (`changes_page`). A reader at instant R sees the committed rows with `at` ≤ R.
A cursor says exactly which rows its holder has been given: all rows with position ≤ N
and `at` ≤ R, plus, inside a batch cut into pages, those with position ≤ N2 up to one row
in (`at`, position) order. The next read gives every row it may see that is not in that
set: rows committed since (position > N, whatever their `at`) and rows already committed
whose instant has come since (`at` > R). A change that commits late with an early time,
or a schedule that comes due, is therefore given out later, never skipped, and nothing
is given twice. Within a read, rows come oldest first by (`at`, position).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.db.models import Max, Q

from publishing.clock import lock_content_clock
from publishing.models import ContentChange

Kind = ContentChange.Kind
Action = ContentChange.Action


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of time during which an item is public in one state."""

    start: datetime
    end: datetime | None  # exclusive; None while open
    slug: str
    revision: str

    def holds_at(self, at: datetime) -> bool:
        return self.start <= at and (self.end is None or at < self.end)


@dataclass(frozen=True, slots=True)
class ItemTimeline:
    """An item's public life, as the live windows say it will be: spans that do not overlap."""

    kind: str
    item_id: int
    spans: list[Span] = field(default_factory=list)
    # Whether an old slug of this kind answers with a redirect (terms, comparisons), or is simply gone.
    redirects: bool = True

    def state_at(self, at: datetime) -> tuple[str, str] | None:
        for span in self.spans:
            if span.holds_at(at):
                return span.slug, span.revision
        return None

    def boundaries(self) -> list[datetime]:
        return sorted({moment for span in self.spans for moment in (span.start, span.end) if moment is not None})


def windows_intersection(
    first: list[tuple[datetime, datetime | None]], second: list[tuple[datetime, datetime | None]]
) -> list[tuple[datetime, datetime | None]]:
    """The stretches of time inside a window of `first` and a window of `second` (half-open windows)."""
    overlaps = []
    for start_a, end_a in first:
        for start_b, end_b in second:
            start = max(start_a, start_b)
            ends = [end for end in (end_a, end_b) if end is not None]
            end = min(ends) if ends else None
            if end is None or start < end:
                overlaps.append((start, end))
    return sorted(overlaps, key=lambda window: window[0])


def windows_union(windows: Iterable[tuple[datetime, datetime | None]]) -> list[tuple[datetime, datetime | None]]:
    """Windows merged where they overlap or touch."""
    merged: list[tuple[datetime, datetime | None]] = []
    for start, end in sorted((w for w in windows if w[1] is None or w[0] < w[1]), key=lambda window: window[0]):
        if merged and (merged[-1][1] is None or start <= merged[-1][1]):
            last_start, last_end = merged[-1]
            merged[-1] = (last_start, None if end is None or last_end is None else max(end, last_end))
        else:
            merged.append((start, end))
    return merged


def _transition(
    before: tuple[str, str] | None, after: tuple[str, str] | None, *, redirects: bool
) -> list[tuple[str, str, str]]:
    """(action, slug, new_slug) rows that take a reader from `before` to `after`."""
    if before == after:
        return []
    if before is None:
        return [(Action.PUBLISHED, after[0], "")]
    if after is None:
        return [(Action.WITHDRAWN, before[0], "")]
    if before[0] == after[0]:
        return [(Action.UPDATED, after[0], "")]
    if redirects:
        return [(Action.REDIRECTED, before[0], after[0]), (Action.PUBLISHED, after[0], "")]
    return [(Action.WITHDRAWN, before[0], ""), (Action.PUBLISHED, after[0], "")]


def _said_state(entry: ContentChange | None) -> tuple[str, str] | None:
    if entry is None or entry.action not in {Action.PUBLISHED, Action.UPDATED}:
        return None
    return entry.slug, entry.revision


@transaction.atomic
def record_item_changes(timelines: Iterable[ItemTimeline], *, now: datetime) -> None:
    """Record what the feed has not said yet about each item; call with the clock locked (`lock_content_clock`).

    Rows already due stay as they are (readers may have them); rows still to come are
    worked out again from the timeline. A change the feed missed at its instant (an item
    whose state another transaction changed under it) is recorded as of `now`.
    """
    rows: list[ContentChange] = []
    for timeline in timelines:
        said = ContentChange.objects.filter(kind=timeline.kind, item_id=timeline.item_id)
        said.filter(at__gt=now).delete()
        last = said.order_by("-at", "-position").first()
        state = _said_state(last)
        boundaries = timeline.boundaries()
        current = timeline.state_at(now)
        if current != state:
            passed = [moment for moment in boundaries if moment <= now]
            # Dated at the window boundary that made it, unless the feed already spoke after it.
            at = passed[-1] if passed and (last is None or passed[-1] > last.at) else now
            rows += _rows(timeline, state, current, at=at, now=now)
            state = current
        for moment in (m for m in boundaries if m > now):
            upcoming = timeline.state_at(moment)
            rows += _rows(timeline, state, upcoming, at=moment, now=now)
            state = upcoming
    if rows:
        highest = ContentChange.objects.aggregate(highest=Max("position"))["highest"] or 0
        for offset, row in enumerate(rows, start=1):
            row.position = highest + offset
        ContentChange.objects.bulk_create(rows)


def _rows(
    timeline: ItemTimeline,
    before: tuple[str, str] | None,
    after: tuple[str, str] | None,
    *,
    at: datetime,
    now: datetime,
) -> list[ContentChange]:
    revision = after[1] if after else ""
    return [
        ContentChange(
            kind=timeline.kind,
            item_id=timeline.item_id,
            action=action,
            slug=slug,
            new_slug=new_slug,
            revision=revision if action in {Action.PUBLISHED, Action.UPDATED} else "",
            at=at,
            recorded_at=now,
        )
        for action, slug, new_slug in _transition(before, after, redirects=timeline.redirects)
    ]


def record_changes_of(timelines_of: Callable[[datetime], Iterable[ItemTimeline]]) -> None:
    """Lock the content clock, then record the changes of the timelines `timelines_of(now)` works out.

    The timelines are worked out after the lock is taken, so they see every change that
    committed before this one (locks before clocks, as in `advance_content_clock`).
    """
    with transaction.atomic():
        now = lock_content_clock()
        record_item_changes(timelines_of(now), now=now)


def last_said(*, kind: str, item_ids: Iterable[int], now: datetime) -> dict[int, datetime]:
    """When the feed last spoke of each item, as of `now`: windows that ended before then cannot change it."""
    rows = (
        ContentChange.objects.filter(kind=kind, item_id__in=list(item_ids), at__lte=now)
        .values("item_id")
        .annotate(last=Max("at"))
        .values_list("item_id", "last")
    )
    return dict(rows)


# --- Reading ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FeedCursor:
    """Which rows a reader has been given (see the module docstring); the start of the feed by default.

    Given: position ≤ `position` and `at` ≤ `seen_until` (None: nothing), plus, inside a
    batch, position ≤ `batch_position` up to (`after_at`, `after_position`).
    """

    seen_until: datetime | None = None
    position: int = 0
    batch_position: int | None = None
    after_at: datetime | None = None
    after_position: int | None = None


@dataclass(frozen=True, slots=True)
class FeedPage:
    changes: list[tuple[ContentChange, FeedCursor]]
    next_cursor: FeedCursor
    has_more: bool


def changes_page(*, cursor: FeedCursor, at: datetime, limit: int) -> FeedPage:
    """The next rows a reader holding `cursor` may see at `at`, oldest first, with each row's own cursor."""
    batch_position = cursor.batch_position
    if batch_position is None:
        batch_position = ContentChange.objects.aggregate(highest=Max("position"))["highest"] or 0
    rows = ContentChange.objects.filter(position__lte=batch_position, at__lte=at)
    if cursor.seen_until is not None:
        rows = rows.filter(Q(position__gt=cursor.position) | Q(at__gt=cursor.seen_until))
    if cursor.after_at is not None:
        rows = rows.filter(Q(at__gt=cursor.after_at) | Q(at=cursor.after_at, position__gt=cursor.after_position))
    found = list(rows.order_by("at", "position")[: limit + 1])
    has_more = len(found) > limit
    found = found[:limit]
    changes = []
    for index, row in enumerate(found):
        last_of_batch = not has_more and index == len(found) - 1
        if last_of_batch:
            own = _collapsed(cursor, latest=row.at, batch_position=batch_position)
        else:
            own = FeedCursor(cursor.seen_until, cursor.position, batch_position, row.at, row.position)
        changes.append((row, own))
    if changes:
        next_cursor = changes[-1][1]
    else:
        next_cursor = _collapsed(cursor, latest=cursor.after_at, batch_position=batch_position)
    return FeedPage(changes=changes, next_cursor=next_cursor, has_more=has_more)


def _collapsed(cursor: FeedCursor, *, latest: datetime | None, batch_position: int) -> FeedCursor:
    """The cursor once a whole batch is given: everything up to its position, due by its latest row.

    No row of the batch is due between its latest row and the read (it would have been
    given), so the latest row's instant says the same as the read's and keeps the answer
    the same for every request until content changes.
    """
    moments = [moment for moment in (cursor.seen_until, latest) if moment is not None]
    seen_until = max(moments) if moments else None
    return FeedCursor(seen_until=seen_until, position=batch_position)
