"""Data: the editorial roles keep seeing the audit log, whose permission now belongs to publishing."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = ("Writer", "Reviewer", "Publisher")


def grant_view_audit_log(apps, schema_editor):
    # Permissions are normally created after all migrations; the roles need this one now.
    app_config = apps.get_app_config("publishing")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    permission = apps.get_model("auth", "Permission").objects.get(
        content_type__app_label="publishing", codename="view_auditentry"
    )
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0004_audit_log_moves_to_publishing"),
        ("editorial", "0002_roles"),
        ("publishing", "0001_content_clock_and_audit_log"),
    ]

    operations = [migrations.RunPython(grant_view_audit_log, migrations.RunPython.noop)]
