"""/healthz says the process is up; /readyz says it can serve, or names what stops it."""

import pytest
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from tests.processes import free_port

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_without_touching_the_database(api_client, django_assert_num_queries):
    with django_assert_num_queries(0):
        answer = api_client.get("/healthz")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok"}
    assert answer["Content-Type"] == "application/json"
    assert "no-store" in answer["Cache-Control"]


def test_readyz_is_ok_when_database_cache_and_migrations_are_ready(api_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):  # SELECT 1, and the migrations table and its rows
        answer = api_client.get("/readyz")
    assert answer.status_code == 200, answer.content
    assert answer.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "migrations": "ok"},
    }
    assert "no-store" in answer["Cache-Control"]


def test_readyz_is_503_naming_a_migration_the_database_does_not_have(api_client):
    latest = MigrationRecorder(connection).migration_qs.filter(app="terms").order_by("-id").first()
    latest.delete()  # as if the code were deployed before `migrate` ran
    answer = api_client.get("/readyz")
    assert answer.status_code == 503
    body = answer.json()
    assert body["status"] == "unavailable"
    assert body["failed"] == ["migrations"]
    assert f"terms.{latest.name}" in body["checks"]["migrations"]
    assert body["checks"]["database"] == "ok"


def test_readyz_is_503_naming_the_cache_when_redis_is_unreachable(api_client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
            # As production configures it: cache errors are swallowed, so only a round trip tells.
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1},
        }
    }
    answer = api_client.get("/readyz")
    assert answer.status_code == 503
    body = answer.json()
    assert body["failed"] == ["cache"]
    assert body["checks"]["cache"].startswith("unreachable")
    assert body["checks"]["database"] == "ok"
    # Alive all the same: a cache outage must not get the process restarted.
    assert api_client.get("/healthz").status_code == 200


def test_health_checks_are_outside_the_rate_limit(api_client, settings):
    settings.API_THROTTLE_ANON = "2/minute"
    answers = [api_client.get(path).status_code for path in ["/readyz", "/healthz"] * 4]
    assert answers == [200] * 8
    limited = [api_client.get("/api/v1/terms/").status_code for _ in range(3)]
    assert limited[-1] == 429  # the API itself is limited, so the limit was on


def test_health_checks_answer_plain_http_when_https_is_enforced(client, settings):
    settings.SECURE_SSL_REDIRECT = True  # read when the client's handler loads its middleware
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
    assert client.get("/admin/login/").status_code == 301
