"""Nothing that is not live reaches a delivery response: every endpoint × every non-live state.

Each non-live state carries the marker word in its text. A live response that contains the
marker, a count that includes such content, a link to it, or a 403 instead of a 404 is a leak.
"""

from collections.abc import Iterator
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from faqs.models import FAQ, PublishedFAQ
from faqs.services import publish_site_faq, unpublish_site_faq
from terms.models import Category, Comparison, ComparisonVersion, Term, TermVersion
from terms.services import publish_comparison, publish_term, unpublish_comparison, unpublish_term
from tests.api.support import API, MONDAY, edit, ok_json, rolled_back_after_module, slugs
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

pytestmark = pytest.mark.django_db

MARKER = "ZEBRAFISHDRAFT"
LIVE_TERMS = {"live-lemur", "live-raven", "live-seal", "edited-eel", "scheduled-skunk"}
LIVE_COMPARISONS = {"live-lemur-vs-live-raven", "live-raven-vs-live-seal"}
NOT_LIVE_TERMS = ["zebrafishdraft-draft", "zebrafishdraft-withdrawn", "zebrafishdraft-future", "zebrafishdraft-eel"]
NOT_LIVE_COMPARISONS = [
    "lemur-vs-draft",  # published, but its other side is a draft
    "lemur-vs-eel-unpublished",  # never published
    "raven-vs-eel-withdrawn",  # published, then unpublished
    "seal-vs-lemur-future",  # published to go live tomorrow
    "lemur-vs-withdrawn",  # published, but its other side was withdrawn
    "seal-vs-future",  # published, but its other side goes live tomorrow
]


def marked_term(name: str, slug: str, category: Category | None) -> Term:
    """A working copy with the marker in every text an editor writes, with an alias and an FAQ."""
    term = TermFactory(
        name=f"{MARKER} {name}",
        slug=slug,
        short_definition=f"{MARKER} definition.",
        body=f"## {MARKER} heading\n\n{MARKER} body.",
        category=category,
        seo_title=f"{MARKER} SEO",
        cta=CallToActionFactory(title=f"{MARKER} offer"),
    )
    TermAliasFactory(term=term, name=f"{MARKER} {name} alias")
    FAQFactory(term=term, question=f"{MARKER} {name} question?", answer=f"{MARKER} answer.")
    return term


def marked_comparison(term_a: Term, term_b: Term, slug: str) -> Comparison:
    comparison = ComparisonFactory(
        term_a=term_a,
        term_b=term_b,
        slug=slug,
        title=f"{MARKER} {slug}",
        summary=f"{MARKER} summary.",
        body=f"## {MARKER}\n\n{MARKER} body.",
    )
    ComparisonPointFactory(comparison=comparison, aspect=f"{MARKER} aspect", term_a_text=MARKER, term_b_text=MARKER)
    FAQFactory(comparison=comparison, question=f"{MARKER} {slug} question?", answer=f"{MARKER} answer.")
    return comparison


@pytest.fixture(scope="module")
def content_states(django_db_setup, django_db_blocker) -> Iterator[None]:
    """Live content, and beside it every way content can be not live (all carrying the marker).

    Built once for the module (it is read-only for the tests that use it).
    """
    with rolled_back_after_module(django_db_blocker):
        build_content_states()
        yield


def build_content_states() -> None:
    tomorrow = timezone.now() + timedelta(days=1)
    shared = CategoryFactory(name="Shared", slug="shared")

    lemur = TermFactory(name="Live Lemur", slug="live-lemur", category=shared)
    raven = TermFactory(name="Live Raven", slug="live-raven", category=shared, published=True)
    seal = TermFactory(name="Live Seal", slug="live-seal", category=None, published=True)

    draft = marked_term("Draft", "zebrafishdraft-draft", shared)

    withdrawn = marked_term("Withdrawn", "zebrafishdraft-withdrawn", shared)
    publish_term(term=withdrawn, by=None)
    unpublish_term(term=withdrawn, by=None)

    future = marked_term("Future", "zebrafishdraft-future", shared)
    publish_term(term=future, by=None, at=tomorrow)

    # Live, with unpublished edits: the marker is only in its working copy.
    eel = TermFactory(name="Edited Eel", slug="edited-eel", category=shared, cta=CallToActionFactory(title="Clean"))
    TermAliasFactory(term=eel, name="Eel alias")
    old_faq = FAQFactory(term=eel, question="Is the eel live?", answer="Yes.")
    publish_term(term=eel, by=None)
    edit(
        eel,
        name=f"{MARKER} Eel",
        slug="zebrafishdraft-eel",
        short_definition=f"{MARKER} definition.",
        body=f"## {MARKER}\n\n{MARKER} body.",
        seo_title=f"{MARKER} SEO",
        seo_description=f"{MARKER} description",
        cta=CallToActionFactory(title=f"{MARKER} new offer"),
    )
    edit(old_faq, question=f"{MARKER} edited question?", answer=f"{MARKER} edited answer.")
    TermAliasFactory(term=eel, name=f"{MARKER} new alias")
    FAQFactory(term=eel, question=f"{MARKER} new question?", answer=f"{MARKER} new answer.")
    RelatedTermFactory(term=eel, related=draft)

    # Live, with its next version (carrying the marker) scheduled for tomorrow.
    skunk = TermFactory(name="Scheduled Skunk", slug="scheduled-skunk", category=shared)
    FAQFactory(term=skunk, question="Is the skunk live?", answer="Yes.")
    publish_term(term=skunk, by=None)
    edit(skunk, name=f"{MARKER} Skunk", short_definition=f"{MARKER} definition.", body=f"{MARKER} body.")
    TermAliasFactory(term=skunk, name=f"{MARKER} skunk alias")
    FAQFactory(term=skunk, question=f"{MARKER} skunk question?", answer=f"{MARKER} answer.")
    publish_term(term=skunk, by=None, at=tomorrow)

    for order, related in enumerate([raven, draft, withdrawn, future, eel]):
        RelatedTermFactory(term=lemur, related=related, order=order)
    publish_term(term=lemur, by=None)

    ComparisonFactory(term_a=lemur, term_b=raven, slug="live-lemur-vs-live-raven", published=True)
    edited_comparison = ComparisonFactory(term_a=raven, term_b=seal, slug="live-raven-vs-live-seal", published=True)
    edit(edited_comparison, summary=f"{MARKER} summary.", body=f"{MARKER} body.", title=f"{MARKER} title")
    ComparisonPointFactory(comparison=edited_comparison, aspect=f"{MARKER} aspect")
    FAQFactory(comparison=edited_comparison, question=f"{MARKER} comparison question?")

    publish_comparison(comparison=marked_comparison(lemur, draft, "lemur-vs-draft"), by=None)
    marked_comparison(lemur, eel, "lemur-vs-eel-unpublished")
    withdrawn_comparison = marked_comparison(raven, eel, "raven-vs-eel-withdrawn")
    publish_comparison(comparison=withdrawn_comparison, by=None)
    unpublish_comparison(comparison=withdrawn_comparison, by=None)
    publish_comparison(comparison=marked_comparison(seal, lemur, "seal-vs-lemur-future"), by=None, at=tomorrow)
    publish_comparison(comparison=marked_comparison(lemur, withdrawn, "lemur-vs-withdrawn"), by=None)
    publish_comparison(comparison=marked_comparison(seal, future, "seal-vs-future"), by=None)

    FAQFactory(question="Is this glossary live?", answer="Yes.", published=True)
    edited_site_faq = FAQFactory(question="Who edits it?", answer="Editors.", published=True)
    edit(edited_site_faq, question=f"{MARKER} edited site question?", answer=f"{MARKER} edited.")
    rescheduled_site_faq = FAQFactory(question="When is it updated?", answer="Often.", published=True)
    edit(rescheduled_site_faq, question=f"{MARKER} scheduled site question?", answer=f"{MARKER} scheduled.")
    publish_site_faq(faq=rescheduled_site_faq, by=None, at=tomorrow)
    FAQFactory(question=f"{MARKER} never published?", answer=f"{MARKER} answer.")
    withdrawn_site_faq = FAQFactory(question=f"{MARKER} withdrawn?", answer=f"{MARKER} answer.", published=True)
    unpublish_site_faq(faq=withdrawn_site_faq, by=None)
    publish_site_faq(faq=FAQFactory(question=f"{MARKER} tomorrow?", answer=f"{MARKER} answer."), by=None, at=tomorrow)

    CategoryFactory(name="Only drafts", slug="only-drafts")


def test_content_states_keep_the_marker_in_stored_but_not_live_rows(content_states):
    """The marker is really there to leak: in working copies and in published rows that are not live."""
    assert Term.objects.filter(name__startswith=MARKER).count() == 5
    assert set(TermVersion.objects.filter(name__startswith=MARKER).values_list("slug", flat=True)) == {
        "zebrafishdraft-withdrawn",
        "zebrafishdraft-future",
        "scheduled-skunk",
    }
    assert ComparisonVersion.objects.filter(title__startswith=MARKER).count() == 5
    assert PublishedFAQ.objects.filter(question__startswith=MARKER).count() == 2 + 1 + 5 + 3
    assert FAQ.objects.filter(question__startswith=MARKER).count() == 18


PUBLIC_READS = [
    ("/terms/", {}),
    ("/terms/", {"category": "shared"}),
    ("/terms/", {"letter": "z"}),
    ("/terms/", {"letter": "e"}),
    ("/terms/", {"q": MARKER}),
    ("/terms/", {"q": "zebrafishdraft definition"}),
    ("/terms/", {"updated_since": "2000-01-01T00:00:00Z"}),
    ("/terms/", {"ordering": "name"}),
    ("/terms/", {"ordering": "-name"}),
    ("/terms/", {"ordering": "updated_at"}),
    ("/terms/", {"ordering": "-updated_at"}),
    ("/terms/", {"page_size": 100}),
    ("/terms/live-lemur/", {}),
    ("/terms/live-raven/", {}),
    ("/terms/live-seal/", {}),
    ("/terms/edited-eel/", {}),
    ("/terms/live-lemur/widget/", {}),
    ("/terms/edited-eel/widget/", {}),
    ("/terms/scheduled-skunk/", {}),
    ("/terms/scheduled-skunk/widget/", {}),
    ("/faqs/", {"term": "scheduled-skunk"}),
    ("/comparisons/", {}),
    ("/comparisons/", {"term": "live-lemur"}),
    ("/comparisons/", {"term": "live-raven"}),
    ("/comparisons/", {"term": "edited-eel"}),
    ("/comparisons/live-lemur-vs-live-raven/", {}),
    ("/comparisons/live-raven-vs-live-seal/", {}),
    ("/categories/", {}),
    ("/categories/shared/", {}),
    ("/faqs/", {}),
    ("/faqs/", {"term": "edited-eel"}),
    ("/faqs/", {"term": "live-lemur"}),
    ("/index/", {}),
    ("/search/", {"q": MARKER}),
    ("/search/", {"q": "zebrafishdraft answer"}),
    ("/search/", {"q": "live"}),
    ("/sitemap/", {}),
]


@pytest.mark.parametrize(("path", "params"), PUBLIC_READS)
def test_marker_of_unpublished_content_is_in_no_public_response(api_client, content_states, path, params):
    response = api_client.get(f"{API}{path}", params)

    assert response.status_code == 200, response.content[:300]
    assert MARKER.lower() not in response.content.decode().lower()


@pytest.mark.parametrize("slug", NOT_LIVE_TERMS)
@pytest.mark.parametrize("suffix", ["", "widget/"])
def test_not_live_term_answers_404_like_an_unknown_one(api_client, content_states, slug, suffix):
    unknown = api_client.get(f"{API}/terms/never-existed/{suffix}")
    response = api_client.get(f"{API}/terms/{slug}/{suffix}")

    assert response.status_code == 404
    assert response.json()["detail"].replace(slug, "SLUG") == unknown.json()["detail"].replace("never-existed", "SLUG")


@pytest.mark.parametrize("slug", NOT_LIVE_COMPARISONS)
def test_not_live_comparison_answers_404(api_client, content_states, slug):
    response = api_client.get(f"{API}/comparisons/{slug}/")

    assert response.status_code == 404
    assert set(response.json()) == {"detail"}


@pytest.mark.parametrize(
    "reversed_slug",
    ["zebrafishdraft-draft-vs-live-lemur", "edited-eel-vs-live-raven", "live-lemur-vs-live-seal"],
)
def test_reversed_slug_of_a_not_live_comparison_answers_404_not_a_redirect(api_client, content_states, reversed_slug):
    response = api_client.get(f"{API}/comparisons/{reversed_slug}/")

    assert response.status_code == 404


@pytest.mark.parametrize("slug", NOT_LIVE_TERMS)
def test_faqs_of_a_not_live_term_answer_404(api_client, content_states, slug):
    assert api_client.get(f"{API}/faqs/", {"term": slug}).status_code == 404


@pytest.mark.parametrize("slug", [*NOT_LIVE_TERMS, "never-existed"])
def test_comparison_list_filtered_by_a_not_live_term_is_empty(api_client, content_states, slug):
    data = ok_json(api_client, f"{API}/comparisons/", {"term": slug})

    assert data["count"] == 0 and data["results"] == []


def test_term_list_counts_and_lists_live_terms_only(api_client, content_states):
    data = ok_json(api_client, f"{API}/terms/", {"page_size": 100})

    assert data["count"] == len(LIVE_TERMS)
    assert set(slugs(data["results"])) == LIVE_TERMS


def test_edited_live_term_serves_its_published_version(api_client, content_states):
    data = ok_json(api_client, f"{API}/terms/edited-eel/")

    assert data["name"] == "Edited Eel"
    assert data["aliases"] == ["Eel alias"]
    assert [faq["question"] for faq in data["faqs"]] == ["Is the eel live?"]
    assert data["related_terms"] == []
    assert data["cta"]["title"] == "Clean"


@pytest.mark.parametrize(("letter", "count"), [("z", 0), ("e", 1), ("l", 3), ("s", 1)])
def test_letter_filter_counts_live_terms_only(api_client, content_states, letter, count):
    assert ok_json(api_client, f"{API}/terms/", {"letter": letter})["count"] == count


def test_category_term_count_counts_live_terms_only(api_client, content_states):
    listed = {row["slug"]: row["term_count"] for row in ok_json(api_client, f"{API}/categories/")["results"]}

    assert listed["shared"] == 4  # lemur, raven, eel, skunk; not draft, withdrawn or future
    assert "only-drafts" not in listed  # a category without live terms has no public page
    assert ok_json(api_client, f"{API}/categories/shared/")["term_count"] == 4
    assert api_client.get(f"{API}/categories/only-drafts/").status_code == 404


def test_index_lists_live_terms_only(api_client, content_states):
    data = ok_json(api_client, f"{API}/index/")

    indexed = {term["slug"] for group in data["letters"] for term in group["terms"]}
    assert indexed == LIVE_TERMS
    assert "Z" not in [group["letter"] for group in data["letters"]]


def test_sitemap_lists_live_pages_only(api_client, content_states):
    rows = ok_json(api_client, f"{API}/sitemap/")

    assert {row["slug"] for row in rows if row["type"] == "term"} == LIVE_TERMS
    assert {row["slug"] for row in rows if row["type"] == "comparison"} == LIVE_COMPARISONS
    assert {row["slug"] for row in rows if row["type"] == "category"} == {"shared"}


def test_comparison_list_counts_live_comparisons_only(api_client, content_states):
    data = ok_json(api_client, f"{API}/comparisons/")

    assert data["count"] == len(LIVE_COMPARISONS)
    assert set(slugs(data["results"])) == LIVE_COMPARISONS


def test_site_wide_faqs_count_live_ones_only(api_client, content_states):
    data = ok_json(api_client, f"{API}/faqs/")

    assert [row["question"] for row in data["results"]] == [
        "Is this glossary live?",
        "Who edits it?",
        "When is it updated?",
    ]
    assert data["count"] == 3


def test_search_for_the_marker_finds_nothing(api_client, content_states):
    assert ok_json(api_client, f"{API}/search/", {"q": MARKER})["results"] == []


def test_related_terms_of_a_live_term_omit_not_live_ones(api_client, content_states):
    data = ok_json(api_client, f"{API}/terms/live-lemur/")

    # Editor's order was raven, draft, withdrawn, future, eel: only the live ones remain.
    assert slugs(data["related_terms"]) == ["live-raven", "edited-eel"]
    assert data["related_terms"][1]["name"] == "Edited Eel"


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("live-lemur", ["live-lemur-vs-live-raven"]),
        ("live-raven", ["live-lemur-vs-live-raven", "live-raven-vs-live-seal"]),
        ("live-seal", ["live-raven-vs-live-seal"]),
        ("edited-eel", []),
    ],
)
def test_comparisons_of_a_live_term_omit_not_live_ones(api_client, content_states, slug, expected):
    data = ok_json(api_client, f"{API}/terms/{slug}/")

    assert sorted(slugs(data["comparisons"])) == expected


def test_comparison_with_unpublished_edits_serves_its_published_version(api_client, content_states):
    data = ok_json(api_client, f"{API}/comparisons/live-raven-vs-live-seal/")

    assert data["summary"] == "How the two differ."
    assert data["points"] == [] and data["faqs"] == []


# --- Changes reach the next response, even with every cache warm --------------------------
# These build their own content (Ocelot, Margay, category "felines"), disjoint from the
# module's content states, which may be present while they run.

OCELOT_READS = {
    "term list": ("/terms/", {}),
    "term detail": ("/terms/ocelot/", {}),
    "widget": ("/terms/ocelot/widget/", {}),
    "related terms": ("/terms/margay/", {}),
    "comparisons list": ("/comparisons/", {}),
    "comparisons of its partner": ("/terms/margay/", {}),
    "category": ("/categories/felines/", {}),
    "faqs": ("/faqs/", {"term": "ocelot"}),
    "index": ("/index/", {}),
    "search": ("/search/", {"q": "ocelot"}),
    "sitemap": ("/sitemap/", {}),
}


@pytest.fixture
def ocelot(db):
    """A live term 'Ocelot' that 'Margay' relates to and is compared with."""
    felines = CategoryFactory(name="Felines", slug="felines")
    ocelot = TermFactory(name="Ocelot", slug="ocelot", category=felines, published=True)
    FAQFactory(term=ocelot, question="Is an ocelot a cat?")
    publish_term(term=ocelot, by=None)
    margay = TermFactory(name="Margay", slug="margay", category=None)
    RelatedTermFactory(term=margay, related=ocelot)
    publish_term(term=margay, by=None)
    ComparisonFactory(term_a=margay, term_b=ocelot, slug="margay-vs-ocelot", title="Margay vs Ocelot", published=True)
    return ocelot


def ocelot_shows(client, read: str) -> bool:
    """Whether the response to `read` shows Ocelot (or counts it)."""
    path, params = OCELOT_READS[read]
    response = client.get(f"{API}{path}", params)
    if response.status_code == 404:
        return False
    assert response.status_code == 200, response.content[:300]
    if read == "category":
        return response.json()["term_count"] == 1
    return "ocelot" in response.content.decode().lower()


@pytest.mark.parametrize("read", OCELOT_READS)
def test_unpublishing_a_term_removes_it_from_the_next_response_with_the_cache_warm(api_client, ocelot, read):
    assert ocelot_shows(api_client, read)
    assert ocelot_shows(api_client, read)  # now served from the server-side cache

    unpublish_term(term=ocelot, by=None)

    assert not ocelot_shows(api_client, read)


@pytest.mark.parametrize("read", OCELOT_READS)
def test_term_scheduled_to_go_live_shows_from_that_instant_and_not_before(api_client, read):
    go_live = MONDAY + timedelta(hours=1)
    with time_machine.travel(MONDAY, tick=False) as clock:
        margay = TermFactory(name="Margay", slug="margay", category=None)
        ocelot = TermFactory(name="Ocelot", slug="ocelot", category=CategoryFactory(name="Felines", slug="felines"))
        FAQFactory(term=ocelot, question="Is an ocelot a cat?")
        RelatedTermFactory(term=margay, related=ocelot)
        publish_term(term=margay, by=None)
        publish_term(term=ocelot, by=None, at=go_live)
        ComparisonFactory(term_a=margay, term_b=ocelot, slug="margay-vs-ocelot", published=True)

        assert not ocelot_shows(api_client, read)
        clock.move_to(go_live - timedelta(microseconds=1))
        assert not ocelot_shows(api_client, read)
        clock.move_to(go_live)
        assert ocelot_shows(api_client, read)


@pytest.mark.parametrize("read", OCELOT_READS)
def test_term_scheduled_to_be_withdrawn_disappears_at_that_instant(api_client, read):
    withdraw_at = MONDAY + timedelta(hours=1)
    with time_machine.travel(MONDAY, tick=False) as clock:
        margay = TermFactory(name="Margay", slug="margay", category=None)
        ocelot = TermFactory(name="Ocelot", slug="ocelot", category=CategoryFactory(name="Felines", slug="felines"))
        FAQFactory(term=ocelot, question="Is an ocelot a cat?")
        RelatedTermFactory(term=margay, related=ocelot)
        publish_term(term=ocelot, by=None)
        publish_term(term=margay, by=None)
        ComparisonFactory(term_a=margay, term_b=ocelot, slug="margay-vs-ocelot", published=True)
        unpublish_term(term=ocelot, by=None, at=withdraw_at)

        assert ocelot_shows(api_client, read)
        clock.move_to(withdraw_at - timedelta(microseconds=1))
        assert ocelot_shows(api_client, read)
        clock.move_to(withdraw_at)
        assert not ocelot_shows(api_client, read)
