"""The comparison slug's help text said "<term-a>-vs-<term-b>", which the admin rendered as HTML (bug 6)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("terms", "0006_seo_noindex_canonical_url_share_image"),
    ]

    operations = [
        migrations.AlterField(
            model_name="comparison",
            name="slug",
            field=models.SlugField(
                blank=True,
                help_text="Filled from the two terms’ slugs when empty, e.g. “llm-vs-foundation-model”.",
                max_length=200,
                unique=True,
                verbose_name="slug",
            ),
        ),
        migrations.AlterField(
            model_name="historicalcomparison",
            name="slug",
            field=models.SlugField(
                blank=True,
                help_text="Filled from the two terms’ slugs when empty, e.g. “llm-vs-foundation-model”.",
                max_length=200,
                verbose_name="slug",
            ),
        ),
    ]
