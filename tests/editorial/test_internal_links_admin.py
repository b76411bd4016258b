"""Internal links in the admin: the link picker's endpoint, the live preview, warnings on save and before publishing."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from health.problems import Severity
from health.report import content_health
from terms.structured_data import term_url
from tests.editorial.helpers import S, admin_url, bring_to, change_form, form_data, is_live, messages_of, user_in
from tests.factories import ComparisonFactory, FAQFactory, TermAliasFactory, TermFactory, UserFactory

pytestmark = pytest.mark.django_db

PICKER_URL = "/admin/link-targets/"
PREVIEW_URL = "/markdownx/markdownify/"


@pytest.fixture
def writer(client):
    user = user_in("Writer", username="wendy")
    client.force_login(user)
    return user


# --- the picker's endpoint -------------------------------------------------------------------


def test_the_picker_finds_terms_by_name_or_alias_and_comparisons_by_title(client, writer):
    live = TermFactory(name="Foundation Model", slug="foundation-model", published=True)
    TermAliasFactory(term=live, name="Base model")
    draft = TermFactory(name="Fine-tuning", slug="fine-tuning")
    comparison = ComparisonFactory(title="Foundation Model vs Fine-tuning", term_a=live, term_b=draft)

    by_name = client.get(PICKER_URL, {"q": "found"}).json()["results"]
    by_alias = client.get(PICKER_URL, {"q": "base"}).json()["results"]

    assert by_name[0] == {
        "kind": "term",
        "id": live.pk,
        "label": "Foundation Model",
        "slug": "foundation-model",
        "alias": "",
        "live": True,
        "reference": f"term:{live.pk}",
        "admin_url": reverse("admin:terms_term_change", args=[live.pk]),
    }
    assert [r["reference"] for r in by_name] == [f"term:{live.pk}", f"comparison:{comparison.pk}"]
    assert [(r["label"], r["alias"]) for r in by_alias] == [("Foundation Model", "Base model")]
    fine = client.get(PICKER_URL, {"q": "fine", "kind": "term"}).json()["results"]
    assert [(r["label"], r["live"]) for r in fine] == [("Fine-tuning", False)]


@pytest.mark.parametrize(
    ("params", "field"),
    [({}, "q"), ({"q": "  "}, "q"), ({"q": "x" * 101}, "q"), ({"q": "fm", "kind": "category"}, "kind")],
)
def test_bad_picker_parameters_answer_400_naming_them(client, writer, params, field):
    response = client.get(PICKER_URL, params)
    assert response.status_code == 400
    assert field in response.json()


def test_the_picker_answers_staff_with_a_view_permission_only(client):
    TermFactory(name="Agent")
    assert client.get(PICKER_URL, {"q": "agent"}).status_code == 403  # anonymous
    client.force_login(UserFactory(username="outsider", is_staff=False))
    assert client.get(PICKER_URL, {"q": "agent"}).status_code == 403
    staff = UserFactory(username="no-role")
    client.force_login(staff)
    assert client.get(PICKER_URL, {"q": "agent"}).status_code == 403
    staff.user_permissions.add(Permission.objects.get(codename="view_comparison"))
    staff = type(staff).objects.get(pk=staff.pk)  # permissions are cached on the user object
    client.force_login(staff)
    assert client.get(PICKER_URL, {"q": "agent"}).json()["results"] == []  # comparisons only: no term shown


def test_the_picker_reads_in_the_same_queries_for_many_matches(client, writer):
    def queries_for(query: str) -> int:
        client.get(PICKER_URL, {"q": query})  # the session and permissions are read the same way each time
        with CaptureQueriesContext(connection) as captured:
            assert client.get(PICKER_URL, {"q": query}).status_code == 200
        return len(captured)

    TermAliasFactory(term=TermFactory(name="Solo", published=True), name="S1")
    ComparisonFactory(title="Solo vs the rest")
    few = queries_for("solo")
    for number in range(12):
        term = TermFactory(name=f"Agent {number}", published=number % 2 == 0)
        TermAliasFactory(term=term, name=f"A{number}")
        ComparisonFactory(title=f"Agent {number} vs the rest")
    assert queries_for("agent") == few
    assert len(client.get(PICKER_URL, {"q": "agent"}).json()["results"]) == 10


# --- the live preview ----------------------------------------------------------------------


def test_the_preview_links_references_to_their_admin_pages_and_leaves_missing_ones_as_text(client, writer):
    live = TermFactory(name="Embedding", published=True)
    draft = TermFactory(name="Tokenizer")
    text = f"[emb](term:{live.pk}) [tok](term:{draft.pk}) [ghost](term:999999)"

    html = client.post(PREVIEW_URL, {"content": text}).content.decode()

    assert f'href="{reverse("admin:terms_term_change", args=[live.pk])}"' in html
    assert 'title="Term “Embedding” (live)"' in html
    assert f'href="{reverse("admin:terms_term_change", args=[draft.pk])}"' in html
    assert "not live: published as plain text until it is" in html
    assert html.strip().endswith(" ghost</p>")


# --- warnings on save and before publishing --------------------------------------------------


def test_saving_with_a_reference_to_nothing_warns_naming_it_and_keeps_the_text(client, writer):
    term = TermFactory(body="Old text.")
    data = change_form(client, term)
    data["body"] = "See [the ghost](term:999999) and [vs](comparison:888888)."

    response = client.post(admin_url(term, "change"), data, follow=True)

    warning = next(m for m in messages_of(response) if "do not exist" in m)
    assert "“the ghost” (term:999999)" in warning
    assert "“vs” (comparison:888888)" in warning
    term.refresh_from_db()
    assert term.body == "See [the ghost](term:999999) and [vs](comparison:888888)."


def test_a_reference_to_nothing_in_an_faq_answer_is_named_too(client, writer):
    term = TermFactory()
    FAQFactory(term=term, answer="Read [the lost page](term:777777).")
    data = change_form(client, term)

    response = client.post(admin_url(term, "change"), data, follow=True)

    assert any("“the lost page” (term:777777)" in m for m in messages_of(response))


def test_saving_with_references_to_existing_items_says_nothing_about_them(client, writer):
    target = TermFactory()
    term = TermFactory()
    data = change_form(client, term)
    data["body"] = f"See [it](term:{target.pk})."

    response = client.post(admin_url(term, "change"), data, follow=True)

    assert not any("do not exist" in m for m in messages_of(response))


def test_a_site_wide_faq_saved_with_a_reference_to_nothing_warns(client):
    client.force_login(UserFactory(username="root", superuser=True))
    faq = FAQFactory(answer="Fine.")
    url = reverse("admin:faqs_sitewidefaq_change", args=[faq.pk])
    data = form_data(client.get(url).content.decode(), "sitewidefaq_form")
    data["answer"] = "See [nothing](term:555555)."

    response = client.post(url, data, follow=True)

    assert any("“nothing” (term:555555)" in m for m in messages_of(response))


def test_the_review_page_names_missing_and_not_live_targets(admin_client):
    draft = TermFactory(name="Tokenizer")
    term = TermFactory(body=f"[ghost](term:999999) and [tok](term:{draft.pk})")

    page = admin_client.get(admin_url(term, "workflow")).content.decode()

    panel = page[page.index('id="content-health"') :]
    assert "Links to “ghost” (term:999999), but no term has the id 999999" in panel
    assert "Links to “tok” (term:" in panel
    assert "“Tokenizer”, which is not live" in panel


def test_publishing_with_a_reference_to_nothing_asks_first(client):
    publisher = user_in("Publisher", username="pat")
    client.force_login(publisher)
    term = TermFactory(body="See [the ghost](term:999999).")
    bring_to(term, S.APPROVED)

    response = client.post(admin_url(term, "workflow"), {"transition": "publish"})

    assert response.status_code == 409
    assert "“the ghost” (term:999999)" in response.content.decode()
    assert not is_live(term)


def test_a_reference_to_a_draft_is_a_warning_and_publishing_does_not_ask(client):
    publisher = user_in("Publisher", username="pat")
    client.force_login(publisher)
    draft = TermFactory(slug="secret-draft")
    term = TermFactory(body=f"See [the draft](term:{draft.pk}).")
    bring_to(term, S.APPROVED)

    problems = [p for p in content_health().problems if p.check == "broken_internal_link" and p.item.pk == term.pk]
    assert [p.severity for p in problems] == [Severity.WARNING]
    client.post(admin_url(term, "workflow"), {"transition": "publish"})

    assert is_live(term)
    assert "secret-draft" not in term.versions.get().body_html
    assert term_url("secret-draft") not in term.versions.get().document


def test_the_change_page_loads_the_link_picker(client, writer):
    term = TermFactory()
    page = client.get(admin_url(term, "change")).content.decode()
    assert "editorial/link_picker.js" in page
