"""An import changes no public response: its drafts reach the API only through publication."""

import json

import pytest
from django.core.cache import cache

from api.caching import forget_local_entries
from api.documents import forget_generation_copies
from editorial.services import approve, publish, submit_for_review
from terms.models import Term
from tests.api.support import API
from tests.factories import CategoryFactory, ComparisonFactory, FAQFactory, TermFactory, UserFactory
from tests.interchange.support import export_json, run_import, write_json

pytestmark = pytest.mark.django_db

MARKER = "ZEBRAFISHIMPORT"
PUBLIC_READS = [
    ("/terms/", {}),
    ("/terms/", {"q": MARKER}),
    ("/terms/live-lemur/", {}),
    ("/terms/live-lemur/widget/", {}),
    ("/terms/live-raven/", {}),
    ("/comparisons/", {}),
    ("/comparisons/live-lemur-vs-live-raven/", {}),
    ("/categories/", {}),
    ("/categories/shared/", {}),
    ("/faqs/", {}),
    ("/faqs/", {"term": "live-lemur"}),
    ("/index/", {}),
    ("/search/", {"q": MARKER}),
    ("/search/", {"q": "live"}),
    ("/sitemap/", {}),
]
NEW_SLUGS = [("/terms/", "zebrafishimport-new"), ("/comparisons/", "live-raven-vs-zebrafishimport-new")]


@pytest.fixture
def live_glossary():
    category = CategoryFactory(slug="shared", name="Shared")
    lemur = TermFactory(name="Live Lemur", slug="live-lemur", category=category, published=True)
    raven = TermFactory(name="Live Raven", slug="live-raven", category=category, published=True)
    FAQFactory(term=lemur, question="Lemur question?", answer="Lemur answer.")
    ComparisonFactory(term_a=lemur, term_b=raven, published=True)
    FAQFactory(question="Site question?", answer="Site answer.", published=True)
    return lemur


def public_responses(api_client) -> dict[str, bytes]:
    """Every public read, computed afresh from the database (no cached answer replayed)."""
    forget_generation_copies()
    cache.clear()
    forget_local_entries()
    answers = {}
    for path, params in PUBLIC_READS:
        response = api_client.get(f"{API}{path}", params)
        assert response.status_code == 200, (path, response.content[:300])
        answers[f"{path}?{params}"] = response.content
    return answers


def marked_import(tmp_path) -> dict:
    """The glossary's own export with the marker written into every kind of item, plus new ones."""
    document = json.loads(export_json(tmp_path))
    for term in document["terms"]:
        term["quick_definition"] = f"{MARKER} definition."
        term["explanation"] = f"## {MARKER}\n\n{MARKER} body."
        term["aliases"] = [f"{MARKER} {term['slug']}"]
        term["faqs"] = [{"question": f"{MARKER} {term['slug']}?", "answer": MARKER, "suggested_in_widget": True}]
    document["terms"].append(
        {"slug": "zebrafishimport-new", "name": f"{MARKER} New", "quick_definition": MARKER, "category": "shared"}
    )
    for comparison in document["comparisons"]:
        comparison["summary"] = f"{MARKER} summary."
    document["comparisons"].append({"term_a": "live-raven", "term_b": "zebrafishimport-new", "summary": MARKER})
    for faq in document["site_faqs"]:
        faq["answer"] = MARKER
    document["site_faqs"].append({"question": f"{MARKER} new?", "answer": MARKER, "order": 9})
    return document


def test_the_public_api_is_unchanged_after_an_import_until_publication(api_client, live_glossary, tmp_path):
    before = public_responses(api_client)
    output, ok = run_import(write_json(tmp_path, marked_import(tmp_path)))
    assert ok and "0 error" in output, output
    assert Term.objects.get(slug="live-lemur").short_definition == f"{MARKER} definition."

    after = public_responses(api_client)

    assert after == before
    for prefix, slug in NEW_SLUGS:
        assert api_client.get(f"{API}{prefix}{slug}/").status_code == 404


def test_a_published_import_reaches_the_public_api(api_client, live_glossary, tmp_path):
    """The other half of the rule: the test above would notice a change, as publication shows."""
    run_import(write_json(tmp_path, marked_import(tmp_path)))
    writer, reviewer = UserFactory(superuser=True), UserFactory(superuser=True)
    lemur = Term.objects.get(slug="live-lemur")
    submit_for_review(item=lemur, by=writer)
    approve(item=lemur, by=reviewer)
    publish(item=lemur, by=writer)

    response = api_client.get(f"{API}/terms/live-lemur/")

    assert MARKER in response.content.decode()
