"""Health checks for load balancers and orchestrators: `/healthz` (alive) and `/readyz` (ready).

Both are plain Django views outside the API: no throttle, no response cache, no session
or user is read, and answers are never stored (`Cache-Control: no-store`). `/healthz`
touches nothing outside the process, so a database outage never gets healthy processes
restarted. `/readyz` answers 503 naming each failed check while this process cannot serve:
a database it cannot reach, a shared cache it cannot reach, or migrations the code
expects that the database does not have yet (a deploy that runs before `migrate`).
"""

import secrets
from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


def _answer(body: dict, *, status: int = 200) -> JsonResponse:
    return JsonResponse(body, status=status)


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """The process is up and answering (no database, no cache)."""
    return _answer({"status": "ok"})


@cache
def expected_migrations() -> frozenset[tuple[str, str]]:
    """Every migration this code has, read from disk once per process."""
    return frozenset(MigrationLoader(None, ignore_no_migrations=True).graph.nodes)


def check_database(alias: str) -> str | None:
    """None when the database answers a trivial query; else why not."""
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return f"unreachable ({type(error).__name__})"
    return None


def check_cache() -> str | None:
    """None when a value written to the shared cache reads back (django-redis hides errors, so a round trip)."""
    probe, key = secrets.token_hex(8), "glossary:readyz"
    try:
        backend = caches["default"]
        backend.set(key, probe, timeout=10)
        if backend.get(key) != probe:
            return "unreachable (a value written did not read back)"
    except Exception as error:  # any backend's own error type means the same: not usable
        return f"unreachable ({type(error).__name__})"
    return None


def check_migrations() -> str | None:
    """None when every migration of this code is applied (one indexed read of django_migrations)."""
    try:
        applied = set(MigrationRecorder(connections["default"]).applied_migrations())
    except DatabaseError as error:
        return f"unknown ({type(error).__name__})"
    missing = sorted(f"{app}.{name}" for app, name in expected_migrations() - applied)
    if missing:
        return f"{len(missing)} not applied: {', '.join(missing[:5])}" + (", ..." if len(missing) > 5 else "")
    return None


def readiness_checks() -> dict[str, Callable[[], str | None]]:
    checks = {"database": lambda: check_database("default")}
    if "replica" in settings.DATABASES:
        checks["replica_database"] = lambda: check_database("replica")
    checks["cache"] = check_cache
    checks["migrations"] = check_migrations
    return checks


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    """200 when the database and cache answer and migrations are applied; 503 naming what failed."""
    results = {name: check() for name, check in readiness_checks().items()}
    if results["database"] is not None:
        results["migrations"] = "unknown (the database is unreachable)"
    failed = [name for name, problem in results.items() if problem is not None]
    body = {
        "status": "unavailable" if failed else "ok",
        "checks": {name: problem or "ok" for name, problem in results.items()},
    }
    if failed:
        body["failed"] = failed
    return _answer(body, status=503 if failed else 200)
