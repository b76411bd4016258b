"""Fixtures for editorial tests: admin pages render without collected static files; users are cheap."""

import pytest


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
    """Every test makes several users; the production hasher is slow on purpose, these tests need not be."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
