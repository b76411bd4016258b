"""HTTP caching for the delivery API: validators, bounded Cache-Control, and the response cache.

What may be served is decided by the database alone. Every request reads the content
clock (publishing/clock.py: one row, written in the same transaction as every change to live
content) before anything else, and a stored answer is replayed only if it was made in the
clock's current generation and its own next scheduled change has not come. The cache
backend (local memory, Redis) only holds copies: losing them, or having one per process,
never changes an answer, and no client ever sees a version older than one it has seen.

A stored answer is the final response as the API's middleware left it, every header
included (as Django's UpdateCacheMiddleware keeps it). `DeliveryCacheMiddleware` stands
outermost, stores what delivery views answer and replays hits; the WSGI fast path
(api/fastpath.py) replays the same entries before Django runs. Replaying recomputes only
what depends on the instant: `max-age` (it shrinks toward the next scheduled change), and
304 for a client whose copy is current. Entries vary on the allowed Origin, not on others.
"""

import hashlib
import math
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from http import HTTPStatus
from types import SimpleNamespace

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from publishing.cache_tags import EVERYTHING, header_values
from publishing.clock import ClockReading, forget_worked_out_timelines, read_content_clock
from publishing.replica import delivery_reads

API_PREFIX = "/api/v1/"
# The management API (manage_api) answers with drafts to one token's user: never stored or replayed.
MANAGEMENT_PREFIX = "/api/v1/manage/"
VARY = "Accept, X-Preview-Token, Origin"
PREVIEW_HEADER = "HTTP_X_PREVIEW_TOKEN"
PREVIEW_PARAMETER = "preview_token"
# Where the fast path leaves the clock it read, so that Django's pass does not read it again.
CLOCK_ENVIRON_KEY = "glossary.content_clock"
# Headers a replay sets itself; everything else is replayed as stored.
_PER_REPLAY = {"cache-control", "content-length"}
_NOT_ON_304 = {"content-type", "content-length"}


@dataclass(frozen=True, slots=True)
class CachedResponse:
    """A delivery answer as sent, with what decides how long it stays true."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    etag: str | None
    last_modified: int | None
    generation: int
    next_change: datetime | None

    def max_age(self, *, now: datetime) -> int:
        """Cache lifetime that never reaches past the next scheduled change."""
        return seconds_until(self.next_change, now=now, cap=settings.GLOSSARY_CACHE_MAX_AGE)

    def is_current_for(self, *, if_none_match: str | None, if_modified_since: str | None) -> bool:
        """Whether the client's copy is this one (answer 304). If-None-Match decides first."""
        if self.status != 200 or self.etag is None:
            return False
        if if_none_match:
            tags = parse_etags(if_none_match)
            return "*" in tags or self.etag in tags or self.etag in {tag.removeprefix("W/") for tag in tags}
        since = parse_http_date_safe(if_modified_since) if if_modified_since else None
        return since is not None and self.last_modified is not None and self.last_modified <= since

    def replay(self, meta: dict, *, now: datetime) -> tuple[int, list[tuple[str, str]], bytes]:
        """(status, headers, body) answering the request described by `meta` (a WSGI environ)."""
        current = self.is_current_for(
            if_none_match=meta.get("HTTP_IF_NONE_MATCH"), if_modified_since=meta.get("HTTP_IF_MODIFIED_SINCE")
        )
        skipped = _PER_REPLAY | (_NOT_ON_304 if current else set())
        headers = [(name, value) for name, value in self.headers if name.lower() not in skipped]
        headers.append(("Cache-Control", f"public, max-age={self.max_age(now=now)}"))
        if current:
            return 304, headers, b""
        headers.append(("Content-Length", str(len(self.body))))
        return self.status, headers, b"" if meta.get("REQUEST_METHOD") == "HEAD" else self.body


def seconds_until(moment: datetime | None, *, now: datetime, cap: int | None) -> int | None:
    """Whole seconds from now until `moment`, rounded down, at most `cap` (None: no bound)."""
    if moment is None:
        return cap
    remaining = max(0, math.floor((moment - now).total_seconds()))
    return remaining if cap is None else min(cap, remaining)


def etag_of(body: bytes) -> str:
    # Names the bytes, not a secret: SHA-1 is the fastest hash here (CPU instructions), which
    # counts for the A–Z index's 600 KB.
    return '"' + hashlib.sha1(body, usedforsecurity=False).hexdigest() + '"'


def delivery_response(
    body: bytes,
    *,
    clock: ClockReading,
    status: int = 200,
    location: str | None = None,
    content_type: str = "application/json",
    tags: Iterable[str] = (),
) -> HttpResponse:
    """A public delivery answer with its validators, a Cache-Control bounded by the timeline, and its cache tags.

    The tags (`Cache-Tag`, `Surrogate-Key`: publishing/cache_tags.py) are stored and replayed
    with the other headers, so a CDN can purge a replayed answer by tag too.
    """
    response = HttpResponse(body, status=status, content_type=content_type)
    for header, value in header_values([EVERYTHING, *tags]).items():
        response[header] = value
    timeline = clock.timeline
    response["Cache-Control"] = (
        f"public, max-age={seconds_until(timeline.next_change, now=clock.at, cap=settings.GLOSSARY_CACHE_MAX_AGE)}"
    )
    response["Vary"] = VARY
    if location:
        response["Location"] = location
    if status == 200:
        last_modified = math.floor(timeline.last_change.timestamp()) if timeline.last_change else 0
        response["ETag"] = etag_of(body)
        response["Last-Modified"] = http_date(last_modified)
    # Read by DeliveryCacheMiddleware once the other middleware has finished the response.
    response.delivery_clock = clock
    return response


def _stored_from(response: HttpResponse) -> CachedResponse:
    clock: ClockReading = response.delivery_clock
    last_modified = parse_http_date_safe(response["Last-Modified"]) if response.has_header("Last-Modified") else None
    return CachedResponse(
        status=response.status_code,
        headers=tuple(response.items()),
        body=response.content,
        etag=response.get("ETag"),
        last_modified=last_modified,
        generation=clock.generation,
        next_change=clock.timeline.next_change,
    )


def is_public_delivery_request(meta: dict, *, path: str) -> bool:
    """A GET or HEAD of a delivery path without a preview token: the only answers ever shared."""
    return (
        meta.get("REQUEST_METHOD") in {"GET", "HEAD"}
        and path.startswith(API_PREFIX)
        and not path.startswith(MANAGEMENT_PREFIX)
        and not meta.get(PREVIEW_HEADER)
        and PREVIEW_PARAMETER not in meta.get("QUERY_STRING", "")
    )


# The management API (tokens, drafts) always reads the primary, as the admin does.
MANAGEMENT_PREFIX = API_PREFIX + "manage/"


def reads_from_replica(meta: dict, *, path: str) -> bool:
    """Whether this request's reads may go to the read replica: anonymous public delivery GETs only."""
    return (
        is_public_delivery_request(meta, path=path)
        and not path.startswith(MANAGEMENT_PREFIX)
        and not meta.get("HTTP_AUTHORIZATION")
    )


def is_secure(meta: dict) -> bool:
    """As Django's request.is_secure() decides it, from the environ alone."""
    header, value = settings.SECURE_PROXY_SSL_HEADER or (None, None)
    return meta.get("wsgi.url_scheme") == "https" or bool(header and meta.get(header) == value)


def _raw_host(meta: dict) -> str:
    """The host as Django's request.get_host() reads it (entries exist only for hosts Django allowed)."""
    if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in meta:
        return meta["HTTP_X_FORWARDED_HOST"]
    if "HTTP_HOST" in meta:
        return meta["HTTP_HOST"]
    host, port = meta.get("SERVER_NAME", ""), str(meta.get("SERVER_PORT", ""))
    default_port = "443" if meta.get("wsgi.url_scheme") == "https" else "80"
    return host if port in {"", default_port} else f"{host}:{port}"


def response_cache_key(meta: dict, *, path: str) -> str:
    """Where the public answer to this request is kept: one entry per URL and allowed Origin."""
    origin = meta.get("HTTP_ORIGIN", "")
    allowed_origin = origin if origin in settings.CORS_ALLOWED_ORIGINS else ""
    scheme = "https" if is_secure(meta) else "http"
    identity = f"{scheme}\n{_raw_host(meta)}\n{path}\n{meta.get('QUERY_STRING', '')}\n{allowed_origin}"
    return "glossary:response:" + hashlib.blake2b(identity.encode(), digest_size=16).hexdigest()


def allowed_by_throttle(meta: dict) -> bool:
    """The API views' anonymous rate limit, for hits; a refusal is left to Django's 429."""
    if not settings.API_THROTTLE_ANON:
        return True
    from api.throttling import AnonymousThrottle

    return AnonymousThrottle().allow_request(SimpleNamespace(META=meta, user=None), view=None)


# Hot entries kept in this process for a few seconds: a hit then reads only the clock.
# Safe for any number of processes, since every hit still checks the clock's generation.
LOCAL_ENTRIES = 512
LOCAL_SECONDS = 5
_local: OrderedDict[str, tuple[float, CachedResponse]] = OrderedDict()


def recall(key: str, *, clock: ClockReading) -> CachedResponse | None:
    """The stored answer, if it belongs to the clock's generation and is still true at its instant."""
    if not settings.GLOSSARY_SERVER_CACHE or clock.generation == 0:
        return None  # generation 0: no clock row yet, so nothing to key on
    now = clock.at.timestamp()
    kept = _local.get(key)
    if kept is not None and kept[0] > now and kept[1].generation == clock.generation:
        cached = kept[1]
    else:
        cached = cache.get(key)
        if cached is None or cached.generation != clock.generation:
            return None
        _local[key] = (now + LOCAL_SECONDS, cached)
        _local.move_to_end(key)
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)
    if cached.next_change is not None and cached.next_change <= clock.at:
        return None
    return cached


def remember(key: str, cached: CachedResponse, *, now: datetime) -> None:
    if not settings.GLOSSARY_SERVER_CACHE:
        return
    # Rounded down to whole seconds, so an entry never outlives the next scheduled change.
    timeout = seconds_until(cached.next_change, now=now, cap=settings.GLOSSARY_SERVER_CACHE_SECONDS)
    if timeout:
        cache.set(key, cached, timeout=timeout)


def lookup(meta: dict, *, path: str) -> tuple[ClockReading, CachedResponse | None]:
    """Read the clock, then the stored answer to this public request, if one holds."""
    clock = read_content_clock()
    return clock, recall(response_cache_key(meta, path=path), clock=clock)


def clock_of(request: HttpRequest) -> ClockReading:
    """The content clock this request is answered at (read once, before any content)."""
    clock = getattr(request, "delivery_clock", None) or request.META.get(CLOCK_ENVIRON_KEY)
    if clock is None:
        clock = read_content_clock()
    request.delivery_clock = clock
    return clock


class DeliveryCacheMiddleware:
    """Outermost API middleware: replays stored answers, and stores the final responses of delivery views."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        meta, path = request.META, request.path_info
        if not is_public_delivery_request(meta, path=path):
            return self.get_response(request)
        if reads_from_replica(meta, path=path):
            with delivery_reads():  # publishing/replica.py: to the replica, when there is one
                return self._answer(request, meta=meta, path=path)
        return self._answer(request, meta=meta, path=path)

    def _answer(self, request: HttpRequest, *, meta: dict, path: str) -> HttpResponse:
        if CLOCK_ENVIRON_KEY not in meta:  # the fast path, when it ran, has looked already
            clock, cached = lookup(meta, path=path)
            request.delivery_clock = clock
            if cached is not None and allowed_by_throttle(meta):
                return _as_django_response(cached.replay(meta, now=clock.at))
        response = self.get_response(request)
        if getattr(response, "delivery_clock", None) is None or response.status_code not in {200, 301}:
            return response
        if response.has_header("Set-Cookie") or response.streaming:
            return response
        stored = _stored_from(response)
        remember(response_cache_key(meta, path=path), stored, now=response.delivery_clock.at)
        return _as_django_response(stored.replay(meta, now=response.delivery_clock.at))


def _as_django_response(answer: tuple[int, list[tuple[str, str]], bytes]) -> HttpResponse:
    status, headers, body = answer
    response = HttpResponse(body, status=status, content_type=None)
    del response["Content-Type"]
    for name, value in headers:
        response[name] = value
    return response


def status_line(code: int) -> str:
    return f"{code} {HTTPStatus(code).phrase}"


# Row counts of paginated lists, per content generation and timeline span (see below).
LOCAL_COUNTS = 1024
_counts: OrderedDict[tuple, int] = OrderedDict()


def count_once_per_timeline_span(count_rows: Callable[[], int], *, key: str, clock: ClockReading) -> int:
    """`count_rows()` for a live list, counted once while live content stays as it is.

    The live rows of a list change only when content changes (a new generation) or at a
    scheduled boundary (the timeline's last change moves), so a count kept under both
    is exact. Counting 10,000 live rows costs PostgreSQL about 2 ms a page otherwise.
    """
    if clock.generation == 0:
        return count_rows()
    memo_key = (clock.generation, clock.timeline.last_change, key)
    if memo_key in _counts:
        _counts.move_to_end(memo_key)
        return _counts[memo_key]
    count = _counts[memo_key] = count_rows()
    while len(_counts) > LOCAL_COUNTS:
        _counts.popitem(last=False)
    return count


def forget_local_entries() -> None:
    """Drop this process's copies (tests; the shared cache and the clock stay as they are)."""
    _local.clear()
    _counts.clear()
    forget_worked_out_timelines()
