"""Data: the content clock's one row, so that the first request already has a generation to key on."""

import secrets

from django.db import migrations


def create_clock(apps, schema_editor):
    clock = apps.get_model("publishing", "ContentClock")
    clock.objects.get_or_create(pk=1, defaults={"generation": secrets.randbits(62)})


class Migration(migrations.Migration):
    dependencies = [("publishing", "0001_initial")]

    operations = [migrations.RunPython(create_clock, migrations.RunPython.noop)]
