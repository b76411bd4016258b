"""The editor's live preview (markdownx calls it): exactly what publication stores, library images resolved."""

from media_library.references import library_images
from publishing.markdown import render


def render_preview(text: str) -> str:
    return render(text, images=library_images).html
