"""Delivery reads on a read replica: which database answers the public API.

With `DATABASE_REPLICA_URL` set, settings add a `replica` database and this router. Only
code running inside `delivery_reads()` reads from it: the API enters it for anonymous
public GETs (api/caching.py, api/fastpath.py), and nothing else does, so the admin,
previews, the management API, the worker and every write stay on the primary, and a
read inside a write's transaction never goes elsewhere. The hot reads that bypass the ORM
(the content clock, compiled reads: publishing/clock.py, publishing/compiled.py) ask
`delivery_read_alias()` for their connection.

A replica lags a little: its answers and the content clock it is keyed on lag together,
so a cached answer is still never served past its own generation. The CDN purge waits
until the replica has the change (cdn/services.py), or the CDN would fetch the old answer.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db.models import Model

PRIMARY = "default"
REPLICA = "replica"

_delivering: ContextVar[bool] = ContextVar("glossary_delivery_reads", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def delivery_read_alias() -> str:
    """The database this code's reads go to: the replica inside `delivery_reads()`, if there is one."""
    return REPLICA if _delivering.get() and replica_configured() else PRIMARY


@contextmanager
def delivery_reads() -> Iterator[None]:
    """Send the reads made inside to the replica (public delivery requests only)."""
    token = _delivering.set(True)
    try:
        yield
    finally:
        _delivering.reset(token)


class ReplicaRouter:
    """Reads inside `delivery_reads()` go to the replica; everything else to the primary."""

    def db_for_read(self, model: type[Model], **hints) -> str | None:
        return REPLICA if _delivering.get() else None

    def db_for_write(self, model: type[Model], **hints) -> str:
        return PRIMARY

    def allow_relation(self, obj1: Model, obj2: Model, **hints) -> bool:
        return True  # one database, two copies of it
