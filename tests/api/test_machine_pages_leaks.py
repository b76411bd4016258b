"""Nothing that is not live reaches a page for machines (every non-live state of test_leaks)."""

import pytest

from tests.api.support import API
from tests.api.test_leaks import (  # noqa: F401 -- the module fixture of every non-live state
    LIVE_COMPARISONS,
    LIVE_TERMS,
    MARKER,
    NOT_LIVE_COMPARISONS,
    NOT_LIVE_TERMS,
    content_states,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("content_states")]

MACHINE_PAGES = ["/llms.txt", "/llms-full.txt", "/sitemap.xml"]


@pytest.mark.parametrize("slug", [*NOT_LIVE_TERMS, "never-existed"])
def test_a_term_that_is_not_live_has_no_markdown_page(api_client, slug):
    response = api_client.get(f"{API}/terms/{slug}/markdown/", HTTP_ACCEPT="text/markdown")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


@pytest.mark.parametrize("slug", NOT_LIVE_COMPARISONS)
def test_a_comparison_that_is_not_live_has_no_markdown_page(api_client, slug):
    response = api_client.get(f"{API}/comparisons/{slug}/markdown/")

    assert response.status_code == 404
    assert set(response.json()) == {"detail"}


@pytest.mark.parametrize(
    "path",
    [
        *[f"/terms/{slug}/markdown/" for slug in sorted(LIVE_TERMS)],
        *[f"/comparisons/{slug}/markdown/" for slug in sorted(LIVE_COMPARISONS)],
        *MACHINE_PAGES,
    ],
)
def test_marker_of_unpublished_content_is_in_no_machine_page(api_client, path):
    response = api_client.get(f"{API}{path}")

    assert response.status_code == 200
    assert MARKER.lower() not in response.content.decode().lower()


def test_the_change_feed_names_only_content_that_was_live_and_ends_it_withdrawn(api_client):
    changes = []
    since = None
    while True:
        page = api_client.get(f"{API}/changes/", {"since": since} if since else {}).json()
        changes += page["changes"]
        since = page["next_cursor"]
        if not page["has_more"]:
            break
    last_action = {(c["type"], c["slug"]): c["action"] for c in changes}

    # Drafts, schedules still to come and comparisons with a side that is not live never appear.
    never = {"zebrafishdraft-draft", "zebrafishdraft-future", "zebrafishdraft-eel", "lemur-vs-eel-unpublished"}
    never |= {"lemur-vs-draft", "seal-vs-lemur-future", "lemur-vs-withdrawn", "seal-vs-future"}
    assert never.isdisjoint(slug for _, slug in last_action)
    # What was live and was withdrawn says so last.
    assert last_action[("term", "zebrafishdraft-withdrawn")] == "withdrawn"
    assert last_action[("comparison", "raven-vs-eel-withdrawn")] == "withdrawn"
    live_now = {slug for (kind, slug), action in last_action.items() if kind == "term" and action != "withdrawn"}
    assert live_now == LIVE_TERMS
