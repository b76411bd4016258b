"""Comparisons, categories and site-wide FAQs through the management API: every verb, the admin's rules."""

import pytest
from django.utils import timezone

from faqs.models import FAQ, PublishedFAQ
from terms.models import Category, Comparison
from tests.factories import CategoryFactory, ComparisonFactory, ComparisonPointFactory, FAQFactory, TermFactory
from tests.manage_api.conftest import MANAGE

pytestmark = pytest.mark.django_db


# --- comparisons ------------------------------------------------------------------------------


def test_a_comparison_is_created_with_its_points_and_filled_slug_and_title(writer):
    TermFactory(name="RAG", slug="rag")
    TermFactory(name="Fine-tuning", slug="fine-tuning")

    response = writer.post(
        f"{MANAGE}/comparisons/",
        {
            "term_a": "rag",
            "term_b": "fine-tuning",
            "summary": "Fetch documents, or change the weights.",
            "points": [{"aspect": "Cost", "term_a": "Low", "term_b": "High"}],
            "faqs": [{"question": "Which first?", "answer": "RAG."}],
        },
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["slug"], body["title"]) == ("rag-vs-fine-tuning", "RAG vs Fine-tuning")
    assert body["points"] == [{"aspect": "Cost", "term_a": "Low", "term_b": "High"}]
    assert body["faqs"][0]["question"] == "Which first?"
    assert body["review_state"] == "draft"
    assert not Comparison.objects.get().versions.exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"term_a": "rag", "term_b": "rag", "summary": "Same."}, "term_b"),
        ({"term_a": "fine-tuning", "term_b": "rag", "summary": "Pair taken, other order."}, "term_b"),
        ({"term_a": "nope", "term_b": "rag", "summary": "Unknown."}, "term_a"),
        ({"term_a": "rag", "term_b": "fine-tuning"}, "summary"),
        ({"term_a": "rag", "term_b": "other", "summary": "s", "points": [{"aspect": ""}]}, "points"),
    ],
)
def test_a_bad_comparison_is_a_400_naming_the_field_as_the_admin_would(writer, payload, field):
    rag, tuning = TermFactory(name="RAG", slug="rag"), TermFactory(name="Fine-tuning", slug="fine-tuning")
    TermFactory(name="Other", slug="other")
    ComparisonFactory(term_a=rag, term_b=tuning)

    response = writer.post(f"{MANAGE}/comparisons/", payload)

    assert response.status_code == 400, response.content
    assert response.json()["field"] == field
    assert Comparison.objects.count() == 1


def test_a_comparison_is_read_patched_listed_and_deleted(root):
    comparison = ComparisonFactory(slug="a-vs-b")
    ComparisonPointFactory(comparison=comparison, aspect="Old aspect")

    read = root.get(f"{MANAGE}/comparisons/a-vs-b/")
    patched = root.patch(
        f"{MANAGE}/comparisons/a-vs-b/",
        {"points": [{"aspect": "Speed", "term_a": "Fast", "term_b": "Slow"}]},
        HTTP_IF_MATCH=read["ETag"],
    )
    listed = root.get(f"{MANAGE}/comparisons/")
    deleted = root.delete(f"{MANAGE}/comparisons/a-vs-b/", HTTP_IF_MATCH=patched["ETag"])

    assert read.json()["points"][0]["aspect"] == "Old aspect"
    assert patched.status_code == 200 and patched.json()["points"][0]["aspect"] == "Speed"
    assert [item["slug"] for item in listed.json()["results"]] == ["a-vs-b"]
    assert deleted.status_code == 204
    assert not Comparison.objects.exists()


def test_a_comparison_goes_through_the_workflow_to_publication(token_client):
    ComparisonFactory(slug="a-vs-b")
    writer, reviewer, publisher = token_client("Writer"), token_client("Reviewer"), token_client("Publisher")

    assert writer.post(f"{MANAGE}/comparisons/a-vs-b/submit/").json()["review_state"] == "in_review"
    assert reviewer.post(f"{MANAGE}/comparisons/a-vs-b/approve/").json()["review_state"] == "approved"
    published = publisher.post(f"{MANAGE}/comparisons/a-vs-b/publish/").json()

    assert published["review_state"] == "published"
    assert published["publication_state"] == "live" and published["live_version"] == 1


# --- categories -------------------------------------------------------------------------------


def test_a_category_is_created_read_replaced_and_deleted(root):
    created = root.post(f"{MANAGE}/categories/", {"name": "Techniques", "slug": "techniques"})
    assert created.status_code == 201, created.content
    assert created.json()["order"] == 0  # the admin's default

    replaced = root.put(
        f"{MANAGE}/categories/techniques/",
        {"name": "Methods", "slug": "methods", "description": "How it is done.", "order": 3},
        HTTP_IF_MATCH=created["ETag"],
    )
    assert replaced.status_code == 200, replaced.content
    assert root.get(f"{MANAGE}/categories/techniques/").status_code == 404
    read = root.get(f"{MANAGE}/categories/methods/")
    assert read.json()["description"] == "How it is done."

    assert root.delete(f"{MANAGE}/categories/methods/", HTTP_IF_MATCH=read["ETag"]).status_code == 204
    assert not Category.objects.exists()


def test_a_category_name_differing_only_in_case_is_refused_with_the_admins_message(root):
    """The model's constraint is not tied to a field (the admin shows it above the form): so is the API."""
    CategoryFactory(name="Techniques")

    response = root.post(f"{MANAGE}/categories/", {"name": "TECHNIQUES", "slug": "techniques-2"})

    assert response.status_code == 400
    assert response.json()["field"] == "non_field_errors"
    assert response.json()["detail"] == "A category with this name already exists (names ignore case)."
    assert Category.objects.count() == 1


def test_a_category_with_live_terms_is_not_deleted(root):
    category = CategoryFactory(slug="techniques")
    TermFactory(name="RAG", category=category, published=True)
    etag = root.get(f"{MANAGE}/categories/techniques/")["ETag"]

    response = root.delete(f"{MANAGE}/categories/techniques/", HTTP_IF_MATCH=etag)

    assert response.status_code == 400
    assert "The term “RAG” in" in response.json()["detail"]
    assert Category.objects.filter(pk=category.pk).exists()


# --- site-wide FAQs ---------------------------------------------------------------------------


def test_a_site_wide_faq_is_created_published_unpublished_and_deleted(token_client):
    writer, publisher, root = token_client("Writer"), token_client("Publisher"), token_client("superuser")

    created = writer.post(f"{MANAGE}/faqs/", {"question": "Is there a free plan?", "answer": "Yes, **forever**."})
    assert created.status_code == 201, created.content
    faq_id = created.json()["id"]
    assert created.json()["publication_state"] == "draft"

    assert publisher.post(f"{MANAGE}/faqs/{faq_id}/publish/").status_code == 400  # not approved yet
    assert writer.post(f"{MANAGE}/faqs/{faq_id}/submit/").json()["review_state"] == "in_review"
    assert token_client("Reviewer").post(f"{MANAGE}/faqs/{faq_id}/approve/").json()["review_state"] == "approved"
    published = publisher.post(f"{MANAGE}/faqs/{faq_id}/publish/")
    assert published.status_code == 200 and published.json()["publication_state"] == "live"
    live = root.get(f"{MANAGE}/faqs/{faq_id}/")
    assert root.delete(f"{MANAGE}/faqs/{faq_id}/", HTTP_IF_MATCH=live["ETag"]).status_code == 400  # live

    assert publisher.post(f"{MANAGE}/faqs/{faq_id}/unpublish/").json()["publication_state"] == "withdrawn"
    assert root.delete(f"{MANAGE}/faqs/{faq_id}/", HTTP_IF_MATCH=live["ETag"]).status_code == 204
    assert not FAQ.objects.filter(pk=faq_id).exists()


def test_the_faq_list_shows_site_wide_faqs_only(writer):
    FAQFactory(question="Site-wide?")
    FAQFactory(question="On a term?", term=TermFactory())

    listed = writer.get(f"{MANAGE}/faqs/").json()

    assert [faq["question"] for faq in listed["results"]] == ["Site-wide?"]


def test_a_terms_faq_is_not_reachable_as_a_site_wide_one(writer):
    faq = FAQFactory(question="On a term?", term=TermFactory())

    assert writer.get(f"{MANAGE}/faqs/{faq.pk}/").status_code == 404


def test_a_site_wide_faq_without_an_answer_is_refused_naming_the_field(writer):
    response = writer.post(f"{MANAGE}/faqs/", {"question": "Unanswered?"})

    assert response.status_code == 400
    assert response.json()["field"] == "answer"


@pytest.mark.parametrize("step", ["schedule", "archive", "unarchive"])
def test_site_wide_faqs_are_published_now_never_scheduled_or_archived(token_client, step):
    faq = FAQFactory(question="Site-wide?")

    assert token_client("superuser").post(f"{MANAGE}/faqs/{faq.pk}/{step}/").status_code == 404


def test_patching_a_published_site_wide_faq_sends_it_back_to_draft_and_keeps_the_live_copy(token_client):
    root = token_client("superuser")
    faq = FAQFactory(question="Site-wide?", answer="Live answer.", published=True)
    read = root.get(f"{MANAGE}/faqs/{faq.pk}/")
    assert read.json()["review_state"] == "published"

    patched = root.patch(f"{MANAGE}/faqs/{faq.pk}/", {"answer": "Draft answer."}, HTTP_IF_MATCH=read["ETag"])

    assert patched.status_code == 200, patched.content
    assert (patched.json()["review_state"], patched.json()["publication_state"]) == ("draft", "changed")
    assert list(
        PublishedFAQ.objects.live(at=timezone.now()).filter(faq=faq).values_list("answer_markdown", flat=True)
    ) == ["Live answer."]
