"""Deployment checks (`manage.py check --deploy`): each insecure fallback is an Error, not a Warning.

Django's own deploy checks only warn about a weak SECRET_KEY or a wildcard host, and
know nothing of our settings. These fail the check, so a deployment script that runs it
stops before serving with a forgeable key, a wildcard Host, an API any website may read
with the visitor's browser, webhooks that can reach the internal network, or a rate limit
that any client can reset by sending X-Forwarded-For.
"""

import ipaddress
import re
from collections.abc import Iterable
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

from glossary_cms.secret_key import weakness

# An origin no deployment allows on purpose: a CORS rule that admits it admits every origin.
UNLISTED_ORIGIN = "https://an-origin-nobody-allowed.invalid"


@register(Tags.security, deploy=True)
def check_secret_keys(app_configs: Iterable[AppConfig] | None, **kwargs: Any) -> list[CheckMessage]:
    """The signing key and every fallback key are strong (a fallback still verifies tokens)."""
    keys = [("SECRET_KEY", settings.SECRET_KEY)]
    keys += [(f"SECRET_KEY_FALLBACKS[{i}]", key) for i, key in enumerate(settings.SECRET_KEY_FALLBACKS)]
    return [
        Error(
            f"{name} would let anyone sign preview tokens, sessions and password-reset links: {reason}.",
            hint="Set the SECRET_KEY environment variable to a random value of at least 50 characters.",
            id="glossary_cms.E001",
        )
        for name, key in keys
        if (reason := weakness(key))
    ]


@register(Tags.security, deploy=True)
def check_webhook_destinations(app_configs: Iterable[AppConfig] | None, **kwargs: Any) -> list[CheckMessage]:
    if not settings.GLOSSARY_WEBHOOKS_ALLOW_PRIVATE_NETWORKS:
        return []
    return [
        Error(
            "GLOSSARY_WEBHOOKS_ALLOW_PRIVATE_NETWORKS is on: a webhook endpoint could make the server call "
            "loopback and private-network addresses (SSRF).",
            hint="Unset GLOSSARY_WEBHOOKS_ALLOW_PRIVATE_NETWORKS (it is for local development only).",
            id="glossary_cms.E002",
        )
    ]


@register(Tags.security, deploy=True)
def check_allowed_hosts(app_configs: Iterable[AppConfig] | None, **kwargs: Any) -> list[CheckMessage]:
    if "*" not in settings.ALLOWED_HOSTS:
        return []
    return [
        Error(
            "ALLOWED_HOSTS contains '*': any Host header is accepted, so absolute URLs the server builds "
            "can be made to point at another site.",
            hint="List the host names the site is served under in the ALLOWED_HOSTS environment variable.",
            id="glossary_cms.E003",
        )
    ]


@register(Tags.security, deploy=True)
def check_cors_origins(app_configs: Iterable[AppConfig] | None, **kwargs: Any) -> list[CheckMessage]:
    from corsheaders.conf import conf  # resolves the old setting names too

    every_origin = conf.CORS_ALLOW_ALL_ORIGINS or any(
        re.match(pattern, UNLISTED_ORIGIN) for pattern in conf.CORS_ALLOWED_ORIGIN_REGEXES
    )
    if not every_origin:
        return []
    return [
        Error(
            "CORS allows every origin: any website can read the API, previews included, from a visitor's browser.",
            hint="List the frontends in CORS_ALLOWED_ORIGINS; anchor CORS_ALLOWED_ORIGIN_REGEXES to your domains.",
            id="glossary_cms.E004",
        )
    ]


@register(Tags.security, deploy=True)
def check_trusted_proxies(app_configs: Iterable[AppConfig] | None, **kwargs: Any) -> list[CheckMessage]:
    if not any(ipaddress.ip_network(proxy).prefixlen == 0 for proxy in settings.TRUSTED_PROXIES):
        return []
    return [
        Error(
            "TRUSTED_PROXIES trusts every address: any client can choose the address it is rate-limited "
            "under by sending X-Forwarded-For.",
            hint="List only your load balancers' addresses or networks in TRUSTED_PROXIES.",
            id="glossary_cms.E005",
        )
    ]
