"""Give every published FAQ its heading document (PostgreSQL only).

Site-wide FAQs were published without one, so search ranked a match in their question
as one in their answer; the publication paths now store it, and this fills the old rows.
"""

from django.contrib.postgres.search import SearchVector
from django.db import migrations

CONFIG = "english"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    PublishedFAQ = apps.get_model("faqs", "PublishedFAQ")
    PublishedFAQ.objects.filter(heading_document__isnull=True).update(
        search_document=SearchVector("question", weight="A", config=CONFIG)
        + SearchVector("answer_text", weight="B", config=CONFIG),
        heading_document=SearchVector("question", weight="A", config=CONFIG),
    )


class Migration(migrations.Migration):
    dependencies = [("faqs", "0004_heading_documents")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
