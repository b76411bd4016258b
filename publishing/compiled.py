"""Delivery reads compiled to SQL once per process, then run again with new arguments.

Building and compiling a queryset costs Django about half a millisecond; on a term
page, three of them cost more than the database answering them. A `CompiledRead` builds
its queryset once, from the ordinary selectors (so `live(at=...)` still decides what
is public), with placeholder arguments; it keeps the SQL and, on every call, puts the
real arguments where the placeholders were. Results go through the compiler's own
converters, so JSON, dates and booleans come back exactly as the ORM returns them.

A queryset whose arguments end up inside the SQL text (slicing with an argument,
`extra()`) cannot be compiled this way, and says so when first used.
"""

import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import QuerySet

from publishing.replica import delivery_read_alias

# Values no real argument takes: a date in 1901 to the microsecond, a control character
# in a string, and ids below any database sequence.
_PLACEHOLDER_MOMENT = datetime(1901, 2, 3, 4, 5, 6, 700000, tzinfo=UTC)
_PLACEHOLDER_TEXT = "\x1fplaceholder-{name}\x1f"
_PLACEHOLDER_ID = -(10**15)


def _placeholder(name: str, index: int, example: object) -> object:
    if isinstance(example, datetime):
        return _PLACEHOLDER_MOMENT + timedelta(microseconds=index + 1)
    if isinstance(example, str):
        return _PLACEHOLDER_TEXT.format(name=name)
    if isinstance(example, int) and not isinstance(example, bool):
        return _PLACEHOLDER_ID - index
    raise TypeError(f"A compiled read takes datetimes, strings, ints and lists of ints, not {example!r}.")


class CompiledRead:
    """A `.values(...)` queryset built by `build(**arguments)`, compiled once per shape.

    List arguments (for `__in`) compile once per list length; an empty list matches
    nothing and runs no query.
    """

    def __init__(self, build: Callable[..., QuerySet], *, using: str | None = None) -> None:
        self.build = build
        self.using = using  # None: the database delivery reads go to (publishing/replica.py)
        self._compiled: dict[tuple, tuple] = {}

    def rows(self, **arguments: Any) -> list[dict]:
        """The rows as dicts, by the names of the queryset's `.values(...)`."""
        names, fetched = self._fetch(arguments)
        return [dict(zip(names, row, strict=True)) for row in fetched]

    def tuples(self, **arguments: Any) -> list[tuple]:
        """The rows as tuples, in the order of the queryset's `.values(...)`: for reads of thousands of rows."""
        return self._fetch(arguments)[1]

    def _fetch(self, arguments: dict[str, Any]) -> tuple[list[str], list[tuple]]:
        if any(
            isinstance(value, Sequence) and not isinstance(value, str) and not value for value in arguments.values()
        ):
            return [], []
        using = self.using or delivery_read_alias()
        connection = connections[using]
        shape = (id(connection), *sorted((name, _length(value)) for name, value in arguments.items()))
        compiled = self._compiled.get(shape)
        if compiled is None:
            compiled = self._compiled[shape] = self._compile(arguments, using=using)
        compiler, sql, template, slots, names, converters = compiled
        params = list(template)
        for position, name, index, adapt in slots:
            value = arguments[name] if index is None else arguments[name][index]
            params[position] = adapt(value)
        fetched = fetch_on_driver_cursor(connection, sql, params)
        if converters:
            fetched = list(compiler.apply_converters(fetched, converters))
        return names, fetched

    def _compile(self, arguments: dict[str, Any], *, using: str) -> tuple:
        connection = connections[using]
        placeholders: dict[str, Any] = {}
        wanted: dict[object, tuple[str, int | None, Callable]] = {}
        for name, value in arguments.items():
            if isinstance(value, Sequence) and not isinstance(value, str):
                placeholders[name] = [_placeholder(name, index, element) for index, element in enumerate(value)]
                marks = [(mark, index) for index, mark in enumerate(placeholders[name])]
            else:
                placeholders[name] = _placeholder(name, 0, value)
                marks = [(placeholders[name], None)]
            for mark, index in marks:
                wanted[mark] = (name, index, _same)
                if isinstance(mark, datetime):
                    wanted[connection.ops.adapt_datetimefield_value(mark)] = (name, index, _adapt_moment(connection))
        queryset = self.build(**placeholders)
        if queryset._fields is None or queryset.query.extra_select:
            raise ImproperlyConfigured("A compiled read must be a .values(...) queryset without extra().")
        compiler = queryset.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        slots, found = [], set()
        for position, value in enumerate(params):
            if isinstance(value, datetime | str | int) and value in wanted:
                name, index, adapt = wanted[value]
                slots.append((position, name, index, adapt))
                found.add((name, index))
        expected = {(name, index) for name, index, _ in wanted.values()}
        if found != expected:
            raise ImproperlyConfigured(f"Arguments {sorted(map(str, expected - found))} are not SQL parameters.")
        query = queryset.query
        names = [*query.values_select, *query.annotation_select]
        # As results_iter() would, but worked out once: JSON, dates and booleans come back as the ORM gives them.
        converters = compiler.get_converters([column[0] for column in compiler.select[: compiler.col_count]])
        return compiler, sql, tuple(params), slots, names, converters


def fetch_on_driver_cursor(connection, sql: str, params: list | tuple = ()) -> list[tuple]:
    """Every row of a read, run on the driver's cursor instead of Django's wrapped one.

    Hot delivery reads skip the wrappers (a tenth of a millisecond each on a term page) but
    keep what they guarantee: the connection checks, database errors translated (so a broken
    connection is closed as usual), and the query logged while queries are being counted.
    """
    started = time.perf_counter()
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    connection.validate_no_broken_transaction()
    with connection.wrap_database_errors:
        cursor = _driver_cursor(connection)
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        if connection.queries_logged:
            # As Django's debug cursor logs it: the statement with its parameters in place.
            executed = connection.ops.last_executed_query(cursor, sql, params)
            connection.queries_log.append({"sql": executed, "time": f"{time.perf_counter() - started:.3f}"})
    return rows


def _driver_cursor(connection):
    """One driver cursor per open connection, kept for its life: making one costs more than a read.

    A cursor belongs to the driver connection it was made on; when Django reconnects, a new
    one is made (and the old one went with its connection).
    """
    kept = getattr(connection, "_glossary_driver_cursor", None)
    if kept is not None and kept[0] is connection.connection and not getattr(kept[1], "closed", False):
        return kept[1]
    cursor = connection.create_cursor()
    connection._glossary_driver_cursor = (connection.connection, cursor)
    return cursor


def _length(value: object) -> int | None:
    return len(value) if isinstance(value, Sequence) and not isinstance(value, str) else None


def _same(value: object) -> object:
    return value


def _adapt_moment(connection) -> Callable[[datetime], object]:
    return connection.ops.adapt_datetimefield_value
