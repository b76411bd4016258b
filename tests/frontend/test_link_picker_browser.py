"""Internal links in a real browser (headless Chromium): the link picker in the Markdown editor, and a
renamed target still linked after republication, all through the admin's pages.

The glossary runs under gunicorn with the demo glossary on a database of its own. It runs with
DEBUG=1: the admin's pages name their static files, which production serves after
`collectstatic` (a manifest these tests do not build); nothing else here depends on it.
"""

import json
import re
import secrets
from collections.abc import Iterator

import pytest

from tests.frontend.conftest import GlossarySite
from tests.processes import database_of_its_own, run_manage, servers

pytestmark = pytest.mark.browser

USERNAME, PASSWORD = "linker", secrets.token_urlsafe(16)


def page_errors(console) -> list[str]:
    """Console errors, less the browser's own request for /favicon.ico (the admin names none)."""
    return [error for error in console.errors if "/favicon.ico" not in error]


def expect(locator):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


@pytest.fixture(scope="module")
def admin_site(tmp_path_factory) -> Iterator[GlossarySite]:
    environment = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "1",
        # One person walks the whole review loop here; the roles are tested elsewhere.
        "GLOSSARY_ALLOW_SELF_APPROVAL": "1",
    }
    with database_of_its_own(tmp_path_factory.mktemp("links")) as database_url:
        run_manage(database_url, "load_demo_glossary", environment=environment)
        with servers(database_url, 1, environment=environment) as (server,):
            site = GlossarySite(server, database_url, environment)
            site.run(
                "from django.contrib.auth import get_user_model; "
                f"get_user_model().objects.create_superuser({USERNAME!r}, 'linker@example.com', {PASSWORD!r})"
            )
            yield site


def term_id(site: GlossarySite, slug: str) -> int:
    return int(site.run(f"from terms.models import Term; print(Term.objects.get(slug={slug!r}).pk)"))


def log_in(page, site: GlossarySite, next_path: str) -> None:
    page.goto(f"{site.url}/admin/login/?next={next_path}")
    page.fill("#id_username", USERNAME)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{site.url}{next_path}")


def test_the_link_picker_inserts_a_reference_to_the_term_picked_by_name_or_alias(page, console, admin_site):
    rag, lora = term_id(admin_site, "rag"), term_id(admin_site, "lora")
    draft = int(
        admin_site.run(
            "from terms.models import Term; "
            "print(Term.objects.create(name='Link Draft', slug='link-draft', short_definition='A draft.', "
            "body='Start. ').pk)"
        )
    )
    change_path = f"/admin/terms/term/{draft}/change/"
    log_in(page, admin_site, change_path)
    body = page.locator("textarea#id_body")

    # Keyboard: Ctrl+K in the text, type part of a name, Enter picks the first match.
    body.click()
    page.keyboard.press("End")
    page.keyboard.press("Control+k")
    search = page.get_by_role("combobox", name="Search terms and comparisons to link to")
    expect(search).to_be_focused()
    search.type("Retrieval-Aug")
    expect(page.get_by_role("option").first).to_contain_text("Retrieval-Augmented Generation")
    page.keyboard.press("Enter")
    expect(body).to_have_value(f"Start. [Retrieval-Augmented Generation](term:{rag})")
    expect(body).to_be_focused()

    # The button, with text selected: the selection becomes the link text; found by its alias.
    body.evaluate(
        "(area) => { area.value += ' and an adapter.'; const at = area.value.indexOf('adapter');"
        " area.setSelectionRange(at, at + 'adapter'.length); }"
    )
    page.locator(".link-picker-button").first.click()
    search.type("Low-Rank")
    option = page.get_by_role("option", name=re.compile("LoRA"))
    expect(option).to_contain_text("also called Low-Rank Adaptation")
    option.click()
    expected = f"Start. [Retrieval-Augmented Generation](term:{rag}) and an [adapter](term:{lora})."
    expect(body).to_have_value(expected)

    # The live preview links the references to the targets' admin pages.
    preview = page.locator(".markdownx-preview").first
    expect(preview.locator(f'a[href="/admin/terms/term/{lora}/change/"]')).to_have_text("adapter")

    # Escape closes the picker and gives the text its focus back; saving keeps the references.
    page.keyboard.press("Control+k")
    page.keyboard.press("Escape")
    expect(page.locator(".link-picker")).to_have_count(0)
    expect(body).to_be_focused()
    page.locator("input[name=_continue]").click()
    page.wait_for_url(f"{admin_site.url}{change_path}")
    stored = admin_site.run(f"from terms.models import Term; print(Term.objects.get(pk={draft}).body)")
    assert stored == expected
    assert page_errors(console) == []


def click_transition(page, label: str) -> None:
    page.get_by_role("button", name=label, exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text(f"{label}: done.")


def test_a_renamed_target_is_linked_under_its_new_slug_after_republication(page, console, admin_site):
    target = term_id(admin_site, "vector-database")
    page_id = int(
        admin_site.run(
            "from terms.models import Term; from terms.services import publish_term; "
            "t = Term.objects.create(name='Linking Page', slug='linking-page', short_definition='It links.', "
            f"body='Stored in a [vector store](term:{target}).'); publish_term(term=t, by=None); print(t.pk)"
        )
    )
    api = "/api/v1/terms/linking-page/"
    assert (
        'href="http://localhost:3000/glossary/vector-database/"'
        in json.loads(admin_site.server.get(api).body)["body_html"]
    )

    # Rename the target in the admin, and take it through review to publication.
    log_in(page, admin_site, f"/admin/terms/term/{target}/change/")
    page.fill("#id_slug", "vector-db")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text("went back to draft")
    page.goto(f"{admin_site.url}/admin/terms/term/{target}/workflow/")
    click_transition(page, "Submit for review")
    click_transition(page, "Approve")
    click_transition(page, "Publish now")

    # The linking page still links the old slug, which now redirects; republished, it links the new one.
    old = json.loads(admin_site.server.get(api).body)["body_html"]
    assert 'href="http://localhost:3000/glossary/vector-database/"' in old
    # The old slug redirects (urllib follows the 301) to the renamed term.
    assert json.loads(admin_site.server.get("/api/v1/terms/vector-database/").body)["slug"] == "vector-db"
    page.goto(f"{admin_site.url}/admin/terms/term/{page_id}/workflow/")
    click_transition(page, "Publish now")

    body_html = json.loads(admin_site.server.get(api).body)["body_html"]
    assert '<a href="http://localhost:3000/glossary/vector-db/" rel="noopener noreferrer">vector store</a>' in (
        body_html
    )
    assert "vector-database" not in body_html
    assert page_errors(console) == []


def test_an_faq_added_on_the_page_gets_the_link_picker_too(page, console, admin_site):
    comparison = int(
        admin_site.run("from terms.models import Comparison; print(Comparison.objects.order_by('title').first().pk)")
    )
    title = admin_site.run(f"from terms.models import Comparison; print(Comparison.objects.get(pk={comparison}))")
    draft = int(
        admin_site.run(
            "from terms.models import Term; "
            "print(Term.objects.create(name='FAQ Draft', slug='faq-draft', short_definition='A draft.').pk)"
        )
    )
    log_in(page, admin_site, f"/admin/terms/term/{draft}/change/")

    page.get_by_role("button", name=re.compile("Add another FAQ")).click()
    answer = page.locator("textarea[name=faqs-0-answer]")
    answer.click()
    page.keyboard.press("Control+k")
    page.get_by_role("combobox", name="Search terms and comparisons to link to").type(title[:12])
    page.get_by_role("option", name=re.compile(re.escape(title))).click()

    expect(answer).to_have_value(f"[{title}](comparison:{comparison})")
    # The new form has its own button, like the forms the page was rendered with.
    buttons = page.locator(".link-picker-button")
    expect(buttons).to_have_count(2)  # the explanation's and the new answer's
    assert page_errors(console) == []
