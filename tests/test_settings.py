"""Production settings pass Django's deployment checks; each insecure setting makes them fail.

Each case runs `manage.py check` in a real subprocess with a crafted environment (and, for
settings no variable reaches, a crafted settings module), as an operator would.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "glossary_cms.settings",  # not the test run's own settings module
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "glossary.example.com",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
}
PUBLISHED_DEVELOPMENT_KEY = "django-insecure-local-development-key-change-me"


def manage(*args: str, fail_level: str = "WARNING", **overrides: str | None) -> subprocess.CompletedProcess:
    """Run `manage.py check <args>` with production-like settings; None removes a variable."""
    env = os.environ | PRODUCTION  # keeps DATABASE_URL and PATH of the parent
    for name, value in overrides.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return subprocess.run(  # noqa: S603 -- our own manage.py with fixed arguments
        [sys.executable, "manage.py", "check", *args, "--fail-level", fail_level],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def check_deploy(**overrides: str | None) -> subprocess.CompletedProcess:
    return manage("--deploy", **overrides)


def check_deploy_errors(**overrides: str | None) -> subprocess.CompletedProcess:
    """Like check_deploy, but only an Error (not a Warning) makes it fail."""
    return manage("--deploy", fail_level="ERROR", **overrides)


@pytest.fixture
def crafted_settings(tmp_path):
    """Write a settings module that changes what no environment variable reaches; returns its overrides."""

    def craft(source: str) -> dict[str, str]:
        (tmp_path / "crafted_settings.py").write_text(f"from glossary_cms.settings import *  # noqa\n\n{source}\n")
        return {"DJANGO_SETTINGS_MODULE": "crafted_settings", "PYTHONPATH": str(tmp_path)}

    return craft


def test_production_settings_pass_the_deployment_checks():
    result = check_deploy()

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("overrides", "check_id"),
    [
        ({"DEBUG": "1"}, "security.W018"),
        ({"SECURE_SSL_REDIRECT": "0"}, "security.W008"),
        ({"SECURE_HSTS_SECONDS": "0"}, "security.W004"),
        ({"SECURE_COOKIES": "0"}, "security.W012"),
    ],
    ids=["debug-on", "no-ssl-redirect", "no-hsts", "insecure-cookies"],
)
def test_deployment_checks_fail_with_an_insecure_setting(overrides, check_id):
    result = check_deploy(**overrides)

    assert result.returncode != 0
    assert check_id in result.stderr


WEAK_KEYS = {
    "missing": None,
    "empty": "",
    "published-development-key": PUBLISHED_DEVELOPMENT_KEY,
    "django-insecure-prefix": "django-insecure-" + secrets.token_urlsafe(60),
    "shorter-than-50": secrets.token_urlsafe(30),
    "fewer-than-5-unique-characters": "abcd" * 20,
}


@pytest.mark.parametrize("command", [(), ("--deploy",)], ids=["check", "check-deploy"])
@pytest.mark.parametrize("key", WEAK_KEYS.values(), ids=WEAK_KEYS.keys())
def test_without_debug_a_missing_or_weak_secret_key_refuses_to_start(key, command):
    result = manage(*command, SECRET_KEY=key)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "Set the SECRET_KEY environment variable" in result.stderr
