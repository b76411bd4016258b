"""Publication resolves references (`[text](term:42)`) to the target's public URL, or plain text.

A target live at the instant of publication is linked under its current slug; one that is
not (a draft, withdrawn, scheduled later, a comparison of a withdrawn term) is plain text,
so no public body ever links to a draft. A renamed target is linked under its new slug from
the linking page's next publication on (its old slug redirects meanwhile).
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from editorial import services as editorial
from faqs.models import PublishedFAQ
from publishing.links import Reference
from scheduling import services as scheduling
from scheduling.models import Release, ReleaseItem
from terms.links import link_targets, missing_references, public_link_resolver
from terms.models import SlugRedirect, TermVersion
from terms.services import (
    publish_term,
    republish_term_version,
    unpublish_term,
)
from terms.structured_data import comparison_url, term_url
from tests.api.support import API, edit, ok_json
from tests.factories import ComparisonFactory, FAQFactory, TermAliasFactory, TermFactory, UserFactory

pytestmark = pytest.mark.django_db


def link(url: str, text: str) -> str:
    return f'<a href="{url}" rel="noopener noreferrer">{text}</a>'


def test_a_reference_to_a_live_term_links_to_its_public_url(api_client):
    target = TermFactory(slug="vector-database", published=True)
    page = TermFactory(slug="rag", body=f"Stored in a [vector store](term:{target.pk}).", published=True)

    body_html = ok_json(api_client, f"{API}/terms/rag/")["body_html"]

    assert link(term_url("vector-database"), "vector store") in body_html
    assert page.versions.get().body_markdown == f"Stored in a [vector store](term:{target.pk})."


def test_the_api_markdown_carries_the_same_links_and_no_reference(api_client):
    target = TermFactory(slug="vector-database", published=True)
    draft = TermFactory(slug="secret-draft")
    page = TermFactory(slug="rag", body=f"In a [store](term:{target.pk}), not [this](term:{draft.pk}).")
    FAQFactory(term=page, answer=f"See [the store](term:{target.pk}).")
    publish_term(term=page, by=None)

    document = ok_json(api_client, f"{API}/terms/rag/")

    url = term_url("vector-database")
    assert document["body_markdown"] == f"In a [store]({url}), not this."
    assert document["faqs"][0]["answer_markdown"] == f"See [the store]({url})."
    assert page.versions.get().body_markdown == page.body  # the editor's text is kept for rollbacks


def test_a_reference_to_a_live_comparison_links_to_its_public_url(api_client):
    comparison = ComparisonFactory(slug="rag-vs-fine-tuning", published=True)
    TermFactory(slug="rag", body=f"See [RAG or fine-tuning](comparison:{comparison.pk}).", published=True)

    body_html = ok_json(api_client, f"{API}/terms/rag/")["body_html"]

    assert link(comparison_url("rag-vs-fine-tuning"), "RAG or fine-tuning") in body_html


def test_a_reference_to_a_draft_is_plain_text(api_client):
    draft = TermFactory(slug="secret-draft")
    TermFactory(slug="rag", body=f"Compare with [the draft](term:{draft.pk}).", published=True)

    body_html = ok_json(api_client, f"{API}/terms/rag/")["body_html"]

    assert "<p>Compare with the draft.</p>" in body_html
    assert "secret-draft" not in body_html


def test_a_reference_to_nothing_is_plain_text_and_named_as_missing():
    text = "See [a ghost](term:999999) and [another](comparison:888888)."
    term = TermFactory(body=text, published=True)

    assert "<p>See a ghost and another.</p>" in term.versions.get().body_html
    assert [(m.reference.code, m.text) for m in missing_references([text])] == [
        ("term:999999", "a ghost"),
        ("comparison:888888", "another"),
    ]


def test_references_in_faq_answers_resolve_with_their_term():
    target = TermFactory(slug="embedding", published=True)
    draft = TermFactory(slug="secret-draft")
    term = TermFactory()
    FAQFactory(term=term, answer=f"It uses [embeddings](term:{target.pk}) and [a draft](term:{draft.pk}).")

    version = publish_term(term=term, by=None)

    [faq] = version.faqs
    assert link(term_url("embedding"), "embeddings") in faq["answer_html"]
    assert "secret-draft" not in faq["answer_html"]
    assert PublishedFAQ.objects.get(term_version=version).answer_html == faq["answer_html"]


def test_a_site_wide_faq_published_in_the_workflow_resolves_its_references():
    target = TermFactory(slug="embedding", published=True)
    faq = FAQFactory(answer=f"Start with [embeddings](term:{target.pk}).")

    editorial.submit_for_review(item=faq, by=UserFactory(username="writer", superuser=True))
    editorial.approve(item=faq, by=UserFactory(username="reviewer", superuser=True))
    copy = editorial.publish(item=faq, by=UserFactory(superuser=True))

    assert link(term_url("embedding"), "embeddings") in copy.answer_html


def test_a_comparison_whose_term_is_withdrawn_is_plain_text():
    comparison = ComparisonFactory(published=True)
    unpublish_term(term=comparison.term_a, by=None)

    term = TermFactory(body=f"[vs](comparison:{comparison.pk})", published=True)

    assert comparison.slug not in term.versions.get().body_html


def test_a_renamed_target_is_linked_under_its_new_slug_after_republication(api_client):
    target = TermFactory(slug="old-name", published=True)
    page = TermFactory(slug="rag", body=f"See [it](term:{target.pk}).", published=True)
    edit(target, slug="new-name")
    publish_term(term=target, by=None)

    # Until the page is published again, it links the old slug, which redirects to the new one.
    assert link(term_url("old-name"), "it") in ok_json(api_client, f"{API}/terms/rag/")["body_html"]
    assert SlugRedirect.objects.filter(old_slug="old-name", term=target).exists()
    assert api_client.get(f"{API}/terms/old-name/").status_code == 301

    publish_term(term=page, by=None)

    body_html = ok_json(api_client, f"{API}/terms/rag/")["body_html"]
    assert link(term_url("new-name"), "it") in body_html
    assert "old-name" not in body_html


def test_a_version_records_the_items_it_links_as_resolved():
    target = TermFactory(slug="target", published=True)
    comparison = ComparisonFactory(slug="a-vs-b", published=True)
    draft = TermFactory()
    page = TermFactory(body=f"[t](term:{target.pk}) [d](term:{draft.pk}) [me](term:0) [c](comparison:{comparison.pk})")
    FAQFactory(term=page, answer=f"[again](term:{target.pk})")

    version = publish_term(term=page, by=None)

    assert version.linked_items == [
        {"kind": "term", "id": target.pk, "slug": "target"},
        {"kind": "comparison", "id": comparison.pk, "slug": "a-vs-b"},
    ]


def test_a_link_to_itself_follows_its_own_new_slug():
    term = TermFactory(slug="before", published=True)
    edit(term, slug="after", body=f"This page: [here](term:{term.pk}).")

    version = publish_term(term=term, by=None)

    assert link(term_url("after"), "here") in version.body_html


def test_a_rollback_resolves_the_references_again():
    target = TermFactory(slug="first", published=True)
    page = TermFactory(body=f"[t](term:{target.pk})", published=True)
    first = page.versions.get()
    unpublish_term(term=target, by=None)

    copy = republish_term_version(version=first, by=None)

    assert link(term_url("first"), "t") in first.body_html
    assert "first" not in copy.body_html
    assert "<p>t</p>" in copy.body_html
    assert first.linked_items == [{"kind": "term", "id": target.pk, "slug": "first"}]
    assert copy.linked_items == []


def test_a_scheduled_publication_links_what_is_live_at_its_instant():
    soon = timezone.now() + timedelta(hours=1)
    target = TermFactory(slug="launching")
    publish_term(term=target, by=None, at=soon)
    page = TermFactory(body=f"[t](term:{target.pk})")

    before = publish_term(term=page, by=None, at=soon - timedelta(minutes=1))
    assert "launching" not in before.body_html
    at_launch = publish_term(term=page, by=None, at=soon + timedelta(minutes=1))
    assert link(term_url("launching"), "t") in at_launch.body_html


def test_the_resolver_reads_each_target_once(django_assert_num_queries):
    target = TermFactory(published=True)
    resolve = public_link_resolver(at=timezone.now())
    with django_assert_num_queries(1):
        for _ in range(3):
            assert resolve(Reference("term", target.pk)) is not None


# --- what the link picker offers -----------------------------------------------------------


def test_link_targets_match_names_aliases_and_comparison_titles_with_their_state():
    live = TermFactory(name="Foundation Model", published=True)
    TermAliasFactory(term=live, name="FM")
    draft = TermFactory(name="Fine-tuning")
    comparison = ComparisonFactory(title="Foundation Model vs LLM", term_a=live, term_b=TermFactory(published=True))
    archived = TermFactory(name="Foundation Old")
    editorial.archive(item=archived, by=UserFactory(superuser=True))

    found = link_targets(query="f", at=timezone.now())
    by_alias = link_targets(query="fm", at=timezone.now())

    labels = [(t.kind, t.label, t.is_live) for t in found]
    assert ("term", "Foundation Model", True) in labels
    assert ("term", "Fine-tuning", False) in labels
    assert ("comparison", "Foundation Model vs LLM", False) in labels
    assert "Foundation Old" not in [t.label for t in found]
    assert [(t.id, t.matched_alias) for t in by_alias if t.kind == "term"] == [(live.pk, "FM")]
    assert draft.pk in [t.id for t in found]
    assert comparison.pk in [t.id for t in found if t.kind == "comparison"]


def test_published_versions_never_hold_a_reference_as_a_link_target():
    target = TermFactory(published=True)
    TermFactory(body=f"[a](term:{target.pk}) [b](term:424242)", published=True)
    for html in TermVersion.objects.values_list("body_html", flat=True):
        assert "term:" not in html


def test_items_of_one_release_link_each_other_whichever_is_published_first():
    first, second = TermFactory(slug="first-in-release"), TermFactory(slug="second-in-release")
    edit(first, body=f"See [the second](term:{second.pk}).")
    edit(second, body=f"See [the first](term:{first.pk}).")
    for term in (first, second):
        editorial.submit_for_review(item=term, by=UserFactory(username="author", superuser=True))
        editorial.approve(item=term, by=UserFactory(username="reviewer", superuser=True))
    release = Release.objects.create(name="Launch", go_live_at=timezone.now() + timedelta(days=1))
    ReleaseItem.objects.bulk_create(ReleaseItem(release=release, term=term) for term in (first, second))

    scheduling.schedule_release(release=release, at=release.go_live_at, by=UserFactory(superuser=True))

    assert link(term_url(second.slug), "the second") in first.versions.get().body_html
    assert link(term_url(first.slug), "the first") in second.versions.get().body_html
