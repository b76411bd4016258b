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


def test_a_weak_secret_key_set_in_a_settings_module_is_a_deployment_error(crafted_settings):
    env = crafted_settings(f"SECRET_KEY = {PUBLISHED_DEVELOPMENT_KEY!r}")

    result = check_deploy_errors(**env)

    assert result.returncode != 0
    assert "glossary_cms.E001" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_a_weak_key_among_the_secret_key_fallbacks_is_a_deployment_error(crafted_settings):
    env = crafted_settings(f"SECRET_KEY_FALLBACKS = [{PUBLISHED_DEVELOPMENT_KEY!r}]")

    result = check_deploy_errors(**env)

    assert result.returncode != 0
    assert "glossary_cms.E001" in result.stderr
    assert "SECRET_KEY_FALLBACKS[0]" in result.stderr


def test_webhooks_to_private_networks_outside_debug_are_a_deployment_error():
    result = check_deploy_errors(GLOSSARY_WEBHOOKS_ALLOW_PRIVATE_NETWORKS="1")

    assert result.returncode != 0
    assert "glossary_cms.E002" in result.stderr
    assert "GLOSSARY_WEBHOOKS_ALLOW_PRIVATE_NETWORKS" in result.stderr


@pytest.mark.parametrize("hosts", ["*", "glossary.example.com,*"])
def test_allowed_hosts_with_a_wildcard_are_a_deployment_error(hosts):
    result = check_deploy_errors(ALLOWED_HOSTS=hosts)

    assert result.returncode != 0
    assert "glossary_cms.E003" in result.stderr
    assert "ALLOWED_HOSTS" in result.stderr


@pytest.mark.parametrize(
    "source",
    [
        "CORS_ALLOW_ALL_ORIGINS = True",
        "CORS_ORIGIN_ALLOW_ALL = True",
        "CORS_ALLOWED_ORIGIN_REGEXES = [r'^https://.*$']",
    ],
    ids=["allow-all", "old-name-allow-all", "regex-matching-any-origin"],
)
def test_cors_allowing_every_origin_is_a_deployment_error(crafted_settings, source):
    result = check_deploy_errors(**crafted_settings(source))

    assert result.returncode != 0
    assert "glossary_cms.E004" in result.stderr


def test_a_cors_regex_for_one_site_passes_the_deployment_checks(crafted_settings):
    result = check_deploy(**crafted_settings(r"CORS_ALLOWED_ORIGIN_REGEXES = [r'^https://\w+\.example\.com$']"))

    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("proxies", ["0.0.0.0/0", "10.0.0.1,::/0"])
def test_trusting_every_address_as_a_proxy_is_a_deployment_error(proxies):
    result = check_deploy_errors(TRUSTED_PROXIES=proxies)

    assert result.returncode != 0
    assert "glossary_cms.E005" in result.stderr


def test_trusted_proxies_of_one_network_pass_the_deployment_checks():
    result = check_deploy(TRUSTED_PROXIES="10.0.0.0/8, 192.0.2.7")

    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("proxies", ["not-an-address", "10.0.0.0/33"])
def test_an_unreadable_trusted_proxy_refuses_to_start(proxies):
    result = manage(TRUSTED_PROXIES=proxies)

    assert result.returncode != 0
    assert "TRUSTED_PROXIES" in result.stderr
