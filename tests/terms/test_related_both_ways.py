"""Related terms shown two-way: a link A → B shows "B ← A" on B's admin page, always, and
the API lists A on B's page only when the editor chose "show on both pages" and A's live
version carries that choice (a draft's, a withdrawn or a not-yet-live version's never shows).
"""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from terms.models import RelatedTerm, Term
from terms.services import publish_term, unpublish_term
from tests.api.test_query_counts import warm_up_and_count
from tests.factories import RelatedTermFactory, TermFactory
from tests.terms.test_admin import change_form_of, management_form

pytestmark = pytest.mark.django_db


def change_url(term: Term) -> str:
    return reverse("admin:terms_term_change", args=[term.pk])


def related_from_other_terms(client, term: Term) -> list[str]:
    """The read-only "related from other terms" lines of the term's change page, as text."""
    page = client.get(change_url(term)).content.decode()
    block = re.search(r'field-related_from_other_terms.*?<div class="readonly">(.*?)</div>', page, re.DOTALL)
    assert block, "no 'related from other terms' field on the change page"
    return [unescape(re.sub(r"<[^>]+>", "", line)).strip() for line in block.group(1).split("<br>")]


def related_on_api_page(api_client, term: Term) -> list[str]:
    response = api_client.get(f"/api/v1/terms/{term.slug}/")
    assert response.status_code == 200, response.content[:500]
    return [row["slug"] for row in response.json()["related_terms"]]


def link_in_admin(client, source: Term, target: Term, *, show_on_both: bool):
    data = change_form_of(client, source) | management_form("related_links", total=1)
    data |= {"related_links-0-related": str(target.pk), "related_links-0-order": "1"}
    if show_on_both:
        data["related_links-0-show_on_both"] = "on"
    return client.post(change_url(source), data)


@pytest.mark.parametrize("show_on_both", [False, True])
def test_linking_a_to_b_in_the_admin_shows_b_from_a_on_bs_page_with_a_link_to_a(admin_client, show_on_both):
    source, target = TermFactory(name="Source"), TermFactory(name="Target")

    response = link_in_admin(admin_client, source, target, show_on_both=show_on_both)

    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(source.related_links.values_list("related", "show_on_both")) == [(target.pk, show_on_both)]
    note = " (the API lists it on this page too)" if show_on_both else ""
    assert related_from_other_terms(admin_client, target) == [f"Target ← Source{note}"]
    assert related_from_other_terms(admin_client, source) == ["None."]
    page = admin_client.get(change_url(target)).content.decode()
    assert f'← <a href="{change_url(source)}">Source</a>' in page


def test_the_api_lists_the_reverse_link_only_when_the_editor_chose_both_pages(api_client):
    target = TermFactory(name="Target", slug="target", published=True)
    one_way = TermFactory(name="One Way", slug="one-way")
    both_ways = TermFactory(name="Both Ways", slug="both-ways")
    RelatedTermFactory(term=one_way, related=target)
    RelatedTermFactory(term=both_ways, related=target, show_on_both=True)
    publish_term(term=one_way, by=None)
    publish_term(term=both_ways, by=None)

    assert related_on_api_page(api_client, target) == ["both-ways"]
    assert related_on_api_page(api_client, both_ways) == ["target"]
    assert related_on_api_page(api_client, one_way) == ["target"]


def test_reverse_links_come_after_the_editors_own_related_terms_by_name_and_are_never_listed_twice(api_client):
    target = TermFactory(name="Target", slug="target")
    own = TermFactory(name="Zulu Own", slug="zulu-own", published=True)
    mutual = TermFactory(name="Mutual", slug="mutual")
    later_b, later_a = TermFactory(name="Bravo", slug="bravo"), TermFactory(name="Alpha", slug="alpha")
    RelatedTermFactory(term=target, related=own, order=0)
    RelatedTermFactory(term=target, related=mutual, order=1)
    for linker in (mutual, later_b, later_a):
        RelatedTermFactory(term=linker, related=target, show_on_both=True)
    publish_term(term=target, by=None)
    for linker in (mutual, later_b, later_a):
        publish_term(term=linker, by=None)

    assert related_on_api_page(api_client, target) == ["zulu-own", "mutual", "alpha", "bravo"]


def test_a_reverse_link_saved_only_in_a_draft_never_appears(admin_client, api_client):
    target = TermFactory(name="Target", slug="target", published=True)
    draft_only = TermFactory(name="Draft Only", slug="draft-only")
    link_in_admin(admin_client, draft_only, target, show_on_both=True)
    live_source = TermFactory(name="Live Source", slug="live-source", published=True)
    link_in_admin(admin_client, live_source, target, show_on_both=True)  # saved, not yet republished

    body = api_client.get(f"/api/v1/terms/{target.slug}/").content.decode()

    assert related_on_api_page(api_client, target) == []
    assert "draft-only" not in body and "live-source" not in body


def test_a_reverse_link_disappears_when_its_term_is_withdrawn(api_client):
    target = TermFactory(name="Target", slug="target", published=True)
    source = TermFactory(name="Source", slug="source")
    RelatedTermFactory(term=source, related=target, show_on_both=True)
    publish_term(term=source, by=None)
    assert related_on_api_page(api_client, target) == ["source"]

    unpublish_term(term=source, by=None)

    assert related_on_api_page(api_client, target) == []
    assert "source" not in api_client.get(f"/api/v1/terms/{target.slug}/").content.decode()


def test_a_reverse_link_from_a_scheduled_version_appears_only_once_it_is_live(api_client):
    target = TermFactory(name="Target", slug="target", published=True)
    source = TermFactory(name="Source", slug="source")
    RelatedTermFactory(term=source, related=target, show_on_both=True)
    publish_term(term=source, by=None, at=timezone.now() + timedelta(days=1))

    assert related_on_api_page(api_client, target) == []


def test_a_reverse_link_to_a_term_that_is_not_live_shows_nowhere(api_client):
    draft_target = TermFactory(name="Draft Target", slug="draft-target")
    source = TermFactory(name="Source", slug="source")
    RelatedTermFactory(term=source, related=draft_target, show_on_both=True)
    publish_term(term=source, by=None)

    assert related_on_api_page(api_client, source) == []
    assert api_client.get(f"/api/v1/terms/{draft_target.slug}/").status_code == 404


def test_the_both_pages_choice_is_published_with_the_linking_terms_version(api_client):
    target = TermFactory(name="Target", slug="target", published=True)
    source = TermFactory(name="Source", slug="source")
    link = RelatedTermFactory(term=source, related=target, show_on_both=True)
    publish_term(term=source, by=None)
    RelatedTerm.objects.filter(pk=link.pk).update(show_on_both=False)
    assert related_on_api_page(api_client, target) == ["source"], "the working copy must not decide"

    publish_term(term=source, by=None)

    assert related_on_api_page(api_client, target) == []


@pytest.mark.parametrize("linkers", [1, 30])
def test_term_detail_with_reverse_links_still_reads_in_at_most_3_queries(
    api_client, django_assert_max_num_queries, linkers
):
    target = TermFactory(slug="subject", published=True)
    for _ in range(linkers):
        source = TermFactory()
        RelatedTermFactory(term=source, related=target, show_on_both=True)
        publish_term(term=source, by=None)

    warm_up_and_count(api_client, "/terms/subject/", {}, 3, django_assert_max_num_queries)
    assert len(related_on_api_page(api_client, target)) == linkers
