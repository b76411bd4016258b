"""Data: site-wide FAQs go through review, so Writers may submit them and Reviewers review them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Writer": ["submit_sitewidefaq"],
    "Reviewer": ["review_sitewidefaq"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("faqs")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for role, codenames in GRANTS.items():
        group = group_model.objects.filter(name=role).first()
        if group is None:
            continue
        for codename in codenames:
            group.permissions.add(permission_model.objects.get(content_type__app_label="faqs", codename=codename))


def revoke(apps, schema_editor):
    permission_model = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GRANTS):
        group.permissions.remove(
            *permission_model.objects.filter(
                content_type__app_label="faqs", codename__in=["submit_sitewidefaq", "review_sitewidefaq"]
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0006_last_seen_edits"),
        ("faqs", "0002_site_wide_faq_review_workflow"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
