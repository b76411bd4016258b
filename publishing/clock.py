"""The content clock: what every cached delivery answer is keyed on, kept in the database.

One row (`ContentClock`) holds the content generation and the timeline around the last
write: when live content last changed and when it next changes by schedule. Every service
that changes what the public may see (publication, withdrawal, schedules, deletes,
category edits) calls `advance_content_clock()` inside its own transaction, so the row
commits with the change or not at all, and every process of any deployment reads it.

A request reads the clock once, before any content (`read_content_clock`). An answer
cached in another generation is never replayed, so a change that committed before a
request began is always seen, whatever cache backend holds the copies; and an answer is
never kept past the next scheduled change of its timeline. Between a scheduled instant
and the worker's next write, readers work the timeline out themselves (`timeline_at`).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from django.apps import apps
from django.db import connections, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from publishing.cache_tags import EVERYTHING
from publishing.compiled import fetch_on_driver_cursor
from publishing.models import ContentClock, StaleContent
from publishing.replica import REPLICA, delivery_read_alias, replica_configured

# The published models of the content apps, by label (as string foreign keys name them):
# the content apps build on this one, so it cannot import them.
PUBLISHED_MODELS = ("terms.TermVersion", "terms.ComparisonVersion", "faqs.PublishedFAQ")


@dataclass(frozen=True, slots=True)
class ContentTimeline:
    """When live content last changed before an instant, and when it next will."""

    last_change: datetime | None
    next_change: datetime | None

    def holds_at(self, at: datetime) -> bool:
        """Whether nothing scheduled has changed live content between this timeline and `at`."""
        return self.next_change is None or at < self.next_change


def content_timeline(*, at: datetime, using: str = "default") -> ContentTimeline:
    """The last and next instants at which any published content appears or disappears.

    Publication, withdrawal and schedules are all boundaries of live windows, so these
    two instants bound every response: Last-Modified is the last one, and no cache may
    keep a response past the next one. Each bound is its own ordered, limited subquery,
    which an index on the column answers with one probe (an aggregate with filters would
    read every published row, under the clock's lock, on every publication).
    """
    parts, params = [], []
    for label in PUBLISHED_MODELS:
        published = apps.get_model(label).objects.using(using)
        for column in ("live_from", "live_until"):
            for bounds, order in ((f"{column}__lte", f"-{column}"), (f"{column}__gt", column)):
                nearest = published.filter(**{bounds: at}).order_by(order).values(column)[:1]
                sql, part_params = nearest.query.get_compiler(using=using).as_sql()
                parts.append(f"({sql})")
                params.extend(part_params)
    (row,) = fetch_on_driver_cursor(connections[using], "SELECT " + ", ".join(parts), params)
    moments = [_as_moment(value) for value in row]
    # Each model gave (last from, next from, last until, next until), in that order.
    lasts = moments[0::2]
    nexts = moments[1::2]
    return ContentTimeline(
        last_change=max((t for t in lasts if t), default=None),
        next_change=min((t for t in nexts if t), default=None),
    )


@dataclass(frozen=True, slots=True)
class ClockReading:
    """The clock as one request read it, at the instant `at` the request is answered for."""

    at: datetime
    generation: int
    timeline: ContentTimeline


def lock_content_clock() -> datetime:
    """Lock the clock's row until the caller's transaction ends, and read the time after the lock.

    Every change to live content takes this lock before it commits, so its holders commit
    one after another: what is written under it (the clock, the change feed's positions)
    follows commit order.
    """
    if not transaction.get_connection().in_atomic_block:
        raise transaction.TransactionManagementError("lock_content_clock() needs a transaction to hold the lock.")
    if not ContentClock.objects.select_for_update().filter(pk=1).exists():
        ContentClock.objects.bulk_create([ContentClock(pk=1)], ignore_conflicts=True)
        ContentClock.objects.select_for_update().filter(pk=1).exists()
    return timezone.now()


def advance_content_clock(*, stale_tags: Iterable[str] = (EVERYTHING,)) -> None:
    """Move the clock on: call inside the transaction that changes live content, after its writes.

    `stale_tags` name the cached answers the change outdates (publishing/cache_tags.py); the
    purge they owe the CDN is recorded in the same transaction. Left out, everything is purged.
    """
    with transaction.atomic():
        # Locks before clocks: with the row locked, the timeline read below sees every
        # change committed before ours, so a concurrent schedule is never left out of it.
        now = lock_content_clock()
        timeline = content_timeline(at=now)
        ContentClock.objects.filter(pk=1).update(
            generation=F("generation") + 1,
            last_change=timeline.last_change,
            next_change=timeline.next_change,
            written_at=now,
        )
        generation = ContentClock.objects.filter(pk=1).values_list("generation", flat=True).get()
        StaleContent.objects.create(tags=list(dict.fromkeys(stale_tags)), generation=generation, occurred_at=now)


def _clock_sql(vendor: str) -> str:
    table = ContentClock._meta.db_table
    if vendor == "postgresql":
        # As text, parsed once per value below: the driver's timestamp loader costs more than the read.
        columns = '"generation", "last_change"::text, "next_change"::text'
    else:
        columns = '"generation", "last_change", "next_change"'
    return f'SELECT {columns} FROM "{table}" WHERE "id" = 1'  # noqa: S608 -- our own table name


def _fetch_clock_row(using: str | None = None) -> tuple | None:
    """The clock row (every request reads it, so on the driver's own cursor), from delivery's database by default."""
    connection = connections[using or delivery_read_alias()]
    rows = fetch_on_driver_cursor(connection, _clock_sql(connection.vendor))
    if not rows:
        return None
    generation, last_change, next_change = rows[0]
    return generation, _as_moment(last_change), _as_moment(next_change)


def _as_moment(value: datetime | str | None) -> datetime | None:
    """An aware datetime from what the driver answers: text (PostgreSQL above, SQLite) or a naive UTC one."""
    if isinstance(value, str):
        return _parsed_moment(value)
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


@lru_cache(maxsize=64)
def _parsed_moment(text: str) -> datetime:
    # The clock's instants change only when content does, so each text is parsed once.
    moment = parse_datetime(text)
    if moment is None:
        raise ValueError(f"Unreadable content clock instant {text!r}")
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def delivery_generation() -> int | None:
    """The content generation the public API serves now: the replica's when there is one."""
    row = _fetch_clock_row(using=REPLICA if replica_configured() else "default")
    return row[0] if row else None


# This process's timeline for a generation whose stored next change has passed (a
# scheduled instant came and no write has moved the clock since): worked out once.
_worked_out: dict[int, ContentTimeline] = {}


def read_content_clock(*, at: datetime | None = None) -> ClockReading:
    """The clock as committed now (one indexed read), with the timeline that holds at `at`."""
    at = at or timezone.now()
    row = _fetch_clock_row()
    if row is None:
        # Nothing has changed since the database was made: no generation to trust for long.
        return ClockReading(at=at, generation=0, timeline=content_timeline(at=at))
    generation, last_change, next_change = row
    stored = ContentTimeline(last_change=last_change, next_change=next_change)
    return ClockReading(at=at, generation=generation, timeline=timeline_at(stored, generation=generation, at=at))


def timeline_at(stored: ContentTimeline, *, generation: int, at: datetime) -> ContentTimeline:
    """The stored timeline while it holds; past its next change, the one worked out for `at`."""
    if stored.holds_at(at):
        return stored
    known = _worked_out.get(generation)
    if known is not None and known.holds_at(at) and (known.last_change is None or known.last_change <= at):
        return known
    worked_out = content_timeline(at=at)
    _worked_out.clear()
    _worked_out[generation] = worked_out
    return worked_out


def forget_worked_out_timelines() -> None:
    """Drop this process's worked-out timelines (tests)."""
    _worked_out.clear()
