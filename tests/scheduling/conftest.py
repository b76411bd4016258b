"""Scheduling fixtures: a fixed clock near a go-live instant, people in editorial roles."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from tests.scheduling.workflow import member_of

GO_LIVE = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    """Time stands still an hour before GO_LIVE until the test moves it (`clock.move_to`)."""
    with time_machine.travel(GO_LIVE - timedelta(hours=1), tick=False) as traveller:
        yield traveller


@pytest.fixture
def publisher(db):
    return member_of("Publisher", "publisher")


@pytest.fixture
def writer(db):
    return member_of("Writer", "writer")
