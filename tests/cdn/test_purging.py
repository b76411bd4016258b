"""Publication, withdrawal, schedules and scheduled go-lives purge their tags from the CDN, with retries.

Against a fake CDN API on 127.0.0.1 (tests/cdn/fake_cdn.py) answering as Cloudflare and Fastly do.
"""

import logging
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from cdn.models import Purge
from cdn.purgers import configured_purger
from cdn.services import RETRY_DELAYS, work_purges
from faqs.services import publish_site_faq
from publishing.models import StaleContent
from scheduling import services as scheduling
from terms.services import publish_term, unpublish_term
from tests.cdn.fake_cdn import TOKEN, FakeCdn
from tests.factories import FAQFactory, TermFactory
from tests.scheduling.workflow import approved

pytestmark = pytest.mark.django_db


@pytest.fixture
def cdn():
    with FakeCdn() as server:
        yield server


@pytest.fixture
def cloudflare(settings, cdn):
    settings.GLOSSARY_CDN_PURGER = "cloudflare"
    settings.GLOSSARY_CDN_API_URL = cdn.url("/client/v4")
    settings.GLOSSARY_CDN_ZONE = "zone-1"
    settings.GLOSSARY_CDN_API_TOKEN = TOKEN
    return cdn


@pytest.fixture
def fastly(settings, cdn):
    settings.GLOSSARY_CDN_PURGER = "fastly"
    settings.GLOSSARY_CDN_API_URL = cdn.url()
    settings.GLOSSARY_CDN_ZONE = "service-1"
    settings.GLOSSARY_CDN_API_TOKEN = TOKEN
    return cdn


@pytest.fixture
def term():
    return TermFactory(name="Transformer", slug="transformer", published=True)


@pytest.fixture
def nothing_owed(term):
    """Start from a CDN that owes nothing (the fixtures' own publications are already dispatched)."""
    StaleContent.objects.update(dispatched_at=timezone.now())


def test_publication_purges_the_term_and_the_lists_through_cloudflare(cloudflare, term, nothing_owed):
    publish_term(term=term, by=None)
    assert cloudflare.calls == []  # nothing is sent from the request: the worker sends it
    assert work_purges() == 1
    (call,) = cloudflare.calls
    assert call.path == "/client/v4/zones/zone-1/purge_cache"
    assert call.headers["authorization"] == f"Bearer {TOKEN}"
    assert call.headers["content-type"] == "application/json"
    assert {f"term:{term.pk}", "terms", "index", "search", "sitemap"} <= set(call.tags())
    purge = Purge.objects.get()
    assert purge.status == Purge.Status.DONE and purge.attempts == 1
    assert list(purge.attempt_log.values_list("number", "status_code", "error")) == [(1, 200, "")]
    assert work_purges() == 0  # purged once


def test_withdrawal_purges_through_fastly_with_surrogate_keys(fastly, term, nothing_owed):
    unpublish_term(term=term, by=None)
    work_purges()
    (call,) = fastly.calls
    assert call.path == "/service/service-1/purge"
    assert call.headers["fastly-key"] == TOKEN
    assert f"term:{term.pk}" in call.headers["surrogate-key"].split(" ")
    assert Purge.objects.get().status == Purge.Status.DONE


def test_a_purge_url_of_your_own_gets_the_tags_as_json(settings, cdn, nothing_owed):
    settings.GLOSSARY_CDN_PURGER = "url"
    settings.GLOSSARY_CDN_PURGE_URL = cdn.url("/purge")
    settings.GLOSSARY_CDN_API_TOKEN = ""
    publish_site_faq(faq=FAQFactory(question="Why?", term=None), by=None)
    work_purges()
    (call,) = cdn.calls
    assert call.path == "/purge"
    assert call.tags() == ["faqs", "search", "changes"]
    assert "authorization" not in call.headers


def test_a_failed_purge_is_retried_after_its_delay_and_every_attempt_is_logged(cloudflare, term, nothing_owed):
    cloudflare.fail_next(1, status=503)
    publish_term(term=term, by=None)
    work_purges()
    purge = Purge.objects.get()
    assert (purge.status, purge.attempts) == (Purge.Status.PENDING, 1)
    assert purge.next_attempt_at > timezone.now() + timedelta(seconds=RETRY_DELAYS[0] - 2)
    assert work_purges() == 0  # not due yet
    assert len(cloudflare.calls) == 1

    with time_machine.travel(timezone.now() + timedelta(seconds=RETRY_DELAYS[0] + 1)):
        assert work_purges() == 1
    purge.refresh_from_db()
    assert (purge.status, purge.attempts) == (Purge.Status.DONE, 2)
    assert list(purge.attempt_log.values_list("status_code", flat=True)) == [503, 200]
    assert cloudflare.calls[0].tags() == cloudflare.calls[1].tags()


def test_a_purge_to_an_unreachable_api_is_retried(settings, term, nothing_owed):
    with FakeCdn() as gone:
        address = gone.url("/purge")  # closed again when the block ends: nothing listens there
    settings.GLOSSARY_CDN_PURGER, settings.GLOSSARY_CDN_PURGE_URL = "url", address
    publish_term(term=term, by=None)
    work_purges()
    purge = Purge.objects.get()
    assert purge.status == Purge.Status.PENDING
    assert purge.attempt_log.get().error.startswith("Connection failed")


def test_a_refused_token_fails_the_purge_at_once_and_says_so(cloudflare, settings, term, nothing_owed, caplog):
    settings.GLOSSARY_CDN_API_TOKEN = "wrong"
    publish_term(term=term, by=None)
    with caplog.at_level(logging.ERROR, logger="cdn.services"):
        work_purges()
    purge = Purge.objects.get()
    assert (purge.status, purge.attempts) == (Purge.Status.FAILED, 1)
    assert purge.attempt_log.get().status_code == 403
    assert "failed for good" in caplog.text


def test_changes_waiting_together_go_in_one_purge_split_at_the_apis_tag_limit(cloudflare, nothing_owed):
    terms = [TermFactory(name=f"Term {n}", slug=f"term-{n}") for n in range(40)]
    for each in terms:
        publish_term(term=each, by=None)
    work_purges()
    purged = [tag for tags in cloudflare.purged_tags() for tag in tags]
    assert all(len(tags) <= 30 for tags in cloudflare.purged_tags())  # Cloudflare's limit per call
    assert len(cloudflare.calls) == 2
    assert {f"term:{each.pk}" for each in terms} <= set(purged)
    assert len(purged) == len(set(purged))


def test_without_a_purger_stale_content_is_only_marked_dispatched(term, nothing_owed):
    publish_term(term=term, by=None)
    assert work_purges() == 0
    assert not StaleContent.objects.filter(dispatched_at__isnull=True).exists()
    assert not Purge.objects.exists()


# The worker closes expired connections between polls, as in production: real commits.
@pytest.mark.django_db(transaction=True)
def test_scheduling_purges_at_once_and_the_go_live_purges_at_its_instant(cloudflare, superuser, nothing_owed):
    later = TermFactory(name="Late Bloomer", slug="late-bloomer")
    approved(later)
    go_live = timezone.now() + timedelta(hours=1)
    scheduling.schedule_publication(item=later, at=go_live, by=superuser)
    work_purges()  # the schedule changed the timeline: answers cached until then are dropped now
    assert [f"term:{later.pk}" in tags for tags in cloudflare.purged_tags()] == [True]

    with time_machine.travel(go_live - timedelta(seconds=1)):
        call_command("run_worker", "--once", stdout=StringIO())
    assert len(cloudflare.calls) == 1  # nothing before the instant

    with time_machine.travel(go_live + timedelta(seconds=1)):
        call_command("run_worker", "--once", stdout=StringIO())  # applies the schedule, then polls
    assert len(cloudflare.calls) == 2
    assert f"term:{later.pk}" in cloudflare.calls[1].tags()


# The worker closes expired connections between polls, as in production: real commits.
@pytest.mark.django_db(transaction=True)
def test_a_scheduled_withdrawal_purges_when_it_is_made_and_at_its_instant(cloudflare, superuser, term, nothing_owed):
    at = timezone.now() + timedelta(minutes=30)
    scheduling.schedule_withdrawal(item=term, at=at, by=superuser)
    work_purges()
    with time_machine.travel(at + timedelta(seconds=1)):
        call_command("run_worker", "--once", stdout=StringIO())
    assert [f"term:{term.pk}" in tags for tags in cloudflare.purged_tags()] == [True, True]


@pytest.mark.parametrize(
    ("purger", "missing"),
    [("cloudflare", "GLOSSARY_CDN_ZONE"), ("fastly", "GLOSSARY_CDN_API_TOKEN"), ("url", "GLOSSARY_CDN_PURGE_URL")],
)
def test_a_purger_missing_a_setting_fails_the_system_check(settings, purger, missing):
    from django.core.management import CommandError

    settings.GLOSSARY_CDN_PURGER = purger
    settings.GLOSSARY_CDN_ZONE = settings.GLOSSARY_CDN_API_TOKEN = settings.GLOSSARY_CDN_PURGE_URL = "x"
    setattr(settings, missing, "")
    with pytest.raises(CommandError, match=f"cdn.E001.*{missing}"):
        call_command("check")


def test_an_unknown_purger_is_refused(settings):
    settings.GLOSSARY_CDN_PURGER = "akamai"
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="must be one of"):
        configured_purger()


def test_a_purge_waits_until_the_database_delivery_reads_from_has_the_change(cloudflare, term, nothing_owed):
    from cdn.purgers import configured_purger
    from cdn.services import dispatch_stale_content, replica_has, send_due_purges
    from publishing.clock import delivery_generation

    publish_term(term=term, by=None)
    dispatch_stale_content(purger=configured_purger())
    purge = Purge.objects.get()
    assert send_due_purges(purger=configured_purger(), caught_up=lambda generation: False) == 0
    assert cloudflare.calls == []  # the replica still serves the old answer: the CDN would keep it
    # Without a replica, delivery reads the primary, which has the change it recorded.
    assert delivery_generation() >= purge.generation and replica_has(purge.generation)
    assert send_due_purges(purger=configured_purger(), caught_up=replica_has) == 1
    assert len(cloudflare.calls) == 1
