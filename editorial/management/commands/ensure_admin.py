import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from editorial.accounts import LOCAL_PASSWORD, LOCAL_USERNAME, AdminPasswordRequired, ensure_admin_login


class Command(BaseCommand):
    help = (
        "Create the admin login if it does not exist, from DJANGO_SUPERUSER_USERNAME (default admin) and "
        "DJANGO_SUPERUSER_PASSWORD (checked by the password validators). Without a password: admin / admin "
        "under DEBUG, a refusal otherwise. Never changes an existing user."
    )

    def handle(self, *args, **options) -> None:
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME") or LOCAL_USERNAME
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        try:
            created = ensure_admin_login(username=username, password=password)
        except AdminPasswordRequired as refusal:
            raise CommandError(str(refusal)) from refusal
        except ValidationError as weak:
            raise CommandError("DJANGO_SUPERUSER_PASSWORD is refused: " + " ".join(weak.messages)) from weak
        if not created:
            self.stdout.write(f"Admin login “{username}” exists; left as it is.")
            return
        shown = "(the password from DJANGO_SUPERUSER_PASSWORD)" if password else f"password “{LOCAL_PASSWORD}”"
        self.stdout.write(self.style.SUCCESS(f"Created admin login “{username}” with {shown}."))
