"""The change feed: every change to live content once, in an order a cursor can never skip.

`GET /api/v1/changes/?since=<cursor>`: publications, updates, withdrawals (deletes
included) and renamed slugs of terms, comparisons, categories and site-wide FAQs; scheduled
changes at their instant; a change that commits after a later one is still given out.
"""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.db import connection

from faqs.services import delete_site_faq, unpublish_site_faq
from scheduling.services import cancel_schedule, schedule_publication, schedule_withdrawal
from terms.services import delete_term, publish_term, unpublish_comparison, unpublish_term
from tests.api.support import API, edit, get_json, ok_json, parse_time
from tests.factories import CategoryFactory, ComparisonFactory, FAQFactory, TermFactory
from tests.scheduling.workflow import approved, member_of

pytestmark = pytest.mark.django_db

NOON = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
FEED = f"{API}/changes/"


def read_all(client, since: str | None = None, limit: int = 100) -> tuple[list[dict], str]:
    """Follow the feed from `since` until `has_more` is false: every change given, and the cursor to go on with."""
    given = []
    while True:
        page = ok_json(client, FEED, {"since": since, "limit": limit} if since else {"limit": limit})
        given += page["changes"]
        since = page["next_cursor"]
        if not page["has_more"]:
            return given, since


def said(changes: list[dict]) -> list[tuple[str, str, str]]:
    return [(change["type"], change["slug"], change["action"]) for change in changes]


@pytest.fixture
def publisher(db):
    return member_of("Publisher", "publisher")


def test_a_term_is_published_updated_renamed_and_withdrawn_in_that_order(api_client):
    with time_machine.travel(NOON, tick=False) as clock:
        term = TermFactory(slug="agent", category=None, published=True)
        clock.shift(60)
        edit(term, short_definition="Better words.")
        publish_term(term=term, by=None)
        clock.shift(60)
        edit(term, slug="ai-agent")
        publish_term(term=term, by=None)
        clock.shift(60)
        unpublish_term(term=term, by=None)
        changes, _ = read_all(api_client)

    assert said(changes) == [
        ("term", "agent", "published"),
        ("term", "agent", "updated"),
        ("term", "agent", "redirected"),
        ("term", "ai-agent", "published"),
        ("term", "ai-agent", "withdrawn"),
    ]
    assert [parse_time(change["at"]) for change in changes] == [
        NOON,
        NOON + timedelta(minutes=1),
        NOON + timedelta(minutes=2),
        NOON + timedelta(minutes=2),
        NOON + timedelta(minutes=3),
    ]
    redirect = changes[2]
    assert redirect["url"] == "http://localhost:3000/glossary/agent/"
    assert (redirect["new_slug"], redirect["new_url"]) == ("ai-agent", "http://localhost:3000/glossary/ai-agent/")
    assert changes[0]["new_slug"] is None


def test_drafts_and_unpublished_edits_never_appear(api_client):
    TermFactory(slug="zebrafishdraft-never", category=CategoryFactory(slug="draft-only"))
    live = TermFactory(slug="live-one", category=None, published=True)
    edit(live, slug="zebrafishdraft-renamed", short_definition="An edit nobody published.")
    ComparisonFactory(term_a=live, term_b=TermFactory(slug="other", category=None, published=True))
    FAQFactory(question="Draft site-wide question?")

    changes, _ = read_all(api_client)

    assert said(changes) == [("term", "live-one", "published"), ("term", "other", "published")]
    assert "zebrafishdraft" not in str(changes)


def test_withdrawing_a_term_withdraws_its_comparisons_and_its_emptied_category(api_client):
    category = CategoryFactory(slug="agents")
    term = TermFactory(slug="agent", category=category, published=True)
    other = TermFactory(slug="tool", category=None, published=True)
    comparison = ComparisonFactory(term_a=term, term_b=other, slug="agent-vs-tool", published=True)
    _, cursor = read_all(api_client)

    unpublish_term(term=term, by=None)
    changes, cursor = read_all(api_client, cursor)

    assert sorted(said(changes)) == [
        ("category", "agents", "withdrawn"),
        ("comparison", "agent-vs-tool", "withdrawn"),
        ("term", "agent", "withdrawn"),
    ]
    # Publishing the comparison's term again brings the comparison back with it.
    publish_term(term=term, by=None)
    back, cursor = read_all(api_client, cursor)
    assert sorted(said(back)) == [
        ("category", "agents", "published"),
        ("comparison", "agent-vs-tool", "published"),
        ("term", "agent", "published"),
    ]
    unpublish_comparison(comparison=comparison, by=None)
    assert said(read_all(api_client, cursor)[0]) == [("comparison", "agent-vs-tool", "withdrawn")]


def test_a_deleted_term_stays_withdrawn_and_is_not_announced_twice(api_client):
    term = TermFactory(slug="gone", category=None, published=True)
    unpublish_term(term=term, by=None)
    _, cursor = read_all(api_client)

    delete_term(term=term, by=None)
    after_delete, _ = read_all(api_client, cursor)

    assert after_delete == []
    assert said(read_all(api_client)[0]) == [("term", "gone", "published"), ("term", "gone", "withdrawn")]


def test_site_wide_faqs_appear_under_their_id_without_a_page_url(api_client):
    faq = FAQFactory(question="What is this glossary?", published=True)
    unpublish_site_faq(faq=faq, by=None)
    delete_site_faq(faq=faq, by=None)

    changes, _ = read_all(api_client)

    assert said(changes) == [("faq", str(faq.pk), "published"), ("faq", str(faq.pk), "withdrawn")]
    assert {change["url"] for change in changes} == {None}


def test_a_category_edit_updates_it_and_a_renamed_category_is_withdrawn_then_published(api_client):
    category = CategoryFactory(slug="agents", name="Agents")
    TermFactory(category=category, slug="agent", published=True)
    _, cursor = read_all(api_client)
    from terms.services import category_changed

    edit(category, description="Now with a description.")
    category_changed(category_id=category.pk)
    edit(category, slug="ai-agents")
    category_changed(category_id=category.pk)
    changes, _ = read_all(api_client, cursor)

    assert said(changes) == [
        ("category", "agents", "updated"),
        ("category", "agents", "withdrawn"),
        ("category", "ai-agents", "published"),
    ]


def test_a_category_edit_that_does_not_say_which_category_is_still_in_the_feed(api_client):
    from terms.services import category_changed

    category = CategoryFactory(slug="agents", name="Agents")
    TermFactory(category=category, slug="agent", published=True)
    _, cursor = read_all(api_client)

    edit(category, name="AI agents")
    category_changed()  # e.g. an import that changed several categories
    changes, _ = read_all(api_client, cursor)

    assert said(changes) == [("category", "agents", "updated")]


def test_a_change_that_commits_after_a_later_one_is_not_skipped(api_client):
    """The interleaving that breaks a feed keyed on time: B reads its time after A, but commits first.

    A reader between the two commits has B (12:00:02) and a cursor past it; A then commits
    with 12:00:01. A cursor "changes after 12:00:02" would skip A forever.
    """
    early, late = TermFactory(slug="early", category=None), TermFactory(slug="late", category=None)
    with time_machine.travel(NOON + timedelta(seconds=5), tick=False):
        publish_term(term=late, by=None, at=NOON + timedelta(seconds=2))  # B commits first
        first, cursor = read_all(api_client)
        publish_term(term=early, by=None, at=NOON + timedelta(seconds=1))  # A commits second, dated earlier
        second, _ = read_all(api_client, cursor)

    assert said(first) == [("term", "late", "published")]
    assert said(second) == [("term", "early", "published")]
    assert parse_time(second[0]["at"]) < parse_time(first[0]["at"])


def test_following_cursors_page_by_page_gives_every_change_once(api_client):
    for number in range(7):
        TermFactory(slug=f"term-{number}", category=None, published=True)
    everything, _ = read_all(api_client)

    paged, cursor = read_all(api_client, limit=2)
    # Each change's own cursor resumes right after it.
    resumed = ok_json(api_client, FEED, {"since": everything[2]["cursor"], "limit": 100})

    assert len(everything) == 7 and said(paged) == said(everything)
    assert said(resumed["changes"]) == said(everything[3:])
    assert ok_json(api_client, FEED, {"since": cursor}) == {"changes": [], "next_cursor": cursor, "has_more": False}


def test_a_batch_cut_into_pages_is_finished_before_later_commits_follow(api_client):
    for number in range(3):
        TermFactory(slug=f"first-{number}", category=None, published=True)
    page = ok_json(api_client, FEED, {"limit": 2})
    TermFactory(slug="meanwhile", category=None, published=True)

    rest, cursor = read_all(api_client, page["next_cursor"])
    later, _ = read_all(api_client, cursor)

    assert page["has_more"] is True
    assert said(page["changes"] + rest) == [("term", f"first-{number}", "published") for number in range(3)]
    assert said(later) == [("term", "meanwhile", "published")]


def test_a_scheduled_go_live_and_withdrawal_appear_at_their_instant_not_when_scheduled(api_client, publisher):
    term = TermFactory(slug="launch", category=None)
    with time_machine.travel(NOON - timedelta(hours=1), tick=False) as clock:
        schedule_publication(item=approved(term), at=NOON, by=publisher)
        schedule_withdrawal(item=term, at=NOON + timedelta(hours=1), by=publisher)
        before = api_client.get(FEED)
        clock.move_to(NOON - timedelta(seconds=1))
        second_before, cursor = read_all(api_client)
        clock.move_to(NOON)
        at_go_live, cursor = read_all(api_client, cursor)
        clock.move_to(NOON + timedelta(hours=1))
        at_withdrawal, _ = read_all(api_client, cursor)

    assert before.json()["changes"] == [] and second_before == []
    # The answer is not kept past the go-live: max-age stops at it, like every endpoint's.
    assert before["Cache-Control"] == "public, max-age=300"
    assert said(at_go_live) == [("term", "launch", "published")]
    assert parse_time(at_go_live[0]["at"]) == NOON
    assert said(at_withdrawal) == [("term", "launch", "withdrawn")]
    assert parse_time(at_withdrawal[0]["at"]) == NOON + timedelta(hours=1)


def test_the_feed_answer_is_not_cached_past_the_next_scheduled_change(api_client, publisher):
    with time_machine.travel(NOON - timedelta(seconds=90), tick=False):
        schedule_publication(item=approved(TermFactory(slug="soon", category=None)), at=NOON, by=publisher)
        response = api_client.get(FEED)

    assert response["Cache-Control"] == "public, max-age=90"


def test_a_cancelled_schedule_never_appears(api_client, publisher):
    with time_machine.travel(NOON - timedelta(hours=1), tick=False) as clock:
        schedule = schedule_publication(
            item=approved(TermFactory(slug="cancelled", category=None)), at=NOON, by=publisher
        )
        cancel_schedule(schedule=schedule, by=publisher)
        clock.move_to(NOON + timedelta(hours=1))
        changes, _ = read_all(api_client)

    assert changes == []


def test_publishing_now_over_a_pending_withdrawal_keeps_the_withdrawal_at_its_instant(api_client, publisher):
    term = TermFactory(slug="short-lived", category=None)
    with time_machine.travel(NOON - timedelta(hours=1), tick=False) as clock:
        from editorial.services import publish

        publish_term(term=term, by=None)
        schedule_withdrawal(item=term, at=NOON, by=publisher)
        edit(term, short_definition="Edited before it goes.")
        publish(item=approved(term), by=publisher)
        clock.move_to(NOON)
        changes, _ = read_all(api_client)

    assert said(changes) == [
        ("term", "short-lived", "published"),
        ("term", "short-lived", "updated"),
        ("term", "short-lived", "withdrawn"),
    ]
    assert parse_time(changes[-1]["at"]) == NOON


@pytest.mark.parametrize(
    "since",
    ["", "not-a-cursor", "WzAsMF0:forged", "W251bGwsMF0:0ue7P97sV_lgdXOUYCKuVf353QDLIUmrgk5pRvBl3rQ"],
    ids=["empty", "garbage", "bad-signature", "someone-elses-signature"],
)
def test_a_cursor_the_api_did_not_give_out_is_a_400_naming_since(api_client, since):
    status, body = get_json(api_client, FEED, {"since": since})

    assert status == 400
    assert body["parameter"] == "since"


def test_a_tampered_cursor_is_a_400(api_client):
    TermFactory(slug="one", category=None, published=True)
    cursor = ok_json(api_client, FEED)["next_cursor"]
    payload, signature = cursor.split(":", 1)

    status, body = get_json(api_client, FEED, {"since": payload.upper() + ":" + signature})

    assert (status, body["parameter"]) == (400, "since")


@pytest.mark.parametrize("limit", ["0", "501", "ten"])
def test_a_limit_out_of_range_is_a_400_naming_limit(api_client, limit):
    status, body = get_json(api_client, FEED, {"limit": limit})

    assert (status, body["parameter"]) == (400, "limit")


def test_the_answer_is_validated_with_an_etag(api_client):
    TermFactory(slug="one", category=None, published=True)
    first = api_client.get(FEED)

    again = api_client.get(FEED, HTTP_IF_NONE_MATCH=first["ETag"])

    assert (first.status_code, again.status_code) == (200, 304)


@pytest.mark.parametrize("terms", [2, 40])
def test_the_feed_reads_in_at_most_3_queries_however_long_it_is(
    api_client, settings, django_assert_max_num_queries, terms
):
    """Clock, the highest position, the page: 3 reads (server cache off)."""
    settings.GLOSSARY_SERVER_CACHE = False
    for number in range(terms):
        term = TermFactory(slug=f"term-{number}", published=True)
        publish_term(term=term, by=None)
    cursor = ok_json(api_client, FEED, {"limit": 5})["next_cursor"]

    with django_assert_max_num_queries(3):
        first = api_client.get(FEED, {"limit": 100})
    with django_assert_max_num_queries(3):
        on = api_client.get(FEED, {"since": cursor, "limit": 100})

    assert first.status_code == on.status_code == 200


@pytest.mark.django_db(transaction=True)
def test_concurrent_publications_committing_out_of_time_order_are_both_given_out(api_client, monkeypatch):
    """Real transactions: A reads its time first, B commits first, a reader reads in between, then A commits."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one transaction write at a time: the interleaving cannot happen there")
    import threading

    import terms.changes

    early, late = TermFactory(slug="early", category=None), TermFactory(slug="late", category=None)
    a_has_its_time, reader_has_read = threading.Event(), threading.Event()
    record = terms.changes.record_changes_of

    def record_after_the_reader(timelines_of):
        if threading.current_thread().name == "A":
            a_has_its_time.set()
            assert reader_has_read.wait(20)
        return record(timelines_of)

    monkeypatch.setattr(terms.changes, "record_changes_of", record_after_the_reader)
    failures = []

    def publish_early():
        try:
            publish_term(term=early, by=None)
        except Exception as error:  # reported by the main thread
            failures.append(error)
        finally:
            connection.close()

    writer = threading.Thread(target=publish_early, name="A")
    writer.start()
    assert a_has_its_time.wait(20)
    publish_term(term=late, by=None)  # B: reads its time after A, commits before A
    first, cursor = read_all(api_client)
    reader_has_read.set()
    writer.join(30)
    second, _ = read_all(api_client, cursor)

    assert failures == []
    assert said(first) == [("term", "late", "published")]
    assert said(second) == [("term", "early", "published")]
    assert parse_time(second[0]["at"]) < parse_time(first[0]["at"])


def test_the_feed_of_a_database_made_before_it_is_recorded_once_by_a_command(api_client, publisher):
    from django.core.management import call_command

    from publishing.models import ContentChange

    with time_machine.travel(NOON, tick=False):
        TermFactory(slug="old", category=CategoryFactory(slug="older"), published=True)
        schedule_publication(
            item=approved(TermFactory(slug="coming", category=None)), at=NOON + timedelta(hours=1), by=publisher
        )
        ContentChange.objects.all().delete()  # as before the feed existed
        call_command("record_change_feed", stdout=StringIO())
        call_command("record_change_feed", stdout=StringIO())  # nothing new the second time
        now_live, cursor = read_all(api_client)
    with time_machine.travel(NOON + timedelta(hours=1), tick=False):
        later, _ = read_all(api_client, cursor)

    assert sorted(said(now_live)) == [("category", "older", "published"), ("term", "old", "published")]
    assert said(later) == [("term", "coming", "published")]
