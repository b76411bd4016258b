"""The SECRET_KEY rule: production takes only a strong key; local use gets a random key of its own."""

import secrets
import stat

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from glossary_cms.secret_key import PUBLISHED_DEVELOPMENT_KEY, local_secret_key, production_secret_key, weakness


@pytest.mark.parametrize(
    "key",
    ["", PUBLISHED_DEVELOPMENT_KEY, "django-insecure-" + "k7Qz" * 20, "x1Y2z3" * 8, "abcd" * 20],
    ids=["empty", "published-development-key", "django-insecure-prefix", "49-characters", "4-unique-characters"],
)
def test_weak_keys_are_named_with_a_reason(key):
    assert weakness(key)


def test_a_long_random_key_has_no_weakness():
    assert weakness(secrets.token_urlsafe(50)) is None


@pytest.mark.parametrize("raw", [None, "", PUBLISHED_DEVELOPMENT_KEY, "too-short"])
def test_production_refuses_a_missing_or_weak_key_naming_the_variable(raw):
    with pytest.raises(ImproperlyConfigured, match="Set the SECRET_KEY environment variable"):
        production_secret_key(raw)


def test_production_takes_a_strong_key_as_it_is():
    key = secrets.token_urlsafe(50)

    assert production_secret_key(key) == key


def test_local_key_is_made_once_readable_only_by_its_owner_and_reused(tmp_path):
    path = tmp_path / ".local" / "secret_key"

    first = local_secret_key(path)
    second = local_secret_key(path)

    assert first == second
    assert weakness(first) is None
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["secret_key"]  # no temporary file left behind


def test_each_checkout_gets_its_own_local_key(tmp_path):
    assert local_secret_key(tmp_path / "a" / "secret_key") != local_secret_key(tmp_path / "b" / "secret_key")


def test_the_test_run_signs_with_a_strong_key_of_its_own():
    assert weakness(settings.SECRET_KEY) is None
    assert not settings.DEBUG
