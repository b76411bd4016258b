from django.apps import AppConfig


class GlossaryCmsConfig(AppConfig):
    """The project package as an app, so its deployment checks are registered."""

    name = "glossary_cms"
    verbose_name = "Glossary CMS"

    def ready(self) -> None:
        from glossary_cms import checks  # noqa: F401 -- registers the checks
