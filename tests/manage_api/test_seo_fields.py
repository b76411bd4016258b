"""The SEO fields through the management API: read and written like in the admin, validated by the same form."""

import pytest

from terms.models import Term
from tests.factories import ComparisonFactory, TermFactory
from tests.manage_api.conftest import MANAGE
from tests.media_library.support import library_image

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def patch(client, path: str, changes: dict):
    etag = client.get(path)["ETag"]
    return client.patch(path, changes, HTTP_IF_MATCH=etag)


def test_patch_sets_noindex_canonical_url_and_share_image_and_reads_them_back(writer):
    term = TermFactory(slug="agent")
    image = library_image()

    response = patch(
        writer,
        f"{MANAGE}/terms/agent/",
        {"noindex": True, "canonical_url": "https://blog.example.com/agents", "og_image": image.pk},
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["noindex"], body["canonical_url"], body["og_image"]) == (
        True,
        "https://blog.example.com/agents",
        image.pk,
    )
    term.refresh_from_db()
    assert (term.noindex, term.canonical_url, term.og_image) == (True, "https://blog.example.com/agents", image)


def test_a_patch_of_another_field_keeps_the_seo_fields(writer):
    image = library_image()
    term = TermFactory(slug="agent", noindex=True, canonical_url="https://blog.example.com/agents", og_image=image)

    response = patch(writer, f"{MANAGE}/terms/agent/", {"short_definition": "Changed."})

    assert response.status_code == 200, response.content
    term.refresh_from_db()
    assert (term.noindex, term.canonical_url, term.og_image) == (True, "https://blog.example.com/agents", image)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"canonical_url": "ftp://files.example.com/agents"}, "canonical_url"),
        ({"canonical_url": "javascript:alert(1)"}, "canonical_url"),
        ({"og_image": 999999}, "og_image"),
    ],
)
def test_a_bad_canonical_url_or_unknown_image_is_a_json_400_naming_the_field(writer, changes, field):
    TermFactory(slug="agent")

    response = patch(writer, f"{MANAGE}/terms/agent/", changes)

    assert response.status_code == 400, response.content
    assert response.json()["field"] == field
    assert Term.objects.get(slug="agent").canonical_url == ""


def test_comparison_seo_fields_are_written_and_read_too(writer):
    comparison = ComparisonFactory()

    response = patch(writer, f"{MANAGE}/comparisons/{comparison.slug}/", {"noindex": True})

    assert response.status_code == 200, response.content
    assert response.json()["noindex"] is True
    comparison.refresh_from_db()
    assert comparison.noindex is True
