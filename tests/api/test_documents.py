"""The documents the API sends, stored at publication and completed per request, are what its serializers describe."""

import json

import pytest
from django.utils import timezone

from api.serializers import SearchResponseSerializer, TermDetailSerializer, TermSummarySerializer
from terms.documents import StoredTermSummarySerializer, TermDocumentSerializer, dump_json
from terms.models import ComparisonVersion, TermVersion
from terms.search import search
from terms.services import publish_term
from tests.api.support import API
from tests.factories import (
    CallToActionFactory,
    CategoryFactory,
    ComparisonFactory,
    FAQFactory,
    RelatedTermFactory,
    TermAliasFactory,
    TermFactory,
)

pytestmark = pytest.mark.django_db


def as_json(data: object) -> object:
    return json.loads(dump_json(data))


@pytest.fixture
def rich_term() -> TermVersion:
    """A live term with everything a page can show: category, CTA, aliases, FAQs, links."""
    term = TermFactory(
        name="Tokenizer",
        slug="tokenizer",
        category=CategoryFactory(name="Basics"),
        cta=CallToActionFactory(),
        body="Intro.\n\n## How it works\n\nSplits *text* into `tokens`.\n\n## Ünïcode\n\nBytes.",
    )
    TermAliasFactory(term=term, name="Token splitter")
    FAQFactory(term=term, question="What does a tokenizer do?")
    FAQFactory(term=term, question="Is it fast?", suggested_in_widget=False)
    for order, name in enumerate(["Embedding", "Vocabulary"]):
        RelatedTermFactory(term=term, related=TermFactory(name=name, published=True), order=order)
    RelatedTermFactory(term=term, related=TermFactory(name="Unpublished neighbour"), order=5)
    publish_term(term=term, by=None)
    ComparisonFactory(term_a=term, term_b=TermFactory(name="Byte pair encoding", published=True), published=True)
    return term.versions.get()


def live_links(version: TermVersion) -> dict:
    """What the API adds to a stored term page, from model instances (the serializers' input)."""
    live = {v.term_id: v for v in TermVersion.objects.live(at=timezone.now()).select_related("category")}
    comparisons = [
        {"slug": c.slug, "title": c.title, "other_term": {"slug": other.slug, "name": other.name}}
        for c in ComparisonVersion.objects.live(at=timezone.now()).order_by("title", "id")
        for side, other_side in (("term_a_id", "term_b_id"), ("term_b_id", "term_a_id"))
        if getattr(c, side) == version.term_id and (other := live.get(getattr(c, other_side)))
    ]
    return {
        "related_terms": [live[term_id] for term_id in version.related_term_ids if term_id in live],
        "comparisons": comparisons,
    }


def test_the_stored_document_is_the_serializers_rendering_of_the_version(rich_term):
    assert json.loads(rich_term.document) == as_json(TermDocumentSerializer(rich_term).data)
    assert json.loads(rich_term.summary_document) == as_json(StoredTermSummarySerializer(rich_term).data)


def test_term_detail_response_is_what_the_schema_serializer_describes(api_client, rich_term):
    for name, value in live_links(rich_term).items():
        setattr(rich_term, name, value)

    body = api_client.get(f"{API}/terms/tokenizer/").json()

    assert body == as_json(TermDetailSerializer(rich_term).data)
    assert [related["name"] for related in body["related_terms"]] == ["Embedding", "Vocabulary"]
    assert len(body["comparisons"]) == 1
    assert body["faqs"] and body["cta"] and body["category"] == {"slug": rich_term.category.slug, "name": "Basics"}


def test_a_term_without_category_or_cta_has_nulls_as_the_serializer_writes_them(api_client):
    TermFactory(name="Loose term", slug="loose-term", category=None, cta=None, published=True)
    version = TermVersion.objects.get(slug="loose-term")

    body = api_client.get(f"{API}/terms/loose-term/").json()
    assert body["category"] is None and body["cta"] is None
    summary = api_client.get(f"{API}/terms/").json()["results"][0]
    assert summary == as_json(TermSummarySerializer(version).data)


def test_a_renamed_category_reaches_stored_pages_without_republishing(api_client, rich_term):
    category = rich_term.category
    category_changed_in_admin(category, name="Fundamentals")

    body = api_client.get(f"{API}/terms/tokenizer/").json()
    assert body["category"] == {"slug": category.slug, "name": "Fundamentals"}


def category_changed_in_admin(category, *, name: str) -> None:
    from django.db import transaction

    from terms.services import category_changed

    with transaction.atomic():
        category.name = name
        category.save()
        category_changed()


def test_json_ld_escapes_script_breaking_characters_and_parses_back(api_client):
    TermFactory(name="A</script><b>&", slug="breaker", short_definition="x </script> y & z", published=True)

    response = api_client.get(f"{API}/terms/breaker/")

    json_ld_start = response.content.index(b'"json_ld":')
    json_ld_bytes = response.content[json_ld_start:]
    assert b"</script" not in json_ld_bytes and b"<" not in json_ld_bytes.split(b'"published_at"')[0]
    assert b"\\u003c/script\\u003e" in json_ld_bytes
    graph = response.json()["json_ld"]["@graph"]
    assert graph[0]["name"] == "A</script><b>&"
    assert graph[0]["description"] == "x </script> y & z"


def test_line_separators_are_escaped_in_every_json_body(api_client):
    TermFactory(name="Separated", slug="separated", short_definition="one\u2028two\u2029three", published=True)

    for path in (f"{API}/terms/separated/", f"{API}/terms/"):
        response = api_client.get(path)
        assert "\u2028".encode() not in response.content and "\u2029".encode() not in response.content
        assert b"\\u2028" in response.content
    assert api_client.get(f"{API}/terms/separated/").json()["short_definition"] == "one\u2028two\u2029three"


def test_list_summaries_equal_the_serializer_output(api_client):
    for number in range(3):
        TermFactory(name=f"Term {number}", category=CategoryFactory(), published=True)
    versions = list(TermVersion.objects.order_by("name", "id"))

    body = api_client.get(f"{API}/terms/").json()
    assert body["results"] == as_json(TermSummarySerializer(versions, many=True).data)


def test_search_results_equal_the_serializer_output(api_client, rich_term):
    FAQFactory(question="Which tokenizer should I use?", published=True)
    hits = search(query="tokenizer", at=timezone.now())

    body = api_client.get(f"{API}/search/", {"q": "tokenizer"}).json()
    assert {hit["type"] for hit in body["results"]} >= {"term", "faq"}
    assert body == as_json(SearchResponseSerializer({"results": hits}).data)
