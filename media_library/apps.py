from django.apps import AppConfig


class MediaLibraryConfig(AppConfig):
    """Images as their own records (file, alt text, caption, credit, size), reused across content."""

    name = "media_library"
    verbose_name = "Media library"
