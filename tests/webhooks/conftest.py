"""Webhook fixtures: a real receiver on 127.0.0.1; admin pages render without collectstatic."""

import pytest

from tests.webhooks.receiver import Receiver


@pytest.fixture
def receiver(settings):
    """A running receiver; webhooks may go to private addresses (127.0.0.1) meanwhile."""
    settings.GLOSSARY_WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True
    with Receiver() as server:
        yield server


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Test users need a password, not a slow hash of it."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    """Admin pages render without a collectstatic manifest (production uses one)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
