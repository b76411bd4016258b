"""No public answer links to, or names the id of, a term or comparison that is not live.

A live term and a site-wide FAQ refer (`[text](term:<id>)`) to targets in every state that is
not public; each target's slug is a marker that must appear in no public response, and the
term detail still reads in the same number of queries with references in it.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from editorial import services as editorial
from terms.services import publish_comparison, publish_term, unpublish_comparison, unpublish_term
from tests.api.support import API
from tests.factories import ComparisonFactory, FAQFactory, TermFactory, UserFactory

pytestmark = pytest.mark.django_db

MARKER = "hidden-target"


def target_in(state: str) -> str:
    """A target whose slug holds the marker, in `state`; returns its reference code."""
    slug = f"{MARKER}-{state.replace('_', '-')}"
    if state.startswith("comparison"):
        comparison = ComparisonFactory(slug=slug)
        if state == "comparison_withdrawn":
            publish_comparison(comparison=comparison, by=None)
            unpublish_comparison(comparison=comparison, by=None)
        elif state == "comparison_of_withdrawn_term":
            publish_comparison(comparison=comparison, by=None)
            unpublish_term(term=comparison.term_b, by=None)
        return f"comparison:{comparison.pk}"
    term = TermFactory(slug=slug)
    if state == "withdrawn":
        publish_term(term=term, by=None)
        unpublish_term(term=term, by=None)
    elif state == "scheduled":
        publish_term(term=term, by=None, at=timezone.now() + timedelta(days=1))
    elif state == "archived":
        editorial.archive(item=term, by=UserFactory(superuser=True))
    elif state == "renamed_draft":
        publish_term(term=term, by=None)
        unpublish_term(term=term, by=None)
        term.slug = f"{slug}-new"
        term.save()
    return f"term:{term.pk}"


STATES = [
    "draft",
    "withdrawn",
    "scheduled",
    "archived",
    "renamed_draft",
    "comparison_draft",
    "comparison_withdrawn",
    "comparison_of_withdrawn_term",
]


@pytest.mark.parametrize("state", STATES)
def test_no_public_answer_links_a_target_that_is_not_live(api_client, state):
    code = target_in(state)
    page = TermFactory(slug="page", body=f"## Read [the target]({code})\n\nAnd [again]({code}).")
    FAQFactory(term=page, question="Where?", answer=f"In [the target]({code}).")
    publish_term(term=page, by=None)
    site_faq = FAQFactory(question="Site?", answer=f"See [the target]({code}).")
    editorial.submit_for_review(item=site_faq, by=UserFactory(username="writer", superuser=True))
    editorial.approve(item=site_faq, by=UserFactory(username="reviewer", superuser=True))
    editorial.publish(item=site_faq, by=UserFactory(superuser=True))

    for path in [
        "/terms/page/",
        "/terms/page/widget/",
        "/faqs/",
        "/faqs/?term=page",
        "/search/?q=target",
        "/terms/",
        "/terms/page/markdown/",
        "/llms-full.txt",
    ]:
        response = api_client.get(f"{API}{path}")
        assert response.status_code == 200, path
        body = response.content.decode()
        assert MARKER not in body, path
        assert code not in body, path  # not even the id of something not public
    assert "the target" in api_client.get(f"{API}/terms/page/").json()["body_html"]


def test_term_detail_with_references_reads_in_as_few_queries(api_client, settings, django_assert_max_num_queries):
    settings.GLOSSARY_SERVER_CACHE = False
    targets = [TermFactory(published=True) for _ in range(5)]
    body = " ".join(f"[t{n}](term:{t.pk})" for n, t in enumerate(targets)) + " [gone](term:999999)"
    TermFactory(slug="page", body=body, published=True)

    assert api_client.get(f"{API}/terms/page/").status_code == 200
    with django_assert_max_num_queries(3):  # as tests/api/test_query_counts.py: references cost nothing per request
        response = api_client.get(f"{API}/terms/page/")
    assert response.status_code == 200
    assert response.json()["body_html"].count("<a ") == 5


def test_the_markdown_page_links_a_live_target_by_its_public_url(api_client):
    target = TermFactory(slug="live-target", published=True)
    page = TermFactory(slug="page", body=f"Read [the target](term:{target.pk}).")
    publish_term(term=page, by=None)

    markdown = api_client.get(f"{API}/terms/page/markdown/").content.decode()

    assert "[the target](http://localhost:3000/glossary/live-target/)" in markdown
    assert f"term:{target.pk}" not in markdown
