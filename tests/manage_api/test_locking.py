"""If-Match: an update or delete names the ETag it was based on; 428 without one, 412 when someone saved since.

The ETag carries the admin's edit version (`lock_version`), so a script and an editor in the
admin refuse each other's stale saves the same way.
"""

import pytest
from django.test import Client

from terms.models import Category, Term
from tests.editorial.helpers import admin_url, change_form, user_in
from tests.factories import CategoryFactory, ComparisonFactory, FAQFactory, TermFactory
from tests.manage_api.conftest import MANAGE

pytestmark = pytest.mark.django_db


def items():
    """(path, the item) for one item of each kind."""
    term = TermFactory(slug="agent")
    comparison = ComparisonFactory()
    category = CategoryFactory(slug="techniques")
    faq = FAQFactory(question="Site-wide?")
    return [
        (f"{MANAGE}/terms/agent/", term, {"short_definition": "Changed."}),
        (f"{MANAGE}/comparisons/{comparison.slug}/", comparison, {"summary": "Changed."}),
        (f"{MANAGE}/categories/techniques/", category, {"description": "Changed."}),
        (f"{MANAGE}/faqs/{faq.pk}/", faq, {"answer": "Changed."}),
    ]


@pytest.mark.parametrize("kind", [0, 1, 2, 3], ids=["term", "comparison", "category", "site-faq"])
@pytest.mark.parametrize("method", ["patch", "put", "delete"])
def test_an_update_or_delete_without_if_match_is_a_428_and_changes_nothing(root, kind, method):
    path, item, change = items()[kind]
    before = root.get(path).json()

    response = root.delete(path) if method == "delete" else getattr(root, method)(path, change)

    assert response.status_code == 428
    assert "If-Match" in response.json()["detail"]
    assert root.get(path).json() == before


@pytest.mark.parametrize("kind", [0, 1, 2, 3], ids=["term", "comparison", "category", "site-faq"])
@pytest.mark.parametrize("method", ["patch", "put", "delete"])
def test_an_update_or_delete_with_a_stale_etag_is_a_412_naming_the_current_one(root, kind, method):
    path, item, change = items()[kind]
    stale = root.get(path)["ETag"]
    assert root.patch(path, change, HTTP_IF_MATCH=stale).status_code == 200  # someone else saved meanwhile
    current = root.get(path)
    document = {key: value for key, value in current.json().items() if key != "etag"}

    if method == "delete":
        response = root.delete(path, HTTP_IF_MATCH=stale)
    else:
        response = getattr(root, method)(path, {**document, **change}, HTTP_IF_MATCH=stale)

    assert response.status_code == 412
    assert response.json()["current_etag"] == current["ETag"]
    assert root.get(path).json() == current.json()


@pytest.mark.parametrize("if_match", ["*", 'W/"{etag}"', '"nonsense"'])
def test_only_the_items_own_strong_etag_is_accepted(writer, if_match):
    term = TermFactory(slug="agent")
    etag = writer.get(f"{MANAGE}/terms/agent/")["ETag"].strip('"')

    response = writer.patch(f"{MANAGE}/terms/agent/", {"body": "Changed."}, HTTP_IF_MATCH=if_match.format(etag=etag))

    assert response.status_code in {412, 428}
    term.refresh_from_db()
    assert term.body != "Changed."


def test_any_of_several_etags_may_match(writer):
    TermFactory(slug="agent")
    etag = writer.get(f"{MANAGE}/terms/agent/")["ETag"]

    response = writer.patch(f"{MANAGE}/terms/agent/", {"body": "Changed."}, HTTP_IF_MATCH=f'"1.99", {etag}')

    assert response.status_code == 200


def test_a_save_in_the_admin_makes_the_scripts_etag_stale(writer, db):
    term = TermFactory(slug="agent")
    etag = writer.get(f"{MANAGE}/terms/agent/")["ETag"]
    editor = Client()
    editor.force_login(user_in("Writer", username="alice"))
    form = change_form(editor, term)
    form["body"] = "## What it is\n\nAlice's explanation."
    assert editor.post(admin_url(term, "change"), form).status_code == 302

    response = writer.patch(f"{MANAGE}/terms/agent/", {"body": "The script's explanation."}, HTTP_IF_MATCH=etag)

    assert response.status_code == 412
    term.refresh_from_db()
    assert term.body == "## What it is\n\nAlice's explanation."


def test_a_save_through_the_api_makes_an_open_admin_form_stale(writer, db):
    term = TermFactory(slug="agent")
    editor = Client()
    editor.force_login(user_in("Writer", username="alice"))
    form = change_form(editor, term)
    etag = writer.get(f"{MANAGE}/terms/agent/")["ETag"]
    assert writer.patch(f"{MANAGE}/terms/agent/", {"body": "By the script."}, HTTP_IF_MATCH=etag).status_code == 200

    form["body"] = "## What it is\n\nAlice's explanation."
    response = editor.post(admin_url(term, "change"), form)

    assert response.status_code == 200  # the form again, with the refusal
    assert "after you opened it" in response.content.decode()
    term.refresh_from_db()
    assert term.body == "By the script."


def test_a_category_etag_changes_with_every_save(root):
    category = CategoryFactory(slug="techniques")
    first = root.get(f"{MANAGE}/categories/techniques/")["ETag"]
    Category.objects.filter(pk=category.pk).get().save()

    assert root.get(f"{MANAGE}/categories/techniques/")["ETag"] != first
    assert Term.objects.count() == 0
