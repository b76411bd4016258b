"""Export → import into an empty database → export gives the same file, as JSON and as a Markdown folder."""

import json

import pytest
from django.core.management import call_command

from interchange.export import glossary_document
from terms.models import ReviewState, Term, TermVersion
from tests.interchange.support import AWKWARD_BODY, export_json, export_markdown, rich_glossary, run_import


def empty_the_database() -> None:
    call_command("flush", interactive=False, verbosity=0)
    assert not Term.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_json_export_imported_into_an_empty_database_exports_the_same_file(tmp_path):
    rich_glossary()
    first = export_json(tmp_path, "first.json")
    empty_the_database()

    output, ok = run_import(tmp_path / "first.json")

    assert ok, output
    assert export_json(tmp_path, "second.json") == first
    document = json.loads(first)
    assert len(document["terms"]) == 38 and len(document["comparisons"]) == 9
    by_slug = {term["slug"]: term for term in document["terms"]}
    assert {"type": "broader", "term": "foundation-model"} in by_slug["llm"]["relations"]
    assert (by_slug["neural-search"]["status"], by_slug["neural-search"]["successor"]) == (
        "deprecated",
        "semantic-search",
    )
    assert (by_slug["vector-store"]["status"], by_slug["vector-store"]["successor"]) == ("retired", "vector-database")
    assert "0 updated" in output and "0 error" in output


@pytest.mark.django_db(transaction=True)
def test_markdown_folder_imported_into_an_empty_database_exports_the_same_files(tmp_path):
    rich_glossary()
    first = export_markdown(tmp_path, "first")
    empty_the_database()

    output, ok = run_import(tmp_path / "first")

    assert ok, output
    assert export_markdown(tmp_path, "second") == first
    assert {"glossary.yml", "categories.yml", "calls-to-action.yml", "site-faqs.yml", "media.yml"} <= set(first)
    assert "terms/zettelkasten.md" in first and "comparisons/zettelkasten-vs-loose-term.md" in first


@pytest.mark.django_db(transaction=True)
def test_an_imported_glossary_is_all_drafts_and_nothing_is_published(tmp_path):
    rich_glossary()
    export_json(tmp_path)
    empty_the_database()

    run_import(tmp_path / "export.json")

    assert set(Term.objects.values_list("review_state", flat=True)) == {ReviewState.DRAFT}
    assert not TermVersion.objects.exists()


@pytest.mark.django_db
def test_markdown_is_exported_byte_for_byte_with_its_front_matter(tmp_path):
    rich_glossary()

    files = export_markdown(tmp_path)

    text = files["terms/zettelkasten.md"]
    assert text.startswith("---\nslug: zettelkasten\nname: Zettelkasten\n")
    assert text.endswith("---\n" + AWKWARD_BODY)
    assert "explanation:" not in text.split(AWKWARD_BODY)[0]


@pytest.mark.django_db
def test_the_export_holds_working_copies_not_workflow_state():
    rich_glossary()
    Term.objects.filter(slug="rag").update(short_definition="Edited, not yet published.")

    document = glossary_document()

    rag = next(term for term in document["terms"] if term["slug"] == "rag")
    assert rag["quick_definition"] == "Edited, not yet published."
    assert set(rag) == {
        "slug", "name", "quick_definition", "explanation", "category", "aliases", "related", "relations",
        "status", "successor", "faqs", "cta", "seo_title", "seo_description",
    }  # fmt: skip


@pytest.mark.django_db
def test_image_references_are_listed_with_the_items_that_use_them():
    rich_glossary()

    media = glossary_document()["media"]

    assert {"url": "/media/markdownx/diagram.png", "used_by": ["term:zettelkasten"]} in media
    assert {"url": "/media/card.jpg", "used_by": ["term:zettelkasten"]} in media
