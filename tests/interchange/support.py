"""Helpers for import/export tests: a glossary with every kind of content, files to import, commands to run."""

import io
import json
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError

from faqs.models import FAQ
from terms.demo.loader import load_demo_glossary
from terms.models import Comparison, Term
from tests.factories import (
    CallToActionFactory,
    CategoryFactory,
    ComparisonFactory,
    ComparisonPointFactory,
    FAQFactory,
    RelatedTermFactory,
    TermAliasFactory,
    TermFactory,
)

# Text that a careless exporter would change: a Markdown rule that looks like a front-matter
# fence, surrounding whitespace, quotes, a colon, non-ASCII, an image the editor dropped in.
AWKWARD_BODY = (
    "\n## Intro: “quoted” — ünïcödé 🚀\n\n---\n\nA rule above, trailing spaces here.   \n\n"
    "![diagram](/media/markdownx/diagram.png)\n\n    indented code\n"
)


def rich_glossary() -> None:
    """The demo glossary (published) plus drafts, a CTA, SEO fields, awkward text and site-wide FAQs."""
    load_demo_glossary()
    category = CategoryFactory(name="Odds & Ends", slug="odds-ends", description="", order=9)
    cta = CallToActionFactory(name="Newsletter", title="Get the digest", text="", button_url="https://example.com/n")
    draft = TermFactory(
        name="Zettelkasten",
        slug="zettelkasten",
        short_definition="A note-taking method: “one idea per card”.",
        body=AWKWARD_BODY,
        category=category,
        cta=cta,
        seo_title="Zettelkasten, explained",
        seo_description="Slip boxes.",
    )
    TermAliasFactory(term=draft, name="Slip box")
    TermAliasFactory(term=draft, name="ZK")
    RelatedTermFactory(term=draft, related=Term.objects.get(slug="rag"), order=0)
    FAQFactory(term=draft, question="Is it old?", answer="Yes.\n\n---\n\nVery: ![card](/media/card.jpg)\n", order=0)
    FAQFactory(term=draft, question="Digital?", answer="Often.", order=1, suggested_in_widget=False)
    uncategorised = TermFactory(name="Loose Term", slug="loose-term", category=None, body="")
    comparison = ComparisonFactory(term_a=draft, term_b=uncategorised, summary="Notes vs nothing.", body="")
    ComparisonPointFactory(comparison=comparison, aspect="Age", term_a_text="Old", term_b_text="New")
    FAQFactory(question="Unpublished site question?", answer="Draft answer.", order=7)


def export_json(tmp_path: Path, name: str = "export.json") -> str:
    path = tmp_path / name
    call_command("export_glossary", output=str(path), stderr=io.StringIO())
    return path.read_text(encoding="utf-8")


def export_markdown(tmp_path: Path, name: str = "export-md") -> dict[str, str]:
    folder = tmp_path / name
    call_command("export_glossary", format="markdown", output=str(folder), stderr=io.StringIO())
    return {
        str(path.relative_to(folder)): path.read_text(encoding="utf-8") for path in folder.rglob("*") if path.is_file()
    }


def run_import(path: Path, *args: str) -> tuple[str, bool]:
    """Run `import_glossary`; return its output and whether it succeeded."""
    out = io.StringIO()
    try:
        call_command("import_glossary", str(path), *args, stdout=out, stderr=io.StringIO())
    except CommandError:
        return out.getvalue(), False
    return out.getvalue(), True


def write_csv(tmp_path: Path, text: str, name: str = "terms.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def write_json(tmp_path: Path, document: dict, name: str = "glossary.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def content_snapshot() -> dict:
    """Everything an import could touch, to compare before and after (edit versions and history included)."""
    return {
        "terms": list(Term.objects.order_by("pk").values()),
        "term_history": Term.history.count(),
        "comparisons": list(Comparison.objects.order_by("pk").values()),
        "faqs": list(FAQ.objects.order_by("pk").values()),
        "aliases": list(Term.objects.order_by("pk").values_list("pk", "aliases__name")),
        "related": list(Term.objects.order_by("pk").values_list("pk", "related_links__related_id")),
    }
