"""The Scheduled page lists what goes live next; one "All" shows every schedule, done ones included."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from scheduling.models import Schedule
from scheduling.services import cancel_schedule, schedule_publication
from tests.factories import TermFactory
from tests.scheduling.conftest import GO_LIVE
from tests.scheduling.workflow import approved

pytestmark = pytest.mark.django_db

LIST_URL = reverse("admin:scheduling_schedule_changelist")


def status_filter_links(html: str) -> list[tuple[str, bool]]:
    """(label, highlighted) of each entry of the status filter."""
    block = html[html.index("By status") :]
    block = block[: block.index("</ul>")]
    return [
        ("selected" in attributes, label.strip())[::-1]
        for attributes, label in re.findall(r"<li([^>]*)>\s*<a [^>]*>([^<]+)</a>", block)
    ]


@pytest.fixture
def one_pending_one_cancelled(clock, publisher):
    pending = schedule_publication(item=approved(TermFactory(name="Tokenizer")), at=GO_LIVE, by=publisher)
    cancelled = schedule_publication(
        item=approved(TermFactory(name="Embedding")), at=GO_LIVE + timedelta(hours=1), by=publisher
    )
    cancel_schedule(schedule=cancelled, by=publisher)
    return pending, cancelled


def test_one_all_entry_and_pending_highlighted_by_default(client, publisher, one_pending_one_cancelled):
    client.force_login(publisher)

    response = client.get(LIST_URL)

    links = status_filter_links(response.content.decode())
    assert [label for label, _ in links].count("All") == 1
    assert [label for label, selected in links if selected] == ["Pending"]
    assert list(response.context["cl"].result_list) == [one_pending_one_cancelled[0]]


def test_all_lists_done_and_cancelled_schedules_too(client, publisher, one_pending_one_cancelled):
    client.force_login(publisher)

    response = client.get(LIST_URL, {"status": "all"})

    assert set(response.context["cl"].result_list) == set(one_pending_one_cancelled)
    assert [label for label, selected in status_filter_links(response.content.decode()) if selected] == ["All"]
    assert Schedule.objects.count() == 2
