"""pg_trgm and a trigram index on terms' quick definitions, on PostgreSQL only.

The near-duplicate check (health/similarity.py) joins the terms table with itself on
pg_trgm's `%` operator; the GIN trigram index lets each row find its similar rows without
comparing every pair. Elsewhere nothing is created: SQLite compares in Python. Plain SQL:
a migration must not import code that changes later.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEX = "term_definition_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"CREATE INDEX {INDEX} ON terms_term USING gin (short_definition gin_trgm_ops)")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("terms", "0002_postgresql_search_indexes")]

    operations = [
        # Django's operation does nothing on other databases.
        TrigramExtension(),
        migrations.RunPython(create_index, drop_index),
    ]
