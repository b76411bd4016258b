"""System checks: a CDN purger named in the settings has what it needs (else purges would only fail)."""

from collections.abc import Iterable
from typing import Any

from django.apps import AppConfig
from django.core.checks import CheckMessage, Error, register

from cdn.purgers import configuration_problems


@register()
def check_purger_settings(app_configs: Iterable[AppConfig] | None, **kwargs: Any) -> list[CheckMessage]:
    return [
        Error(problem, hint="See the CDN settings in the README.", id="cdn.E001")
        for problem in configuration_problems()
    ]
