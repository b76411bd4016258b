"""Shared fixtures: users, a clean cache, and the API client."""

import pytest
from django.core.cache import cache

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _isolated_cache():
    """Each test starts with an empty cache, so cached responses never cross tests."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def superuser(db):
    return UserFactory(username="boss", superuser=True)


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client
