"""manage.py export_glossary: the whole glossary's working copies as JSON or a folder of Markdown files."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from interchange.export import glossary_document
from interchange.formats import dump_json, write_markdown_folder


class Command(BaseCommand):
    help = (
        "Write every working copy (terms with aliases, related terms and FAQs; comparisons; categories; "
        "calls to action; site-wide FAQs; image references) as one JSON file, or as a folder of Markdown "
        "files with YAML front matter. Nothing about review or publication state is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "markdown"], default="json")
        parser.add_argument(
            "--output",
            "-o",
            help="File (JSON; standard output when left out) or folder (Markdown; must be new or empty).",
        )

    def handle(self, *args, format: str, output: str | None, **options) -> None:
        document = glossary_document()
        if format == "json":
            text = dump_json(document)
            if output:
                Path(output).write_text(text, encoding="utf-8")
                self.stderr.write(f"Wrote {self._summary(document)} to {output}.")
            else:
                self.stdout.write(text, ending="")
            return
        if not output:
            raise CommandError("--format markdown writes a folder: give it with --output.")
        folder = Path(output)
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            raise CommandError(f"{folder} is not an empty folder; choose a new one (old files would mix in).")
        files = write_markdown_folder(document, folder)
        self.stderr.write(f"Wrote {self._summary(document)} as {len(files)} files under {folder}.")

    @staticmethod
    def _summary(document: dict) -> str:
        return (
            f"{len(document['terms'])} terms, {len(document['comparisons'])} comparisons, "
            f"{len(document['categories'])} categories, {len(document['site_faqs'])} site-wide FAQs"
        )
