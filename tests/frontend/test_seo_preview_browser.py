"""The SEO fields in a real browser (headless Chromium): character counters and the search snippet
preview on the term form follow what the editor types; the reference page puts the published
noindex and share image in its head.

The glossary runs under gunicorn with the demo glossary on a database of its own, with DEBUG=1 so
the admin's pages name their static files without a collectstatic manifest (as in
test_link_picker_browser.py).
"""

import secrets
from collections.abc import Iterator

import pytest

from tests.frontend.conftest import GlossarySite
from tests.processes import database_of_its_own, run_manage, servers

pytestmark = pytest.mark.browser

USERNAME, PASSWORD = "seo-editor", secrets.token_urlsafe(16)
TERM_URL_PATTERN = "https://glossary.example/terms/{slug}/"


def expect(locator):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


@pytest.fixture(scope="module")
def admin_site(tmp_path_factory) -> Iterator[GlossarySite]:
    environment = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "1",
        "GLOSSARY_TERM_URL_PATTERN": TERM_URL_PATTERN,
        "MEDIA_ROOT": str(tmp_path_factory.mktemp("seo-media")),
    }
    with database_of_its_own(tmp_path_factory.mktemp("seo")) as database_url:
        run_manage(database_url, "load_demo_glossary", environment=environment)
        with servers(database_url, 1, environment=environment) as (server,):
            site = GlossarySite(server, database_url, environment)
            site.run(
                "from django.contrib.auth import get_user_model; "
                f"get_user_model().objects.create_superuser({USERNAME!r}, 'seo@example.com', {PASSWORD!r})"
            )
            yield site


def open_term_form(page, site: GlossarySite, slug: str) -> None:
    term_id = int(site.run(f"from terms.models import Term; print(Term.objects.get(slug={slug!r}).pk)"))
    change_path = f"/admin/terms/term/{term_id}/change/"
    page.goto(f"{site.url}/admin/login/?next={change_path}")
    page.fill("#id_username", USERNAME)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{site.url}{change_path}")


def test_counters_and_snippet_preview_follow_what_the_editor_types(page, console, admin_site):
    open_term_form(page, admin_site, "rag")
    snippet = page.locator(".seo-snippet")
    title_counter = page.locator("#id_seo_title + .seo-counter")
    description_counter = page.locator("#id_seo_description + .seo-counter")

    # Empty SEO fields: the preview shows the name and the short definition, as publication does.
    page.fill("#id_seo_title", "")
    page.fill("#id_seo_description", "")
    page.fill("#id_short_definition", "Retrieve documents, then let the model answer from them.")
    expect(snippet.locator(".seo-snippet-title")).to_have_text(page.input_value("#id_name"))
    expect(snippet.locator(".seo-snippet-description")).to_have_text(
        "Retrieve documents, then let the model answer from them."
    )
    expect(snippet.locator(".seo-snippet-url")).to_have_text("https://glossary.example/terms/rag/")
    expect(title_counter).to_have_text("0 / 60 characters")

    page.fill("#id_seo_title", "Retrieval-augmented generation, explained")
    expect(title_counter).to_have_text("41 / 60 characters")
    expect(snippet.locator(".seo-snippet-title")).to_have_text("Retrieval-augmented generation, explained")

    # Over the recommended length: the counter warns and the preview cuts as a search engine would.
    page.fill("#id_seo_description", "x" * 160)
    expect(description_counter).to_have_text("160 / 155 characters: search engines may cut the rest")
    expect(description_counter).to_have_class("seo-counter seo-counter-over")
    expect(snippet.locator(".seo-snippet-description")).to_have_text("x" * 154 + "…")

    # The canonical override replaces the page's URL; noindex is said plainly.
    page.fill("#id_canonical_url", "https://blog.example.com/rag")
    expect(snippet.locator(".seo-snippet-url")).to_have_text("https://blog.example.com/rag")
    page.check("#id_noindex")
    expect(snippet.locator(".seo-snippet-noindex")).to_contain_text("noindex")

    assert [error for error in console.errors if "/favicon.ico" not in error] == []


def test_reference_page_head_says_noindex_and_names_the_share_image_once_published(page, console, admin_site):
    admin_site.run(
        "import io\n"
        "from django.core.files.uploadedfile import SimpleUploadedFile\n"
        "from PIL import Image\n"
        "from media_library.services import add_image\n"
        "from terms.models import Term\n"
        "from terms.services import publish_term\n"
        "buffer = io.BytesIO(); Image.new('RGB', (120, 63), color=(20, 120, 200)).save(buffer, format='PNG')\n"
        "image = add_image(upload=SimpleUploadedFile('share.png', buffer.getvalue(), content_type='image/png'),\n"
        "    alt_text='Documents flowing into a model', by=None)\n"
        "term = Term.objects.get(slug='lora')\n"
        "term.noindex = True; term.og_image = image; term.save()\n"
        "publish_term(term=term, by=None)\n"
    )
    seo = admin_site.api("terms/lora/")["seo"]

    page.goto(f"{admin_site.url}/reference/terms/lora/")
    expect(page.locator("head meta[name=robots]")).to_have_attribute("content", "noindex")

    assert page.locator('head meta[property="og:image"]').get_attribute("content") == seo["og_image"]["url"]
    assert (
        page.locator('head meta[property="og:image:alt"]').get_attribute("content") == "Documents flowing into a model"
    )
    assert page.locator('head meta[property="og:image:width"]').get_attribute("content") == "120"
    assert [error for error in console.errors if "/favicon.ico" not in error] == []
