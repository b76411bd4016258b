"""The Markdown editor's server endpoints (live preview, image upload), for staff only.

markdownx serves them to anyone by default; a preview endpoint open to the world
would be a free HTML renderer, and an open upload a free file host. Uploads are
re-encoded from their pixels (media_library/images.py); what cannot be decoded is
refused with a 400 that says so. Both endpoints answer JSON, errors included. The
editor's own script (media_library's image picker) sends drops and pastes to the image
library instead; this upload endpoint stays for markdownx's defaults.
"""

import io

from django import forms
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path
from markdownx.forms import ImageForm
from markdownx.views import ImageUploadView, MarkdownifyView

from media_library.images import (  # noqa: F401 -- re-exported: the editor's upload checks live there
    IMAGE_FORMATS,
    MAX_UPLOAD_PIXELS,
    UNREADABLE,
    ReencodedImage,
    reencode_image,
)
from publishing.permissions import staff_only


class VerifiedImageForm(ImageForm):
    """markdownx's upload form, storing the re-encoded image rather than the uploaded bytes."""

    reencoded: ReencodedImage

    def clean(self):
        cleaned = super().clean()
        self.reencoded = reencode_image(self.files["image"])
        return cleaned

    def save(self, commit: bool = True):
        image = self.reencoded
        name = f"image.{image.extension}"
        stored = InMemoryUploadedFile(
            file=io.BytesIO(image.content),
            field_name=None,
            name=name,
            content_type=image.content_type,
            size=len(image.content),
            charset=None,
        )
        return self._save(stored, name, commit)


class VerifiedImageUploadView(ImageUploadView):
    """The upload endpoint, answering JSON whether or not the editor's AJAX header is sent.

    markdownx answers requests without it with a redirect that stores nothing, or a
    crash (it has no template to render the form errors in).
    """

    form_class = VerifiedImageForm
    http_method_names = ["post", "options"]

    def form_invalid(self, form: forms.Form) -> HttpResponse:
        return JsonResponse(form.errors, status=400)

    def form_valid(self, form: forms.Form) -> HttpResponse:
        return JsonResponse({"image_code": f"![]({form.save(commit=True)})"})


class RequiredContentMarkdownifyView(MarkdownifyView):
    """markdownx's preview, answering a request without `content` with a 400 instead of a crash."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if "content" not in request.POST:
            return JsonResponse({"content": ["This field is required."]}, status=400)
        return super().post(request, *args, **kwargs)


markdownx_urls = [
    path("upload/", staff_only(VerifiedImageUploadView.as_view()), name="markdownx_upload"),
    path("markdownify/", staff_only(RequiredContentMarkdownifyView.as_view()), name="markdownx_markdownify"),
]
