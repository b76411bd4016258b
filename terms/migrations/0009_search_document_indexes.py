"""Stored search documents: fill them for what is published, index them (PostgreSQL only).

Replaces the expression indexes of 0002: matching and ranking on a stored tsvector
avoids computing to_tsvector for every candidate row at query time.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

CONFIG = "english"
DOCUMENTS = {
    ("terms", "TermVersion"): [("name", "A"), ("aliases_text", "A"), ("short_definition", "B"), ("body_text", "C")],
    ("terms", "ComparisonVersion"): [("title", "A"), ("summary", "B"), ("body_text", "C")],
    ("faqs", "PublishedFAQ"): [("question", "A"), ("answer_text", "B")],
}
OLD_INDEXES = {
    ("terms", "TermVersion"): "termversion_search",
    ("terms", "ComparisonVersion"): "compversion_search",
    ("faqs", "PublishedFAQ"): "publishedfaq_search",
}


def vector(fields):
    document = None
    for name, weight in fields:
        part = SearchVector(name, weight=weight, config=CONFIG)
        document = part if document is None else document + part
    return document


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for (app_label, model_name), fields in DOCUMENTS.items():
        model = apps.get_model(app_label, model_name)
        schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_INDEXES[(app_label, model_name)]}")
        model.objects.update(search_document=vector(fields))
        schema_editor.add_index(model, GinIndex(fields=["search_document"], name=f"{model_name.lower()}_searchdoc"))


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _app_label, model_name in DOCUMENTS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {model_name.lower()}_searchdoc")


class Migration(migrations.Migration):
    dependencies = [("terms", "0008_search_documents"), ("faqs", "0003_publishedfaq_search_document")]

    operations = [migrations.RunPython(forwards, backwards)]
