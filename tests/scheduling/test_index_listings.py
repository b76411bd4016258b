"""The A–Z index is written with each change, for now and every scheduled instant to come.

Each letter's listing is rewritten in the transaction of the change that touches one of its
terms; these tests read the index at the instants around schedules that cross letters,
are cancelled, or change the same letter twice, with no worker running.
"""

from datetime import timedelta

import pytest

from scheduling.models import Schedule
from scheduling.services import cancel_schedule, schedule_publication, schedule_withdrawal
from terms.index_letters import KEPT_HISTORY
from terms.models import IndexLetterListing
from terms.services import publish_term
from tests.factories import TermFactory
from tests.scheduling.conftest import GO_LIVE
from tests.scheduling.workflow import approved

API = "/api/v1"
LATER = GO_LIVE + timedelta(hours=2)


def index_of(client) -> dict[str, list[str]]:
    response = client.get(f"{API}/index/")
    assert response.status_code == 200
    return {group["letter"]: [term["name"] for term in group["terms"]] for group in response.json()["letters"]}


@pytest.fixture
def glossary(clock, db):
    """Two live terms under A."""
    for name in ("Attention", "Agent"):
        publish_term(term=TermFactory(name=name), by=None)


def test_a_scheduled_go_live_joins_its_letter_at_its_instant(api_client, clock, glossary, publisher):
    term = approved(TermFactory(name="Adapter", published=False))
    schedule_publication(item=term, at=GO_LIVE, by=publisher)

    before = index_of(api_client)
    clock.move_to(GO_LIVE - timedelta(microseconds=1))
    just_before = index_of(api_client)
    clock.move_to(GO_LIVE)
    at_instant = index_of(api_client)

    assert before == just_before == {"A": ["Agent", "Attention"]}
    assert at_instant == {"A": ["Adapter", "Agent", "Attention"]}


def test_a_scheduled_rename_moves_the_term_between_letters_at_its_instant(api_client, clock, glossary, publisher):
    term = TermFactory(name="Anchor")
    publish_term(term=term, by=None)
    term.name = "Zero-shot anchor"
    term.save()
    schedule_publication(item=approved(term), at=GO_LIVE, by=publisher)

    before = index_of(api_client)
    clock.move_to(GO_LIVE)
    after = index_of(api_client)

    assert before == {"A": ["Agent", "Anchor", "Attention"]}
    assert after == {"A": ["Agent", "Attention"], "Z": ["Zero-shot anchor"]}


def test_a_cancelled_go_live_never_joins_the_index(api_client, clock, glossary, publisher):
    term = approved(TermFactory(name="Adapter", published=False))
    schedule = schedule_publication(item=term, at=GO_LIVE, by=publisher)

    cancel_schedule(schedule=Schedule.objects.get(pk=schedule.pk), by=publisher)
    clock.move_to(GO_LIVE)

    assert index_of(api_client) == {"A": ["Agent", "Attention"]}


def test_a_later_change_to_the_same_letter_keeps_what_is_scheduled_before_it(api_client, clock, glossary, publisher):
    leaving = TermFactory(name="Alpha")
    publish_term(term=leaving, by=None)
    schedule_withdrawal(item=leaving, at=GO_LIVE, by=publisher)
    arriving = approved(TermFactory(name="Autoencoder", published=False))
    schedule_publication(item=arriving, at=LATER, by=publisher)
    publish_term(term=TermFactory(name="Abacus"), by=None)  # rewrites A's whole future again

    now = index_of(api_client)
    clock.move_to(GO_LIVE)
    after_withdrawal = index_of(api_client)
    clock.move_to(LATER)
    after_go_live = index_of(api_client)

    assert now == {"A": ["Abacus", "Agent", "Alpha", "Attention"]}
    assert after_withdrawal == {"A": ["Abacus", "Agent", "Attention"]}
    assert after_go_live == {"A": ["Abacus", "Agent", "Attention", "Autoencoder"]}


def test_a_letter_whose_last_term_is_withdrawn_leaves_the_index(api_client, clock, glossary, publisher):
    zebra = TermFactory(name="Zebra")
    publish_term(term=zebra, by=None)
    schedule_withdrawal(item=zebra, at=GO_LIVE, by=publisher)

    before = index_of(api_client)
    clock.move_to(GO_LIVE)
    after = index_of(api_client)

    assert set(before) == {"A", "Z"}
    assert set(after) == {"A"}


def test_listings_that_ended_over_a_day_ago_are_dropped_at_the_next_change(clock, glossary):
    clock.move_to(GO_LIVE - timedelta(minutes=30))
    publish_term(term=TermFactory(name="Abacus"), by=None)
    ended = IndexLetterListing.objects.filter(letter="A", live_until__isnull=False).count()

    clock.move_to(GO_LIVE + KEPT_HISTORY + timedelta(hours=1))
    publish_term(term=TermFactory(name="Axiom"), by=None)

    assert ended >= 1
    assert not IndexLetterListing.objects.filter(letter="A", live_until__lt=GO_LIVE).exists()
    assert IndexLetterListing.objects.filter(letter="A", live_until__isnull=True).count() == 1


def test_a_publication_counts_from_its_own_instant_not_from_its_commit(api_client, clock, glossary):
    # A publication takes its instant after its lock and commits later; between the two,
    # the index must already be the one it wrote.
    publish_term(term=TermFactory(name="Anchor"), by=None, at=GO_LIVE - timedelta(hours=1, minutes=10))

    clock.move_to(GO_LIVE - timedelta(hours=1, minutes=5))

    assert index_of(api_client) == {"A": ["Anchor"]}
