"""Schedules are exact without a worker: every endpoint flips at the scheduled second.

No worker runs in these tests: the live windows written when the schedule was made
are what the API reads, and Cache-Control never reaches past the next change.
"""

from datetime import timedelta

import pytest

from scheduling.services import schedule_publication, schedule_withdrawal
from terms.services import publish_comparison, publish_term
from tests.factories import CategoryFactory, ComparisonFactory, FAQFactory, RelatedTermFactory, TermFactory
from tests.scheduling.conftest import GO_LIVE
from tests.scheduling.workflow import approved

API = "/api/v1"
WORD = "zyzzyva"


@pytest.fixture
def scene(clock, publisher):
    """A term that changes at GO_LIVE, and a live term that links to it and is compared with it."""
    category = CategoryFactory(slug="rare-animals")
    changing = TermFactory(name="Zyzzyva Model", slug="zyzzyva-model", category=category)
    FAQFactory(term=changing, question="Is a zyzzyva a weevil?")
    neighbour = TermFactory(name="Neighbour", slug="neighbour")
    RelatedTermFactory(term=neighbour, related=changing)
    publish_term(term=neighbour, by=None)
    return {"changing": changing, "neighbour": neighbour, "publisher": publisher}


def go_live(scene) -> None:
    term = approved(scene["changing"])
    schedule_publication(item=term, at=GO_LIVE, by=scene["publisher"])
    comparison = ComparisonFactory(term_a=scene["neighbour"], term_b=term, slug="neighbour-vs-zyzzyva-model")
    publish_comparison(comparison=comparison, by=None)


def withdrawal(scene) -> None:
    term = scene["changing"]
    publish_term(term=term, by=None)
    comparison = ComparisonFactory(term_a=scene["neighbour"], term_b=term, slug="neighbour-vs-zyzzyva-model")
    publish_comparison(comparison=comparison, by=None)
    schedule_withdrawal(item=term, at=GO_LIVE, by=scene["publisher"])


def where_visible(client) -> dict[str, bool]:
    """For every endpoint, whether the changing term (or its comparison) shows there."""
    slug, comparison = "zyzzyva-model", "neighbour-vs-zyzzyva-model"

    def ok(path: str) -> dict | list | None:
        response = client.get(API + path)
        assert response.status_code in {200, 404}, (path, response.status_code)
        return response.json() if response.status_code == 200 else None

    def slugs(page: dict) -> set[str]:
        return {row["slug"] for row in page["results"]}

    neighbour = ok("/terms/neighbour/")
    categories = {row["slug"]: row["term_count"] for row in ok("/categories/?page_size=100")["results"]}
    sitemap = {(row["type"], row["slug"]) for row in ok("/sitemap/")}
    index = {term["slug"] for letter in ok("/index/")["letters"] for term in letter["terms"]}
    search = {(hit["type"], hit["slug"]) for hit in ok(f"/search/?q={WORD}")["results"]}
    return {
        "detail": ok(f"/terms/{slug}/") is not None,
        "widget": ok(f"/terms/{slug}/widget/") is not None,
        "faqs of the term": ok(f"/faqs/?term={slug}") is not None,
        "list": slug in slugs(ok("/terms/?page_size=100")),
        "list with q": slug in slugs(ok(f"/terms/?q={WORD}")),
        "list by category": slug in slugs(ok("/terms/?category=rare-animals")),
        "index": slug in index,
        "search": ("term", slug) in search,
        "search finds the comparison": ("comparison", comparison) in search,
        "sitemap": ("term", slug) in sitemap,
        "sitemap category": ("category", "rare-animals") in sitemap,
        "categories term_count": categories.get("rare-animals") == 1,
        "category detail term_count": (ok("/categories/rare-animals/") or {}).get("term_count") == 1,
        "related_terms of another term": slug in {row["slug"] for row in neighbour["related_terms"]},
        "comparisons of another term": comparison in {row["slug"] for row in neighbour["comparisons"]},
        "comparison list": comparison in slugs(ok("/comparisons/")),
        "comparisons filtered by term": comparison in slugs(ok(f"/comparisons/?term={slug}")),
        "comparison detail": ok(f"/comparisons/{comparison}/") is not None,
    }


@pytest.mark.parametrize(("change", "before", "after"), [(go_live, False, True), (withdrawal, True, False)])
def test_every_endpoint_changes_at_the_scheduled_second_without_a_worker(clock, client, scene, change, before, after):
    change(scene)

    clock.move_to(GO_LIVE - timedelta(seconds=1))
    one_second_before = where_visible(client)
    clock.move_to(GO_LIVE)
    at_the_second = where_visible(client)

    assert one_second_before == dict.fromkeys(one_second_before, before)
    assert at_the_second == dict.fromkeys(at_the_second, after)


@pytest.mark.parametrize("change", [go_live, withdrawal])
@pytest.mark.parametrize("path", ["/terms/", "/terms/neighbour/", "/index/", "/sitemap/", "/categories/"])
def test_cache_lifetime_ends_at_the_next_scheduled_change(clock, client, scene, change, path):
    change(scene)

    for seconds_left in (90, 5):
        clock.move_to(GO_LIVE - timedelta(seconds=seconds_left))
        response = client.get(API + path)
        assert response.status_code == 200
        max_age = int(response["Cache-Control"].split("max-age=")[1])
        assert 0 <= max_age <= seconds_left


def test_a_not_yet_live_term_answers_404_that_caches_must_not_keep(clock, client, scene):
    go_live(scene)

    clock.move_to(GO_LIVE - timedelta(seconds=1))
    response = client.get(f"{API}/terms/zyzzyva-model/")

    assert response.status_code == 404
    assert response["Cache-Control"] == "no-cache"
