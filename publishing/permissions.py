"""Permission checks on content, by model permission (e.g. "terms.publish_term"), for every app that acts on it."""

from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse, JsonResponse


def permission_name(item: models.Model, action: str) -> str:
    """e.g. ("terms.review_term") for a Term and "review"."""
    meta = item._meta
    return f"{meta.app_label}.{action}_{meta.model_name}"


def may(user: AbstractBaseUser, item: models.Model, action: str) -> bool:
    return bool(user and user.is_active and user.has_perm(permission_name(item, action)))


def require_permission(user: AbstractBaseUser, item: models.Model, action: str, doing: str) -> None:
    if not may(user, item, action):
        raise PermissionDenied(f"You do not have permission to {doing}.")


def staff_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Refuse anyone who is not active staff with a 403 instead of a login redirect."""

    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return JsonResponse({"detail": "Staff login required."}, status=403)
        return view(request, *args, **kwargs)

    return guarded
