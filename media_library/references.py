"""Image sources in Markdown, resolved to absolute URLs once, at publication (and in the live preview).

`![alt](image:42)` names library image 42: it becomes the file's absolute URL with the
image's width and height, and its alt text where the Markdown gives none. A reference to
an image that no longer exists is shown as its alt text, never as a broken image. Older
content that holds a relative media URL (`/media/markdownx/….png`) gets the media base
URL in front, so a frontend on another origin can load it.
"""

import re
from collections.abc import Mapping
from urllib.parse import urljoin

from django.conf import settings
from django.core.files.storage import default_storage

from media_library.models import Image
from publishing.markdown import ResolvedImage

LIBRARY_REFERENCE = re.compile(r"image:(\d{1,18})")


def absolute_media_url(url: str) -> str:
    """`url` (from the storage: relative under MEDIA_URL, or already absolute) as an absolute URL."""
    if "://" in url:
        return url
    return urljoin(settings.GLOSSARY_MEDIA_BASE_URL.rstrip("/") + "/", url.lstrip("/"))


def image_url(image: Image) -> str:
    return absolute_media_url(default_storage.url(image.file.name))


def library_images(sources: list[str]) -> Mapping[str, ResolvedImage | None]:
    """What each image source in a text stands for (publishing.markdown.ImageResolver); one query at most."""
    references = {source: int(match[1]) for source in sources if (match := LIBRARY_REFERENCE.fullmatch(source))}
    found = {}
    if references:
        found = {image.pk: image for image in Image.objects.with_ids(list(references.values()))}
    resolved: dict[str, ResolvedImage | None] = {}
    for source in sources:
        if source in references:
            image = found.get(references[source])
            resolved[source] = (
                ResolvedImage(url=image_url(image), alt=image.alt_text, width=image.width, height=image.height)
                if image
                else None
            )
        elif source.startswith(settings.MEDIA_URL) and settings.MEDIA_URL.startswith("/"):
            resolved[source] = ResolvedImage(url=absolute_media_url(source))
    return resolved
