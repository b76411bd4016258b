"""HTTP caching for the delivery API: ETag, Last-Modified, bounded Cache-Control, server cache.

A response may be kept (by a CDN, a browser or our own server-side cache) only until
the next instant at which live content changes, so `max-age` is cut short before the
next scheduled publication or withdrawal, and server-side entries expire then too.
Publishing moves the content generation on; an entry made in an older generation is
never served again (both are read in one cache round trip).

A cached entry carries everything needed to answer with it (body, validators, when it
stops being true), so both the Django view and the WSGI fast path (api/fastpath.py)
answer from it identically.
"""

import hashlib
import math
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from terms.events import content_generation, recent_content_generation
from terms.selectors import ContentTimeline, content_timeline

EPOCH = 0
VARY = "Accept, X-Preview-Token, Origin"


@dataclass(frozen=True)
class CachedResponse:
    status: int
    body: bytes
    etag: str
    last_modified: int
    next_change: datetime | None
    generation: int
    location: str | None = None

    def max_age(self, *, now: datetime) -> int:
        """Cache lifetime that never reaches past the next scheduled change."""
        return seconds_until(self.next_change, now=now, cap=settings.GLOSSARY_CACHE_MAX_AGE)

    def headers(self, *, now: datetime) -> dict[str, str]:
        headers = {
            "Content-Type": "application/json",
            "Cache-Control": f"public, max-age={self.max_age(now=now)}",
            "Vary": VARY,
        }
        if self.location:
            headers["Location"] = self.location
        if self.status == 200:
            headers["ETag"] = self.etag
            headers["Last-Modified"] = http_date(self.last_modified)
        return headers

    def is_current_for(self, *, if_none_match: str | None, if_modified_since: str | None) -> bool:
        """Whether the client's copy is this one (answer 304). If-None-Match decides first."""
        if self.status != 200:
            return False
        if if_none_match:
            tags = parse_etags(if_none_match)
            return "*" in tags or self.etag in tags or self.etag in {tag.removeprefix("W/") for tag in tags}
        since = parse_http_date_safe(if_modified_since) if if_modified_since else None
        return since is not None and self.last_modified <= since


def make_cached_response(
    *, status: int, body: bytes, timeline: ContentTimeline, generation: int, location: str | None = None
) -> CachedResponse:
    """`generation` must be read before the content was: then a publication meanwhile makes the entry stale."""
    last_modified = math.floor(timeline.last_change.timestamp()) if timeline.last_change else EPOCH
    return CachedResponse(
        status=status,
        body=body,
        etag=etag_of(body),
        last_modified=last_modified,
        next_change=timeline.next_change,
        generation=generation,
        location=location,
    )


def current_generation() -> int:
    """The content generation as this process last read it (at most the recheck interval ago)."""
    generation = recent_content_generation(within_seconds=settings.GLOSSARY_GENERATION_RECHECK_SECONDS)
    return content_generation() if generation is None else generation


# This process's copy of the timeline of one generation: the shared copy costs a cache
# round trip, and every uncached response needs it.
_local_timeline: dict = {"generation": None, "timeline": None, "until": 0.0}


def current_timeline(*, now: datetime, generation: int) -> ContentTimeline:
    """The content timeline, computed once per content generation and kept until its next change."""
    kept = _local_timeline["generation"] == generation and _local_timeline["until"] > time.monotonic()
    timeline = _local_timeline["timeline"] if kept else None
    if timeline is None or not timeline.holds_at(now):
        key = f"glossary:timeline:{generation}"
        timeline = cache.get(key)
        if timeline is None or not timeline.holds_at(now):
            timeline = content_timeline(at=now)
            # Capped, so that with a per-process cache another process's publication is seen in time.
            cap = settings.GLOSSARY_SERVER_CACHE_SECONDS
            cache.set(key, timeline, timeout=seconds_until(timeline.next_change, now=now, cap=cap))
        until = time.monotonic() + settings.GLOSSARY_GENERATION_RECHECK_SECONDS
        _local_timeline.update(generation=generation, timeline=timeline, until=until)
    return timeline


# Row counts of paginated lists, per content generation and timeline span (see below).
LOCAL_COUNTS = 1024
_counts: OrderedDict[tuple, int] = OrderedDict()


def count_once_per_timeline_span(
    count_rows: Callable[[], int], *, key: str, generation: int, timeline: ContentTimeline
) -> int:
    """`count_rows()` for a live list, counted once while live content stays as it is.

    The live rows of a list change only when content changes (a new generation) or at a
    scheduled boundary (the timeline's last change moves), so a count kept under both
    is exact. Counting 10,000 live rows costs PostgreSQL about 2 ms a page otherwise.
    """
    memo_key = (generation, timeline.last_change, key)
    if memo_key in _counts:
        _counts.move_to_end(memo_key)
        return _counts[memo_key]
    count = _counts[memo_key] = count_rows()
    while len(_counts) > LOCAL_COUNTS:
        _counts.popitem(last=False)
    return count


def seconds_until(moment: datetime | None, *, now: datetime, cap: int | None) -> int | None:
    """Whole seconds from now until `moment`, rounded down, at most `cap` (None: no bound)."""
    if moment is None:
        return cap
    remaining = max(0, math.floor((moment - now).total_seconds()))
    return remaining if cap is None else min(cap, remaining)


def response_cache_key(*, host: str, path: str, query_string: str) -> str:
    """Where the public response to a URL is kept (one entry per URL, replaced when stale)."""
    address = hashlib.blake2b(f"{host}\n{path}\n{query_string}".encode(), digest_size=16).hexdigest()
    return f"glossary:response:{address}"


def etag_of(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def remember(key: str, cached: CachedResponse, *, now: datetime) -> None:
    if not settings.GLOSSARY_SERVER_CACHE:
        return
    # Rounded down to whole seconds, so an entry never outlives the next scheduled change.
    timeout = seconds_until(cached.next_change, now=now, cap=settings.GLOSSARY_SERVER_CACHE_SECONDS)
    if timeout:
        cache.set(key, cached, timeout=timeout)


# Hot entries kept in this process for a few seconds, so a hit reads only the small
# generation number from the shared cache, not the whole response.
LOCAL_ENTRIES = 512
LOCAL_SECONDS = 5
_local: OrderedDict[str, tuple[float, CachedResponse]] = OrderedDict()


def forget_local_entries() -> None:
    """Drop this process's copies of hot entries (tests; the shared cache stays as it is)."""
    _local.clear()
    _counts.clear()
    _local_timeline.update(generation=None, timeline=None, until=0.0)


def recall(key: str, *, now: datetime | None = None) -> CachedResponse | None:
    """The cached response, if it belongs to the current content generation and is still true."""
    if not settings.GLOSSARY_SERVER_CACHE:
        return None
    now = now or timezone.now()
    generation = recent_content_generation(within_seconds=settings.GLOSSARY_GENERATION_RECHECK_SECONDS)
    if generation is None:
        return None
    kept = _local.get(key)
    if kept is not None and kept[0] > now.timestamp() and kept[1].generation == int(generation):
        cached = kept[1]
    else:
        cached = cache.get(key)
        if cached is None or cached.generation != int(generation):
            return None
        _local[key] = (now.timestamp() + LOCAL_SECONDS, cached)
        _local.move_to_end(key)
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)
    if cached.next_change is not None and cached.next_change <= now:
        return None
    return cached
