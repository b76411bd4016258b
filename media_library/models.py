"""The image library: each image a record of its own, with the alt text every use needs.

Files are stored through the `default` storage (the local media folder, or S3-compatible
storage in production: settings.STORAGES). Content refers to an image as `image:<id>` in
Markdown; publication resolves it to the file's absolute URL (media_library/references.py).
"""

import uuid

from django.conf import settings
from django.db import models

from media_library.querysets import ImageQuerySet


def image_file_name(image: "Image", filename: str) -> str:
    """A fresh, unguessable name, keeping the extension of the re-encoded format."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"images/{uuid.uuid4().hex}.{extension}"


class Image(models.Model):
    file = models.ImageField(
        "image file",
        upload_to=image_file_name,
        width_field="width",
        height_field="height",
        max_length=200,
        help_text="A PNG, JPEG, GIF or WebP image. It is re-encoded: metadata such as EXIF is removed.",
    )
    alt_text = models.CharField(
        "alt text",
        max_length=250,
        help_text="What the image shows, for readers who cannot see it (screen readers, search engines).",
    )
    caption = models.TextField("caption", blank=True, help_text="Shown under the image where the frontend does.")
    credit = models.CharField("credit", max_length=200, blank=True, help_text="Author or source, e.g. “Photo: A. Lee”.")
    width = models.PositiveIntegerField("width (pixels)", editable=False, default=0)
    height = models.PositiveIntegerField("height (pixels)", editable=False, default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    uploaded_at = models.DateTimeField("uploaded", auto_now_add=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        verbose_name = "image"
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(alt_text=""),
                name="image_alt_text_required",
                violation_error_message="Describe the image in its alt text.",
            )
        ]

    def __str__(self) -> str:
        return self.alt_text

    @property
    def reference(self) -> str:
        """How Markdown refers to this image; stable across renames, storages and media URLs."""
        return f"image:{self.pk}"

    def markdown(self, alt_text: str | None = None) -> str:
        """`![alt text](image:<id>)`, brackets and backslashes in the alt text escaped."""
        alt = alt_text if alt_text is not None else self.alt_text
        escaped = alt.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
        return f"![{escaped}]({self.reference})"
