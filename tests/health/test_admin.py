"""Content health in the admin: the report page, the review page's panel, publishing (now or scheduled) over errors."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from publishing.models import AuditEntry
from scheduling.models import Schedule
from tests.editorial.helpers import S, admin_url, bring_to, changelist_url, form_data, is_live, messages_of, user_in
from tests.factories import TermFactory, UserFactory

pytestmark = pytest.mark.django_db

HEALTH_URL = "/admin/content-health/"
BROKEN_BODY = "## What it is\n\nSee [the missing page](/glossary/nowhere/)."


def approved_term(**fields):
    term = TermFactory(**fields)
    bring_to(term, S.APPROVED)
    return term


@pytest.fixture
def publisher(client):
    user = user_in("Publisher", username="pat")
    client.force_login(user)
    return user


# --- the Content health page ----------------------------------------------------------
def test_the_page_lists_problems_by_severity_with_fix_links(admin_client):
    broken = TermFactory(name="Broken Links", body=BROKEN_BODY)

    response = admin_client.get(HEALTH_URL)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    errors, warnings = page.index('id="health-error"'), page.index('id="health-warning"')
    assert errors < page.index("but no term has the slug “nowhere”") < warnings
    assert f'href="/admin/terms/term/{broken.pk}/change/"' in page
    assert "Internal link to a missing or not live page" in page


@pytest.mark.parametrize("role", ["Writer", "Reviewer", "Publisher"])
def test_every_editorial_role_sees_the_page_and_its_links(client, role):
    client.force_login(user_in(role))
    assert client.get(HEALTH_URL).status_code == 200
    index = client.get(reverse("admin:index")).content.decode()
    assert f'href="{HEALTH_URL}"' in index
    sidebar = client.get(changelist_url(TermFactory._meta.model)).content.decode()
    assert f'href="{HEALTH_URL}"' in sidebar


def test_staff_without_an_editorial_role_get_no_page_and_no_link(client):
    client.force_login(UserFactory(username="nobody"))
    assert client.get(HEALTH_URL).status_code == 403
    assert HEALTH_URL not in client.get(reverse("admin:index")).content.decode()


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(HEALTH_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_the_page_takes_as_many_queries_for_a_large_glossary_as_for_a_small_one(admin_client):
    TermFactory(body=BROKEN_BODY)
    with CaptureQueriesContext(connection) as small:
        admin_client.get(HEALTH_URL)
    for _ in range(10):
        TermFactory(body=BROKEN_BODY, published=True)
    with CaptureQueriesContext(connection) as large:
        admin_client.get(HEALTH_URL)
    assert len(large.captured_queries) == len(small.captured_queries)


# --- the panel on the review page ------------------------------------------------------
def test_the_review_page_lists_the_items_own_problems(admin_client):
    term = TermFactory(body=BROKEN_BODY, cta=None)
    TermFactory(name="Someone Else", body="[x](/glossary/elsewhere/)")

    page = admin_client.get(admin_url(term, "workflow")).content.decode()

    panel = page[page.index('id="content-health"') :]
    assert "but no term has the slug “nowhere”" in panel
    assert "No call to action under the term." in panel
    assert "elsewhere" not in panel


# --- publishing over error-level problems ----------------------------------------------------
def test_publishing_with_errors_asks_first_and_changes_nothing(client, publisher):
    term = approved_term(body=BROKEN_BODY)

    response = client.post(admin_url(term, "workflow"), {"transition": "publish"})

    assert response.status_code == 409
    assert "but no term has the slug “nowhere”" in response.content.decode()
    assert not is_live(term)
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.PUBLISHED).exists()


def test_publish_anyway_publishes_and_records_the_override(client, publisher):
    term = approved_term(body=BROKEN_BODY)
    page = client.post(admin_url(term, "workflow"), {"transition": "publish"}).content.decode()

    response = client.post(admin_url(term, "workflow"), form_data(page, "health-confirm-form"))

    assert response.status_code == 302
    assert is_live(term)
    override = AuditEntry.objects.get(action=AuditEntry.Action.HEALTH_OVERRIDE)
    assert (override.object_id, override.actor) == (term.pk, publisher)
    assert override.version == "published v1"
    assert "but no term has the slug “nowhere”" in override.comment
    workflow_page = client.get(admin_url(term, "workflow")).content.decode()
    assert "Published despite content health errors" in workflow_page


def test_warnings_alone_publish_without_asking(client, publisher):
    term = approved_term(short_definition="Thin.", cta=None)

    response = client.post(admin_url(term, "workflow"), {"transition": "publish"})

    assert response.status_code == 302
    assert is_live(term)
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.HEALTH_OVERRIDE).exists()


def test_someone_who_may_not_publish_is_refused_not_asked(client):
    client.force_login(user_in("Reviewer"))
    term = approved_term(body=BROKEN_BODY)

    response = client.post(admin_url(term, "workflow"), {"transition": "publish"})

    assert response.status_code == 400
    assert "You do not have permission to publish." in messages_of(response)
    assert not is_live(term)


def test_the_publish_action_asks_before_publishing_items_with_errors(client, publisher):
    broken = approved_term(body=BROKEN_BODY)
    sound = approved_term()
    url = changelist_url(type(broken))

    response = client.post(url, {"action": "publish_selected", "_selected_action": [broken.pk, sound.pk]})

    assert response.status_code == 409
    assert not is_live(broken) and not is_live(sound)
    confirmed = client.post(url, form_data(response.content.decode(), "health-confirm-form"))
    assert confirmed.status_code == 302
    assert is_live(broken) and is_live(sound)
    overrides = AuditEntry.objects.filter(action=AuditEntry.Action.HEALTH_OVERRIDE)
    assert list(overrides.values_list("object_id", flat=True)) == [broken.pk]


def test_the_publish_action_publishes_items_without_errors_at_once(client, publisher):
    sound = approved_term()
    response = client.post(changelist_url(type(sound)), {"action": "publish_selected", "_selected_action": [sound.pk]})
    assert response.status_code == 302
    assert is_live(sound)


def test_both_confirmations_in_turn_linked_terms_then_health(client, publisher):
    term = approved_term(body=BROKEN_BODY)
    term.related_links.create(related=TermFactory(name="Not Yet Live"))

    warning = client.post(admin_url(term, "workflow"), {"transition": "publish"})
    assert warning.status_code == 409 and "Not Yet Live" in warning.content.decode()
    health = client.post(admin_url(term, "workflow"), {"transition": "publish", "confirm": "1"})
    assert health.status_code == 409 and "but no term has the slug “nowhere”" in health.content.decode()

    done = client.post(admin_url(term, "workflow"), form_data(health.content.decode(), "health-confirm-form"))

    assert done.status_code == 302
    assert is_live(term)
    assert AuditEntry.objects.filter(action=AuditEntry.Action.HEALTH_OVERRIDE, object_id=term.pk).exists()


def test_scheduling_a_go_live_with_errors_asks_first_and_records_the_override(client, publisher):
    term = approved_term(body=BROKEN_BODY)
    at = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%S")
    schedule_url = admin_url(term, "schedule")

    asked = client.post(schedule_url, {"at": at, "action": "publish"})

    assert asked.status_code == 409
    assert not Schedule.objects.exists()
    done = client.post(schedule_url, form_data(asked.content.decode(), "health-confirm-form"))
    assert done.status_code == 302
    schedule = Schedule.objects.get()
    assert timezone.localtime(schedule.at).strftime("%Y-%m-%dT%H:%M:%S") == at
    override = AuditEntry.objects.get(action=AuditEntry.Action.HEALTH_OVERRIDE)
    assert override.comment.startswith("go live at ")
    assert "but no term has the slug “nowhere”" in override.comment


def test_scheduling_a_sound_item_does_not_ask(client, publisher):
    term = approved_term()
    at = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%S")
    assert client.post(admin_url(term, "schedule"), {"at": at, "action": "publish"}).status_code == 302
    assert Schedule.objects.count() == 1
