"""Trigram indexes for misspelt questions, on PostgreSQL only (SQLite ranks with a portable fallback).

pg_trgm (a trusted extension: a database owner may create it) and GIN trigram indexes on
the questions of published FAQs and the names of published terms, so `column % text`
(answers/selectors.py) finds "temprature" and "halucinations" through an index. The
full-text indexes they work beside are terms/0002. Plain SQL: a migration must not import
code that changes later.
"""

from django.db import migrations

INDEXES = {
    "publishedfaq_question_trgm": (
        "CREATE INDEX publishedfaq_question_trgm ON faqs_publishedfaq USING gin (question gin_trgm_ops)"
    ),
    "termversion_name_trgm": "CREATE INDEX termversion_name_trgm ON terms_termversion USING gin (name gin_trgm_ops)",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for statement in INDEXES.values():
        schema_editor.execute(statement)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    # The extension stays: other code of the database may use it.


class Migration(migrations.Migration):
    dependencies = [("answers", "0001_initial"), ("faqs", "0001_initial"), ("terms", "0002_postgresql_search_indexes")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
