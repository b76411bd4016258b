"""Uploaded images checked by decoding them: re-encoded from their pixels alone.

Every upload (the image library, the editor's drop and paste, markdownx's endpoint) is
decoded with Pillow and encoded afresh from its pixels alone, in the format Pillow found
and under a name made from it: bytes appended to an image (a script after a GIF's end)
and metadata (EXIF: camera, place) never reach storage, and a file cannot pass for an
image by its declared type or its name. What cannot be decoded is refused with a
ValidationError that says so.
"""

import io
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from markdownx.settings import MARKDOWNX_IMAGE_MAX_SIZE
from PIL import Image, ImageSequence, PngImagePlugin, UnidentifiedImageError

IMAGE_FORMATS = {"PNG": ("png", "image/png"), "JPEG": ("jpg", "image/jpeg"), "GIF": ("gif", "image/gif")}
IMAGE_FORMATS["WEBP"] = ("webp", "image/webp")
# Decoding takes memory for every pixel of every frame: a small file can hold a huge
# image (one colour compresses to nothing). 40 million pixels is a 160 MB RGBA decode.
MAX_UPLOAD_PIXELS = 40_000_000
UNREADABLE = "The file is not a readable image."


@dataclass(frozen=True)
class ReencodedImage:
    content: bytes
    extension: str
    content_type: str


def reencode_image(upload: File) -> ReencodedImage:
    """Decode an uploaded image and encode its pixels again; raise ValidationError if it cannot be."""
    try:
        with Image.open(upload) as image:
            if image.format not in IMAGE_FORMATS:
                raise forms.ValidationError("Upload a PNG, JPEG, GIF or WebP image.")
            frame_count = getattr(image, "n_frames", 1)
            if image.width * image.height * frame_count > MAX_UPLOAD_PIXELS:
                raise forms.ValidationError(_too_large(image.width, image.height, frame_count))
            content = _encoded_pixels(image)
            extension, content_type = IMAGE_FORMATS[image.format]
    except Image.DecompressionBombError:
        raise forms.ValidationError(_too_large()) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise forms.ValidationError(UNREADABLE) from None
    return ReencodedImage(content=content, extension=extension, content_type=content_type)


def _too_large(width: int | None = None, height: int | None = None, frames: int = 1) -> str:
    size = f" ({width}×{height} pixels, {frames} frame{'s' if frames > 1 else ''})" if width else ""
    return f"The image is too large to process{size}: keep it under {MAX_UPLOAD_PIXELS:,} pixels in all."


def _encoded_pixels(image: Image.Image) -> bytes:
    """The image's frames, scaled down as markdownx would, encoded with no metadata."""
    frames, durations = [], []
    for frame in ImageSequence.Iterator(image):
        durations.append(frame.info.get("duration", 100))
        frames.append(_pixels_only(frame, image_format=image.format))
    options = {}
    if image.format in {"JPEG", "WEBP"}:
        options["quality"] = MARKDOWNX_IMAGE_MAX_SIZE.get("quality") or 90
    if len(frames) > 1:
        options.update(save_all=True, append_images=frames[1:], duration=durations)
        # Each frame is the whole picture as shown (Pillow composes them while reading),
        # so each must replace the one before rather than be drawn over it.
        if image.format == "GIF":
            options["disposal"] = 2  # restore to background
        elif image.format == "PNG":
            options["blend"] = PngImagePlugin.Blend.OP_SOURCE
        if "loop" in image.info:
            options["loop"] = image.info["loop"]
    buffer = io.BytesIO()
    frames[0].save(buffer, format=image.format, **options)
    return buffer.getvalue()


def _pixels_only(frame: Image.Image, *, image_format: str) -> Image.Image:
    """A copy of the frame holding pixels alone: no EXIF, ICC, XMP, comments or text chunks."""
    if frame.mode in {"P", "PA", "LA"} or "transparency" in frame.info:
        # A palette or grey image keeps its transparent colour in `info`, dropped below;
        # converting to RGB(A) keeps how the frame looks.
        has_alpha = frame.mode in {"PA", "LA"} or "transparency" in frame.info
        frame = frame.convert("RGBA" if has_alpha and image_format != "JPEG" else "RGB")
    elif image_format == "JPEG" and frame.mode not in {"L", "RGB", "CMYK"}:
        frame = frame.convert("RGB")
    else:
        frame = frame.copy()
    frame.thumbnail(MARKDOWNX_IMAGE_MAX_SIZE["size"])  # the size markdownx keeps images within
    frame.info = {}
    return frame


def verified_image_file(upload: File) -> ContentFile:
    """The upload re-encoded, as a file named after its real format; raise ValidationError if not an image."""
    limit = settings.GLOSSARY_IMAGE_MAX_UPLOAD_BYTES
    if upload.size is not None and upload.size > limit:
        raise forms.ValidationError(
            f"The file is {upload.size / 1_000_000:.1f} MB; images up to {limit / 1_000_000:.0f} MB are accepted."
        )
    image = reencode_image(upload)
    return ContentFile(image.content, name=f"image.{image.extension}")
