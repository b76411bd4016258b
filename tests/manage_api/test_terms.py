"""Terms through the management API: every verb, with aliases, FAQs and related terms, validated as the admin does."""

import pytest

from faqs.models import FAQ
from terms.models import ReviewState, Term
from tests.editorial.helpers import bring_to
from tests.factories import CallToActionFactory, CategoryFactory, FAQFactory, TermAliasFactory, TermFactory
from tests.manage_api.conftest import MANAGE

pytestmark = pytest.mark.django_db

NEW_TERM = {
    "name": "Retrieval-Augmented Generation",
    "short_definition": "Answering with documents fetched for the question.",
    "body": "## How it works\n\nFetch, then generate.",
    "aliases": ["RAG"],
    "faqs": [{"question": "Is RAG fine-tuning?", "answer": "No: the model is **unchanged**."}],
}


def test_create_makes_a_draft_with_its_aliases_faqs_and_related_terms(writer):
    category = CategoryFactory(slug="techniques")
    cta = CallToActionFactory()
    TermFactory(name="Embedding", slug="embedding")
    TermFactory(name="Vector database", slug="vector-database")

    response = writer.post(
        f"{MANAGE}/terms/",
        {**NEW_TERM, "category": "techniques", "cta": cta.pk, "related_terms": ["vector-database", "embedding"]},
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert response["Location"].endswith(f"{MANAGE}/terms/retrieval-augmented-generation/")
    assert response["ETag"] == body["etag"]
    assert body["slug"] == "retrieval-augmented-generation"  # filled from the name, as in the admin
    assert body["review_state"] == "draft" and body["publication_state"] == "draft" and body["live_version"] is None
    assert body["aliases"] == ["RAG"]
    assert body["related_terms"] == ["vector-database", "embedding"]
    assert body["category"] == "techniques" and body["cta"] == cta.pk
    assert [(faq["question"], faq["suggested_in_widget"]) for faq in body["faqs"]] == [("Is RAG fine-tuning?", True)]
    term = Term.objects.get(slug="retrieval-augmented-generation")
    assert (term.category, term.cta, term.content_revision) == (category, cta, 1)
    assert term.created_by.username == "writer" and term.updated_by.username == "writer"
    assert term.history.get().history_user.username == "writer"
    assert not term.versions.exists()


def test_list_shows_every_working_copy_drafts_included_a_page_at_a_time(writer):
    live = TermFactory(name="Alpha", slug="alpha", published=True)
    TermFactory(name="Beta", slug="beta")
    TermFactory(name="Gamma", slug="gamma")
    live.short_definition = "Edited after publication."
    live.save()

    first = writer.get(f"{MANAGE}/terms/", {"page_size": 2}).json()
    second = writer.get(f"{MANAGE}/terms/", {"page_size": 2, "page": 2}).json()

    assert first["count"] == 3
    assert [item["slug"] for item in first["results"] + second["results"]] == ["alpha", "beta", "gamma"]
    assert first["results"][0]["short_definition"] == "Edited after publication."  # the working copy
    assert first["results"][0]["live_version"] == 1
    assert first["results"][1]["publication_state"] == "draft"


def test_read_answers_the_working_copy_with_its_etag(writer):
    term = TermFactory(slug="agent")
    TermAliasFactory(term=term, name="AI agent")

    response = writer.get(f"{MANAGE}/terms/agent/")

    assert response.status_code == 200
    assert response["ETag"] == f'"{term.pk}.{term.lock_version}"' == response.json()["etag"]
    assert response.json()["aliases"] == ["AI agent"]


def test_read_of_an_unknown_slug_is_a_json_404(writer):
    response = writer.get(f"{MANAGE}/terms/nothing-here/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


def test_patch_changes_only_the_given_fields_and_raises_the_edit_version(writer):
    term = TermFactory(slug="agent", short_definition="Old.", body="## Body\n\nKept.")
    etag = writer.get(f"{MANAGE}/terms/agent/")["ETag"]

    response = writer.patch(f"{MANAGE}/terms/agent/", {"short_definition": "New."}, HTTP_IF_MATCH=etag)

    assert response.status_code == 200, response.content
    term.refresh_from_db()
    assert (term.short_definition, term.body) == ("New.", "## Body\n\nKept.")
    assert term.lock_version == 1 and term.content_revision == 1
    assert response["ETag"] == f'"{term.pk}.1"' != etag


def test_put_replaces_the_whole_item_nested_lists_included(writer):
    term = TermFactory(slug="agent", seo_title="Old SEO title")
    TermAliasFactory(term=term, name="Old alias")
    FAQFactory(term=term, question="Old question?")
    etag = writer.get(f"{MANAGE}/terms/agent/")["ETag"]

    response = writer.put(
        f"{MANAGE}/terms/agent/",
        {"name": "Agent", "slug": "agent", "short_definition": "Acts on its own.", "aliases": ["Autonomous agent"]},
        HTTP_IF_MATCH=etag,
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["seo_title"] == "" and body["category"] is None
    assert body["aliases"] == ["Autonomous agent"]
    assert body["faqs"] == [] and body["related_terms"] == []
    assert not FAQ.objects.filter(term=term).exists()


def test_put_accepts_back_the_representation_it_read(writer):
    TermFactory(slug="agent")
    read = writer.get(f"{MANAGE}/terms/agent/")
    document = read.json()
    document["short_definition"] = "Changed by a script."

    response = writer.put(f"{MANAGE}/terms/agent/", document, HTTP_IF_MATCH=read["ETag"])

    assert response.status_code == 200, response.content
    assert response.json()["short_definition"] == "Changed by a script."
    assert response.json()["faqs"] == document["faqs"]


def test_faqs_given_with_their_id_keep_it_and_the_order_follows_the_list(writer):
    term = TermFactory(slug="agent")
    first = FAQFactory(term=term, question="First?", order=0)
    second = FAQFactory(term=term, question="Second?", order=1)
    FAQFactory(term=term, question="Dropped?", order=2)
    etag = writer.get(f"{MANAGE}/terms/agent/")["ETag"]

    response = writer.patch(
        f"{MANAGE}/terms/agent/",
        {
            "faqs": [
                {"id": second.pk, "question": "Second, now first?"},
                {"id": first.pk},
                {"question": "Brand new?", "answer": "Yes.", "suggested_in_widget": False},
            ]
        },
        HTTP_IF_MATCH=etag,
    )

    assert response.status_code == 200, response.content
    faqs = response.json()["faqs"]
    assert [faq["question"] for faq in faqs] == ["Second, now first?", "First?", "Brand new?"]
    assert faqs[0]["id"] == second.pk and faqs[1]["id"] == first.pk
    assert faqs[2]["suggested_in_widget"] is False
    assert FAQ.objects.filter(term=term).count() == 3


def test_delete_removes_a_never_published_term(root):
    term = TermFactory(slug="agent")
    etag = root.get(f"{MANAGE}/terms/agent/")["ETag"]

    response = root.delete(f"{MANAGE}/terms/agent/", HTTP_IF_MATCH=etag)

    assert response.status_code == 204
    assert not Term.objects.filter(pk=term.pk).exists()


def test_delete_of_a_live_term_is_refused_as_in_the_admin(root):
    term = TermFactory(slug="agent", published=True)
    etag = root.get(f"{MANAGE}/terms/agent/")["ETag"]

    response = root.delete(f"{MANAGE}/terms/agent/", HTTP_IF_MATCH=etag)

    assert response.status_code == 400
    assert response.json()["detail"] == "“" + term.name + "” is live: withdraw it first."
    assert Term.objects.filter(pk=term.pk).exists()


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"short_definition": "No name."}, "name", "This field is required."),
        ({"name": "x" * 201, "short_definition": "Too long."}, "name", "at most 200 characters"),
        ({"name": "Taken", "short_definition": "Case-insensitive duplicate."}, "name", "already exists"),
        ({"name": "Fresh", "slug": "taken", "short_definition": "Duplicate slug."}, "slug", "already exists"),
        ({"name": "Fresh", "slug": "not a slug", "short_definition": "Bad slug."}, "slug", "valid “slug”"),
        ({"name": "Fresh"}, "short_definition", "This field is required."),
        ({"name": "Fresh", "short_definition": "d", "category": "nope"}, "category", "valid choice"),
        ({"name": "Fresh", "short_definition": "d", "cta": 999999}, "cta", "valid choice"),
        ({"name": "Fresh", "short_definition": "d", "aliases": ["FM", "fm"]}, "aliases", "given twice"),
        ({"name": "Fresh", "short_definition": "d", "aliases": [""]}, "aliases", "cannot be blank"),
        ({"name": "Fresh", "short_definition": "d", "related_terms": ["nope"]}, "related_terms", "No term has"),
        ({"name": "Fresh", "short_definition": "d", "faqs": [{"question": "Q?"}]}, "faqs", "FAQ 1, answer"),
        ({"name": "Fresh", "short_definition": "d", "faqs": [{"id": 987654}]}, "faqs", "no FAQ 987654"),
        ({"name": "Fresh", "short_definition": "d", "colour": "red"}, "colour", "Unknown field."),
        ({"name": ["not", "text"], "short_definition": "d"}, "name", "Not a valid string."),
        ({"name": "Fresh", "short_definition": "d", "aliases": "FM"}, "aliases", "list"),
    ],
)
def test_bad_input_is_a_json_400_naming_the_field_and_nothing_is_saved(writer, payload, field, message):
    TermFactory(name="TAKEN", slug="taken")

    response = writer.post(f"{MANAGE}/terms/", payload)

    assert response.status_code == 400, response.content
    body = response.json()
    assert body["field"] == field
    assert message in " ".join(body["errors"][field]), body
    assert body["detail"].startswith(f"{field}: ")
    assert Term.objects.count() == 1


def test_a_body_that_is_not_a_json_object_is_a_400(writer):
    response = writer.post(f"{MANAGE}/terms/", ["name", "Agent"])

    assert response.status_code == 400
    assert response.json()["detail"] == "Send a JSON object."
    assert not Term.objects.exists()


def test_a_term_cannot_be_related_to_itself(writer):
    TermFactory(slug="agent")
    etag = writer.get(f"{MANAGE}/terms/agent/")["ETag"]

    response = writer.patch(f"{MANAGE}/terms/agent/", {"related_terms": ["agent"]}, HTTP_IF_MATCH=etag)

    assert response.status_code == 400
    assert response.json()["errors"]["related_terms"] == ["A term cannot be related to itself."]


def test_editing_an_approved_term_sends_it_back_to_draft_as_in_the_admin(writer):
    term = TermFactory(slug="agent")
    bring_to(term, ReviewState.APPROVED)
    etag = writer.get(f"{MANAGE}/terms/agent/")["ETag"]

    response = writer.patch(f"{MANAGE}/terms/agent/", {"body": "## Changed\n\nAfter approval."}, HTTP_IF_MATCH=etag)

    assert response.status_code == 200
    assert response.json()["review_state"] == "draft"


def test_a_patch_that_changes_nothing_keeps_the_review_state(writer):
    term = TermFactory(slug="agent")
    bring_to(term, ReviewState.APPROVED)
    read = writer.get(f"{MANAGE}/terms/agent/")

    response = writer.patch(
        f"{MANAGE}/terms/agent/", {"name": read.json()["name"], "aliases": []}, HTTP_IF_MATCH=read["ETag"]
    )

    assert response.status_code == 200
    assert response.json()["review_state"] == "approved"
    term.refresh_from_db()
    assert term.content_revision == 0
