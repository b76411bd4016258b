"""The API's own Django handler: the request cycle with only the middleware the API uses.

The delivery API is anonymous JSON, read-only but for POST /api/v1/ask/ (which needs no
session or CSRF token either). Sessions, CSRF, authentication, messages, history attribution
and static files do nothing for it, yet each would run on every request (about a tenth of an
uncached term page). `ApiHandler` is Django's WSGI handler
loaded with `settings.API_MIDDLEWARE`; `route_api_requests` sends `/api/` paths to it
and everything else (admin, editor uploads, static files) to the full site handler.
"""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler, get_path_info

API_PATH_PREFIX = "/api/"


class ApiHandler(WSGIHandler):
    """Django's WSGI handler with `settings.API_MIDDLEWARE` instead of `settings.MIDDLEWARE`."""

    def load_middleware(self, is_async: bool = False) -> None:
        # BaseHandler reads settings.MIDDLEWARE; it is swapped only while this handler
        # loads, at start-up, before any request is served.
        site_middleware = settings.MIDDLEWARE
        settings.MIDDLEWARE = settings.API_MIDDLEWARE
        try:
            super().load_middleware(is_async)
        finally:
            settings.MIDDLEWARE = site_middleware


def route_api_requests(*, api: Callable, site: Callable) -> Callable:
    """A WSGI application that sends API paths to `api` and every other path to `site`."""

    def application(environ: dict, start_response: Callable) -> Iterable[bytes]:
        handler = api if get_path_info(environ).startswith(API_PATH_PREFIX) else site
        return handler(environ, start_response)

    return application
