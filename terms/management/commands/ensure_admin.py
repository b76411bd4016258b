import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

DEFAULT_USERNAME = "admin"
DEFAULT_PASSWORD = "admin"  # noqa: S105 -- local demo login, printed so nobody mistakes it for a secret


class Command(BaseCommand):
    help = (
        "Create the admin login if it does not exist: DJANGO_SUPERUSER_USERNAME / "
        "DJANGO_SUPERUSER_PASSWORD when set, otherwise admin / admin. Never changes an existing user."
    )

    def handle(self, *args, **options) -> None:
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME") or DEFAULT_USERNAME
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        user_model = get_user_model()
        if user_model.objects.filter(username=username).exists():
            self.stdout.write(f"Admin login “{username}” exists; left as it is.")
            return
        user_model.objects.create_superuser(username=username, email="", password=password or DEFAULT_PASSWORD)
        shown = "(the password from DJANGO_SUPERUSER_PASSWORD)" if password else f"password “{DEFAULT_PASSWORD}”"
        self.stdout.write(self.style.SUCCESS(f"Created admin login “{username}” with {shown}."))
