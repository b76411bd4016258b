"""The admin login `ensure_admin` makes: admin/admin only under DEBUG, never a known password outside it."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

STRONG_PASSWORD = "correct-horse-battery-staple-7"


@pytest.fixture
def no_superuser_variables(monkeypatch):
    monkeypatch.delenv("DJANGO_SUPERUSER_USERNAME", raising=False)
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)


def test_under_debug_ensure_admin_creates_admin_admin_once(settings, no_superuser_variables, capsys):
    settings.DEBUG = True

    call_command("ensure_admin")
    call_command("ensure_admin")

    (user,) = get_user_model().objects.all()
    assert user.username == "admin"
    assert user.check_password("admin")
    assert (user.is_superuser, user.is_staff, user.is_active) == (True, True, True)
    output = capsys.readouterr().out
    assert "Created admin login “admin”" in output
    assert "exists; left as it is" in output


def test_under_debug_a_username_alone_gets_the_local_password(settings, no_superuser_variables, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "ops")

    call_command("ensure_admin")

    assert get_user_model().objects.get(username="ops").check_password("admin")


@pytest.mark.parametrize("username", [None, "ops"])
def test_without_debug_and_without_a_password_ensure_admin_refuses_and_creates_no_one(
    no_superuser_variables, monkeypatch, username
):
    if username:
        monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", username)

    with pytest.raises(CommandError, match="DJANGO_SUPERUSER_PASSWORD"):
        call_command("ensure_admin")

    assert not get_user_model().objects.exists()


@pytest.mark.parametrize("debug", [False, True], ids=["production", "debug"])
def test_ensure_admin_creates_the_login_from_the_environment(settings, monkeypatch, debug):
    settings.DEBUG = debug
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "ops")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", STRONG_PASSWORD)

    call_command("ensure_admin")

    (user,) = get_user_model().objects.all()
    assert user.username == "ops"
    assert user.check_password(STRONG_PASSWORD)
    assert not user.check_password("admin")
    assert user.is_superuser


@pytest.mark.parametrize("debug", [False, True], ids=["production", "debug"])
@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("admin", "This password is too short."),
        ("password", "This password is too common."),
        ("8437029516", "This password is entirely numeric."),
        ("operations-team", "The password is too similar to the username."),
    ],
)
def test_a_weak_password_from_the_environment_is_refused_with_the_validators_messages(
    settings, monkeypatch, debug, password, message
):
    settings.DEBUG = debug
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "operations-team")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", password)

    with pytest.raises(CommandError) as refused:
        call_command("ensure_admin")

    assert message in str(refused.value)
    assert not get_user_model().objects.exists()


@pytest.mark.parametrize("debug", [False, True], ids=["production", "debug"])
@pytest.mark.parametrize("env_password", [None, "another-password-from-env"])
def test_ensure_admin_leaves_an_existing_users_password_alone(
    settings, no_superuser_variables, monkeypatch, debug, env_password
):
    settings.DEBUG = debug
    if env_password:
        monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", env_password)
    existing = UserFactory(username="admin", password="the-owners-own-password", is_superuser=False)

    call_command("ensure_admin")

    existing.refresh_from_db()
    assert existing.check_password("the-owners-own-password")
    assert not existing.is_superuser
    assert get_user_model().objects.count() == 1
