"""The plain-dict documents the API sends are exactly what its documented serializers describe."""

import json

import pytest
from django.utils import timezone

from api import documents
from api.serializers import SearchResponseSerializer, TermDetailSerializer, TermSummarySerializer
from terms import selectors
from terms.models import TermVersion
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
    return json.loads(json.dumps(data))


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


def test_term_detail_document_equals_the_serializer_output(rich_term):
    now = timezone.now()
    page = selectors.live_term_page(slug="tokenizer", at=now)
    links = selectors.term_page_links(version=page, at=now)
    model_links = selectors.term_page_links(version=rich_term, at=now)

    document = documents.term_detail(page, related_terms=links.related_terms, comparisons=links.comparisons)
    serialized = TermDetailSerializer(
        rich_term, context={"related_terms": model_links.related_terms, "comparisons": model_links.comparisons}
    ).data

    assert as_json(document) == as_json(serialized)
    assert [related["name"] for related in document["related_terms"]] == ["Embedding", "Vocabulary"]
    assert len(document["comparisons"]) == 1
    assert document["faqs"] and document["cta"] and document["category"]


def test_term_detail_response_is_the_document(api_client, rich_term):
    now = timezone.now()
    links = selectors.term_page_links(version=rich_term, at=now)
    serialized = TermDetailSerializer(
        rich_term, context={"related_terms": links.related_terms, "comparisons": links.comparisons}
    ).data

    assert api_client.get(f"{API}/terms/tokenizer/").json() == as_json(serialized)


def test_a_term_without_category_or_cta_has_nulls_as_the_serializer_writes_them(api_client):
    TermFactory(name="Loose term", slug="loose-term", category=None, cta=None, published=True)
    version = TermVersion.objects.get(slug="loose-term")

    body = api_client.get(f"{API}/terms/loose-term/").json()
    assert body["category"] is None and body["cta"] is None
    assert as_json(documents.term_summary(version)) == as_json(TermSummarySerializer(version).data)


def test_list_summaries_equal_the_serializer_output(api_client):
    for number in range(3):
        TermFactory(name=f"Term {number}", category=CategoryFactory(), published=True)
    versions = list(TermVersion.objects.order_by("name", "id"))

    body = api_client.get(f"{API}/terms/").json()
    assert body["results"] == as_json(TermSummarySerializer(versions, many=True).data)


def test_times_are_utc_with_z_as_drf_writes_them():
    moment = timezone.now().astimezone(timezone.get_fixed_timezone(120))

    assert documents.iso_datetime(moment) == TermSummarySerializer().fields["updated_at"].to_representation(moment)
    assert documents.iso_datetime(moment).endswith("Z")


def test_search_results_equal_the_serializer_output(api_client, rich_term):
    FAQFactory(question="Which tokenizer should I use?", published=True)
    hits = search(query="tokenizer", at=timezone.now())

    body = api_client.get(f"{API}/search/", {"q": "tokenizer"}).json()
    assert {hit["type"] for hit in body["results"]} >= {"term", "faq"}
    assert body == as_json(SearchResponseSerializer({"results": hits}).data)
