"""Production settings pass Django's deployment checks; each insecure setting makes them fail."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "glossary.example.com",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
}


def check_deploy(**overrides: str | None) -> subprocess.CompletedProcess:
    """Run `manage.py check --deploy` with production-like settings; None removes a variable."""
    env = os.environ | PRODUCTION  # keeps DATABASE_URL and PATH of the parent
    for name, value in overrides.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return subprocess.run(  # noqa: S603 -- our own manage.py with fixed arguments
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deployment_checks():
    result = check_deploy()

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("overrides", "check_id"),
    [
        ({"SECRET_KEY": None}, "security.W009"),
        ({"SECRET_KEY": "django-insecure-" + "x" * 60}, "security.W009"),
        ({"SECRET_KEY": "short"}, "security.W009"),
        ({"DEBUG": "1"}, "security.W018"),
        ({"SECURE_SSL_REDIRECT": "0"}, "security.W008"),
        ({"SECURE_HSTS_SECONDS": "0"}, "security.W004"),
        ({"SECURE_COOKIES": "0"}, "security.W012"),
    ],
    ids=[
        "default-key",
        "django-insecure-key",
        "short-key",
        "debug-on",
        "no-ssl-redirect",
        "no-hsts",
        "insecure-cookies",
    ],
)
def test_deployment_checks_fail_with_an_insecure_setting(overrides, check_id):
    result = check_deploy(**overrides)

    assert result.returncode != 0
    assert check_id in result.stderr
