"""API tokens for the management API: one per script or integration, owned by one user.

Only a SHA-256 digest of each token is stored. The token's first characters (`prefix`)
are kept in clear, so a request's token is found by an indexed lookup and an editor can
tell their tokens apart in the admin; the secret itself is shown once, at creation.
"""

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="user",
        on_delete=models.CASCADE,
        related_name="api_tokens",
        editable=False,
        help_text="The token acts as this user, with this user's role and nothing more.",
    )
    name = models.CharField("name", max_length=100, help_text="What the token is for, e.g. “nightly import script”.")
    prefix = models.CharField(
        "prefix", max_length=16, unique=True, editable=False, help_text="The token's visible start, to recognise it."
    )
    digest = models.CharField("SHA-256 digest", max_length=64, editable=False)
    expires_at = models.DateTimeField(
        "expires at", null=True, blank=True, help_text="Optional. After this moment the token is refused."
    )
    created_at = models.DateTimeField("created at", auto_now_add=True)
    last_used_at = models.DateTimeField("last used at", null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(
        "revoked at", null=True, blank=True, editable=False, help_text="A revoked token is refused for good."
    )

    class Meta:
        verbose_name = "API token"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
