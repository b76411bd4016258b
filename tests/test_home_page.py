"""`/` answers a small page naming the service, with links to the admin, the API docs and the reference page."""

import re

import pytest

from tests.factories import TermFactory

pytestmark = pytest.mark.django_db


def links_of(response) -> dict[str, str]:
    """Link text → href of the page's links."""
    return {text: href for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', response.content.decode())}


def test_root_is_a_glossary_cms_page_not_a_404(client):
    response = client.get("/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "<h1>Glossary CMS</h1>" in response.content.decode()


def test_root_links_the_admin_and_the_api_docs_and_each_link_answers(client):
    links = links_of(client.get("/"))

    assert links["Admin"] == "/admin/"
    assert links["API documentation"] == "/api/v1/docs/"
    assert client.get(links["Admin"]).status_code == 302  # to the login page
    assert client.get(links["API documentation"]).status_code == 200


def test_root_links_the_reference_page_of_a_live_term_only(client):
    TermFactory(slug="a-draft")
    assert "Reference term page" not in links_of(client.get("/"))

    TermFactory(slug="live-term", published=True)

    links = links_of(client.get("/"))
    assert links["Reference term page"] == "/reference/terms/live-term/"
    assert client.get(links["Reference term page"]).status_code == 200
    assert "a-draft" not in client.get("/").content.decode()
