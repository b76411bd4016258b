"""Typed relations and retiring in the term admin, through its real views.

The editor sets a relation on one term (an inline) and the other term's page shows the
inverse by itself; a loop of broader terms is refused with a form error naming it, the
editor's text kept; deprecating and retiring go through review and publication.
"""

import re
from html import unescape

import pytest
from django.urls import reverse

from editorial.services import approve, submit_for_review
from terms.models import Term, TermRelation, TermStatus
from tests.factories import TermFactory, TermRelationFactory, UserFactory
from tests.terms.test_admin import change_form_of, management_form, workflow_url

pytestmark = pytest.mark.django_db


def change_url(term: Term) -> str:
    return reverse("admin:terms_term_change", args=[term.pk])


def with_relations(data: dict, *rows: tuple[str, Term]) -> dict:
    """Change-form data with new typed-relation rows added (the term had none)."""
    data = data | management_form("relations", total=len(rows))
    for index, (relation_type, target) in enumerate(rows):
        data |= {f"relations-{index}-type": relation_type, f"relations-{index}-target": str(target.pk)}
    return data


def set_on_other_terms(client, term: Term) -> list[str]:
    """The read-only "set on other terms" lines of the term's change page, as text."""
    page = client.get(change_url(term)).content.decode()
    block = re.search(r'field-relations_from_other_terms.*?<div class="readonly">(.*?)</div>', page, re.DOTALL)
    assert block, "no 'set on other terms' field on the change page"
    text = block.group(1)
    return [unescape(re.sub(r"<[^>]+>", "", line)).strip() for line in text.split("<br>")]


@pytest.fixture
def reviewer(db):
    return UserFactory(username="reviewer", superuser=True)


@pytest.mark.parametrize(
    ("relation_type", "shown_on_target"),
    [("broader", "Narrower term: Source"), ("narrower", "Broader term: Source"), ("see_also", "See also: Source")],
)
def test_a_relation_set_in_the_inline_is_saved_and_the_other_term_shows_its_inverse(
    admin_client, relation_type, shown_on_target
):
    source, target = TermFactory(name="Source"), TermFactory(name="Target")

    response = admin_client.post(
        change_url(source), with_relations(change_form_of(admin_client, source), (relation_type, target))
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(source.relations.values_list("type", "target")) == [(relation_type, target.pk)]
    assert set_on_other_terms(admin_client, target) == [shown_on_target]
    assert set_on_other_terms(admin_client, source) == ["None."]


def test_a_successor_chosen_on_one_term_shows_as_replaces_on_the_successor(admin_client):
    old, successor = TermFactory(name="Old Name"), TermFactory(name="Successor")

    response = admin_client.post(
        change_url(old), change_form_of(admin_client, old, status="deprecated", successor=str(successor.pk))
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    assert set_on_other_terms(admin_client, successor) == ["Replaces: Old Name"]


def test_the_inverse_links_to_the_term_that_set_it(admin_client):
    source, target = TermFactory(name="Source"), TermFactory(name="Target")
    TermRelationFactory(term=source, type="see_also", target=target)

    page = admin_client.get(change_url(target)).content.decode()

    assert f'<a href="{change_url(source)}">Source</a>' in page


def assert_loop_refused(response, loop: str, typed: str) -> None:
    assert response.status_code == 200
    content = unescape(response.content.decode())
    assert f"These relations would make a loop of broader terms: {loop}." in content
    assert typed in content, "the editor's text is kept"
    (formset,) = [f.formset for f in response.context["inline_admin_formsets"] if f.formset.prefix == "relations"]
    assert formset.non_form_errors()


def test_a_broader_term_that_closes_a_loop_is_refused_naming_the_loop_and_keeping_the_text(admin_client):
    a, b, c = TermFactory(name="A"), TermFactory(name="B"), TermFactory(name="C")
    TermRelationFactory(term=a, type="broader", target=b)
    TermRelationFactory(term=b, type="broader", target=c)
    typed = "An explanation the editor spent an hour on."

    response = admin_client.post(
        change_url(c), with_relations(change_form_of(admin_client, c, body=typed), ("broader", a))
    )

    assert_loop_refused(response, "C → A → B → C", typed)
    assert not c.relations.exists()
    c.refresh_from_db()
    assert c.body != typed, "nothing was saved"


def test_narrower_terms_that_close_a_loop_are_refused_too(admin_client):
    a, b, c = TermFactory(name="A"), TermFactory(name="B"), TermFactory(name="C")
    TermRelationFactory(term=b, type="narrower", target=a)  # A is narrower than B
    TermRelationFactory(term=c, type="narrower", target=b)  # B is narrower than C
    typed = "Kept after the error."

    response = admin_client.post(
        change_url(a), with_relations(change_form_of(admin_client, a, body=typed), ("narrower", c))
    )

    assert_loop_refused(response, "A → B → C → A", typed)
    assert not a.relations.exists()


def test_a_term_cannot_be_broader_than_a_term_it_is_narrower_than(admin_client):
    a, b = TermFactory(name="A"), TermFactory(name="B")
    TermRelationFactory(term=a, type="broader", target=b)

    response = admin_client.post(change_url(b), with_relations(change_form_of(admin_client, b), ("broader", a)))

    assert_loop_refused(response, "B → A → B", "")


def test_see_also_never_makes_a_loop(admin_client):
    a, b = TermFactory(name="A"), TermFactory(name="B")
    TermRelationFactory(term=a, type="see_also", target=b)

    response = admin_client.post(change_url(b), with_relations(change_form_of(admin_client, b), ("see_also", a)))

    assert response.status_code == 302
    assert TermRelation.objects.count() == 2


def test_deprecating_or_retiring_without_a_successor_is_a_form_error_on_the_successor(admin_client):
    term = TermFactory(name="Old Name")
    typed = "Still here after the error."

    response = admin_client.post(change_url(term), change_form_of(admin_client, term, status="retired", body=typed))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["successor"]
    assert typed in unescape(response.content.decode())


def test_retiring_goes_through_review_and_publication_then_the_slug_redirects(
    admin_client, superuser, reviewer, client
):
    successor = TermFactory(name="Successor", slug="successor", published=True)
    old = TermFactory(name="Old Name", slug="old-name", published=True)

    saved = admin_client.post(
        change_url(old), change_form_of(admin_client, old, status="retired", successor=str(successor.pk))
    )
    assert saved.status_code == 302
    assert client.get("/api/v1/terms/old-name/").status_code == 200, "saving publishes nothing"
    submit_for_review(item=old, by=superuser)
    approve(item=old, by=reviewer)

    published = admin_client.post(workflow_url(old), {"transition": "publish"})

    assert published.status_code == 302
    response = client.get("/api/v1/terms/old-name/")
    assert response.status_code == 301
    assert response["Location"].endswith("/api/v1/terms/successor/")
    review_page = admin_client.get(workflow_url(old)).content.decode()
    assert 'value="unpublish"' in review_page, "a retirement in force can be withdrawn"


def test_publishing_a_retirement_whose_successor_is_not_live_shows_why_and_changes_nothing(admin_client, client):
    successor = TermFactory(name="Successor", slug="successor")
    old = TermFactory(name="Old Name", slug="old-name", published=True)
    # Approved as published; the successor was withdrawn (or never published) since.
    Term.objects.filter(pk=old.pk).update(status=TermStatus.RETIRED, successor=successor)

    response = admin_client.post(workflow_url(old), {"transition": "publish", "confirm": "1"})

    assert response.status_code == 400
    assert "“Successor” will not be live at that time" in unescape(response.content.decode())
    assert client.get("/api/v1/terms/old-name/").status_code == 200
