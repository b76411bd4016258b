"""Data: items that were published before the review workflow existed count as published."""

from django.db import migrations


def mark_published(apps, schema_editor):
    for model_name in ("Term", "Comparison"):
        model = apps.get_model("terms", model_name)
        model.objects.filter(versions__isnull=False).update(review_state="published")


class Migration(migrations.Migration):
    dependencies = [("terms", "0003_review_state_locking_history")]

    operations = [migrations.RunPython(mark_published, migrations.RunPython.noop)]
