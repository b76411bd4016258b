"""Full-text search indexes (GIN over the weighted search vectors), on PostgreSQL only.

SQLite has no such index; search there uses the portable fallback in terms/search.py.
The index expressions come from terms.search, so queries and indexes cannot drift apart.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from faqs.search import faq_search_vector
from terms.search import comparison_search_vector, term_search_vector

INDEXES = [
    ("terms", "TermVersion", "termversion_search", term_search_vector),
    ("terms", "ComparisonVersion", "compversion_search", comparison_search_vector),
    ("faqs", "PublishedFAQ", "publishedfaq_search", faq_search_vector),
]


def add_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for app_label, model_name, index_name, vector in INDEXES:
        schema_editor.add_index(apps.get_model(app_label, model_name), GinIndex(vector(), name=index_name))


def remove_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for app_label, model_name, index_name, vector in INDEXES:
        schema_editor.remove_index(apps.get_model(app_label, model_name), GinIndex(vector(), name=index_name))


class Migration(migrations.Migration):
    dependencies = [("terms", "0001_initial"), ("faqs", "0001_initial")]

    operations = [migrations.RunPython(add_search_indexes, remove_search_indexes)]
