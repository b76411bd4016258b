"""Typed relations and successors in the delivery API: set on one term, shown on both, live targets only.

`relations` lists what the editor set on the term and, as their inverse, what other live
pages set on it; `status` and `replaced_by` say whether the term is deprecated and what
replaces it. Which targets show is decided per request: a target going live or being
withdrawn changes the page from that instant, without publishing the page again.
"""

import json
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from scheduling.services import schedule_publication, schedule_withdrawal
from terms.models import TermStatus
from terms.services import publish_term, unpublish_term
from tests.api.support import API, MONDAY, edit, ok_json
from tests.factories import (
    CallToActionFactory,
    FAQFactory,
    RelatedTermFactory,
    TermAliasFactory,
    TermFactory,
    TermRelationFactory,
)
from tests.scheduling.workflow import approved

pytestmark = pytest.mark.django_db


def relations_of(client, slug: str) -> list[tuple[str, str]]:
    return [(row["type"], row["term"]["slug"]) for row in ok_json(client, f"{API}/terms/{slug}/")["relations"]]


def term(slug: str, **fields):
    return TermFactory(name=fields.pop("name", slug.replace("-", " ").title()), slug=slug, **fields)


INVERSES = [("broader", "narrower"), ("narrower", "broader"), ("see_also", "see_also")]


@pytest.mark.parametrize(("set_type", "inverse"), INVERSES)
def test_a_relation_set_on_one_term_shows_on_both_with_its_inverse_on_the_other(client, set_type, inverse):
    source, target = term("source"), term("target", published=True)
    TermRelationFactory(term=source, type=set_type, target=target)
    publish_term(term=source, by=None)

    assert relations_of(client, "source") == [(set_type, "target")]
    assert relations_of(client, "target") == [(inverse, "source")]


def test_a_relation_entry_carries_the_full_term_summary(client):
    source, target = term("source"), term("target", short_definition="The target, briefly.", published=True)
    TermRelationFactory(term=source, type="see_also", target=target)
    publish_term(term=source, by=None)

    (entry,) = ok_json(client, f"{API}/terms/source/")["relations"]

    assert entry["term"] == ok_json(client, f"{API}/terms/")["results"][1]  # the same summary as in lists
    assert entry["term"]["short_definition"] == "The target, briefly."


def test_relations_are_listed_by_type_then_name_and_a_pair_set_on_both_sides_shows_once(client):
    page = term("page")
    zeta, alpha, parent = term("zeta", published=True), term("alpha", published=True), term("parent", published=True)
    for other in (zeta, alpha):
        TermRelationFactory(term=page, type="see_also", target=other)
    TermRelationFactory(term=page, type="broader", target=parent)
    publish_term(term=page, by=None)
    TermRelationFactory(term=parent, type="narrower", target=page)  # the same pair, set from the other side
    publish_term(term=parent, by=None)

    assert relations_of(client, "page") == [("broader", "parent"), ("see_also", "alpha"), ("see_also", "zeta")]
    assert relations_of(client, "parent") == [("narrower", "page")]


def test_an_active_term_has_status_active_and_no_successor(client):
    term("plain", published=True)

    page = ok_json(client, f"{API}/terms/plain/")

    assert (page["status"], page["replaced_by"], page["relations"]) == ("active", None, [])


def test_a_deprecated_term_keeps_its_page_and_points_to_its_successor(client):
    successor = term("successor", published=True)
    old = term("old-name", status=TermStatus.DEPRECATED, successor=successor)
    publish_term(term=old, by=None)

    page = ok_json(client, f"{API}/terms/old-name/")
    listed = {row["slug"] for row in ok_json(client, f"{API}/terms/")["results"]}

    assert page["status"] == "deprecated"
    assert page["replaced_by"]["slug"] == "successor"
    assert page["replaced_by"] == ok_json(client, f"{API}/terms/", {"q": "successor"})["results"][0]
    assert ("replaced_by", "successor") in [(r["type"], r["term"]["slug"]) for r in page["relations"]]
    assert relations_of(client, "successor") == [("replaces", "old-name")]
    assert ok_json(client, f"{API}/terms/successor/")["status"] == "active"
    assert "old-name" in listed, "a deprecated term stays in lists"


def test_deprecation_goes_public_only_when_published(client):
    successor = term("successor", published=True)
    old = term("old-name", published=True)
    edit(old, status=TermStatus.DEPRECATED, successor=successor)

    assert ok_json(client, f"{API}/terms/old-name/")["status"] == "active"

    publish_term(term=old, by=None)
    assert ok_json(client, f"{API}/terms/old-name/")["status"] == "deprecated"


# --- live targets only ------------------------------------------------------------------


def draft(target):
    pass


def withdrawn(target):
    publish_term(term=target, by=None)
    unpublish_term(term=target, by=None)


def scheduled_later(target):
    publish_term(term=target, by=None, at=timezone.now() + timedelta(days=1))


def retired(target):
    successor = term("elsewhere", published=True)
    publish_term(term=target, by=None)
    edit(target, status=TermStatus.RETIRED, successor=successor)
    publish_term(term=target, by=None)


NOT_LIVE = [draft, withdrawn, scheduled_later, retired]


@pytest.mark.parametrize("make_not_live", NOT_LIVE)
@pytest.mark.parametrize("relation_type", ["broader", "narrower", "see_also"])
def test_a_relation_to_a_term_that_is_not_live_never_appears(client, make_not_live, relation_type):
    page, hidden = term("page"), term("hidden")
    TermRelationFactory(term=page, type=relation_type, target=hidden)
    publish_term(term=page, by=None)
    make_not_live(hidden)

    body = client.get(f"{API}/terms/page/").content.decode()

    assert relations_of(client, "page") == []
    assert "hidden" not in body.lower()


@pytest.mark.parametrize("make_not_live", NOT_LIVE)
def test_a_deprecated_terms_successor_that_is_not_live_is_null(client, make_not_live):
    page, hidden = term("page"), term("hidden")
    make_not_live(hidden)
    edit(page, status=TermStatus.DEPRECATED, successor=hidden)
    publish_term(term=page, by=None)

    payload = ok_json(client, f"{API}/terms/page/")

    assert (payload["status"], payload["replaced_by"], payload["relations"]) == ("deprecated", None, [])
    assert "hidden" not in client.get(f"{API}/terms/page/").content.decode().lower()


@pytest.mark.parametrize("make_not_live", NOT_LIVE)
def test_relations_set_by_a_term_that_is_not_live_never_show_on_their_target(client, make_not_live):
    target, hidden = term("target", published=True), term("hidden")
    TermRelationFactory(term=hidden, type="broader", target=target)
    make_not_live(hidden)

    assert relations_of(client, "target") == []


def test_a_relation_added_in_a_draft_shows_on_neither_side_until_published(client):
    page, target = term("page", published=True), term("target", published=True)
    TermRelationFactory(term=page, type="broader", target=target)

    assert (relations_of(client, "page"), relations_of(client, "target")) == ([], [])

    publish_term(term=page, by=None)
    assert relations_of(client, "page") == [("broader", "target")]
    assert relations_of(client, "target") == [("narrower", "page")]


def test_a_relation_removed_in_a_draft_stays_on_both_sides_until_published(client):
    page, target = term("page"), term("target", published=True)
    relation = TermRelationFactory(term=page, type="see_also", target=target)
    publish_term(term=page, by=None)
    relation.delete()

    assert relations_of(client, "target") == [("see_also", "page")]

    publish_term(term=page, by=None)
    assert (relations_of(client, "page"), relations_of(client, "target")) == ([], [])


def test_a_target_going_live_later_appears_at_that_instant_without_republishing(client):
    """Both directions: the page's own relation, and the inverse on the page from the later term."""
    with time_machine.travel(MONDAY, tick=False) as clock:
        page, later = term("page"), term("later")
        TermRelationFactory(term=page, type="broader", target=later)
        publish_term(term=page, by=None)
        unrelated_parent = term("parent", published=True)
        TermRelationFactory(term=later, type="broader", target=unrelated_parent)
        go_live = MONDAY + timedelta(hours=2)
        schedule_publication(item=approved(later), at=go_live, by=None)
        versions_of_page = page.versions.count()

        clock.move_to(go_live - timedelta(seconds=1))
        before = (relations_of(client, "page"), relations_of(client, "parent"))
        clock.move_to(go_live)
        at_the_instant = (relations_of(client, "page"), relations_of(client, "parent"))

    assert before == ([], [])
    assert at_the_instant == ([("broader", "later")], [("narrower", "later")])
    assert page.versions.count() == versions_of_page, "the page was not published again"


def test_a_target_withdrawn_later_disappears_at_its_withdrawal(client):
    with time_machine.travel(MONDAY, tick=False) as clock:
        page, leaving = term("page"), term("leaving", published=True)
        TermRelationFactory(term=page, type="see_also", target=leaving)
        publish_term(term=page, by=None)
        withdrawal = MONDAY + timedelta(hours=2)
        schedule_withdrawal(item=leaving, at=withdrawal, by=None)

        clock.move_to(withdrawal - timedelta(seconds=1))
        before = relations_of(client, "page")
        clock.move_to(withdrawal)
        after = relations_of(client, "page")

    assert before == [("see_also", "leaving")]
    assert after == []


def test_a_successor_going_live_later_fills_replaced_by_at_that_instant(client):
    with time_machine.travel(MONDAY, tick=False) as clock:
        successor = term("successor")
        old = term("old-name", status=TermStatus.DEPRECATED, successor=successor)
        publish_term(term=old, by=None)
        go_live = MONDAY + timedelta(hours=1)
        publish_term(term=successor, by=None, at=go_live)

        clock.move_to(go_live - timedelta(seconds=1))
        before = ok_json(client, f"{API}/terms/old-name/")["replaced_by"]
        clock.move_to(go_live)
        after = ok_json(client, f"{API}/terms/old-name/")["replaced_by"]

    assert before is None
    assert after["slug"] == "successor"


def test_the_preview_of_a_draft_shows_only_live_relation_targets(admin_client, client):
    page, live_target, draft_target = term("page"), term("live-target", published=True), term("draft-target")
    TermRelationFactory(term=page, type="broader", target=live_target)
    TermRelationFactory(term=page, type="see_also", target=draft_target)
    preview = admin_client.get(f"/admin/terms/term/{page.pk}/preview/")
    token = parse_qs(urlsplit(preview.context["api_preview_url"]).query)["preview_token"][0]

    payload = client.get(f"{API}/terms/page/", HTTP_X_PREVIEW_TOKEN=token).json()

    assert [(r["type"], r["term"]["slug"]) for r in payload["relations"]] == [("broader", "live-target")]


# --- retired terms --------------------------------------------------------------------


@pytest.fixture
def retired_term(client):
    """'Old Name' (with an FAQ, in a category of its own) retired to the live 'Successor'."""
    successor = term("successor", published=True)
    old = term("old-name", name="Old Name")
    FAQFactory(term=old, question="What was Old Name?")
    RelatedTermFactory(term=successor, related=old)
    publish_term(term=old, by=None)
    publish_term(term=successor, by=None)
    edit(old, status=TermStatus.RETIRED, successor=successor)
    publish_term(term=old, by=None)
    return old


def test_a_retired_terms_slug_answers_301_to_its_successor(client, retired_term):
    for path in ("/terms/old-name/", "/terms/old-name/widget/"):
        response = client.get(API + path)
        assert response.status_code == 301, path
        assert response["Location"].endswith(path.replace("old-name", "successor"))


def test_a_retired_term_leaves_lists_index_search_sitemap_categories_and_faqs(client, retired_term):
    category = retired_term.category.slug

    assert "old-name" not in {row["slug"] for row in ok_json(client, f"{API}/terms/", {"page_size": 100})["results"]}
    assert not ok_json(client, f"{API}/terms/", {"q": "old name"})["results"]
    index = {t["slug"] for letter in ok_json(client, f"{API}/index/")["letters"] for t in letter["terms"]}
    assert "old-name" not in index
    assert not [hit for hit in ok_json(client, f"{API}/search/", {"q": "old name"})["results"] if hit["type"] == "term"]
    assert "old-name" not in {row["slug"] for row in ok_json(client, f"{API}/sitemap/")}
    assert category not in {row["slug"] for row in ok_json(client, f"{API}/categories/")["results"]}
    assert client.get(f"{API}/categories/{category}/").status_code == 404
    assert client.get(f"{API}/faqs/", {"term": "old-name"}).status_code == 404
    assert "What was Old Name?" not in client.get(f"{API}/faqs/").content.decode()
    assert not ok_json(client, f"{API}/search/", {"q": "What was Old Name"})["results"]
    assert ok_json(client, f"{API}/terms/successor/")["related_terms"] == []
    assert relations_of(client, "successor") == [], "a retired term is no page to link to"


def test_a_renamed_then_retired_terms_old_slug_redirects_to_the_successor(client, retired_term):
    successor = retired_term.successor
    edit(retired_term, slug="older-name", status=TermStatus.ACTIVE, successor=None)
    publish_term(term=retired_term, by=None)
    edit(retired_term, status=TermStatus.RETIRED, successor=successor)
    publish_term(term=retired_term, by=None)

    for old_slug in ("old-name", "older-name"):
        response = client.get(f"{API}/terms/{old_slug}/")
        assert response.status_code == 301, old_slug
        assert response["Location"].endswith("/terms/successor/")


def test_retiring_to_a_successor_that_is_not_live_is_refused(client):
    old, successor = term("old-name", published=True), term("successor")
    edit(old, status=TermStatus.RETIRED, successor=successor)

    with pytest.raises(ValidationError) as refused:
        publish_term(term=old, by=None)

    assert "successor" in refused.value.message_dict
    assert ok_json(client, f"{API}/terms/old-name/")["status"] == "active"


def test_a_retired_terms_slug_answers_404_once_its_successor_is_withdrawn(client, retired_term):
    unpublish_term(term=retired_term.successor, by=None)

    assert client.get(f"{API}/terms/old-name/").status_code == 404


def test_un_retiring_a_term_brings_its_page_back(client, retired_term):
    edit(retired_term, status=TermStatus.ACTIVE, successor=None)
    publish_term(term=retired_term, by=None)

    assert ok_json(client, f"{API}/terms/old-name/")["status"] == "active"


def test_term_detail_with_relations_inverses_and_a_successor_reads_in_at_most_3_queries(
    api_client, settings, django_assert_max_num_queries
):
    """Clock, term, every linked term's summary: targets' liveness comes from the related terms' read."""
    settings.GLOSSARY_SERVER_CACHE = False
    successor = term("successor", published=True)
    page = term("subject", cta=CallToActionFactory(), status=TermStatus.DEPRECATED, successor=successor)
    TermAliasFactory(term=page)
    for number in range(12):
        other = term(f"other-{number}", published=True)
        RelatedTermFactory(term=page, related=other, order=number)
        TermRelationFactory(term=page, type=["broader", "narrower", "see_also"][number % 3], target=other)
    publish_term(term=page, by=None)
    for number in range(12):
        pointing = term(f"pointing-{number}")
        TermRelationFactory(term=pointing, type="see_also", target=page)
        publish_term(term=pointing, by=None)

    assert api_client.get(f"{API}/terms/subject/").status_code == 200  # warm-up: per-generation reads
    with django_assert_max_num_queries(3):
        response = api_client.get(f"{API}/terms/subject/")

    assert len(response.json()["relations"]) == 12 + 12 + 1


def test_the_schema_documents_relations_status_and_replaced_by(client):
    schema = json.loads(client.get(f"{API}/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").content)
    detail = schema["components"]["schemas"]["TermDetail"]
    relation = schema["components"]["schemas"]["TermRelation"]

    assert {"relations", "status", "replaced_by"} <= set(detail["required"])
    assert detail["properties"]["replaced_by"]["allOf"][0]["$ref"].endswith("/TermSummary")
    assert detail["properties"]["replaced_by"]["nullable"] is True
    type_schema = schema["components"]["schemas"][relation["properties"]["type"]["allOf"][0]["$ref"].rsplit("/", 1)[1]]
    assert type_schema["enum"] == ["broader", "narrower", "see_also", "replaced_by", "replaces"]
