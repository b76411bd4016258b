"""No tables of its own: a proxy gives the admin import page its place in the admin index."""

from terms.models import Term


class GlossaryImport(Term):
    """The admin's "Import glossary" page (interchange/admin.py); it stores nothing itself."""

    class Meta:
        proxy = True
        verbose_name = "glossary import"
        verbose_name_plural = "import glossary"
        default_permissions = ()  # who may import is who may edit terms (terms.change_term)
