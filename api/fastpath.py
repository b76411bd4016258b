"""Answer API requests from the server-side cache before Django's request cycle runs.

A cached public response is already complete (body, validators, its expiry), so a hit
needs two cache reads and no database, URL resolving, middleware or view. Anything
else (a miss, a preview token, a write, throttled clients, a redirect to HTTPS, a host
that is not allowed) goes on to Django unchanged, and Django fills the cache. Headers are
the ones the Django path sends, including CORS and the security headers.
"""

from collections.abc import Callable, Iterable
from http import HTTPStatus
from types import SimpleNamespace

from django.conf import settings
from django.core.handlers.wsgi import get_path_info
from django.utils import timezone

from api.caching import recall, response_cache_key

API_PREFIX = "/api/v1/"
CORS_HEADERS_EXPOSED = ", ".join(settings.CORS_EXPOSE_HEADERS)


def _status_line(code: int) -> str:
    return f"{code} {HTTPStatus(code).phrase}"


class CachedApiResponses:
    """WSGI middleware in front of the Django application."""

    def __init__(self, application: Callable) -> None:
        self.application = application

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        answer = self.from_cache(environ)
        if answer is None:
            return self.application(environ, start_response)
        status, headers, body = answer
        start_response(status, headers)
        return [body]

    def from_cache(self, environ: dict) -> tuple[str, list[tuple[str, str]], bytes] | None:
        method = environ.get("REQUEST_METHOD")
        path = get_path_info(environ)
        if method not in {"GET", "HEAD"} or not path.startswith(API_PREFIX) or not settings.GLOSSARY_SERVER_CACHE:
            return None
        query = environ.get("QUERY_STRING", "")
        if environ.get("HTTP_X_PREVIEW_TOKEN") or "preview_token" in query:
            return None
        if settings.SECURE_SSL_REDIRECT and not self._is_secure(environ):
            return None
        cached = recall(response_cache_key(host=self._host(environ), path=path, query_string=query))
        if cached is None or not self._allowed_by_throttle(environ):
            return None
        now = timezone.now()
        current = cached.is_current_for(
            if_none_match=environ.get("HTTP_IF_NONE_MATCH"),
            if_modified_since=environ.get("HTTP_IF_MODIFIED_SINCE"),
        )
        headers = cached.headers(now=now)
        if current:
            headers.pop("Content-Type")
        headers.update(self._cors_headers(environ))
        headers.update(self._security_headers(environ))
        body = b"" if current or method == "HEAD" else cached.body
        if not current:
            headers["Content-Length"] = str(len(cached.body))
        return _status_line(304 if current else cached.status), list(headers.items()), body

    @staticmethod
    def _host(environ: dict) -> str:
        """The host as Django's request.get_host() reads it (before validating it)."""
        if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in environ:
            return environ["HTTP_X_FORWARDED_HOST"]
        if "HTTP_HOST" in environ:
            return environ["HTTP_HOST"]
        host, port = environ.get("SERVER_NAME", ""), str(environ.get("SERVER_PORT", ""))
        default_port = "443" if environ.get("wsgi.url_scheme") == "https" else "80"
        return host if port in {"", default_port} else f"{host}:{port}"

    @staticmethod
    def _is_secure(environ: dict) -> bool:
        header, value = settings.SECURE_PROXY_SSL_HEADER or (None, None)
        return environ.get("wsgi.url_scheme") == "https" or (header and environ.get(header) == value)

    @staticmethod
    def _allowed_by_throttle(environ: dict) -> bool:
        """The same anonymous rate limit as the API views; a refusal is left to Django's 429."""
        if not settings.API_THROTTLE_ANON:
            return True
        from api.throttling import AnonymousThrottle

        request = SimpleNamespace(META=environ, user=None)
        return AnonymousThrottle().allow_request(request, view=None)

    @staticmethod
    def _cors_headers(environ: dict) -> dict[str, str]:
        origin = environ.get("HTTP_ORIGIN")
        if not origin or origin not in settings.CORS_ALLOWED_ORIGINS:
            return {}
        return {"Access-Control-Allow-Origin": origin, "Access-Control-Expose-Headers": CORS_HEADERS_EXPOSED}

    def _security_headers(self, environ: dict) -> dict[str, str]:
        headers = {
            "X-Content-Type-Options": "nosniff",
            "X-Frame-Options": "DENY",
            "Referrer-Policy": settings.SECURE_REFERRER_POLICY,
            "Cross-Origin-Opener-Policy": settings.SECURE_CROSS_ORIGIN_OPENER_POLICY,
        }
        if settings.SECURE_HSTS_SECONDS and self._is_secure(environ):
            hsts = f"max-age={settings.SECURE_HSTS_SECONDS}"
            if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
                hsts += "; includeSubDomains"
            if settings.SECURE_HSTS_PRELOAD:
                hsts += "; preload"
            headers["Strict-Transport-Security"] = hsts
        return headers
