"""The Markdown editor's server endpoints (live preview, image upload), for staff only.

markdownx serves them to anyone by default; a preview endpoint open to the world
would be a free HTML renderer, and an open upload a free file host.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path
from markdownx.views import ImageUploadView, MarkdownifyView


def staff_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Refuse anyone who is not active staff with a 403 instead of a login redirect."""

    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return JsonResponse({"detail": "Staff login required."}, status=403)
        return view(request, *args, **kwargs)

    return guarded


markdownx_urls = [
    path("upload/", staff_only(ImageUploadView.as_view()), name="markdownx_upload"),
    path("markdownify/", staff_only(MarkdownifyView.as_view()), name="markdownx_markdownify"),
]
