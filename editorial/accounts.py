"""The first admin login: a known password only under DEBUG, a validated one everywhere else.

`make run` (DEBUG=1) gets admin/admin for local convenience. Outside DEBUG no password is
ever made up: without DJANGO_SUPERUSER_PASSWORD nothing is created and the caller is told
why. We refuse rather than generate and print a random password, because a deployment's
output ends up in logs that more people read than should hold an admin password.
A given password must pass AUTH_PASSWORD_VALIDATORS, as `createsuperuser` requires.
"""

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.db import transaction

LOCAL_USERNAME = "admin"
LOCAL_PASSWORD = "admin"  # noqa: S105 -- the DEBUG-only demo login, documented in the README


class AdminPasswordRequired(Exception):
    """Outside DEBUG an admin login is only created with a password someone chose."""


@transaction.atomic
def ensure_admin_login(*, username: str | None, password: str | None) -> bool:
    """Create the superuser unless that username exists; True if it was created. Never changes an existing user."""
    username = username or LOCAL_USERNAME
    user_model = get_user_model()
    if user_model.objects.filter(username=username).exists():
        return False
    if not password:
        if not settings.DEBUG:
            raise AdminPasswordRequired(
                f"No admin login “{username}” was created: with DEBUG off set DJANGO_SUPERUSER_PASSWORD "
                "(the login's password), or run `manage.py createsuperuser`."
            )
        password = LOCAL_PASSWORD
    else:
        # Raises ValidationError with the validators' messages (too short, too common ...).
        password_validation.validate_password(password, user=user_model(username=username))
    user_model.objects.create_superuser(username=username, email="", password=password)
    return True
