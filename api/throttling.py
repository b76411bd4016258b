"""Anonymous throttling whose rate is read from settings at request time (API_THROTTLE_ANON).

Clients are told apart by api.client_address, not by DRF's get_ident, which takes
X-Forwarded-For from anyone: a throttled client could send any value and be served again.
"""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle

from api.client_address import client_address


class AnonymousThrottle(AnonRateThrottle):
    def get_rate(self) -> str | None:
        return settings.API_THROTTLE_ANON or None

    def allow_request(self, request, view) -> bool:
        self.rate = self.get_rate()
        if self.rate is None:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_ident(self, request) -> str:
        # Works on the WSGI fast path's stand-in request too (api/fastpath.py): only META is read.
        return client_address(request.META)


class AskThrottle(AnonymousThrottle):
    """POST /api/v1/ask/ on its own rate (API_THROTTLE_ASK), counted apart from the other endpoints."""

    scope = "ask"

    def get_rate(self) -> str | None:
        return settings.API_THROTTLE_ASK or None
