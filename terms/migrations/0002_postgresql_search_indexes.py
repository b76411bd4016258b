"""Full-text search indexes, on PostgreSQL only (SQLite searches with a portable fallback).

GIN indexes over the stored, weighted search documents of published versions and FAQs,
and one over the name lexemes (weight A) of a term's heading document, so that search
reads the name tier alone. Plain SQL: a migration must not import code that changes later.
"""

from django.db import migrations

INDEXES = {
    "termversion_searchdoc": "CREATE INDEX termversion_searchdoc ON terms_termversion USING gin (search_document)",
    "comparisonversion_searchdoc": (
        "CREATE INDEX comparisonversion_searchdoc ON terms_comparisonversion USING gin (search_document)"
    ),
    "publishedfaq_searchdoc": "CREATE INDEX publishedfaq_searchdoc ON faqs_publishedfaq USING gin (search_document)",
    "termversion_headingdoc": "CREATE INDEX termversion_headingdoc ON terms_termversion USING gin (heading_document)",
    "comparisonversion_headingdoc": (
        "CREATE INDEX comparisonversion_headingdoc ON terms_comparisonversion USING gin (heading_document)"
    ),
    "publishedfaq_headingdoc": "CREATE INDEX publishedfaq_headingdoc ON faqs_publishedfaq USING gin (heading_document)",
    "termversion_headingname": (
        "CREATE INDEX termversion_headingname ON terms_termversion "
        "USING gin (ts_filter(heading_document, '{a}'::\"char\"[]))"
    ),
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in INDEXES.values():
        schema_editor.execute(statement)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("terms", "0001_initial"), ("faqs", "0001_initial")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
