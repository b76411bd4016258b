"""The `seo` object of term and comparison pages, and the sitemaps, follow the editor's SEO fields.

`noindex`, the canonical URL override and the share image (Open Graph) are published with the
version, like every other field: the stored document carries them, a draft change shows nowhere
until publication, and a page marked noindex is left out of /sitemap/ and /sitemap.xml.
"""

from xml.etree import ElementTree

import pytest

from media_library.models import Image
from terms.services import publish_comparison, publish_term
from tests.api.support import API, edit, ok_json
from tests.api.test_query_counts import warm_up_and_count
from tests.factories import ComparisonFactory, TermFactory
from tests.media_library.support import library_image

pytestmark = pytest.mark.django_db

SITEMAP_NAMESPACE = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
MEDIA_BASE = "https://cms.example.org"


@pytest.fixture(autouse=True)
def _page_and_media_urls(settings, tmp_path):
    settings.GLOSSARY_TERM_URL_PATTERN = "https://glossary.example/terms/{slug}"
    settings.GLOSSARY_COMPARISON_URL_PATTERN = "https://glossary.example/compare/{slug}"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GLOSSARY_MEDIA_BASE_URL = MEDIA_BASE


def sitemap_slugs(client) -> set[tuple[str, str]]:
    return {(row["type"], row["slug"]) for row in ok_json(client, f"{API}/sitemap/")}


def sitemap_xml_locations(client) -> set[str]:
    response = client.get(f"{API}/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)  # noqa: S314 -- our own answer, in a test
    return {loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NAMESPACE)}


# --- The seo object ----------------------------------------------------------------------


def test_term_seo_has_noindex_false_its_own_url_as_canonical_and_no_share_image_by_default(api_client):
    TermFactory(slug="agent", name="Agent", short_definition="Acts on its own.", published=True)

    assert ok_json(api_client, f"{API}/terms/agent/")["seo"] == {
        "title": "Agent",
        "description": "Acts on its own.",
        "noindex": False,
        "canonical_url": "https://glossary.example/terms/agent",
        "og_image": None,
    }


def test_published_term_seo_carries_noindex_canonical_override_and_share_image_with_absolute_url(api_client):
    image = library_image("A robot arm sorting parcels")
    TermFactory(
        slug="agent",
        seo_title="AI agents, explained",
        noindex=True,
        canonical_url="https://blog.example.com/what-is-an-agent",
        og_image=image,
        published=True,
    )

    seo = ok_json(api_client, f"{API}/terms/agent/")["seo"]

    assert seo["title"] == "AI agents, explained"
    assert seo["noindex"] is True
    assert seo["canonical_url"] == "https://blog.example.com/what-is-an-agent"
    assert seo["og_image"] == {
        "url": f"{MEDIA_BASE}/media/{image.file.name}",
        "alt": "A robot arm sorting parcels",
        "width": 40,
        "height": 30,
    }


def test_share_image_url_follows_the_media_base_url_setting_at_publication(api_client, settings):
    settings.GLOSSARY_MEDIA_BASE_URL = "https://cdn.example.net/"
    image = library_image()
    TermFactory(slug="agent", og_image=image, published=True)

    url = ok_json(api_client, f"{API}/terms/agent/")["seo"]["og_image"]["url"]

    assert url == f"https://cdn.example.net/media/{image.file.name}"


def test_published_comparison_seo_carries_noindex_canonical_override_and_share_image(api_client):
    image = library_image("Two models side by side")
    comparison = ComparisonFactory(
        noindex=True, canonical_url="https://glossary.example/the-original", og_image=image, published=True
    )

    seo = ok_json(api_client, f"{API}/comparisons/{comparison.slug}/")["seo"]

    assert seo["noindex"] is True
    assert seo["canonical_url"] == "https://glossary.example/the-original"
    assert seo["og_image"]["url"] == f"{MEDIA_BASE}/media/{image.file.name}"
    assert seo["og_image"]["alt"] == "Two models side by side"


def test_comparison_seo_defaults_to_its_own_url_and_no_share_image(api_client):
    comparison = ComparisonFactory(published=True)

    seo = ok_json(api_client, f"{API}/comparisons/{comparison.slug}/")["seo"]

    assert seo["noindex"] is False
    assert seo["canonical_url"] == f"https://glossary.example/compare/{comparison.slug}"
    assert seo["og_image"] is None


def test_changing_the_library_image_after_publication_changes_nothing_until_republication(api_client):
    image = library_image("First description")
    TermFactory(slug="agent", og_image=image, published=True)
    Image.objects.filter(pk=image.pk).update(alt_text="Second description")

    assert ok_json(api_client, f"{API}/terms/agent/")["seo"]["og_image"]["alt"] == "First description"


# --- Drafts do not leak --------------------------------------------------------------------


def test_draft_seo_changes_are_invisible_until_publication(api_client):
    term = TermFactory(slug="agent", published=True)
    comparison = ComparisonFactory(term_a=term, published=True)
    before_term = ok_json(api_client, f"{API}/terms/agent/")["seo"]
    before_comparison = ok_json(api_client, f"{API}/comparisons/{comparison.slug}/")["seo"]
    image = library_image("Draft share image")
    draft_seo = {"noindex": True, "canonical_url": "https://draft.example/secret", "og_image": image}

    edit(term, seo_title="Draft SEO title", **draft_seo)
    edit(comparison, seo_description="Draft SEO description", **draft_seo)

    assert ok_json(api_client, f"{API}/terms/agent/")["seo"] == before_term
    assert ok_json(api_client, f"{API}/comparisons/{comparison.slug}/")["seo"] == before_comparison
    assert ("term", "agent") in sitemap_slugs(api_client)
    assert ("comparison", comparison.slug) in sitemap_slugs(api_client)
    assert "https://glossary.example/terms/agent" in sitemap_xml_locations(api_client)

    publish_term(term=term, by=None)
    publish_comparison(comparison=comparison, by=None)

    assert ok_json(api_client, f"{API}/terms/agent/")["seo"]["canonical_url"] == "https://draft.example/secret"
    assert ok_json(api_client, f"{API}/comparisons/{comparison.slug}/")["seo"]["noindex"] is True


def test_a_never_published_items_seo_and_share_image_appear_nowhere(api_client):
    image = library_image("Never published")
    TermFactory(slug="hidden-draft", noindex=False, og_image=image)

    assert api_client.get(f"{API}/terms/hidden-draft/").status_code == 404
    assert ("term", "hidden-draft") not in sitemap_slugs(api_client)
    assert not any("hidden-draft" in location for location in sitemap_xml_locations(api_client))


# --- Sitemaps --------------------------------------------------------------------------------


def test_noindex_term_and_comparison_are_left_out_of_the_json_sitemap(api_client):
    indexed = TermFactory(slug="indexed", published=True)
    TermFactory(slug="hidden", noindex=True, published=True)
    ComparisonFactory(term_a=indexed, slug="shown-vs", published=True)
    ComparisonFactory(term_a=indexed, slug="hidden-vs", noindex=True, published=True)

    entries = sitemap_slugs(api_client)

    assert ("term", "indexed") in entries and ("comparison", "shown-vs") in entries
    assert ("term", "hidden") not in entries and ("comparison", "hidden-vs") not in entries


def test_noindex_term_and_comparison_are_left_out_of_the_xml_sitemap(api_client):
    indexed = TermFactory(slug="indexed", published=True)
    TermFactory(slug="hidden", noindex=True, published=True)
    ComparisonFactory(term_a=indexed, slug="shown-vs", published=True)
    ComparisonFactory(term_a=indexed, slug="hidden-vs", noindex=True, published=True)

    locations = sitemap_xml_locations(api_client)

    assert {"https://glossary.example/terms/indexed", "https://glossary.example/compare/shown-vs"} <= locations
    assert "https://glossary.example/terms/hidden" not in locations
    assert "https://glossary.example/compare/hidden-vs" not in locations


def test_a_noindex_page_stays_public(api_client):
    TermFactory(slug="hidden", noindex=True, published=True)

    assert ok_json(api_client, f"{API}/terms/hidden/")["slug"] == "hidden"


def test_clearing_noindex_returns_the_page_to_the_sitemaps_on_republication(api_client):
    term = TermFactory(slug="hidden", noindex=True, published=True)
    assert ("term", "hidden") not in sitemap_slugs(api_client)

    edit(term, noindex=False)
    assert ("term", "hidden") not in sitemap_slugs(api_client)  # a draft change: not yet
    publish_term(term=term, by=None)

    assert ("term", "hidden") in sitemap_slugs(api_client)
    assert "https://glossary.example/terms/hidden" in sitemap_xml_locations(api_client)


# --- Query counts: the SEO fields are stored, never read per request -----------------------


@pytest.fixture
def _real_reads(settings):
    settings.GLOSSARY_SERVER_CACHE = False


@pytest.mark.usefixtures("_real_reads")
def test_term_and_comparison_detail_with_share_images_read_as_many_queries_as_without(
    api_client, django_assert_max_num_queries
):
    image = library_image()
    term = TermFactory(slug="subject", og_image=image, noindex=True, canonical_url="https://x.example/a")
    publish_term(term=term, by=None)
    ComparisonFactory(term_a=term, slug="subject-vs-other", og_image=image, published=True)

    # The bounds of tests/api/test_query_counts.py for the same endpoints.
    warm_up_and_count(api_client, "/terms/subject/", {}, 3, django_assert_max_num_queries)
    warm_up_and_count(api_client, "/comparisons/subject-vs-other/", {}, 3, django_assert_max_num_queries)
    warm_up_and_count(api_client, "/sitemap/", {}, 4, django_assert_max_num_queries)
