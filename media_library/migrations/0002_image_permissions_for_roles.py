"""Data: the editorial roles may use the image library (all browse it; Writers and Publishers add and edit)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE_PERMISSIONS = {
    "Writer": ["view_image", "add_image", "change_image"],
    "Reviewer": ["view_image"],
    "Publisher": ["view_image", "add_image", "change_image"],
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the roles need them now.
    app_config = apps.get_app_config("media_library")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=role)
        group.permissions.add(
            *permission_model.objects.filter(content_type__app_label="media_library", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    permission_model = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS):
        group.permissions.remove(*permission_model.objects.filter(content_type__app_label="media_library"))


class Migration(migrations.Migration):
    dependencies = [
        ("media_library", "0001_image_library"),
        ("editorial", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
