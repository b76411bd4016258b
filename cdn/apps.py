from django.apps import AppConfig


class CdnConfig(AppConfig):
    name = "cdn"
    verbose_name = "CDN purges"

    def ready(self) -> None:
        from cdn import checks  # noqa: F401 -- registers the configuration checks
