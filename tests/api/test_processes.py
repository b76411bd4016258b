"""Two real servers (no Redis: each has only its own local cache) and a writer in a third process.

Whatever the writer commits (a publication, a withdrawal, a schedule) both servers answer
from the next request on, and no answer is cached past a schedule the writer made.
"""

import json
import time
from datetime import datetime

import pytest

from tests.processes import database_of_its_own, run_script, servers

pytestmark = pytest.mark.django_db


WRITER_SETUP = """
from datetime import timedelta
from django.utils import timezone
from terms.models import Term
from terms.services import publish_term, unpublish_term
from scheduling.services import schedule_withdrawal
"""


def write(database_url: str, code: str) -> str:
    return run_script(database_url, WRITER_SETUP + code)


def definition_seen_by(server, slug: str) -> str | None:
    reply = server.get(f"/api/v1/terms/{slug}/")
    return json.loads(reply.body)["short_definition"] if reply.status == 200 else None


def max_age(reply) -> int:
    directives = dict(part.strip().partition("=")[::2] for part in reply.headers["cache-control"].split(","))
    return int(directives["max-age"])


@pytest.fixture(scope="module")
def database_url(tmp_path_factory):
    with database_of_its_own(tmp_path_factory.mktemp("processes")) as url:
        yield url


@pytest.fixture(scope="module")
def both(database_url):
    with servers(database_url, 2) as started:
        yield started


def publish_new_term(database_url: str, slug: str) -> None:
    write(
        database_url,
        f'publish_term(term=Term.objects.create(name="{slug}", slug="{slug}", short_definition="v1."), by=None)',
    )


def publish_definition(database_url: str, slug: str, definition: str) -> None:
    write(
        database_url,
        f'term = Term.objects.get(slug="{slug}"); term.short_definition = "{definition}"; term.save()\n'
        "publish_term(term=term, by=None)",
    )


def test_a_change_committed_by_another_process_reaches_both_servers_at_once(database_url, both):
    publish_new_term(database_url, "alpha")
    for server in both * 2:  # every answer is now in each server's own cache
        assert definition_seen_by(server, "alpha") == "v1."

    write(database_url, 'unpublish_term(term=Term.objects.get(slug="alpha"), by=None)')
    assert [server.get("/api/v1/terms/alpha/").status for server in both] == [404, 404]

    publish_definition(database_url, "alpha", "v2.")
    assert [definition_seen_by(server, "alpha") for server in both] == ["v2.", "v2."]


def test_no_version_goes_backwards_for_a_client_polling_both_servers(database_url, both):
    publish_new_term(database_url, "beta")
    seen = []
    for number in range(2, 5):
        publish_definition(database_url, "beta", f"v{number}.")
        seen += [definition_seen_by(server, "beta") for server in both * 3]

    versions = [int(definition.strip("v.")) for definition in seen]
    assert versions == sorted(versions)
    assert versions[0] == 2 and versions[-1] == 4


def test_max_age_never_reaches_past_a_schedule_another_process_made(database_url, both):
    publish_new_term(database_url, "gamma")
    path = "/api/v1/terms/gamma/"
    for server in both:
        assert max_age(server.get(path)) == 300  # cached, with the full lifetime

    withdrawal_at = write(
        database_url,
        "at = timezone.now() + timedelta(seconds=3)\n"
        'schedule_withdrawal(item=Term.objects.get(slug="gamma"), at=at, by=None)\n'
        "print(at.isoformat())",
    ).strip()
    at = datetime.fromisoformat(withdrawal_at)

    for server in both:
        reply = server.get(path)
        assert reply.status == 200
        assert max_age(reply) <= 3

    statuses = {0: [], 1: []}
    while time.time() < at.timestamp() + 1.5:  # real processes keep real time: poll past the instant
        for index, server in enumerate(both):
            statuses[index].append((time.time(), server.get(path).status))
        time.sleep(0.05)

    for answers in statuses.values():
        assert all(status == 200 for moment, status in answers if moment < at.timestamp() - 0.05)
        assert all(status == 404 for moment, status in answers if moment >= at.timestamp() + 0.05)
