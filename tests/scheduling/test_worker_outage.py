"""The worker outlives a database outage: it retries quietly and goes on with its work.

A real `manage.py run_worker` process runs against the test database while this test
cuts its connections and refuses new ones for about two seconds, as a PostgreSQL restart
does. Waiting here is for another process, so it polls with a deadline; schedules' own
times are not involved (the schedule is due at once).
"""

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from django.utils import timezone

from publishing.models import AuditEntry
from scheduling import services as scheduling
from scheduling.models import Schedule, WorkerHeartbeat
from tests.factories import TermFactory
from tests.scheduling.workflow import approved

PROJECT_ROOT = Path(__file__).resolve().parents[2]
OUTAGE_LOGGED = "Database unavailable"
RECOVERY_LOGGED = "Database is back"


def wait_until(
    condition: Callable[[], bool], *, worker: subprocess.Popen, log: Path, timeout: float, what: str
) -> None:
    """Poll until `condition` holds; fail at once if the worker has exited meanwhile."""
    deadline = time.monotonic() + timeout
    while not condition():
        if worker.poll() is not None:
            raise AssertionError(f"The worker exited ({worker.returncode}) waiting for {what}:\n{log.read_text()}")
        if time.monotonic() > deadline:
            raise AssertionError(f"Gave up after {timeout} s waiting for {what}:\n{log.read_text()}")
        time.sleep(0.05)


def url_of_test_database() -> str:
    """The URL of the test database pytest-django made, for another process."""
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker(tmp_path: Path) -> tuple[subprocess.Popen, Path]:
    log = tmp_path / "worker.log"
    env = os.environ | {
        "DATABASE_URL": url_of_test_database(),
        "PYTHONUNBUFFERED": "1",
        "GLOSSARY_WORKER_RETRY_MIN_SECONDS": "0.05",
        "GLOSSARY_WORKER_RETRY_MAX_SECONDS": "0.4",
        "GLOSSARY_WORKER_HEARTBEAT_SECONDS": "0.2",
    }
    with log.open("w") as output:
        worker = subprocess.Popen(  # noqa: S603 -- our own manage.py with fixed arguments
            [sys.executable, "manage.py", "run_worker", "--interval", "0.1", "--sweep-every", "0.5"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    return worker, log


def other_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def database_outage(*, seconds: float) -> None:
    """Refuse new connections and cut every other one, repeatedly, for `seconds`.

    Run from the server's maintenance database: PostgreSQL cannot close the database
    that the session altering it is connected to.
    """
    db = connection.settings_dict
    name = connection.ops.quote_name(db["NAME"])
    with psycopg.connect(
        host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, user=db["USER"], dbname="postgres", autocommit=True
    ) as maintenance:
        maintenance.execute(f"ALTER DATABASE {name} WITH ALLOW_CONNECTIONS false")
        try:
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                maintenance.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> %s",
                    [db["NAME"], backend_pid_of_this_test()],
                )
                time.sleep(0.2)
        finally:
            maintenance.execute(f"ALTER DATABASE {name} WITH ALLOW_CONNECTIONS true")


def backend_pid_of_this_test() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_the_worker_survives_a_database_outage_and_applies_what_falls_due_after_it(tmp_path, superuser):
    if connection.vendor != "postgresql":
        pytest.skip("Cutting a server's connections needs PostgreSQL (pg_terminate_backend); SQLite has no server.")
    worker, log = start_worker(tmp_path)
    try:
        wait_until(lambda: "started" in log.read_text(), worker=worker, log=log, timeout=30, what="the worker to start")
        # It has connected: it has looked for work at least once.
        wait_until(lambda: other_connections() > 0, worker=worker, log=log, timeout=10, what="the worker's connection")

        database_outage(seconds=2)
        outage_over = timezone.now()

        term = approved(TermFactory(slug="after-the-outage"))
        schedule = scheduling.schedule_publication(item=term, at=timezone.now(), by=superuser)
        wait_until(
            lambda: Schedule.objects.get(pk=schedule.pk).status == Schedule.Status.DONE,
            worker=worker,
            log=log,
            timeout=30,
            what="the worker to apply the schedule",
        )
        assert worker.poll() is None, log.read_text()
        (worker_id,) = re.findall(r"Worker (\S+) started", log.read_text())
        wait_until(
            lambda: WorkerHeartbeat.objects.filter(worker_id=worker_id, seen_at__gt=outage_over).exists(),
            worker=worker,
            log=log,
            timeout=10,
            what="the worker's heartbeat after the outage",
        )
        assert (
            AuditEntry.objects.filter(
                object_id=term.pk, action=AuditEntry.Action.PUBLISHED, comment="scheduled go-live"
            ).count()
            == 1
        )
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=30)

    output = log.read_text()
    assert worker.returncode == 0, output
    assert output.count(OUTAGE_LOGGED) == 1, output
    assert output.count(RECOVERY_LOGGED) == 1, output
    assert not WorkerHeartbeat.objects.exists()  # a clean stop leaves no heartbeat
