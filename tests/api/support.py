"""Small helpers shared by the delivery API tests: editing like an editor, reading JSON."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from django.db import models, transaction

API = "/api/v1"
MONDAY = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)  # a Monday, safely in the past
ONE_SECOND = timedelta(seconds=1)

# ISO 8601 with an explicit offset (or Z), as API.md requires for every time.
ISO_8601_WITH_OFFSET = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


@contextmanager
def rolled_back_after_module(django_db_blocker) -> Iterator[None]:
    """For a module-scoped fixture: what it writes inside stays for the module's tests, then is undone.

    Like Django's setUpTestData: an outer transaction rolled back at the end; each test still
    runs in its own savepoint, so what a test writes is undone after that test.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def edit(instance: models.Model, **changes: object) -> None:
    """Change and save a working copy the way an editor does (validated, not published)."""
    for name, value in changes.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()


def get_json(client, path: str, params: dict | None = None, **headers: str) -> tuple[int, object]:
    response = client.get(path, params or {}, **headers)
    return response.status_code, response.json()


def ok_json(client, path: str, params: dict | None = None) -> object:
    """GET `path` and return its JSON, asserting a 200 first (with the body in the failure message)."""
    response = client.get(path, params or {})
    assert response.status_code == 200, (path, params, response.status_code, response.content[:500])
    return response.json()


def parse_time(value: object) -> datetime:
    """An API time: ISO 8601 string with an offset, parsed to an aware datetime."""
    assert isinstance(value, str), value
    assert ISO_8601_WITH_OFFSET.match(value), value
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    assert parsed.utcoffset() is not None
    return parsed


def slugs(rows: list[dict]) -> list[str]:
    return [row["slug"] for row in rows]
