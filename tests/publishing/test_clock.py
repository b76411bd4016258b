"""Every request reads the content clock: the instants it gives are the ones written, as aware UTC datetimes."""

from datetime import UTC, timedelta

import pytest
from django.utils import timezone

from publishing.clock import read_content_clock
from publishing.models import ContentClock
from terms.services import publish_term, unpublish_term
from tests.factories import TermFactory

pytestmark = pytest.mark.django_db


def test_the_clock_gives_the_stored_instants_to_the_microsecond():
    term = TermFactory(name="Tokenizer", slug="tokenizer", published=True)
    unpublish_term(term=term, by=None, at=timezone.now() + timedelta(days=3))
    stored = ContentClock.objects.get(pk=1)

    reading = read_content_clock()

    assert reading.generation == stored.generation
    assert reading.timeline.last_change == stored.last_change
    assert reading.timeline.next_change == stored.next_change
    assert reading.timeline.next_change.tzinfo is not None
    assert reading.timeline.next_change.utcoffset() == UTC.utcoffset(None)


def test_a_new_write_is_read_by_the_next_reading():
    TermFactory(name="Tokenizer", slug="tokenizer", published=True)
    before = read_content_clock()

    publish_term(term=TermFactory(name="Embedding", slug="embedding"), by=None)
    after = read_content_clock()

    assert after.generation != before.generation
    assert after.timeline.last_change > before.timeline.last_change
