"""Fill the heading search documents of what is published, and index them (PostgreSQL only)."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

CONFIG = "english"
HEADINGS = {
    ("terms", "TermVersion"): [("name", "A"), ("aliases_text", "A"), ("short_definition", "B")],
    ("terms", "ComparisonVersion"): [("title", "A"), ("summary", "B")],
    ("faqs", "PublishedFAQ"): [("question", "A")],
}


def vector(fields):
    document = None
    for name, weight in fields:
        part = SearchVector(name, weight=weight, config=CONFIG)
        document = part if document is None else document + part
    return document


def index_name(model_name: str) -> str:
    return f"{model_name.lower()}_headingdoc"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for (app_label, model_name), fields in HEADINGS.items():
        model = apps.get_model(app_label, model_name)
        model.objects.update(heading_document=vector(fields))
        schema_editor.add_index(model, GinIndex(fields=["heading_document"], name=index_name(model_name)))


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _app_label, model_name in HEADINGS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {index_name(model_name)}")


class Migration(migrations.Migration):
    dependencies = [("terms", "0013_heading_documents"), ("faqs", "0004_heading_documents")]

    operations = [migrations.RunPython(forwards, backwards)]
