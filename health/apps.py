from django.apps import AppConfig


class HealthConfig(AppConfig):
    """Content health: named checks over the glossary's working copies, and the report they make."""

    name = "health"
    verbose_name = "Content health"
