"""Data: the editorial roles get the permissions of typed relations (terms.TermRelation).

Writers set them in the term form like related terms; every role sees them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Writer": ["view", "add", "change", "delete"],
    "Reviewer": ["view"],
    "Publisher": ["view"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("terms")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for role, actions in GRANTS.items():
        group = group_model.objects.filter(name=role).first()
        if group is None:
            continue
        for action in actions:
            group.permissions.add(
                permission_model.objects.get(content_type__app_label="terms", codename=f"{action}_termrelation")
            )


def revoke(apps, schema_editor):
    permission_model = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GRANTS):
        group.permissions.remove(
            *permission_model.objects.filter(content_type__app_label="terms", codename__endswith="_termrelation")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0004_edit_snapshots"),
        ("terms", "0004_typed_relations_and_retirement"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
