"""The Markdown editor's server endpoints (live preview, image upload), for staff only.

markdownx serves them to anyone by default; a preview endpoint open to the world
would be a free HTML renderer, and an open upload a free file host. Uploads are
opened with Pillow and stored under a name made from the format Pillow found, so a
file cannot pass for an image by its declared type or its name.
"""

from collections.abc import Callable

from django import forms
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path
from markdownx.forms import ImageForm
from markdownx.views import ImageUploadView, MarkdownifyView
from PIL import Image, UnidentifiedImageError

IMAGE_FORMATS = {"PNG": ("png", "image/png"), "JPEG": ("jpg", "image/jpeg"), "GIF": ("gif", "image/gif")}
IMAGE_FORMATS["WEBP"] = ("webp", "image/webp")


def staff_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Refuse anyone who is not active staff with a 403 instead of a login redirect."""

    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return JsonResponse({"detail": "Staff login required."}, status=403)
        return view(request, *args, **kwargs)

    return guarded


class VerifiedImageForm(ImageForm):
    """markdownx's upload form, trusting the file's content rather than its declared type and name."""

    def clean(self):
        cleaned = super().clean()
        upload = self.files.get("image")
        try:
            with Image.open(upload) as image:
                detected = image.format
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise forms.ValidationError("The file is not a readable image.") from None
        if detected not in IMAGE_FORMATS:
            raise forms.ValidationError("Upload a PNG, JPEG, GIF or WebP image.")
        extension, content_type = IMAGE_FORMATS[detected]
        upload.seek(0)
        upload.name = f"image.{extension}"
        upload.content_type = content_type
        return cleaned


class VerifiedImageUploadView(ImageUploadView):
    form_class = VerifiedImageForm


markdownx_urls = [
    path("upload/", staff_only(VerifiedImageUploadView.as_view()), name="markdownx_upload"),
    path("markdownify/", staff_only(MarkdownifyView.as_view()), name="markdownx_markdownify"),
]
