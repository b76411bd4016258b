"""Deleting things never rewrites live content; what is deleted keeps its publication history."""

from datetime import timedelta
from html import unescape

import pytest
from django.contrib.admin.models import DELETION, LogEntry
from django.core.exceptions import ValidationError
from django.db.models.deletion import ProtectedError
from django.urls import reverse
from django.utils import timezone

from faqs.models import PublishedFAQ
from publishing.audit import audit
from publishing.models import AuditEntry
from terms.models import Category, Comparison, ComparisonVersion, Term, TermVersion
from terms.services import (
    delete_category,
    delete_comparison,
    delete_term,
    publish_term,
    unpublish_comparison,
    unpublish_term,
)
from tests.factories import CategoryFactory, ComparisonFactory, FAQFactory, TermFactory, UserFactory

pytestmark = pytest.mark.django_db


def category_in_api(api_client, slug: str) -> dict | None:
    response = api_client.get(f"/api/v1/terms/{slug}/")
    assert response.status_code == 200
    return response.json()["category"]


def page_text(response) -> str:
    return unescape(response.content.decode())


# --- categories: the service ------------------------------------------------------------


def test_deleting_the_category_of_a_live_term_is_refused_and_names_the_term(api_client):
    category = CategoryFactory(name="Models", slug="models")
    TermFactory(name="Foundation Model", slug="foundation-model", category=category, published=True)

    with pytest.raises(ValidationError) as refusal:
        delete_category(category=category, by=None)

    assert "Foundation Model" in " ".join(refusal.value.messages)
    assert Category.objects.filter(pk=category.pk).exists()
    assert category_in_api(api_client, "foundation-model") == {"slug": "models", "name": "Models"}


def test_deleting_the_category_of_a_scheduled_term_is_refused():
    category = CategoryFactory()
    term = TermFactory(name="Agent", category=category)
    publish_term(term=term, by=None, at=timezone.now() + timedelta(days=1))

    with pytest.raises(ValidationError, match="Agent"):
        delete_category(category=category, by=None)

    assert Category.objects.filter(pk=category.pk).exists()


def test_deleting_a_category_in_live_use_outside_the_service_is_refused_too():
    category = CategoryFactory()
    TermFactory(category=category, published=True)

    with pytest.raises(ProtectedError):
        category.delete()


def test_a_category_only_history_references_is_deleted_and_live_answers_do_not_change(api_client):
    old, new = CategoryFactory(slug="old"), CategoryFactory(slug="new", name="New")
    moved = TermFactory(slug="moved", category=old, published=True)
    moved.category = new
    moved.save()
    publish_term(term=moved, by=None)
    withdrawn = TermFactory(category=old, published=True)
    unpublish_term(term=withdrawn, by=None)
    versions_before = TermVersion.objects.count()
    before = api_client.get("/api/v1/terms/moved/").json()

    delete_category(category=old, by=None)

    assert not Category.objects.filter(pk=old.pk).exists()
    assert TermVersion.objects.count() == versions_before
    assert set(
        TermVersion.objects.filter(term__in=[moved, withdrawn], number=1).values_list("category", flat=True)
    ) == {None}
    after = api_client.get("/api/v1/terms/moved/").json()
    assert after["category"] == {"slug": "new", "name": "New"}
    assert after == before


# --- categories: the admin ---------------------------------------------------------------


def test_the_category_delete_page_names_the_live_term_and_refuses(admin_client):
    category = CategoryFactory(name="Models")
    TermFactory(name="Foundation Model", category=category, published=True)
    url = reverse("admin:terms_category_delete", args=[category.pk])

    page = admin_client.get(url)
    posted = admin_client.post(url, {"post": "yes"})

    assert page.status_code == 200
    assert "Cannot delete" in page_text(page)
    assert "Foundation Model" in page_text(page)
    assert posted.status_code == 200
    assert "Foundation Model" in page_text(posted)
    assert Category.objects.filter(pk=category.pk).exists()


def test_delete_selected_categories_names_the_live_term_and_deletes_none(admin_client):
    used, unused = CategoryFactory(), CategoryFactory()
    TermFactory(name="Embedding", category=used, published=True)
    data = {"action": "delete_selected", "_selected_action": [used.pk, unused.pk]}
    url = reverse("admin:terms_category_changelist")

    page = admin_client.post(url, data)
    confirmed = admin_client.post(url, {**data, "post": "yes"})

    assert "Embedding" in page_text(page)
    assert "Embedding" in page_text(confirmed)
    assert Category.objects.filter(pk__in=[used.pk, unused.pk]).count() == 2


def test_the_admin_deletes_a_category_only_history_references(admin_client, api_client):
    category = CategoryFactory()
    term = TermFactory(category=category, published=True)
    unpublish_term(term=term, by=None)

    response = admin_client.post(reverse("admin:terms_category_delete", args=[category.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert not Category.objects.filter(pk=category.pk).exists()
    assert term.versions.get().category is None


# --- terms and comparisons: the service ---------------------------------------------------


def test_deleting_a_live_term_is_refused_until_it_is_withdrawn():
    term = TermFactory(name="Tokenizer", published=True)

    with pytest.raises(ValidationError, match="withdraw it first"):
        delete_term(term=term, by=None)

    assert Term.objects.filter(pk=term.pk).exists()
    assert term.versions.count() == 1


def test_deleting_a_term_scheduled_to_go_live_is_refused_until_the_schedule_is_cancelled():
    term = TermFactory()
    publish_term(term=term, by=None, at=timezone.now() + timedelta(hours=2))

    with pytest.raises(ValidationError, match="cancel the schedule"):
        delete_term(term=term, by=None)

    assert Term.objects.filter(pk=term.pk).exists()


def test_deleting_a_live_term_outside_the_service_is_refused_too():
    term = TermFactory(published=True)

    with pytest.raises(ProtectedError):
        term.delete()


def test_deleting_a_withdrawn_term_keeps_its_versions_and_their_faqs(api_client):
    editor = UserFactory()
    other = TermFactory(slug="still-live", published=True)
    term = TermFactory(name="Old Idea")
    FAQFactory(term=term, question="What was it?")
    publish_term(term=term, by=editor)
    audit(item=term, action=AuditEntry.Action.PUBLISHED, by=editor, version="v1")
    unpublish_term(term=term, by=editor)
    version_ids = list(term.versions.values_list("pk", flat=True))
    before = api_client.get("/api/v1/terms/still-live/").json()

    delete_term(term=term, by=editor)

    assert not Term.objects.filter(pk=term.pk).exists()
    versions = TermVersion.objects.filter(pk__in=version_ids)
    assert [(v.term_id, v.name, v.number) for v in versions] == [(None, "Old Idea", 1)]
    assert list(PublishedFAQ.objects.filter(term_version__in=versions).values_list("question", flat=True)) == [
        "What was it?"
    ]
    actions = set(AuditEntry.objects.filter(object_repr="Old Idea").values_list("action", flat=True))
    assert actions == {AuditEntry.Action.PUBLISHED, AuditEntry.Action.DELETED}
    assert api_client.get("/api/v1/terms/still-live/").json() == before
    assert category_in_api(api_client, other.slug) is not None


def test_a_never_published_term_is_simply_deleted():
    term = TermFactory()

    delete_term(term=term, by=None)

    assert not Term.objects.filter(pk=term.pk).exists()


def test_the_slug_of_a_deleted_term_can_be_published_again(api_client):
    term = TermFactory(slug="reused", published=True)
    unpublish_term(term=term, by=None)
    delete_term(term=term, by=None)

    publish_term(term=TermFactory(slug="reused"), by=None)

    assert api_client.get("/api/v1/terms/reused/").status_code == 200


def test_deleting_a_live_comparison_is_refused_until_it_is_withdrawn():
    comparison = ComparisonFactory(published=True)

    with pytest.raises(ValidationError, match="withdraw it first"):
        delete_comparison(comparison=comparison, by=None)

    assert Comparison.objects.filter(pk=comparison.pk).exists()


def test_deleting_a_withdrawn_comparison_keeps_its_versions():
    comparison = ComparisonFactory(published=True)
    unpublish_comparison(comparison=comparison, by=None)

    delete_comparison(comparison=comparison, by=None)

    assert not Comparison.objects.filter(pk=comparison.pk).exists()
    assert ComparisonVersion.objects.filter(comparison=None, title=comparison.title).count() == 1


def test_deleting_a_term_a_comparison_names_is_refused_with_the_comparison():
    comparison = ComparisonFactory(title="A vs B")
    term = comparison.term_a
    unpublish_term(term=term, by=None)

    with pytest.raises(ValidationError, match="A vs B"):
        delete_term(term=term, by=None)


# --- terms and comparisons: the admin -------------------------------------------------------


def test_the_term_delete_page_says_why_a_live_term_cannot_be_deleted(admin_client):
    term = TermFactory(name="Tokenizer", published=True)
    url = reverse("admin:terms_term_delete", args=[term.pk])

    page = admin_client.get(url)
    posted = admin_client.post(url, {"post": "yes"})

    assert page.status_code == 200
    assert "withdraw it first" in page_text(page)
    assert "withdraw it first" in page_text(posted)
    assert Term.objects.filter(pk=term.pk).exists()


def test_delete_selected_terms_refuses_when_one_is_live(admin_client):
    live, draft = TermFactory(name="Live One", published=True), TermFactory()
    data = {"action": "delete_selected", "_selected_action": [live.pk, draft.pk], "post": "yes"}

    page = admin_client.post(reverse("admin:terms_term_changelist"), data)

    assert "Live One" in page_text(page)
    assert Term.objects.filter(pk__in=[live.pk, draft.pk]).count() == 2


def test_the_admin_deletes_a_withdrawn_term_and_its_history_stays_readable(admin_client):
    term = TermFactory(name="Old Idea", published=True)
    audit(item=term, action=AuditEntry.Action.PUBLISHED, by=None, version="v1")
    unpublish_term(term=term, by=None)
    neighbour = TermFactory(published=True)

    response = admin_client.post(reverse("admin:terms_term_delete", args=[term.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert TermVersion.objects.filter(term=None, name="Old Idea").exists()
    log = admin_client.get(reverse("admin:publishing_auditentry_changelist"))
    assert log.status_code == 200
    assert "Old Idea" in page_text(log)
    versions = admin_client.get(reverse("admin:terms_termversion_changelist"))
    assert versions.status_code == 200
    assert "Old Idea" in page_text(versions)
    orphan = TermVersion.objects.get(term=None, name="Old Idea")
    assert admin_client.get(reverse("admin:terms_termversion_change", args=[orphan.pk])).status_code == 200
    assert admin_client.get(reverse("admin:terms_term_workflow", args=[neighbour.pk])).status_code == 200


def test_the_admin_refuses_to_delete_a_live_comparison(admin_client):
    comparison = ComparisonFactory(published=True)
    url = reverse("admin:terms_comparison_delete", args=[comparison.pk])

    posted = admin_client.post(url, {"post": "yes"})

    assert "withdraw it first" in page_text(posted)
    assert Comparison.objects.filter(pk=comparison.pk).exists()


def publishing_during_the_check(term: Term):
    """deletion_refusals that find nothing, while the term goes live right after: the race on confirmation."""

    def refusals(self, obj, *, at):
        publish_term(term=term, by=None)
        return []

    return refusals


def test_a_refusal_when_the_editor_confirms_deletes_and_logs_nothing(admin_client, monkeypatch):
    from editorial.admin_terms import TermAdmin

    term = TermFactory()
    monkeypatch.setattr(TermAdmin, "deletion_refusals", publishing_during_the_check(term))
    url = reverse("admin:terms_term_delete", args=[term.pk])

    response = admin_client.post(url, {"post": "yes"}, follow=True)

    assert Term.objects.filter(pk=term.pk).exists()
    assert not LogEntry.objects.filter(action_flag=DELETION).exists()
    assert "withdraw it first" in page_text(response)


def test_delete_selected_refused_when_the_editor_confirms_deletes_and_logs_nothing(admin_client, monkeypatch):
    from editorial.admin_terms import TermAdmin

    draft, racing = TermFactory(), TermFactory()
    monkeypatch.setattr(TermAdmin, "deletion_refusals", publishing_during_the_check(racing))
    data = {"action": "delete_selected", "_selected_action": [draft.pk, racing.pk], "post": "yes"}

    response = admin_client.post(reverse("admin:terms_term_changelist"), data, follow=True)

    assert Term.objects.filter(pk__in=[draft.pk, racing.pk]).count() == 2
    assert not LogEntry.objects.filter(action_flag=DELETION).exists()
    assert "withdraw it first" in page_text(response)


@pytest.mark.parametrize("url_name", ["terms_termversion", "terms_comparisonversion"])
def test_the_publication_history_of_deleted_items_is_readable_and_read_only(admin_client, url_name):
    comparison = ComparisonFactory(title="Gone vs Kept", published=True)
    unpublish_comparison(comparison=comparison, by=None)
    delete_comparison(comparison=comparison, by=None)
    unpublish_term(term=comparison.term_a, by=None)
    delete_term(term=comparison.term_a, by=None)
    orphan = (
        TermVersion.objects.get(term=None)
        if url_name == "terms_termversion"
        else ComparisonVersion.objects.get(comparison=None, term_a=None)
    )

    listing = admin_client.get(reverse(f"admin:{url_name}_changelist"))
    change = admin_client.get(reverse(f"admin:{url_name}_change", args=[orphan.pk]))

    assert listing.status_code == 200
    assert orphan.slug in page_text(listing)
    assert change.status_code == 200
    assert b'name="_save"' not in change.content
    assert admin_client.post(reverse(f"admin:{url_name}_delete", args=[orphan.pk]), {"post": "yes"}).status_code == 403
