"""Create, check and revoke management API tokens.

A token reads `gcms_<prefix>_<secret>`: the prefix (8 random characters) finds the row,
the whole token's SHA-256 digest must match the stored one (compared in constant time).
The secret carries 256 bits from `secrets`, so a fast digest is enough: unlike a password
there is nothing to guess that a slow hash would protect.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from manage_api.models import ApiToken

TOKEN_PREFIX = "gcms_"  # noqa: S105 -- the public label every token starts with, not a secret
PREFIX_LENGTH = 8
# last_used_at is written at most this often per token, so scripts do not turn every read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class IssuedToken:
    """A new token and its secret, which exists only in this object: show it once, never store it."""

    token: ApiToken
    secret: str


def digest_of(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def create_token(*, user: AbstractBaseUser, name: str, expires_at: datetime | None = None) -> IssuedToken:
    """Issue a token acting as `user`; the returned secret is the only copy."""
    if not user.is_active:
        raise ValidationError("An inactive user cannot have API tokens.")
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": "Choose a moment in the future, or leave it empty."})
    prefix = secrets.token_hex(PREFIX_LENGTH // 2)
    raw = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken(user=user, name=(name or "").strip(), prefix=prefix, digest=digest_of(raw), expires_at=expires_at)
    token.full_clean()
    token.save()
    return IssuedToken(token=token, secret=raw)


@transaction.atomic
def revoke_token(*, token: ApiToken, by: AbstractBaseUser) -> bool:
    """Refuse the token from now on; its owner or a superuser may. False if it was revoked already."""
    if token.user_id != by.pk and not by.is_superuser:
        raise PermissionDenied("You can revoke only your own API tokens.")
    return bool(ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now()))


def user_for_token(raw: str, *, at: datetime | None = None) -> tuple[AbstractBaseUser, ApiToken] | None:
    """The active user a presented token acts as, or None for an unknown, expired or revoked one."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    prefix, _, secret = raw.removeprefix(TOKEN_PREFIX).partition("_")
    if len(prefix) != PREFIX_LENGTH or not secret:
        return None
    at = at or timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(prefix=prefix, revoked_at__isnull=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=at))
        .first()
    )
    if token is None or not hmac.compare_digest(token.digest, digest_of(raw)) or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lt=at - LAST_USED_RESOLUTION)
    ).update(last_used_at=at)
    return token.user, token
