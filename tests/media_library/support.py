"""Helpers for the image library tests: real image bytes, images added as editors add them."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage

from media_library.models import Image
from media_library.services import add_image

LIBRARY_URL = "/media-library/images/"


def png_bytes(size: tuple[int, int] = (40, 30), colour: tuple[int, int, int] = (20, 120, 200)) -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, color=colour).save(buffer, format="PNG")
    return buffer.getvalue()


def png_upload(name: str = "diagram.png", size: tuple[int, int] = (40, 30)) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(size), content_type="image/png")


def text_named_png() -> SimpleUploadedFile:
    return SimpleUploadedFile("notes.png", b"just some notes\n", content_type="image/png")


def library_image(alt_text: str = "A diagram of attention heads", **texts: str) -> Image:
    return add_image(upload=png_upload(), alt_text=alt_text, by=None, **texts)


def stored_files(root) -> list:
    return [path for path in root.rglob("*") if path.is_file()]
