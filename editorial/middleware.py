"""Each editor works in their own time zone (My settings), the site's TIME_ZONE otherwise."""

import zoneinfo
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from editorial.models import EditorProfile


class EditorTimeZoneMiddleware:
    """Activates the signed-in editor's zone for the request: forms read and show times in it."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        zone_name = ""
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            zone_name = EditorProfile.objects.filter(user=user).values_list("time_zone", flat=True).first() or ""
        if not zone_name:
            return self.get_response(request)
        timezone.activate(zoneinfo.ZoneInfo(zone_name))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
