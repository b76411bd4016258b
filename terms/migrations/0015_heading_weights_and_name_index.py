"""Give each short field of a term's heading document its own weight, and index the names.

Names are weight A, aliases B, quick definitions C, so that search tells the tiers apart
within one document; the expression index on the name lexemes (weight A) lets search
read the name tier alone (PostgreSQL only).
"""

from django.contrib.postgres.search import SearchVector
from django.db import migrations

CONFIG = "english"
INDEX = "termversion_headingname"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    TermVersion = apps.get_model("terms", "TermVersion")
    TermVersion.objects.update(
        heading_document=SearchVector("name", weight="A", config=CONFIG)
        + SearchVector("aliases_text", weight="B", config=CONFIG)
        + SearchVector("short_definition", weight="C", config=CONFIG)
    )
    schema_editor.execute(
        f"CREATE INDEX {INDEX} ON terms_termversion USING gin (ts_filter(heading_document, '{{a}}'::\"char\"[]))"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("terms", "0014_heading_document_indexes")]

    operations = [migrations.RunPython(forwards, backwards)]
