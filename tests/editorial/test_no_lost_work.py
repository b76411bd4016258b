"""The server's part of "no lost work": change forms name whose draft of which item they hold.

The warning and the autosave run in the browser (tests/frontend/test_admin_no_lost_work.py);
here: every editable admin form loads the script and marks its edit-version field with the
signed-in user and the item, never anyone else's, and a restored draft's old edit version is
refused as stale by the server.
"""

import re

import pytest
from django.test import Client

from faqs.models import SiteWideFAQ
from terms.models import Comparison, Term
from tests.editorial.helpers import admin_url, change_form, changelist_url, user_in
from tests.factories import ComparisonFactory, FAQFactory, TermFactory

pytestmark = pytest.mark.django_db

SCRIPT = "/static/editorial/no_lost_work.js"


def lock_input(page: str) -> str:
    (tag,) = re.findall(r'<input[^>]*name="seen_lock_version"[^>]*>', page)
    return tag


def site_faq():
    return SiteWideFAQ.objects.get(pk=FAQFactory(question="Is there a free trial?", answer="Yes.").pk)


@pytest.mark.parametrize("make", [TermFactory, ComparisonFactory, site_faq], ids=["term", "comparison", "site_faq"])
def test_a_change_form_loads_the_script_and_names_the_editor_and_the_item(client, make):
    item = make()
    writer = user_in("Writer", username="wendy")
    client.force_login(writer)

    page = client.get(admin_url(item, "change")).content.decode()

    assert SCRIPT in page
    tag = lock_input(page)
    meta = item._meta
    assert f'data-autosave-user="{writer.pk}"' in tag
    assert f'data-autosave-item="{meta.app_label}.{meta.model_name}:{item.pk}"' in tag
    assert f'value="{item.lock_version}"' in tag
    # The form marked for autosave is still the admin's own: the Markdown editor is in place.
    assert re.search(r'<textarea[^>]*class="[^"]*markdownx-editor', page)


@pytest.mark.parametrize("model", [Term, Comparison, SiteWideFAQ])
def test_the_changelist_loads_the_script_to_clear_a_draft_once_saved(client, model):
    client.force_login(user_in("Writer"))

    assert SCRIPT in client.get(changelist_url(model)).content.decode()


def test_an_add_form_names_the_new_item_as_add(client):
    client.force_login(user_in("Writer", username="wendy"))

    page = client.get(changelist_url(Term) + "add/").content.decode()

    assert 'data-autosave-item="terms.term:add"' in lock_input(page)


def test_two_editors_forms_of_one_item_each_name_only_their_own_user(client):
    term = TermFactory()
    alice, bob = user_in("Writer", username="alice"), user_in("Writer", username="bob")
    client.force_login(alice)
    bob_browser = Client()
    bob_browser.force_login(bob)

    alice_page = client.get(admin_url(term, "change")).content.decode()
    bob_page = bob_browser.get(admin_url(term, "change")).content.decode()
    alice_again = client.get(admin_url(term, "change")).content.decode()

    assert f'data-autosave-user="{alice.pk}"' in lock_input(alice_page)
    assert f'data-autosave-user="{bob.pk}"' in lock_input(bob_page)
    assert lock_input(alice_again) == lock_input(alice_page)  # Bob's request changed nothing shared


def test_a_restored_draft_typed_on_an_older_edit_version_is_refused_as_stale(client):
    """What the script posts after "Restore": the draft's fields, with the edit version it was typed on."""
    term = TermFactory()
    alice, bob = user_in("Writer", username="alice"), user_in("Writer", username="bob")
    client.force_login(alice)
    draft = change_form(client, term)  # what Alice's browser autosaved before her tab closed
    draft["body"] = "## What it is\n\nAlice's autosaved text."
    bob_browser = Client()
    bob_browser.force_login(bob)
    newer = change_form(bob_browser, term)
    newer["short_definition"] = "Bob saved this since."
    assert bob_browser.post(admin_url(term, "change"), newer).status_code == 302

    response = client.post(admin_url(term, "change"), draft)

    assert response.status_code == 200
    (error,) = [str(e) for e in response.context["adminform"].form.non_field_errors()]
    assert error.startswith("bob saved") and "They changed: quick definition." in error
    assert "Alice&#x27;s autosaved text." in response.content.decode()
    term.refresh_from_db()
    assert term.short_definition == "Bob saved this since."
