"""Mentions in the delivery API: `mentions` lists live mentioned terms, `body_html` links the first mention of each.

Which mentioned terms are live is decided per request: a mention becomes a link at its
target's go-live and stops being one at its withdrawal, without the mentioning page being
published again. A draft is never linked nor listed. GLOSSARY_AUTOLINK and each term's
own choice turn the links off (the `mentions` list stays).
"""

import json
import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.utils import timezone

from scheduling.services import schedule_publication, schedule_withdrawal
from terms.mentions import MARKER_TAG
from terms.services import publish_term, unpublish_term
from tests.api.support import API, MONDAY, edit, ok_json
from tests.factories import FAQFactory, TermAliasFactory, TermFactory
from tests.scheduling.workflow import approved

pytestmark = pytest.mark.django_db

LINK = re.compile(r'<a href="([^"]+)">([^<]*)</a>')


def term(slug: str, **fields):
    return TermFactory(name=fields.pop("name", slug.replace("-", " ").title()), slug=slug, **fields)


def page_with_mentions(**fields):
    """A published page whose explanation mentions "Embedding" twice and "Vector Store" once."""
    return term(
        "retrieval",
        body="## Embedding\n\nRetrieval compares an embedding with each embedding in a vector store.",
        **fields,
    )


def links_of(client, slug: str) -> list[tuple[str, str]]:
    return LINK.findall(ok_json(client, f"{API}/terms/{slug}/")["body_html"])


def mentions_of(client, slug: str) -> list[str]:
    return [row["slug"] for row in ok_json(client, f"{API}/terms/{slug}/")["mentions"]]


def test_the_first_mention_of_each_live_term_links_to_its_page(client, settings):
    term("embedding", published=True)
    term("vector-store", published=True)
    publish_term(term=page_with_mentions(), by=None)

    body = ok_json(client, f"{API}/terms/retrieval/")

    assert LINK.findall(body["body_html"]) == [
        (settings.GLOSSARY_TERM_URL_PATTERN.format(slug="embedding"), "embedding"),
        (settings.GLOSSARY_TERM_URL_PATTERN.format(slug="vector-store"), "vector store"),
    ]
    assert '<h2 id="embedding">Embedding</h2>' in body["body_html"], "headings are never linked"
    assert body["mentions"] == [
        {"slug": "embedding", "name": "Embedding"},
        {"slug": "vector-store", "name": "Vector Store"},
    ]
    assert MARKER_TAG not in json.dumps(body)


def test_an_alias_mention_links_to_its_terms_live_slug(client, settings):
    llm = term("large-language-model", published=True)
    TermAliasFactory(term=llm, name="LLM")
    publish_term(term=term("prompt", body="A prompt is what an LLM reads."), by=None)
    edit(llm, slug="llm-renamed")
    publish_term(term=llm, by=None)

    assert links_of(client, "prompt") == [(settings.GLOSSARY_TERM_URL_PATTERN.format(slug="llm-renamed"), "LLM")]


def test_faq_answers_count_as_mentions_but_only_the_explanation_gets_links(client):
    term("tokenizer", published=True)
    page = term("prompt", body="A prompt is text.")
    FAQFactory(term=page, question="What reads it?", answer="A tokenizer does.")
    publish_term(term=page, by=None)
    body = ok_json(client, f"{API}/terms/prompt/")

    assert body["mentions"] == [{"slug": "tokenizer", "name": "Tokenizer"}]
    assert "<a " not in body["faqs"][0]["answer_html"]


def test_with_the_setting_off_mentions_are_plain_text_but_still_listed(client, settings):
    settings.GLOSSARY_AUTOLINK = False
    term("embedding", published=True)
    publish_term(term=page_with_mentions(), by=None)
    body = ok_json(client, f"{API}/terms/retrieval/")

    assert LINK.findall(body["body_html"]) == []
    assert "compares an embedding with each embedding" in body["body_html"]
    assert [row["slug"] for row in body["mentions"]] == ["embedding"]


def test_a_term_that_opts_out_links_no_mentions_once_published(client):
    term("embedding", published=True)
    page = page_with_mentions()
    publish_term(term=page, by=None)
    edit(page, autolink_mentions=False)
    still_linked = links_of(client, "retrieval")  # the opt-out is part of the draft until published
    publish_term(term=page, by=None)

    assert [text for _, text in still_linked] == ["embedding"]
    assert links_of(client, "retrieval") == []
    assert mentions_of(client, "retrieval") == ["embedding"]


# --- live targets only, decided per request -------------------------------------------------


def draft(target):
    pass


def withdrawn(target):
    publish_term(term=target, by=None)
    unpublish_term(term=target, by=None)


def scheduled_later(target):
    publish_term(term=target, by=None, at=timezone.now() + timedelta(days=1))


@pytest.mark.parametrize("make_not_live", [draft, withdrawn, scheduled_later])
def test_a_term_that_is_not_live_is_never_linked_nor_listed(client, make_not_live):
    hidden = term("embedding", name="Embedding")
    make_not_live(hidden)
    publish_term(term=page_with_mentions(), by=None)

    response = client.get(f"{API}/terms/retrieval/")
    body = response.json()

    assert links_of(client, "retrieval") == []
    assert body["mentions"] == []
    assert "embedding" not in [row["slug"] for row in body["mentions"]]
    assert f"term:{hidden.pk}" not in response.headers["Cache-Tag"].replace(" ", "").split(",")
    assert MARKER_TAG not in response.content.decode()
    assert "compares an embedding with each embedding" in body["body_html"]


def test_a_mentioned_term_going_live_later_is_linked_from_that_instant_without_republishing(client):
    with time_machine.travel(MONDAY, tick=False) as clock:
        later = term("embedding")
        page = page_with_mentions()
        publish_term(term=page, by=None)
        go_live = MONDAY + timedelta(hours=2)
        schedule_publication(item=approved(later), at=go_live, by=None)
        versions_of_page = page.versions.count()

        clock.move_to(go_live - timedelta(seconds=1))
        before = (links_of(client, "retrieval"), mentions_of(client, "retrieval"))
        clock.move_to(go_live)
        at_the_instant = (links_of(client, "retrieval"), mentions_of(client, "retrieval"))

    assert before == ([], [])
    assert [text for _, text in at_the_instant[0]] == ["embedding"]
    assert at_the_instant[1] == ["embedding"]
    assert page.versions.count() == versions_of_page, "the page was not published again"


def test_a_mentioned_term_withdrawn_later_stops_being_a_link_at_its_withdrawal(client):
    with time_machine.travel(MONDAY, tick=False) as clock:
        leaving = term("embedding", published=True)
        publish_term(term=page_with_mentions(), by=None)
        withdrawal = MONDAY + timedelta(hours=2)
        schedule_withdrawal(item=leaving, at=withdrawal, by=None)

        clock.move_to(withdrawal - timedelta(seconds=1))
        before = (links_of(client, "retrieval"), mentions_of(client, "retrieval"))
        clock.move_to(withdrawal)
        after = (links_of(client, "retrieval"), mentions_of(client, "retrieval"))

    assert [text for _, text in before[0]] == ["embedding"] and before[1] == ["embedding"]
    assert after == ([], [])


def test_a_mention_added_in_a_draft_shows_only_once_published(client):
    term("embedding", published=True)
    page = term("retrieval", body="Retrieval finds things.", published=True)
    edit(page, body="Retrieval finds an embedding.")

    assert (links_of(client, "retrieval"), mentions_of(client, "retrieval")) == ([], [])
    publish_term(term=page, by=None)
    assert mentions_of(client, "retrieval") == ["embedding"]


def test_the_preview_of_a_draft_links_only_live_terms(admin_client, client):
    term("embedding", published=True)
    term("vector-store")  # a draft
    page = page_with_mentions()
    publish_term(term=page, by=None)
    edit(page, body=page.body + " A vector store again.")
    preview = admin_client.get(f"/admin/terms/term/{page.pk}/preview/")
    token = parse_qs(urlsplit(preview.context["api_preview_url"]).query)["preview_token"][0]

    body = client.get(f"{API}/terms/retrieval/", HTTP_X_PREVIEW_TOKEN=token).json()

    assert [text for _, text in LINK.findall(body["body_html"])] == ["embedding"]
    assert body["mentions"] == [{"slug": "embedding", "name": "Embedding"}]
    assert MARKER_TAG not in json.dumps(body)


def test_a_page_that_mentions_a_term_carries_its_cache_tag_while_it_is_live(client):
    embedding = term("embedding", published=True)
    publish_term(term=page_with_mentions(), by=None)

    tags = client.get(f"{API}/terms/retrieval/").headers["Cache-Tag"].split(",")

    assert f"term:{embedding.pk}" in [tag.strip() for tag in tags]


def test_term_detail_with_mentions_reads_in_at_most_3_queries(api_client, settings, django_assert_max_num_queries):
    """Clock, term, linked terms' summaries: the mentioned terms' liveness rides on the related terms' read."""
    settings.GLOSSARY_SERVER_CACHE = False
    names = [f"Concept {word}" for word in ("alpha", "beta", "gamma", "delta", "epsilon", "zeta")]
    for number, name in enumerate(names):
        term(f"concept-{number}", name=name, published=number % 2 == 0)
    publish_term(term=term("subject", body="It uses " + ", ".join(names) + "."), by=None)

    assert api_client.get(f"{API}/terms/subject/").status_code == 200  # warm-up: per-generation reads
    with django_assert_max_num_queries(3):
        response = api_client.get(f"{API}/terms/subject/")

    assert [row["slug"] for row in response.json()["mentions"]] == ["concept-0", "concept-2", "concept-4"]
    assert len(LINK.findall(response.json()["body_html"])) == 3


def test_the_schema_documents_mentions(client):
    schema = json.loads(client.get(f"{API}/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").content)
    detail = schema["components"]["schemas"]["TermDetail"]

    assert "mentions" in detail["required"]
    assert detail["properties"]["mentions"]["items"]["$ref"].endswith("/TermRef")


def test_after_a_change_of_page_urls_mentions_still_link_under_the_new_pattern(client, settings):
    term("embedding", published=True)
    publish_term(term=page_with_mentions(), by=None)
    settings.GLOSSARY_TERM_URL_PATTERN = "https://docs.example.com/terms/{slug}"  # stored documents are rewritten

    assert links_of(client, "retrieval") == [("https://docs.example.com/terms/embedding", "embedding")]
