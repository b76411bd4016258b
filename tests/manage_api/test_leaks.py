"""Drafts are visible only through the management API, only with a token; it changes nothing public until publication.

And its answers are never cached: not by the delivery response cache (DeliveryCacheMiddleware),
not by the WSGI fast path (api/fastpath.py), not by browsers or proxies (private, no-store).
"""

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from api.caching import CachedResponse, is_public_delivery_request, response_cache_key
from publishing.clock import read_content_clock
from tests.api.support import API
from tests.factories import CategoryFactory, ComparisonFactory, FAQFactory, TermFactory
from tests.manage_api.conftest import MANAGE

pytestmark = pytest.mark.django_db

MARKER = "Quokkadraft"
# Every public read where a term could show: none may mention the draft.
PUBLIC_READS = [
    ("/terms/", {}),
    ("/terms/quokka/", {}),
    ("/terms/quokka/widget/", {}),
    ("/terms/", {"q": MARKER}),
    ("/categories/", {}),
    ("/categories/marsupials/", {}),
    ("/faqs/", {}),
    ("/faqs/", {"term": "quokka"}),
    ("/index/", {}),
    ("/search/", {"q": MARKER}),
    ("/sitemap/", {}),
]


def management_paths() -> list[str]:
    term = TermFactory(slug="agent")
    comparison = ComparisonFactory()
    CategoryFactory(slug="techniques")
    faq = FAQFactory()
    return [
        f"{MANAGE}/terms/",
        f"{MANAGE}/terms/{term.slug}/",
        f"{MANAGE}/comparisons/",
        f"{MANAGE}/comparisons/{comparison.slug}/",
        f"{MANAGE}/categories/",
        f"{MANAGE}/categories/techniques/",
        f"{MANAGE}/faqs/",
        f"{MANAGE}/faqs/{faq.pk}/",
    ]


def test_without_a_token_every_management_read_and_write_is_a_401_and_shows_nothing(api_client):
    for path in management_paths():
        for method in ("get", "post", "put", "patch", "delete"):
            response = getattr(api_client, method)(path, {} if method not in {"get", "delete"} else None)
            assert response.status_code == 401, (method, path)
            assert response.json() == {"detail": "Authentication credentials were not provided."}
    assert api_client.post(f"{MANAGE}/terms/agent/publish/").status_code == 401


def test_a_preview_token_does_not_open_the_management_api(api_client):
    """Preview tokens (signed, for one draft) are for the delivery API; they are no management credential."""
    response = api_client.get(f"{MANAGE}/terms/", HTTP_X_PREVIEW_TOKEN="anything", HTTP_AUTHORIZATION="Bearer x")

    assert response.status_code == 401


@pytest.fixture
def marsupials(db):
    return CategoryFactory(name="Marsupials", slug="marsupials")


@pytest.mark.parametrize(("path", "params"), PUBLIC_READS)
def test_a_draft_made_through_the_management_api_is_in_no_public_response(
    api_client, token_client, marsupials, path, params
):
    TermFactory(name="Wallaby", slug="wallaby", category=marsupials, published=True)
    created = token_client("Writer").post(
        f"{MANAGE}/terms/",
        {
            "name": "Quokka",
            "category": "marsupials",
            "short_definition": f"{MARKER}: a small marsupial.",
            "aliases": [f"{MARKER} alias"],
            "faqs": [{"question": f"{MARKER} question?", "answer": "An answer."}],
        },
    )
    assert created.status_code == 201

    response = api_client.get(f"{API}{path}", params)

    assert MARKER.lower() not in response.content.decode().lower()
    if response.status_code == 404:  # answered exactly as for a slug that never existed
        unknown = api_client.get(f"{API}{path.replace('quokka', 'never-existed')}", params)
        assert response.content.decode() == unknown.content.decode().replace("never-existed", "quokka")
    else:
        assert response.status_code == 200
        assert "quokka" not in response.content.decode().lower()


def test_a_draft_goes_public_only_when_a_publisher_publishes_it(api_client, token_client):
    writer, reviewer, publisher = token_client("Writer"), token_client("Reviewer"), token_client("Publisher")
    writer.post(f"{MANAGE}/terms/", {"name": "Quokka", "short_definition": "A small marsupial."})
    writer.post(f"{MANAGE}/terms/quokka/submit/")
    reviewer.post(f"{MANAGE}/terms/quokka/approve/")
    assert api_client.get(f"{API}/terms/quokka/").status_code == 404

    assert publisher.post(f"{MANAGE}/terms/quokka/publish/").status_code == 200

    public = api_client.get(f"{API}/terms/quokka/")
    assert public.status_code == 200
    assert public.json()["short_definition"] == "A small marsupial."


def test_editing_a_live_term_through_the_api_changes_its_public_document_only_at_publication(
    api_client, token_client, settings
):
    TermFactory(name="Quokka", slug="quokka", short_definition="Published words.", published=True)
    writer, reviewer, publisher = token_client("Writer"), token_client("Reviewer"), token_client("Publisher")
    before = api_client.get(f"{API}/terms/quokka/")
    assert api_client.get(f"{API}/terms/quokka/").content == before.content  # warm cache

    etag = writer.get(f"{MANAGE}/terms/quokka/")["ETag"]
    edited = writer.patch(
        f"{MANAGE}/terms/quokka/",
        {"short_definition": f"{MARKER} words.", "aliases": [f"{MARKER} alias"]},
        HTTP_IF_MATCH=etag,
    )
    assert edited.json()["publication_state"] == "changed"

    for server_cache in (True, False):  # the cached answer and a fresh read agree
        settings.GLOSSARY_SERVER_CACHE = server_cache
        after_edit = api_client.get(f"{API}/terms/quokka/")
        assert after_edit.content == before.content
        assert after_edit["ETag"] == before["ETag"]
    settings.GLOSSARY_SERVER_CACHE = True

    writer.post(f"{MANAGE}/terms/quokka/submit/")
    reviewer.post(f"{MANAGE}/terms/quokka/approve/")
    assert api_client.get(f"{API}/terms/quokka/").content == before.content  # approved is not published
    publisher.post(f"{MANAGE}/terms/quokka/publish/")

    published = api_client.get(f"{API}/terms/quokka/")
    assert published.json()["short_definition"] == f"{MARKER} words."
    assert published["ETag"] != before["ETag"]


@pytest.mark.parametrize("method", ["get", "post", "patch"])
def test_management_answers_are_private_and_never_stored(token_client, method):
    TermFactory(slug="agent")
    writer = token_client("Writer")
    path = f"{MANAGE}/terms/agent/"
    etag = writer.get(path)["ETag"]

    if method == "get":
        response = writer.get(path)
    elif method == "post":
        response = writer.post(f"{MANAGE}/terms/", {"name": "New", "short_definition": "d"})
    else:
        response = writer.patch(path, {"body": "x"}, HTTP_IF_MATCH=etag)

    assert response.status_code in {200, 201}
    assert response["Cache-Control"] == "private, no-store"
    assert "Authorization" in response["Vary"]
    assert "Last-Modified" not in response


@pytest.mark.parametrize("status", [400, 401, 403, 404, 412, 428])
def test_management_errors_are_never_stored_either(token_client, api_client, status):
    TermFactory(slug="agent")
    writer = token_client("Writer")
    requests = {
        400: lambda: writer.post(f"{MANAGE}/terms/", {}),
        401: lambda: api_client.get(f"{MANAGE}/terms/"),
        403: lambda: writer.post(f"{MANAGE}/terms/agent/publish/"),
        404: lambda: writer.get(f"{MANAGE}/terms/nothing/"),
        412: lambda: writer.patch(f"{MANAGE}/terms/agent/", {}, HTTP_IF_MATCH='"0.0"'),
        428: lambda: writer.patch(f"{MANAGE}/terms/agent/", {}),
    }

    response = requests[status]()

    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "private, no-store"


def test_management_reads_are_not_public_delivery_requests():
    environ = RequestFactory().get(f"{MANAGE}/terms/").META

    assert not is_public_delivery_request(environ, path=f"{MANAGE}/terms/")
    assert is_public_delivery_request(RequestFactory().get(f"{API}/terms/").META, path=f"{API}/terms/")


def test_nothing_is_stored_in_the_response_cache_for_a_management_read(token_client, settings):
    settings.GLOSSARY_SERVER_CACHE = True
    TermFactory(slug="agent", published=True)  # a clock row exists, so delivery answers would be stored
    environ = RequestFactory().get(f"{MANAGE}/terms/agent/").META

    assert token_client("Writer").get(f"{MANAGE}/terms/agent/").status_code == 200

    assert cache.get(response_cache_key(environ, path=f"{MANAGE}/terms/agent/")) is None


def test_a_stored_answer_is_never_replayed_for_a_management_path(api_client, settings):
    """Even an entry under a management path's key (none is ever written) is not replayed by the fast path."""
    settings.GLOSSARY_SERVER_CACHE = True
    TermFactory(slug="agent", published=True)
    clock = read_content_clock()
    path = f"{MANAGE}/terms/"
    planted = CachedResponse(
        status=200,
        headers=(("Content-Type", "application/json"),),
        body=b'{"results": ["planted"]}',
        etag='"planted"',
        last_modified=None,
        generation=clock.generation,
        next_change=None,
    )
    cache.set(response_cache_key(RequestFactory().get(path).META, path=path), planted, timeout=60)

    response = api_client.get(path)

    assert response.status_code == 401
    assert b"planted" not in response.content
