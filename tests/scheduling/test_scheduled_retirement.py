"""A scheduled retirement: the page is served until the instant, and from that second its slug answers 301.

No worker runs: the live windows written when the retirement was scheduled decide, and
no cached answer (server cache or Cache-Control) reaches past the instant.
"""

from datetime import timedelta

import pytest
from django.urls import reverse

from scheduling.services import cancel_schedule, run_due_schedules, schedule_publication
from terms.models import Announcement, TermStatus
from tests.api.support import edit
from tests.factories import FAQFactory, TermFactory
from tests.scheduling.conftest import GO_LIVE
from tests.scheduling.workflow import approved, messages_of

API = "/api/v1"


@pytest.fixture
def retirement(clock, publisher, settings):
    """'Old Name' is live now and scheduled to retire to 'Successor' at GO_LIVE."""
    settings.GLOSSARY_SERVER_CACHE = True
    successor = TermFactory(name="Successor", slug="successor", published=True)
    old = TermFactory(name="Old Name", slug="old-name", published=True)
    FAQFactory(term=old, question="What was Old Name?")
    edit(old, status=TermStatus.RETIRED, successor=successor)
    return schedule_publication(item=approved(old), at=GO_LIVE, by=publisher)


def public_view(client) -> dict:
    index = {t["slug"] for letter in client.get(f"{API}/index/").json()["letters"] for t in letter["terms"]}
    detail = client.get(f"{API}/terms/old-name/")
    return {
        "detail": detail.status_code,
        "location": detail.get("Location", "").removeprefix("http://testserver"),
        "list": "old-name" in {row["slug"] for row in client.get(f"{API}/terms/").json()["results"]},
        "index": "old-name" in index,
        "sitemap": "old-name" in {row["slug"] for row in client.get(f"{API}/sitemap/").json()},
        "faqs": client.get(f"{API}/faqs/", {"term": "old-name"}).status_code,
    }


STILL_LIVE = {"detail": 200, "location": "", "list": True, "index": True, "sitemap": True, "faqs": 200}
RETIRED = {
    "detail": 301,
    "location": f"{API}/terms/successor/",
    "list": False,
    "index": False,
    "sitemap": False,
    "faqs": 404,
}


def test_a_scheduled_retirement_redirects_exactly_at_its_instant_and_not_before(clock, client, retirement):
    clock.move_to(GO_LIVE - timedelta(seconds=1))
    one_second_before = public_view(client)  # and now in the response cache
    clock.move_to(GO_LIVE)
    at_the_second = public_view(client)

    assert one_second_before == STILL_LIVE
    assert at_the_second == RETIRED


@pytest.mark.parametrize("path", ["/terms/old-name/", "/terms/", "/index/", "/sitemap/"])
def test_no_answer_before_a_retirement_is_cached_past_its_instant(clock, client, retirement, path):
    for seconds_left in (90, 5):
        clock.move_to(GO_LIVE - timedelta(seconds=seconds_left))
        response = client.get(API + path)
        assert response.status_code == 200
        assert 0 <= int(response["Cache-Control"].split("max-age=")[1]) <= seconds_left


def test_the_worker_announces_the_scheduled_retirement_as_a_withdrawal_once(clock, retirement):
    clock.move_to(GO_LIVE)

    assert run_due_schedules() == 1
    assert run_due_schedules() == 0
    assert list(Announcement.objects.filter(slug="old-name").values_list("event", flat=True)) == [
        "term.published",
        "term.unpublished",
    ]


def test_a_cancelled_retirement_leaves_the_page_live(clock, client, retirement, publisher):
    cancel_schedule(schedule=retirement, by=publisher)
    clock.move_to(GO_LIVE + timedelta(minutes=1))

    assert public_view(client) == STILL_LIVE


def test_scheduling_a_retirement_before_its_successor_goes_live_is_refused(clock, publisher):
    successor = TermFactory(name="Successor", slug="successor")
    schedule_publication(item=approved(successor), at=GO_LIVE + timedelta(hours=1), by=publisher)
    old = TermFactory(name="Old Name", slug="old-name", published=True)
    edit(old, status=TermStatus.RETIRED, successor=successor)

    with pytest.raises(Exception, match="will not be live at that time"):
        schedule_publication(item=approved(old), at=GO_LIVE, by=publisher)

    assert schedule_publication(item=old, at=GO_LIVE + timedelta(hours=1), by=publisher)


def test_a_publisher_schedules_a_retirement_on_the_review_page(clock, client, publisher):
    successor = TermFactory(name="Successor", slug="successor", published=True)
    old = TermFactory(name="Old Name", slug="old-name", published=True)
    edit(old, status=TermStatus.RETIRED, successor=successor)
    approved(old)
    client.force_login(publisher)

    response = client.post(
        reverse("admin:terms_term_schedule", args=[old.pk]),
        {"at": GO_LIVE.strftime("%Y-%m-%dT%H:%M:%S"), "action": "publish"},
        follow=True,
    )

    assert any(text.startswith("Scheduled:") for text in messages_of(response)), messages_of(response)
    clock.move_to(GO_LIVE - timedelta(seconds=1))
    assert client.get(f"{API}/terms/old-name/").status_code == 200
    clock.move_to(GO_LIVE)
    assert client.get(f"{API}/terms/old-name/").status_code == 301
