"""HTTP caching for the delivery API: ETag, Last-Modified, bounded Cache-Control, server cache.

A response may be kept (by a CDN, a browser or our own server-side cache) only until
the next instant at which live content changes, so `max-age` is cut short before the
next scheduled publication or withdrawal, and server-side entries expire then too.
Publishing moves the content generation on, which drops every server-side entry at once.
"""

import hashlib
import math
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from terms.events import content_generation
from terms.selectors import ContentTimeline, content_timeline

EPOCH = 0


@dataclass(frozen=True)
class CachedResponse:
    status: int
    body: bytes
    etag: str
    location: str | None = None


def current_timeline(*, now: datetime) -> ContentTimeline:
    """The content timeline, computed once per content generation and kept until its next change."""
    key = f"glossary:timeline:{content_generation()}"
    timeline = cache.get(key)
    if timeline is None or (timeline.next_change is not None and timeline.next_change <= now):
        timeline = content_timeline(at=now)
        # Capped, so that with a per-process cache another process's publication is seen in time.
        cap = settings.GLOSSARY_SERVER_CACHE_SECONDS
        cache.set(key, timeline, timeout=seconds_until(timeline.next_change, now=now, cap=cap))
    return timeline


def seconds_until(moment: datetime | None, *, now: datetime, cap: int | None) -> int | None:
    """Whole seconds from now until `moment`, rounded down, at most `cap` (None: no bound)."""
    if moment is None:
        return cap
    remaining = max(0, math.floor((moment - now).total_seconds()))
    return remaining if cap is None else min(cap, remaining)


def max_age(*, timeline: ContentTimeline, now: datetime) -> int:
    """Cache lifetime that never reaches past the next scheduled change."""
    return seconds_until(timeline.next_change, now=now, cap=settings.GLOSSARY_CACHE_MAX_AGE)


def response_cache_key(request: HttpRequest, timeline: ContentTimeline) -> str:
    stamp = timeline.last_change.timestamp() if timeline.last_change else EPOCH
    path = hashlib.blake2b(request.get_full_path().encode(), digest_size=16).hexdigest()
    return f"glossary:response:{content_generation()}:{stamp}:{path}"


def etag_of(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def public_response(request: HttpRequest, cached: CachedResponse, *, timeline: ContentTimeline, now: datetime):
    """A response with validators and a bounded public Cache-Control; 304 when the client is current."""
    response = HttpResponse(cached.body, status=cached.status, content_type="application/json")
    if cached.location:
        response["Location"] = cached.location
    response["Cache-Control"] = f"public, max-age={max_age(timeline=timeline, now=now)}"
    patch_vary_headers(response, ["Accept", "X-Preview-Token"])
    if cached.status != 200:
        return response
    response["ETag"] = cached.etag
    last_modified = math.floor(timeline.last_change.timestamp()) if timeline.last_change else EPOCH
    response["Last-Modified"] = http_date(last_modified)
    # If-None-Match, when sent, decides before If-Modified-Since (whole seconds only).
    return get_conditional_response(request, etag=cached.etag, last_modified=last_modified, response=response)


def remember(key: str, cached: CachedResponse, *, timeline: ContentTimeline, now: datetime) -> None:
    if not settings.GLOSSARY_SERVER_CACHE:
        return
    timeout = seconds_until(timeline.next_change, now=now, cap=settings.GLOSSARY_SERVER_CACHE_SECONDS)
    if timeout:
        cache.set(key, cached, timeout=timeout)


def recall(key: str) -> CachedResponse | None:
    if not settings.GLOSSARY_SERVER_CACHE:
        return None
    return cache.get(key)
