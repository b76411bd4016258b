from django.apps import AppConfig


class PublishingConfig(AppConfig):
    """What every content app shares: the content clock, live windows, the audit log, Markdown."""

    name = "publishing"
    verbose_name = "Publishing"
