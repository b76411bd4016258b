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


@pytest.fixture(autouse=True)
def _no_throttling(settings):
    """Throttling is off in tests unless a test turns it on (production default: 120/minute)."""
    settings.API_THROTTLE_ANON = ""


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()
