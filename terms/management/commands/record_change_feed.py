from django.core.management.base import BaseCommand

from publishing.models import ContentChange
from terms.changes import record_all_content_changes


class Command(BaseCommand):
    help = "Bring the change feed up to date with what is live and scheduled (for a database made before the feed)."

    def handle(self, *args, **options) -> None:
        before = ContentChange.objects.count()
        record_all_content_changes()
        added = ContentChange.objects.count() - before
        self.stdout.write(self.style.SUCCESS(f"Change feed: {added} change(s) recorded."))
