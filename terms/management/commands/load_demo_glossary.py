from django.core.management.base import BaseCommand

from terms.demo.loader import load_demo_glossary


class Command(BaseCommand):
    help = "Create and publish the demo glossary items that do not exist yet (safe to run again)."

    def handle(self, *args, **options) -> None:
        report = load_demo_glossary()
        if not report.created_anything:
            self.stdout.write("Demo glossary already loaded; nothing changed.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo glossary: published {len(report.created_terms)} terms, "
                f"{len(report.created_comparisons)} comparisons and {report.created_site_faqs} site-wide FAQs."
            )
        )
