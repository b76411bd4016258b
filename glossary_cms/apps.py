from django.apps import AppConfig


class GlossaryCmsConfig(AppConfig):
    """The project package as an app, so its deployment checks are registered."""

    name = "glossary_cms"
    verbose_name = "Glossary CMS"

    def ready(self) -> None:
        from django.conf import settings
        from django.contrib import admin

        from glossary_cms import checks  # noqa: F401 -- registers the checks

        admin.site.site_header = "Glossary CMS"
        admin.site.site_title = "Glossary CMS"
        admin.site.index_title = "Content"
        # "View site" opens the frontend that renders the glossary, not this API server.
        admin.site.site_url = settings.GLOSSARY_FRONTEND_BASE_URL
