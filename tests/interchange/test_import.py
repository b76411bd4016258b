"""import_glossary: CSV, JSON and Markdown in; matched by slug; drafts only; all or nothing; the admin's validation."""

import json
from datetime import timedelta

import pytest
from django.db import models
from django.utils import timezone

from editorial.services import approve, submit_for_review
from faqs.models import FAQ
from interchange.export import glossary_document
from interchange.formats import read_csv, read_json
from interchange.services import import_glossary
from scheduling.models import Schedule
from scheduling.services import schedule_publication
from terms.models import Category, ReviewState, Term
from terms.services import publish_term
from tests.editorial.helpers import user_in
from tests.factories import CategoryFactory, FAQFactory, TermAliasFactory, TermFactory, UserFactory
from tests.interchange.support import content_snapshot, run_import, write_csv, write_json

pytestmark = pytest.mark.django_db

CSV_HEADER = "name,slug,quick definition,explanation,category,aliases\n"


def term_document(*terms: dict, **sections: list) -> dict:
    return {"format": "glossary-cms", "version": 1, "terms": list(terms), **sections}


# --- CSV ---------------------------------------------------------------------------------------------


def test_csv_rows_become_draft_terms_with_their_category_and_aliases(tmp_path):
    CategoryFactory(name="Models & Architectures", slug="models")
    path = write_csv(
        tmp_path,
        CSV_HEADER
        + "Foundation Model,foundation-model,A model trained on broad data.,"
        + '"## What it is\n\nBig.",models,FM; Base model\n'
        + "Prompt,,An instruction to a model.,,Models & Architectures,\n",
    )

    output, ok = run_import(path)

    assert ok, output
    fm = Term.objects.get(slug="foundation-model")
    assert (fm.name, fm.short_definition, fm.body) == (
        "Foundation Model",
        "A model trained on broad data.",
        "## What it is\n\nBig.",
    )
    assert fm.category.slug == "models" and [a.name for a in fm.aliases.all()] == ["FM", "Base model"]
    assert fm.review_state == ReviewState.DRAFT and not fm.versions.exists()
    assert Term.objects.get(slug="prompt").category.slug == "models"  # by name too, and the slug from the name
    assert "created   term           foundation-model  (line 2)" in output
    assert "created   term           prompt  (line 5)" in output  # the quoted explanation spans lines 2-4


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        ("Thing,thing,,Body,,", "quick_definition", "This field is required."),
        ("Thing,not a slug!,Short.,Body,,", "slug", "valid “slug”"),
        (
            "Thing,thing,Short.,Body,no-such-category,",
            "category",
            "No category with the slug or name “no-such-category”.",
        ),
        ("Thing,thing," + "x" * 301 + ",Body,,", "quick_definition", "at most 300 characters"),
        ("Thing,thing,Short.,Body,,A; a", "aliases", "appears twice"),
        ("rag,other-slug,Short.,Body,,", "name", "A term with this name already exists (names ignore case)."),
        (",,Short.,Body,,", "slug", "Give the term a slug or a name."),
    ],
)
def test_a_bad_row_is_reported_with_its_line_and_field_and_nothing_is_imported(tmp_path, row, field, message):
    TermFactory(name="RAG", slug="rag")
    before = content_snapshot()
    path = write_csv(tmp_path, CSV_HEADER + "Good Term,good-term,Fine.,Body,,\n" + row + "\n")

    output, ok = run_import(path)

    assert not ok
    error_line = next(line for line in output.splitlines() if line.strip().startswith("line 3, field"))
    assert f"line 3, field {field}:" in error_line and message in error_line, output
    assert "created   term           good-term  (line 2)" in output  # the good row was checked too
    assert "Nothing was imported." in output
    assert content_snapshot() == before


def test_a_csv_without_a_column_leaves_that_field_alone(tmp_path):
    term = TermFactory(name="RAG", slug="rag", body="## Kept\n\nAs it was.")
    TermAliasFactory(term=term, name="Retrieval")
    FAQFactory(term=term, question="Kept?", answer="Yes.")
    path = write_csv(tmp_path, "slug,quick_definition\nrag,A new quick definition.\n")

    output, ok = run_import(path)

    assert ok, output
    term.refresh_from_db()
    assert term.short_definition == "A new quick definition."
    assert term.body == "## Kept\n\nAs it was." and term.name == "RAG"
    assert [a.name for a in term.aliases.all()] == ["Retrieval"] and term.faqs.count() == 1


@pytest.mark.parametrize(
    ("text", "source", "message"),
    [
        ("name,colour\nX,red\n", "line 1", "Unknown column “colour”"),
        ("quick_definition\nShort.\n", "line 1", "A column “name” or “slug” is needed"),
        ("name,slug\nX,x,extra\n", "line 2", "Expected 2 cells, found 3."),
    ],
)
def test_a_malformed_csv_names_the_line_and_imports_nothing(tmp_path, text, source, message):
    output, ok = run_import(write_csv(tmp_path, text))

    assert not ok
    assert "error     file" in output and f"{source}, field" in output and message in output
    assert not Term.objects.exists()


# --- matching by slug, drafts, dry run ------------------------------------------------------------------


def test_an_existing_slug_updates_that_working_copy_and_a_new_one_creates_a_term(tmp_path):
    term = TermFactory(name="RAG", slug="rag", short_definition="Old.")
    path = write_csv(tmp_path, "name,slug,quick_definition\nRAG,rag,New.\nEmbedding,embedding,Vectors.\n")

    output, ok = run_import(path)

    assert ok, output
    assert Term.objects.count() == 2
    term.refresh_from_db()
    assert term.short_definition == "New." and term.lock_version == 1
    assert term.history.first().history_change_reason == "Imported from terms.csv"
    assert "updated   term           rag" in output and "changed: quick_definition" in output
    assert "created   term           embedding" in output


def test_a_row_that_changes_nothing_is_reported_unchanged_and_not_saved(tmp_path):
    term = TermFactory(name="RAG", slug="rag", short_definition="Same.")
    history = term.history.count()
    path = write_csv(tmp_path, "name,slug,quick_definition\nRAG,rag,Same.\n")

    output, ok = run_import(path)

    assert ok and "unchanged term           rag" in output
    term.refresh_from_db()
    assert term.lock_version == 0 and term.history.count() == history


def test_updating_a_published_term_makes_a_draft_and_the_live_version_stays(tmp_path):
    boss, chief = UserFactory(superuser=True), UserFactory(superuser=True)
    term = TermFactory(name="RAG", slug="rag", short_definition="Live text.")
    submit_for_review(item=term, by=boss)
    approve(item=term, by=chief)
    publish_term(term=term, by=boss)
    path = write_csv(tmp_path, "slug,quick_definition\nrag,Imported text.\n")

    output, ok = run_import(path)

    assert ok, output
    term.refresh_from_db()
    assert term.review_state == ReviewState.DRAFT and term.short_definition == "Imported text."
    (live,) = term.versions.all()
    assert live.short_definition == "Live text." and live.live_until is None


def test_an_approved_term_changed_by_an_import_goes_back_to_draft(tmp_path):
    boss, chief = UserFactory(superuser=True), UserFactory(superuser=True)
    term = TermFactory(slug="rag")
    submit_for_review(item=term, by=boss)
    approve(item=term, by=chief)

    run_import(write_csv(tmp_path, "slug,quick_definition\nrag,Changed after approval.\n"))

    term.refresh_from_db()
    assert term.review_state == ReviewState.DRAFT and term.content_revision == 1


def test_a_dry_run_reports_the_changes_and_keeps_nothing(tmp_path):
    TermFactory(name="RAG", slug="rag", short_definition="Old.")
    before = content_snapshot()
    path = write_csv(tmp_path, "name,slug,quick_definition\nRAG,rag,New.\nEmbedding,embedding,Vectors.\n")

    output, ok = run_import(path, "--dry-run", "--diff")

    assert ok
    assert "quick_definition: 'Old.' -> 'New.'" in output
    assert "1 created, 1 updated" in output and "Dry run: nothing was saved." in output
    assert content_snapshot() == before


# --- JSON and Markdown ------------------------------------------------------------------------------


def test_json_terms_bring_their_faqs_related_terms_and_comparisons(tmp_path):
    document = term_document(
        {
            "slug": "a",
            "name": "A",
            "quick_definition": "First.",
            "related": ["b"],
            "faqs": [{"question": "Q?", "answer": "A.\n"}],
        },
        {"slug": "b", "name": "B", "quick_definition": "Second.", "related": ["a"]},
        comparisons=[
            {
                "term_a": "a",
                "term_b": "b",
                "summary": "How they differ.",
                "points": [{"aspect": "X", "term_a_text": "1", "term_b_text": "2"}],
            }
        ],
    )

    output, ok = run_import(write_json(tmp_path, document))

    assert ok, output
    a = Term.objects.get(slug="a")
    assert [link.related.slug for link in a.related_links.all()] == ["b"]
    assert [(f.question, f.answer, f.suggested_in_widget) for f in a.faqs.all()] == [("Q?", "A.\n", True)]
    comparison = glossary_document()["comparisons"][0]
    assert (comparison["slug"], comparison["title"]) == ("a-vs-b", "A vs B")
    assert comparison["points"] == [{"aspect": "X", "term_a_text": "1", "term_b_text": "2"}]


def test_faqs_are_matched_by_question_updated_added_and_removed_in_the_files_order(tmp_path):
    term = TermFactory(slug="rag")
    kept = FAQFactory(term=term, question="Kept?", answer="Old answer.", order=0)
    FAQFactory(term=term, question="Dropped?", answer="Gone.", order=1)
    document = term_document(
        {
            "slug": "rag",
            "faqs": [{"question": "New?", "answer": "Added."}, {"question": "Kept?", "answer": "New answer."}],
        }
    )

    output, ok = run_import(write_json(tmp_path, document))

    assert ok, output
    assert [(f.pk == kept.pk, f.question, f.answer) for f in term.faqs.order_by("order")] == [
        (False, "New?", "Added."),
        (True, "Kept?", "New answer."),
    ]
    assert not FAQ.objects.filter(question="Dropped?").exists()


@pytest.mark.parametrize(
    ("term", "field", "message"),
    [
        (
            {"slug": "a", "name": "A", "quick_definition": "x", "related": ["nowhere"]},
            "related",
            "No term with the slug “nowhere”.",
        ),
        (
            {"slug": "a", "name": "A", "quick_definition": "x", "related": ["a"]},
            "related",
            "cannot be related to itself",
        ),
        (
            {"slug": "a", "name": "A", "quick_definition": "x", "faqs": [{"question": "Q?", "answer": ""}]},
            "faqs[0].answer",
            "required",
        ),
        ({"slug": "a", "name": "A", "quick_definition": "x", "cta": "Nope"}, "cta", "No call to action named “Nope”."),
        ({"slug": "a", "name": "A", "quick_definition": "x", "colour": "red"}, "colour", "Unknown field “colour”."),
        ({"slug": "a", "name": "A", "quick_definition": "x", "aliases": "A1"}, "aliases", "Expected a list."),
    ],
)
def test_a_bad_json_item_is_reported_with_its_place_and_field(tmp_path, term, field, message):
    document = term_document({"slug": "fine", "name": "Fine", "quick_definition": "Fine."}, term)

    output, ok = run_import(write_json(tmp_path, document))

    assert not ok
    assert f"terms[1], field {field}:" in output and message in output, output
    assert not Term.objects.exists()


def test_invalid_json_names_its_line(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "glossary-cms",\n "version": 1,\n "terms": [}\n', encoding="utf-8")

    output, ok = run_import(path)

    assert not ok and "line 3, field item: Not valid JSON" in output


def test_a_markdown_file_with_broken_front_matter_is_named(tmp_path):
    folder = tmp_path / "export"
    (folder / "terms").mkdir(parents=True)
    (folder / "glossary.yml").write_text("format: glossary-cms\nversion: 1\n")
    (folder / "terms" / "good.md").write_text("---\nslug: good\nname: Good\nquick_definition: Fine.\n---\nBody\n")
    (folder / "terms" / "bad.md").write_text("No front matter here.\n")

    output, ok = run_import(folder)

    assert not ok and "terms/bad.md, field item: The file must start with YAML front matter" in output
    assert not Term.objects.exists()


def test_the_same_slug_twice_in_one_file_is_an_error(tmp_path):
    output, ok = run_import(write_csv(tmp_path, "name,slug,quick_definition\nA,a,One.\nA again,a,Two.\n"))

    assert not ok and "line 3, field slug: Also given at line 2" in output
    assert not Term.objects.exists()


# --- categories, permissions ---------------------------------------------------------------------------


def test_a_category_that_live_terms_use_is_not_changed_by_an_import(tmp_path):
    category = CategoryFactory(slug="models", name="Models")
    TermFactory(category=category, published=True)
    document = {
        "format": "glossary-cms",
        "version": 1,
        "categories": [{"slug": "models", "name": "Renamed", "description": "", "order": 0}],
    }

    output, ok = run_import(write_json(tmp_path, document))

    assert ok
    assert "skipped   category       models" in output and "categories have no drafts" in output
    assert Category.objects.get(slug="models").name == "Models"


def test_an_import_as_a_user_needs_their_permission_for_each_kind_of_item(tmp_path):
    user_in("Writer", username="writer")
    document = term_document(
        {"slug": "a", "name": "A", "quick_definition": "x"},
        categories=[{"slug": "new", "name": "New", "description": "", "order": 0}],
    )

    output, ok = run_import(write_json(tmp_path, document), "--user", "writer")

    assert not ok
    assert "categories[0], field item: You do not have permission to add categories." in output
    assert not Term.objects.exists()


def test_a_writer_may_import_terms():
    writer = user_in("Writer", username="writer")

    report = import_glossary(parsed=read_csv("name,quick_definition\nA,x\n"), by=writer)

    assert report.applied
    term = Term.objects.get(slug="a")
    assert term.created_by == writer and term.history.first().history_user == writer


def test_a_reviewer_may_not_import_terms():
    reviewer = user_in("Reviewer", username="reviewer")

    report = import_glossary(parsed=read_csv("name,quick_definition\nA,x\n"), by=reviewer)

    assert not report.applied
    assert report.items[0].errors == [("item", "You do not have permission to add terms.")]


def test_an_item_saved_after_the_dry_run_is_refused_when_the_import_is_confirmed():
    term = TermFactory(slug="rag", short_definition="Old.")
    parsed = read_csv("slug,quick_definition\nrag,From the file.\n")
    dry_run = import_glossary(parsed=parsed, dry_run=True)
    term.short_definition = "A colleague's edit."
    term.lock_version += 1
    term.save()

    report = import_glossary(parsed=parsed, seen_versions=dry_run.seen_versions)

    assert not report.applied
    assert report.items[0].errors[0][0] == "item" and "after you opened it" in report.items[0].errors[0][1]
    term.refresh_from_db()
    assert term.short_definition == "A colleague's edit."


def test_the_json_reader_refuses_a_file_that_is_not_a_glossary_export():
    parsed = read_json(json.dumps({"terms": []}))

    assert parsed.problems == [("file", "format", "Not a glossary export (expected format “glossary-cms”).")]


def test_yaml_values_that_look_like_dates_are_read_as_the_text_they_are(tmp_path):
    folder = tmp_path / "export"
    (folder / "terms").mkdir(parents=True)
    (folder / "glossary.yml").write_text("format: glossary-cms\nversion: 1\n")
    (folder / "terms" / "y2k.md").write_text("---\nslug: y2k\nname: 2000-01-01\nquick_definition: A date.\n---\n")

    output, ok = run_import(folder)

    assert ok, output
    assert Term.objects.get(slug="y2k").name == "2000-01-01"


def test_an_item_created_or_deleted_after_the_dry_run_is_refused_when_the_import_is_confirmed():
    doomed = TermFactory(slug="doomed")
    parsed = read_csv("name,slug,quick_definition\nDoomed,doomed,x\nFresh,fresh,y\n")
    dry_run = import_glossary(parsed=parsed, dry_run=True)
    doomed.delete()
    TermFactory(name="Fresh", slug="fresh")

    report = import_glossary(parsed=parsed, seen_versions=dry_run.seen_versions)

    assert not report.applied
    assert "deleted or renamed this item after the dry run" in report.items[0].errors[0][1]
    assert "created this item after the dry run" in report.items[1].errors[0][1]
    assert list(Term.objects.values_list("slug", flat=True)) == ["fresh"]


def test_an_import_that_changes_a_scheduled_term_suspends_its_go_live_as_an_admin_edit_does(tmp_path):
    boss, chief = UserFactory(superuser=True), UserFactory(superuser=True)
    term = TermFactory(slug="rag")
    submit_for_review(item=term, by=boss)
    approve(item=term, by=chief)
    schedule = schedule_publication(item=term, at=timezone.now() + timedelta(days=1), by=boss)

    output, ok = run_import(write_csv(tmp_path, "slug,quick_definition\nrag,Not what was approved.\n"))

    assert ok, output
    schedule.refresh_from_db()
    assert schedule.status == Schedule.Status.SUSPENDED
    assert not term.versions.open_or_future(at=timezone.now()).exclude(live_until=models.F("live_from")).exists()


# --- typed relations and successors ------------------------------------------------------------------


def test_json_terms_bring_their_typed_relations_status_and_successor(tmp_path):
    path = write_json(
        tmp_path,
        term_document(
            {"slug": "llm", "name": "LLM", "quick_definition": "A large language model.",
             "relations": [{"type": "broader", "term": "foundation-model"}]},
            {"slug": "foundation-model", "name": "Foundation Model", "quick_definition": "A big model."},
            {"slug": "neural-search", "name": "Neural Search", "quick_definition": "An older name.",
             "status": "deprecated", "successor": "semantic-search"},
            {"slug": "semantic-search", "name": "Semantic Search", "quick_definition": "Search by meaning."},
        ),
    )  # fmt: skip

    output, ok = run_import(path)

    assert ok, output
    llm = Term.objects.get(slug="llm")
    assert list(llm.relations.values_list("type", "target__slug")) == [("broader", "foundation-model")]
    old = Term.objects.get(slug="neural-search")
    assert (old.status, old.successor.slug) == ("deprecated", "semantic-search")
    assert not old.versions.exists(), "an import never publishes"


@pytest.mark.parametrize(
    ("relations", "message"),
    [
        ([{"type": "cousin", "term": "b"}], "“cousin” is not a relation type"),
        ([{"type": "broader", "term": "nowhere"}], "No term with the slug “nowhere”"),
        ([{"type": "broader", "term": "a"}], "A term cannot be related to itself"),
    ],
)
def test_a_bad_typed_relation_is_reported_and_nothing_is_imported(tmp_path, relations, message):
    path = write_json(
        tmp_path,
        term_document(
            {"slug": "a", "name": "A", "quick_definition": "First.", "relations": relations},
            {"slug": "b", "name": "B", "quick_definition": "Second."},
        ),
    )

    output, ok = run_import(path)

    assert not ok and message in output and "relations" in output
    assert not Term.objects.exists()


def test_a_loop_of_broader_terms_is_refused_naming_it(tmp_path):
    path = write_json(
        tmp_path,
        term_document(
            {"slug": "a", "name": "A", "quick_definition": "1.", "relations": [{"type": "broader", "term": "b"}]},
            {"slug": "b", "name": "B", "quick_definition": "2.", "relations": [{"type": "broader", "term": "a"}]},
        ),
    )

    output, ok = run_import(path)

    assert not ok and "loop of broader terms" in output
    assert not Term.objects.exists()
