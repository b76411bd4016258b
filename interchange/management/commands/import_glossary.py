"""manage.py import_glossary FILE|DIR [--dry-run]: JSON, a Markdown export folder (or its zip), or CSV, as drafts."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from interchange.formats import read_path
from interchange.services import ERROR, ImportReport, import_glossary


class Command(BaseCommand):
    help = (
        "Import a glossary export (JSON file, Markdown folder or its .zip) or a CSV of terms (columns: name, slug, "
        "quick_definition, explanation, category, aliases separated by ';'). Items are matched by slug and saved "
        "as drafts through the admin's validation; nothing is published. All or nothing: any error imports nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A .json or .csv file, a Markdown export folder, or a .zip of one.")
        parser.add_argument("--dry-run", action="store_true", help="Report what would change and keep nothing.")
        parser.add_argument(
            "--user",
            help="Save as this user (their permissions apply); by default as the system, like the demo loader.",
        )
        parser.add_argument("--diff", action="store_true", help="Show each changed field's old and new value.")

    def handle(self, *args, path: str, dry_run: bool, user: str | None, diff: bool, **options) -> None:
        source = Path(path)
        if not source.exists():
            raise CommandError(f"No such file or folder: {source}")
        by = None
        if user:
            by = get_user_model().objects.filter(username=user, is_active=True).first()
            if by is None:
                raise CommandError(f"No active user “{user}”.")
        report = import_glossary(
            parsed=read_path(source), by=by, dry_run=dry_run, reason=f"Imported from {source.name}"
        )
        self.print_report(report, diff=diff)
        if report.has_errors:
            raise CommandError("Nothing was imported: fix the rows marked “error” and run it again.")

    def print_report(self, report: ImportReport, *, diff: bool) -> None:
        for item in report.items:
            line = f"{item.status:<9} {item.kind:<14} {item.key or '-'}  ({item.source})"
            style = self.style.ERROR if item.status == ERROR else (lambda text: text)
            self.stdout.write(style(line))
            for field_name, message in item.errors:
                self.stdout.write(style(f"          {item.source}, field {field_name}: {message}"))
            if item.note:
                self.stdout.write(f"          {item.note}")
            if item.changes and (diff or item.status != "created"):
                for change in item.changes:
                    if diff:
                        self.stdout.write(f"          {change.field}: {change.old!r} -> {change.new!r}")
                    else:
                        self.stdout.write(f"          changed: {change.field}")
        counts = ", ".join(f"{count} {status}" for status, count in report.counts().items())
        if report.dry_run:
            outcome = "Dry run: nothing was saved."
        elif report.applied:
            outcome = "Imported as drafts: publish them through review as usual."
        else:
            outcome = "Nothing was imported."
        self.stdout.write(f"{counts}. {outcome}")
