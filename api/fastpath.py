"""Replay stored API answers before Django's request cycle runs.

A stored answer is the final response, every header included (api/caching.py), so a hit
needs the content clock (one indexed read) and one cache read: no URL resolving,
middleware or view. Anything else (a miss, a preview token, a write, a throttled client,
a redirect to HTTPS) goes on to Django unchanged, with the clock already read, and
Django's `DeliveryCacheMiddleware` stores what the view answers.
"""

import logging
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.handlers.wsgi import get_path_info
from django.db import DatabaseError

from api.caching import (
    CLOCK_ENVIRON_KEY,
    allowed_by_throttle,
    is_public_delivery_request,
    is_secure,
    lookup,
    reads_from_replica,
    status_line,
)
from publishing.replica import delivery_reads

logger = logging.getLogger(__name__)


class CachedApiResponses:
    """WSGI middleware in front of the Django application."""

    def __init__(self, application: Callable) -> None:
        self.application = application

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        answer = self.from_cache(environ)
        if answer is None:
            return self.application(environ, start_response)
        status, headers, body = answer
        start_response(status_line(status), headers)
        return [body]

    def from_cache(self, environ: dict) -> tuple[int, list[tuple[str, str]], bytes] | None:
        path = get_path_info(environ)
        if not settings.GLOSSARY_SERVER_CACHE or not is_public_delivery_request(environ, path=path):
            return None
        if settings.SECURE_SSL_REDIRECT and not is_secure(environ):
            return None
        try:
            if reads_from_replica(environ, path=path):
                with delivery_reads():
                    clock, cached = lookup(environ, path=path)
            else:
                clock, cached = lookup(environ, path=path)
        except DatabaseError:
            # Django answers instead, and its request cycle mends the broken connection.
            logger.warning("Content clock unreadable; answering through Django", exc_info=True)
            return None
        environ[CLOCK_ENVIRON_KEY] = clock
        if cached is None or not allowed_by_throttle(environ):
            return None
        return cached.replay(environ, now=clock.at)
