"""Data: the editorial roles see unanswered questions; writers (who write the FAQs) act on them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Writer": ["view_unansweredquestion", "change_unansweredquestion", "delete_unansweredquestion"],
    "Reviewer": ["view_unansweredquestion"],
    "Publisher": ["view_unansweredquestion"],
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the grants need them now.
    app_config = apps.get_app_config("answers")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for role, codenames in GRANTS.items():
        group, _ = group_model.objects.get_or_create(name=role)
        group.permissions.add(
            *permission_model.objects.filter(content_type__app_label="answers", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    permission_model = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GRANTS):
        group.permissions.remove(*permission_model.objects.filter(content_type__app_label="answers"))


class Migration(migrations.Migration):
    dependencies = [("answers", "0002_postgresql_trigram_indexes"), ("editorial", "0002_roles")]

    operations = [migrations.RunPython(grant, revoke)]
