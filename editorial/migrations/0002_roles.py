"""Data: the editorial roles as groups with model permissions (Writer, Reviewer, Publisher)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEW_CONTENT = [
    "terms.view_term", "terms.view_comparison", "terms.view_category", "terms.view_calltoaction",
    "terms.view_termalias", "terms.view_relatedterm", "terms.view_comparisonpoint",
    "terms.view_termversion", "terms.view_comparisonversion", "terms.view_slugredirect",
    "faqs.view_faq", "faqs.view_sitewidefaq", "publishing.view_auditentry", "editorial.view_reviewcomment",
]  # fmt: skip
ROLES = {
    "Writer": VIEW_CONTENT + [
        "terms.add_term", "terms.change_term", "terms.submit_term",
        "terms.add_comparison", "terms.change_comparison", "terms.submit_comparison",
        "terms.add_termalias", "terms.change_termalias", "terms.delete_termalias",
        "terms.add_relatedterm", "terms.change_relatedterm", "terms.delete_relatedterm",
        "terms.add_comparisonpoint", "terms.change_comparisonpoint", "terms.delete_comparisonpoint",
        "faqs.add_faq", "faqs.change_faq", "faqs.delete_faq",
        "faqs.add_sitewidefaq", "faqs.change_sitewidefaq",
    ],
    "Reviewer": VIEW_CONTENT + ["terms.review_term", "terms.review_comparison"],
    "Publisher": VIEW_CONTENT + ["terms.publish_term", "terms.publish_comparison", "faqs.publish_sitewidefaq"],
}  # fmt: skip


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; roles need them now.
    for label in ("terms", "faqs", "editorial", "publishing"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for role, names in ROLES.items():
        group, _ = group_model.objects.get_or_create(name=role)
        for name in names:
            app_label, codename = name.split(".")
            group.permissions.add(
                permission_model.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("terms", "0001_initial"),
        ("faqs", "0001_initial"),
        ("publishing", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
