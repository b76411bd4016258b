"""The SEO fields in the admin: counters and a snippet preview, noindex, a canonical override, a share image.

Through the admin's real views: a canonical URL must be an absolute http(s) URL (a form error
keeps the typed text); the share image is chosen from the media library and cannot be deleted
while a term or comparison uses it.
"""

from html import unescape

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from editorial.services import restore_edit
from terms.models import Term
from tests.api.support import edit
from tests.factories import ComparisonFactory, TermFactory, UserFactory
from tests.media_library.support import library_image
from tests.terms.test_admin import change_form_of, term_form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GLOSSARY_MEDIA_BASE_URL = "https://cms.example.org"


def page_text(response) -> str:
    return unescape(response.content.decode())


@pytest.mark.parametrize(
    "bad_url",
    ["ftp://files.example.com/page", "javascript:alert(1)", "not a url at all", "/glossary/relative/"],
)
def test_a_canonical_url_that_is_not_absolute_http_is_a_form_error_that_keeps_the_text(admin_client, bad_url):
    typed_body = "An explanation typed before the mistake, kept after the error."

    response = admin_client.post(
        reverse("admin:terms_term_add"), term_form(slug="agent", body=typed_body, canonical_url=bad_url)
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["canonical_url"]
    content = page_text(response)
    assert f'value="{bad_url}"' in content
    assert typed_body in content
    assert not Term.objects.exists()


def test_saving_noindex_a_canonical_url_and_a_library_share_image_stores_them_on_the_working_copy(admin_client):
    term = TermFactory(slug="agent")
    image = library_image("A robot arm")

    response = admin_client.post(
        reverse("admin:terms_term_change", args=[term.pk]),
        change_form_of(
            admin_client,
            term,
            noindex="on",
            canonical_url="https://blog.example.com/agents",
            og_image=str(image.pk),
        ),
    )

    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    term.refresh_from_db()
    assert (term.noindex, term.canonical_url, term.og_image) == (True, "https://blog.example.com/agents", image)
    assert not term.versions.exists(), "saving must not publish"


def test_term_change_page_has_the_counters_script_and_the_snippet_preview_of_the_term_url(admin_client, settings):
    settings.GLOSSARY_TERM_URL_PATTERN = "https://glossary.example/terms/{slug}/"
    term = TermFactory(slug="agent")

    response = admin_client.get(reverse("admin:terms_term_change", args=[term.pk]))

    content = response.content.decode()
    assert "editorial/seo_preview.js" in content and "editorial/seo_preview.css" in content
    assert 'class="seo-snippet" data-url-pattern="https://glossary.example/terms/{slug}/"' in content
    assert 'data-title-from="name" data-description-from="short_definition"' in content
    for field in ["seo_title", "seo_description", "noindex", "canonical_url", "og_image"]:
        assert f'name="{field}"' in content


def test_comparison_change_page_previews_the_comparison_url_and_falls_back_to_title_and_summary(admin_client):
    comparison = ComparisonFactory()

    response = admin_client.get(reverse("admin:terms_comparison_change", args=[comparison.pk]))

    content = response.content.decode()
    assert "editorial/seo_preview.js" in content
    assert 'data-title-from="title" data-description-from="summary"' in content
    assert 'name="canonical_url"' in content and 'name="og_image"' in content


def test_comparison_slug_help_text_shows_the_pattern_instead_of_losing_it_as_html(admin_client):
    response = admin_client.get(reverse("admin:terms_comparison_add"))

    content = page_text(response)
    assert "Filled from the two terms’ slugs when empty, e.g. “llm-vs-foundation-model”." in content
    assert "Filled as -vs- when empty" not in content


def test_an_image_used_as_a_share_image_cannot_be_deleted_from_the_library():
    image = library_image()
    TermFactory(og_image=image)

    with pytest.raises(ProtectedError):
        image.delete()


def test_restoring_an_earlier_edit_brings_back_its_seo_fields():
    image = library_image()
    term = TermFactory(slug="agent", noindex=True, canonical_url="https://blog.example.com/agents", og_image=image)
    first_edit = term.history.order_by("history_id").first()
    edit(term, noindex=False, canonical_url="", og_image=None)

    restore_edit(item=term, history_id=first_edit.history_id, by=UserFactory(superuser=True))

    term.refresh_from_db()
    assert (term.noindex, term.canonical_url, term.og_image) == (True, "https://blog.example.com/agents", image)
