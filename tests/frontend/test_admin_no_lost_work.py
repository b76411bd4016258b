"""No lost work and the review inbox in a real browser (headless Chromium) against the production stack.

The admin runs under gunicorn on a database of its own with the demo glossary, and editors in
the Writer, Reviewer and Publisher groups log in through the login page like anyone else.
"""

import json
import re
import secrets

import pytest

from tests.frontend.conftest import GlossarySite
from tests.processes import database_of_its_own, run_manage, servers

pytestmark = pytest.mark.browser

PASSWORD = "a long password for browser tests"  # noqa: S105 -- a test user's password
PEOPLE = {"wendy": "Writer", "walter": "Writer", "rita": "Reviewer", "paula": "Publisher"}
AUTOSAVE_KEYS = "() => Object.keys(localStorage).filter(key => key.startsWith('glossary-cms:autosave:'))"


def expect(locator):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


@pytest.fixture(scope="module")
def glossary_site(tmp_path_factory):
    """The glossary under gunicorn as in production: DEBUG off, the admin's static files collected first."""
    environment = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "STATIC_ROOT": str(tmp_path_factory.mktemp("static")),
        "WHITENOISE_USE_FINDERS": "0",
    }
    with database_of_its_own(tmp_path_factory.mktemp("glossary")) as database_url:
        run_manage(database_url, "collectstatic", "--noinput", environment=environment)
        run_manage(database_url, "load_demo_glossary", environment=environment)
        with servers(database_url, 1, environment=environment) as (server,):
            yield GlossarySite(server, database_url, environment)


@pytest.fixture(scope="module")
def editors(glossary_site) -> dict:
    """The people above (staff, in their group), three terms waiting in the inbox, and the items edited below."""
    script = (
        "import json\n"
        "from django.contrib.auth.models import Group, User\n"
        "from editorial import services\n"
        "from faqs.models import SiteWideFAQ\n"
        "from terms.models import Comparison, Term\n"
        f"people = {{name: User.objects.create_user(name, password={PASSWORD!r}, is_staff=True)"
        f" for name in {list(PEOPLE)!r}}}\n"
        f"for name, role in {PEOPLE!r}.items():\n"
        "    people[name].groups.add(Group.objects.get(name=role))\n"
        "wendy, rita = people['wendy'], people['rita']\n"
        "def waiting(name):\n"
        "    term = Term.objects.create(name=name, slug=name.lower().replace(' ', '-'), short_definition='Waits.',\n"
        "        body='## What it is\\n\\nIt waits.', created_by=wendy, updated_by=wendy)\n"
        "    services.submit_for_review(item=term, by=wendy)\n"
        "    return term\n"
        "waiting('Inbox In Review')\n"
        "services.request_changes(item=waiting('Inbox Sent Back'), by=rita, comment='Say more.')\n"
        "services.approve(item=waiting('Inbox Approved'), by=rita)\n"
        "print(json.dumps({\n"
        "    'term': Term.objects.get(slug='rag').pk,\n"
        "    'other_term': Term.objects.get(slug='lora').pk,\n"
        "    'discarded_term': Term.objects.get(slug='rlhf').pk,\n"
        "    'stale_term': Term.objects.get(slug='knowledge-distillation').pk,\n"
        "    'comparison': Comparison.objects.order_by('pk').first().pk,\n"
        "    'site_faq': SiteWideFAQ.objects.site_wide().order_by('pk').first().pk,\n"
        "}))\n"
    )
    return json.loads(glossary_site.run(script))


def page_errors(console) -> list[str]:
    """What went wrong on the pages, less the browser's own request for a favicon the admin has not got."""
    return [error for error in console.errors if "/favicon.ico" not in error]


def log_in(page, site, username: str) -> None:
    page.goto(f"{site.url}/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#user-tools")).to_contain_text(username)


def change_url(site, kind: str, pk: int) -> str:
    path = {"term": "terms/term", "comparison": "terms/comparison", "site_faq": "faqs/sitewidefaq"}[kind]
    return f"{site.url}/admin/{path}/{pk}/change/"


def saved_field(site, pk: int, field: str) -> str:
    return site.run(f"from terms.models import Term\nprint(getattr(Term.objects.get(pk={pk}), {field!r}))")


def type_into(page, selector: str, text: str) -> None:
    """Replace a field's text by typing, as an editor does (real key presses)."""
    field = page.locator(selector)
    field.click()
    field.press("Control+A")
    field.press_sequentially(text)


def wait_for_autosave(page) -> list[str]:
    page.wait_for_function(f"() => ({AUTOSAVE_KEYS})().length > 0")
    return page.evaluate(AUTOSAVE_KEYS)


class Dialogs:
    """Every dialog the page opens, answered with "stay on this page" (dismiss)."""

    def __init__(self, page):
        self.seen: list[tuple[str, str]] = []
        page.on("dialog", self.answer)

    def answer(self, dialog) -> None:
        self.seen.append((dialog.type, dialog.message))
        dialog.dismiss()


# --- The unsaved-changes warning ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "field"),
    [("term", "#id_short_definition"), ("comparison", "#id_summary"), ("site_faq", "#id_question")],
)
def test_leaving_a_changed_form_by_an_admin_link_or_closing_the_tab_asks_first(
    page, console, glossary_site, editors, kind, field
):
    log_in(page, glossary_site, "wendy")
    page.goto(change_url(glossary_site, kind, editors[kind]))
    dialogs = Dialogs(page)
    form_url = page.url

    type_into(page, field, "Changed but not saved.")
    page.locator(".breadcrumbs a").first.click()

    assert dialogs.seen == [("confirm", "You have unsaved changes on this page. Leave it and lose them?")]
    assert page.url == form_url
    expect(page.locator(field)).to_have_value("Changed but not saved.")

    with page.expect_event("dialog"):
        page.close(run_before_unload=True)
    assert dialogs.seen[-1][0] == "beforeunload"
    assert page_errors(console) == []


def test_an_unchanged_form_is_left_without_a_question(page, glossary_site, editors):
    log_in(page, glossary_site, "wendy")
    page.goto(change_url(glossary_site, "term", editors["other_term"]))
    dialogs = Dialogs(page)

    page.locator(".breadcrumbs a").first.click()

    expect(page).to_have_url(f"{glossary_site.url}/admin/")
    assert dialogs.seen == []


def test_saving_a_changed_form_asks_nothing_and_clears_its_draft(page, console, glossary_site, editors):
    log_in(page, glossary_site, "wendy")
    page.goto(change_url(glossary_site, "term", editors["other_term"]))
    dialogs = Dialogs(page)
    type_into(page, "#id_short_definition", "Low-rank adapters, saved on purpose.")
    wait_for_autosave(page)

    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    assert dialogs.seen == []
    assert saved_field(glossary_site, editors["other_term"], "short_definition") == (
        "Low-rank adapters, saved on purpose."
    )
    assert page.evaluate(AUTOSAVE_KEYS) == []
    assert page_errors(console) == []


# --- Autosave and recovery -----------------------------------------------------------------------------


def test_a_closed_tab_offers_its_autosaved_changes_back_and_they_can_be_restored_and_saved(
    page, console, glossary_site, editors
):
    log_in(page, glossary_site, "wendy")
    page.goto(change_url(glossary_site, "term", editors["term"]))
    expect(page.locator("#autosave-offer")).to_have_count(0)
    type_into(page, "#id_short_definition", "Retrieval first, then generation: typed before the tab closed.")
    page.locator("#id_body").press("Control+End")
    page.locator("#id_body").press_sequentially("\n\nA paragraph that must not be lost.")
    (key,) = wait_for_autosave(page)
    assert key.startswith("glossary-cms:autosave:u") and f"terms.term:{editors['term']}:v" in key
    tab_context = page.context
    page.close()  # a closed tab: no question asked, nothing submitted

    page = tab_context.new_page()
    page.goto(change_url(glossary_site, "term", editors["term"]))
    offer = page.locator("#autosave-offer")
    expect(offer).to_contain_text(re.compile(r"You have unsaved changes from \d\d:\d\d\."))
    expect(offer).not_to_contain_text("older version")
    saved_definition = saved_field(glossary_site, editors["term"], "short_definition")
    expect(page.locator("#id_short_definition")).to_have_value(saved_definition)

    offer.get_by_role("button", name="Restore").click()

    expect(offer).to_have_count(0)
    expect(page.locator("#id_short_definition")).to_have_value(
        "Retrieval first, then generation: typed before the tab closed."
    )
    expect(page.locator("#id_body")).to_have_value(re.compile(r"A paragraph that must not be lost\.$"))
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    assert saved_field(glossary_site, editors["term"], "short_definition") == (
        "Retrieval first, then generation: typed before the tab closed."
    )
    assert saved_field(glossary_site, editors["term"], "body").endswith("A paragraph that must not be lost.")
    # Saved for real: the draft is gone and the form offers nothing any more.
    page.goto(change_url(glossary_site, "term", editors["term"]))
    expect(page.locator("#id_short_definition")).to_be_visible()
    expect(page.locator("#autosave-offer")).to_have_count(0)
    assert page_errors(console) == []


def test_a_discarded_draft_is_gone_and_the_form_keeps_the_saved_text(page, glossary_site, editors):
    log_in(page, glossary_site, "wendy")
    url = change_url(glossary_site, "term", editors["discarded_term"])
    page.goto(url)
    saved_definition = page.locator("#id_short_definition").input_value()
    type_into(page, "#id_short_definition", "Not wanted after all.")
    wait_for_autosave(page)
    context = page.context
    page.close()

    page = context.new_page()
    page.goto(url)
    page.locator("#autosave-offer").get_by_role("button", name="Discard").click()

    expect(page.locator("#autosave-offer")).to_have_count(0)
    expect(page.locator("#id_short_definition")).to_have_value(saved_definition)
    assert page.evaluate(AUTOSAVE_KEYS) == []
    page.reload()
    expect(page.locator("#id_short_definition")).to_be_visible()
    expect(page.locator("#autosave-offer")).to_have_count(0)


def test_another_editor_in_the_same_browser_is_never_offered_your_draft(page, glossary_site, editors):
    log_in(page, glossary_site, "wendy")
    url = change_url(glossary_site, "term", editors["discarded_term"])
    page.goto(url)
    type_into(page, "#id_short_definition", "Wendy's private draft.")
    wait_for_autosave(page)
    context = page.context
    page.close()
    context.clear_cookies()  # Wendy's session ends; Walter logs in on the same computer, same browser storage

    page = context.new_page()
    log_in(page, glossary_site, "walter")
    page.goto(url)

    expect(page.locator("#id_short_definition")).to_be_visible()
    expect(page.locator("#autosave-offer")).to_have_count(0)
    expect(page.locator("#id_short_definition")).not_to_have_value("Wendy's private draft.")
    assert len(page.evaluate(AUTOSAVE_KEYS)) == 1  # Wendy's, kept for her, never read for Walter


def test_restoring_a_draft_over_a_newer_save_gets_the_stale_form_refusal_and_loses_nothing(
    page, browser, glossary_site, editors
):
    url = change_url(glossary_site, "term", editors["stale_term"])
    log_in(page, glossary_site, "wendy")
    page.goto(url)
    type_into(page, "#id_short_definition", "Wendy's autosaved definition.")
    wait_for_autosave(page)
    context = page.context
    page.close()
    # Meanwhile Walter saves the same term from his own browser.
    other = browser.new_context()
    try:
        walter = other.new_page()
        log_in(walter, glossary_site, "walter")
        walter.goto(url)
        type_into(walter, "#id_body", "## What it is\n\nWalter's explanation, saved first.")
        walter.get_by_role("button", name="Save", exact=True).click()
        expect(walter.locator(".messagelist .success")).to_be_visible()
    finally:
        other.close()

    page = context.new_page()
    page.goto(url)
    offer = page.locator("#autosave-offer")
    expect(offer).to_contain_text("typed on an older version that someone has saved since")
    offer.get_by_role("button", name="Restore").click()
    page.get_by_role("button", name="Save", exact=True).click()

    refusal = page.locator(".errorlist.nonfield")
    expect(refusal).to_contain_text("walter saved")
    expect(refusal).to_contain_text("They changed: explanation.")
    expect(page.locator("#id_short_definition")).to_have_value("Wendy's autosaved definition.")
    assert saved_field(glossary_site, editors["stale_term"], "short_definition") != "Wendy's autosaved definition."
    # The refusal page counts as unsaved work: it is autosaved, and a second, deliberate save keeps it.
    wait_for_autosave(page)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    assert saved_field(glossary_site, editors["stale_term"], "short_definition") == "Wendy's autosaved definition."
    assert saved_field(glossary_site, editors["stale_term"], "body").startswith("## What it is")
    assert page.evaluate(AUTOSAVE_KEYS) == []


# --- The review inbox, for each role ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "section", "item"),
    [
        ("rita", "To review", "Inbox In Review"),
        ("wendy", "Sent back to you", "Inbox Sent Back"),
        ("paula", "Approved, ready to publish", "Inbox Approved"),
    ],
    ids=["reviewer", "writer", "publisher"],
)
def test_each_role_sees_its_inbox_section_and_follows_it_to_the_review_page(
    page, console, glossary_site, editors, username, section, item
):
    log_in(page, glossary_site, username)

    inbox = page.locator("#waiting-for-me")
    expect(inbox.locator("caption")).to_have_text([re.compile(rf"^{re.escape(section)} \(\d+\)$")])
    inbox.get_by_role("link", name=item).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Review & publish: {item}")
    expect(page.locator("#since-last-seen")).to_contain_text("This is your first look")
    assert page_errors(console) == []
