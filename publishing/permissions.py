"""Permission checks on content, by model permission (e.g. "terms.publish_term"), for every app that acts on it."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import models


def permission_name(item: models.Model, action: str) -> str:
    """e.g. ("terms.review_term") for a Term and "review"."""
    meta = item._meta
    return f"{meta.app_label}.{action}_{meta.model_name}"


def may(user: AbstractBaseUser, item: models.Model, action: str) -> bool:
    return bool(user and user.is_active and user.has_perm(permission_name(item, action)))


def require_permission(user: AbstractBaseUser, item: models.Model, action: str, doing: str) -> None:
    if not may(user, item, action):
        raise PermissionDenied(f"You do not have permission to {doing}.")
