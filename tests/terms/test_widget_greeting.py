"""A term's own chat widget greeting: written in the admin, live only once published.

Empty means the site's default (GLOSSARY_WIDGET_GREETING, read per request); "{term}" in
either stands for the term's name. The widget endpoint's shape does not change.
"""

import pytest

from editorial.services import approve, submit_for_review
from terms.models import Term, TermVersion
from terms.services import publish_term, unpublish_term
from tests.factories import TermFactory, UserFactory
from tests.terms.test_admin import change_form_of, workflow_url

pytestmark = pytest.mark.django_db


def greeting_on(api_client, term: Term) -> str:
    response = api_client.get(f"/api/v1/terms/{term.slug}/widget/")
    assert response.status_code == 200, response.content[:500]
    return response.json()["greeting"]


def save_greeting(client, term: Term, greeting: str) -> None:
    response = client.post(
        f"/admin/terms/term/{term.pk}/change/", change_form_of(client, term, widget_greeting=greeting)
    )
    assert response.status_code == 302, response.content.decode()[:3000]


def approve_and_publish(client, term: Term, *, writer, reviewer) -> None:
    submit_for_review(item=term, by=writer)
    approve(item=term, by=reviewer)
    response = client.post(workflow_url(term), {"transition": "publish"})
    assert response.status_code == 302


@pytest.fixture
def reviewer(db):
    return UserFactory(username="reviewer", superuser=True)


def test_a_term_without_its_own_greeting_gets_the_sites_default_named_after_it(api_client, settings):
    term = TermFactory(name="Zebra Model", slug="zebra-model", published=True)
    settings.GLOSSARY_WIDGET_GREETING = "Welcome! Questions on {term} below."

    assert greeting_on(api_client, term) == "Welcome! Questions on Zebra Model below."


def test_a_greeting_saved_in_the_admin_is_served_only_once_published(
    admin_client, api_client, superuser, reviewer, settings
):
    settings.GLOSSARY_WIDGET_GREETING = "Default hello for {term}."
    term = TermFactory(name="Zebra Model", slug="zebra-model", published=True)

    save_greeting(admin_client, term, "Ask me about {term}, the striped one.")

    term.refresh_from_db()
    assert term.widget_greeting == "Ask me about {term}, the striped one."
    assert greeting_on(api_client, term) == "Default hello for Zebra Model.", "a draft greeting leaked"

    approve_and_publish(admin_client, term, writer=superuser, reviewer=reviewer)

    assert greeting_on(api_client, term) == "Ask me about Zebra Model, the striped one."
    assert TermVersion.objects.filter(term=term).order_by("-number").first().widget_greeting == (
        "Ask me about {term}, the striped one."
    )


def test_clearing_the_greeting_goes_back_to_the_default_after_publication(
    admin_client, api_client, superuser, reviewer, settings
):
    settings.GLOSSARY_WIDGET_GREETING = "Default hello for {term}."
    term = TermFactory(name="Zebra Model", slug="zebra-model", widget_greeting="Custom hello.", published=True)
    assert greeting_on(api_client, term) == "Custom hello."

    save_greeting(admin_client, term, "")
    approve_and_publish(admin_client, term, writer=superuser, reviewer=reviewer)

    assert greeting_on(api_client, term) == "Default hello for Zebra Model."


def test_braces_in_an_editors_greeting_are_served_as_written(api_client):
    term = TermFactory(name="Sets", slug="sets", widget_greeting="Sets look like {1, 2} — ask about {term}!")
    publish_term(term=term, by=None)

    assert greeting_on(api_client, term) == "Sets look like {1, 2} — ask about Sets!"


def test_a_greeting_longer_than_the_widget_bubble_is_a_form_error_that_keeps_the_text(admin_client):
    term = TermFactory(name="Zebra Model", slug="zebra-model")
    too_long = "Hello! " * 40

    response = admin_client.post(
        f"/admin/terms/term/{term.pk}/change/", change_form_of(admin_client, term, widget_greeting=too_long)
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Ensure this value has at most 200 characters" in page
    assert too_long.strip() in page
    term.refresh_from_db()
    assert term.widget_greeting == ""


def test_a_withdrawn_terms_greeting_is_not_served(api_client):
    term = TermFactory(name="Zebra Model", slug="zebra-model", widget_greeting="Secret hello.", published=True)
    unpublish_term(term=term, by=None)

    response = api_client.get(f"/api/v1/terms/{term.slug}/widget/")

    assert response.status_code == 404
    assert b"Secret hello." not in response.content
