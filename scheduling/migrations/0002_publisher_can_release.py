"""Data: Publishers may schedule, publish and cancel releases."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    app_config = apps.get_app_config("scheduling")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    permission_model = apps.get_model("auth", "Permission")
    group_model = apps.get_model("auth", "Group")
    publisher, _ = group_model.objects.get_or_create(name="Publisher")
    names = ["publish_release", "add_release", "change_release", "view_release", "view_schedule"]
    names += ["add_releaseitem", "change_releaseitem", "delete_releaseitem", "view_releaseitem"]
    publisher.permissions.add(*permission_model.objects.filter(content_type__app_label="scheduling", codename__in=names))
    for role in ("Writer", "Reviewer"):
        group, _ = group_model.objects.get_or_create(name=role)
        group.permissions.add(
            *permission_model.objects.filter(
                content_type__app_label="scheduling", codename__in=["view_schedule", "view_release"]
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("scheduling", "0001_initial"),
        ("editorial", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
