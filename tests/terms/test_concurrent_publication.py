"""Publication is serialised per item: two processes publishing one term lose no version.

Real processes, not threads: each runs `manage.py shell` against the test database, as two
admin servers would, and both publish the same term at once. Which one wins is not left to
luck: in each round one process holds the term's row lock (as a save-and-publish does) while
the other's publication queues behind it, then the holder publishes. A publication that read
its clock before queueing would start before the winner's and drop its version.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from publishing.models import AuditEntry
from terms.models import Announcement, Term
from tests.factories import TermFactory, UserFactory
from tests.scheduling.workflow import approved
from webhooks.models import WebhookEndpoint

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
PUBLICATIONS_EACH = 25

PUBLISH_ON_REQUEST = """
import sys
from django.contrib.auth import get_user_model
from django.db import transaction
from editorial import services
from terms.models import Term

term = Term.objects.get(pk={term_id})
user = get_user_model().objects.get(pk={user_id})
print("ready", flush=True)
while role := sys.stdin.readline().strip():
    if role == "lead":
        with transaction.atomic():
            Term.objects.select_for_update().get(pk=term.pk)  # e.g. the admin saving before it publishes
            print("locked", flush=True)
            sys.stdin.readline()
            services.publish(item=term, by=user)
    else:
        services.publish(item=term, by=user)
    print("published", flush=True)
"""


def publisher_process(*, term: Term, user) -> subprocess.Popen:
    """A separate Python process that publishes `term` each time it is told to ("lead" or "follow")."""
    database = connection.settings_dict
    env = os.environ | {
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "DATABASE_CONN_MAX_AGE": "0",
    }
    code = PUBLISH_ON_REQUEST.format(term_id=term.pk, user_id=user.pk)
    return subprocess.Popen(  # noqa: S603 -- our own manage.py with a fixed script
        [sys.executable, "manage.py", "shell", "--no-startup", "--verbosity", "0", "-c", code],
        cwd=PROJECT_ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def say(process: subprocess.Popen, line: str) -> None:
    process.stdin.write(line + "\n")
    process.stdin.flush()


def expect(process: subprocess.Popen, word: str) -> None:
    """Block until the process prints `word` (or fail with what it wrote to stderr)."""
    line = process.stdout.readline().strip()
    if line != word:
        process.kill()
        pytest.fail(f"Expected {word!r} from the publisher, got {line!r}: {process.stderr.read()}")


def wait_until_one_session_waits_for_a_lock() -> None:
    """The follower's publication has reached the row lock and queues behind the leader."""
    deadline = time.monotonic() + 30
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0] == 1:
                return
    pytest.fail("The follower never queued for the term's row lock.")


@pytest.mark.django_db(transaction=True)
def test_two_processes_publishing_one_term_keep_every_announced_version():
    if connection.vendor != "postgresql":
        pytest.skip(
            "Needs a database two processes share: the SQLite test database is in memory, "
            "and SQLite's BEGIN IMMEDIATE serialises whole transactions anyway."
        )
    WebhookEndpoint.objects.create(name="Site rebuild", url="http://127.0.0.1:9/hook")
    term = approved(TermFactory(slug="contested"))
    user = UserFactory(username="presser", superuser=True)

    processes = [publisher_process(term=term, user=user) for _ in range(2)]
    try:
        for process in processes:
            expect(process, "ready")
        for round_number in range(PUBLICATIONS_EACH):  # both publish in every round
            leader, follower = processes[round_number % 2], processes[1 - round_number % 2]
            say(leader, "lead")
            expect(leader, "locked")
            say(follower, "follow")
            wait_until_one_session_waits_for_a_lock()
            say(leader, "go")
            expect(leader, "published")
            expect(follower, "published")
        for process in processes:
            process.communicate(input="\n", timeout=60)
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()

    assert [process.returncode for process in processes] == [0, 0]
    versions = list(term.versions.order_by("number").values_list("number", "live_from", "live_until"))
    numbers = [number for number, _, _ in versions]
    assert numbers == list(range(1, 2 * PUBLICATIONS_EACH + 1))
    audited = AuditEntry.objects.filter(object_id=term.pk, action=AuditEntry.Action.PUBLISHED)
    assert sorted(int(entry.removeprefix("published v")) for entry in audited.values_list("version", flat=True)) == (
        numbers
    )
    # Every publication was announced in its own transaction (the outbox), once.
    assert Announcement.objects.filter(event="term.published", slug=term.slug).count() == len(numbers)
    assert [number for number, _, live_until in versions if live_until is None] == [numbers[-1]]
    # Each version hands over to the next at the instant the next one went live.
    for (_, _, live_until), (_, next_from, _) in zip(versions, versions[1:], strict=False):
        assert live_until == next_from
