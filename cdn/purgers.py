"""The CDN APIs a purge can go to, chosen by settings.GLOSSARY_CDN_PURGER.

- `cloudflare`: POST {api}/zones/{zone}/purge_cache with `{"tags": [...]}` and a bearer
  API token (the zone's "Cache Purge" permission); answers carry `Cache-Tag`.
- `fastly`: POST {api}/service/{service}/purge with the keys in a `Surrogate-Key` header
  and the token in `Fastly-Key`; answers carry `Surrogate-Key`.
- `url`: POST GLOSSARY_CDN_PURGE_URL with `{"tags": [...]}` (and a bearer token if one is
  set): for a CDN or cache of your own (Varnish, nginx) behind a small purge endpoint.

Each purger builds requests and judges answers; cdn/services.py sends them and retries.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

CLOUDFLARE_API = "https://api.cloudflare.com/client/v4"
FASTLY_API = "https://api.fastly.com"


@dataclass(frozen=True)
class PurgeRequest:
    url: str
    headers: dict[str, str]
    json: dict | None = None


@dataclass(frozen=True)
class Purger:
    """One configured CDN API: how many tags a request may carry, how to ask, how to read the answer."""

    name: str
    max_tags: int
    endpoint: str
    token: str

    def request(self, tags: list[str]) -> PurgeRequest:
        if self.name == "cloudflare":
            return PurgeRequest(self.endpoint, {"Authorization": f"Bearer {self.token}"}, {"tags": tags})
        if self.name == "fastly":
            headers = {"Fastly-Key": self.token, "Surrogate-Key": " ".join(tags), "Accept": "application/json"}
            return PurgeRequest(self.endpoint, headers)
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        return PurgeRequest(self.endpoint, headers, {"tags": tags})

    def refusal(self, status_code: int, body: object) -> str:
        """Why the answer is not a successful purge; empty when it is."""
        if not 200 <= status_code < 300:
            return f"HTTP {status_code}"
        if self.name == "cloudflare" and not (isinstance(body, dict) and body.get("success") is True):
            errors = body.get("errors") if isinstance(body, dict) else None
            return f"Cloudflare answered without success: {errors or body!r}"[:1000]
        return ""


REQUIRED = {
    "cloudflare": ("GLOSSARY_CDN_API_TOKEN", "GLOSSARY_CDN_ZONE"),
    "fastly": ("GLOSSARY_CDN_API_TOKEN", "GLOSSARY_CDN_ZONE"),
    "url": ("GLOSSARY_CDN_PURGE_URL",),
}


def configuration_problems() -> list[str]:
    """What is missing or wrong in the purge settings (empty when none is configured)."""
    name = settings.GLOSSARY_CDN_PURGER
    if not name:
        return []
    if name not in REQUIRED:
        return [f"GLOSSARY_CDN_PURGER must be one of {', '.join(REQUIRED)} (or empty), not {name!r}."]
    return [
        f"GLOSSARY_CDN_PURGER={name} needs {setting}." for setting in REQUIRED[name] if not getattr(settings, setting)
    ]


def configured_purger() -> Purger | None:
    """The purger the settings describe, or None when no CDN is to be purged."""
    name = settings.GLOSSARY_CDN_PURGER
    if not name:
        return None
    problems = configuration_problems()
    if problems:
        raise ImproperlyConfigured(" ".join(problems))
    token, zone = settings.GLOSSARY_CDN_API_TOKEN, settings.GLOSSARY_CDN_ZONE
    if name == "cloudflare":
        base = (settings.GLOSSARY_CDN_API_URL or CLOUDFLARE_API).rstrip("/")
        # Cloudflare takes at most 30 tags per purge call on every plan.
        return Purger(name, 30, f"{base}/zones/{zone}/purge_cache", token)
    if name == "fastly":
        base = (settings.GLOSSARY_CDN_API_URL or FASTLY_API).rstrip("/")
        return Purger(name, 256, f"{base}/service/{zone}/purge", token)  # Fastly's batch limit
    return Purger(name, 100, settings.GLOSSARY_CDN_PURGE_URL, token)
