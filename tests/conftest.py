"""Shared fixtures: users, a clean cache, the API client, and test-speed settings."""

import pytest
from django.core.cache import cache

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _isolated_cache():
    """Each test starts with an empty cache, so cached responses never cross tests."""
    from answers.term_index import forget_term_name_index
    from api.caching import forget_local_entries
    from api.documents import forget_generation_copies
    from terms.mentions import forget_vocabulary

    forget_generation_copies()
    forget_term_name_index()
    forget_vocabulary()
    cache.clear()
    forget_local_entries()
    yield
    cache.clear()
    forget_local_entries()
    forget_generation_copies()
    forget_term_name_index()


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
    settings.API_THROTTLE_ASK = ""


@pytest.fixture
def api_client():
    """The API as production serves it: every request through `glossary_cms.wsgi.application`."""
    from tests.api.wsgi_client import ProductionStackClient

    return ProductionStackClient()


@pytest.fixture(scope="session")
def _empty_static_root(tmp_path_factory):
    return tmp_path_factory.mktemp("static")


@pytest.fixture(autouse=True)
def _static_files_without_manifest(settings, _empty_static_root):
    """Admin pages link static files; tests have no collectstatic manifest, so use plain storage."""
    settings.STATIC_ROOT = _empty_static_root  # exists, so WhiteNoise has nothing to warn about
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Tests make many users; the production hasher is slow on purpose, tests need not be."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def receiver(settings):
    """A real HTTP server on 127.0.0.1 for webhooks; deliveries to private addresses are allowed meanwhile."""
    from tests.webhooks.receiver import Receiver

    settings.GLOSSARY_WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True
    with Receiver() as server:
        yield server
