"""The widget and the reference page in a real browser (headless Chromium), against the production stack.

The glossary runs under gunicorn with the demo glossary; the widget is also embedded by a
plain page on another origin. Everything the pages show is checked against what the API
answers for the same term.
"""

import json
import re

import pytest

pytestmark = pytest.mark.browser

SLUG = "foundation-model"
# A 404 the browser logs itself ("Failed to load resource"), expected where a test asks for something absent.
NOT_FOUND_LOG = re.compile(r"Failed to load resource: the server responded with a status of 404")


def expect(locator):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def reference_url(site, slug: str = SLUG, query: str = "") -> str:
    return f"{site.url}/reference/terms/{slug}/{query}"


def widget_of(page):
    """The widget, inside its shadow root (Playwright's locators pierce open shadow roots)."""
    return page.locator("[data-glossary-widget] section.gw")


# --- The reference page --------------------------------------------------------------------


def test_reference_page_shows_every_section_of_the_term_from_the_api(page, console, glossary_site):
    term = glossary_site.api(f"terms/{SLUG}/")

    page.goto(reference_url(glossary_site))

    expect(page.get_by_role("heading", level=1)).to_have_text(term["name"])
    expect(page.locator("#quick-definition")).to_have_text(term["short_definition"])
    # The explanation with its table of contents; each entry leads to its heading.
    toc_links = page.locator("#toc-list a")
    expect(toc_links).to_have_count(len(term["toc"]))
    for link, entry in zip(toc_links.all(), term["toc"], strict=True):
        assert link.text_content() == entry["text"]
        assert link.get_attribute("href") == f"#{entry['anchor']}"
        expect(page.locator(f"#explanation #{entry['anchor']}")).to_have_count(1)
    # "... gets compared with A and B", linking the other terms; and the comparison pages.
    compared = page.locator("#compared-with")
    expect(compared).to_contain_text(f"{term['name']} gets compared with")
    assert [link.get_attribute("href") for link in compared.locator("a").all()] == [
        f"/reference/terms/{comparison['other_term']['slug']}/" for comparison in term["comparisons"]
    ]
    assert page.locator("#comparison-pages a").all_text_contents() == [c["title"] for c in term["comparisons"]]
    assert page.locator("#related a").all_text_contents() == [t["name"] for t in term["related_terms"]]
    # The FAQs as a plain list, in the editor's order.
    assert page.locator("#faq-list h3").all_text_contents() == [faq["question"] for faq in term["faqs"]]
    # The call to action.
    expect(page.locator("#cta-title")).to_have_text(term["cta"]["title"])
    expect(page.locator("#cta-button")).to_have_attribute("href", term["cta"]["button_url"])
    expect(page.locator("#cta-button")).to_have_text(term["cta"]["button_label"])
    # The widget, embedded with widget.js like on any other site.
    expect(widget_of(page).locator("p.msg.bot").first).to_have_text(
        glossary_site.api(f"terms/{SLUG}/widget/")["greeting"]
    )
    assert console.errors == []


def test_reference_page_head_has_the_seo_metadata_and_the_api_json_ld(page, console, glossary_site):
    term = glossary_site.api(f"terms/{SLUG}/")

    page.goto(reference_url(glossary_site))
    expect(page.get_by_role("heading", level=1)).to_have_text(term["name"])

    assert page.title() == term["seo"]["title"]
    assert page.locator('head meta[name="description"]').get_attribute("content") == term["seo"]["description"]
    assert page.locator('head link[rel="canonical"]').get_attribute("href") == term["seo"]["canonical_url"]
    json_ld = page.locator('head script[type="application/ld+json"]')
    expect(json_ld).to_have_count(1)
    assert json.loads(json_ld.text_content()) == term["json_ld"]
    assert console.errors == []


def test_reference_page_of_an_unknown_slug_shows_a_not_found_state(page, console, glossary_site):
    page.goto(reference_url(glossary_site, "no-such-term"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Term not found")
    expect(page.get_by_role("status")).to_contain_text("no published term called “no-such-term”")
    assert page.title() == "Term not found"
    assert page.locator('head meta[name="robots"]').get_attribute("content") == "noindex"
    expect(page.locator("#term")).to_be_hidden()
    assert [error for error in console.errors if not NOT_FOUND_LOG.search(error)] == []


@pytest.fixture(scope="module")
def draft_preview_token(glossary_site) -> str:
    """A term that was never published, 'secret-draft' with one FAQ; a preview token for it."""
    return glossary_site.run(
        "from terms.models import Term\n"
        "from faqs.models import FAQ\n"
        "from editorial.preview import mint_preview_token\n"
        "term = Term.objects.create(name='Secret Draft', slug='secret-draft', category=None,\n"
        "    short_definition='Not live yet.', body='## Hidden part\\n\\nDraft words.')\n"
        "FAQ.objects.create(term=term, question='Is this still a draft?', answer='Yes, *still* a draft.', order=1)\n"
        "print(mint_preview_token(kind='term', object_id=term.pk))\n"
    )


def test_a_draft_is_not_shown_without_a_preview_token_and_is_previewed_with_one(
    page, console, glossary_site, draft_preview_token
):
    page.goto(reference_url(glossary_site, "secret-draft"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Term not found")
    expect(page.get_by_text("Secret Draft")).to_have_count(0)

    page.goto(reference_url(glossary_site, "secret-draft", f"?preview_token={draft_preview_token}"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Secret Draft")
    expect(page.locator("#preview-banner")).to_be_visible()
    expect(page.locator("#toc-list a")).to_have_text(["Hidden part"])
    assert page.locator('head meta[name="robots"]').get_attribute("content") == "noindex"
    # The widget previews the draft too: its suggested question is the draft's FAQ.
    widget = widget_of(page)
    widget.get_by_role("button", name="Is this still a draft?").click()
    expect(widget.get_by_role("log")).to_contain_text("Yes, still a draft.")
    assert [error for error in console.errors if not NOT_FOUND_LOG.search(error)] == []


def test_reference_page_with_a_bad_preview_token_says_the_link_is_invalid(page, glossary_site):
    page.goto(reference_url(glossary_site, query="?preview_token=not-a-token"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Preview unavailable")
    expect(page.get_by_role("status")).to_contain_text("invalid or has expired")


# --- The widget on another site ----------------------------------------------------------------


def test_widget_on_another_site_answers_a_suggested_question_and_links_the_cta(page, console, host_page, glossary_site):
    payload = glossary_site.api(f"terms/{SLUG}/widget/")
    question = payload["suggestions"][1]

    page.goto(host_page)
    widget = widget_of(page)
    expect(widget.locator("p.msg.bot").first).to_have_text(payload["greeting"])
    expect(widget.get_by_role("group", name="Suggested questions").get_by_role("button")).to_have_text(
        [suggestion["question"] for suggestion in payload["suggestions"]]
    )
    widget.get_by_role("button", name=question["question"]).click()

    answer = widget.get_by_role("log").locator(".answer")
    expect(answer).to_have_count(1)
    assert answer.inner_text().strip() == question["answer_text"]
    cta = widget.get_by_role("link", name=payload["cta"]["button_label"])
    expect(cta).to_have_attribute("href", payload["cta"]["button_url"])
    assert console.errors == []


def test_widget_styles_neither_leak_in_nor_out(page, host_page):
    page.goto(host_page)
    greeting = widget_of(page).locator("p.msg.bot").first
    expect(greeting).to_be_visible()

    def style(locator, prop: str) -> str:
        return locator.evaluate(f"node => getComputedStyle(node).{prop}")

    # The host's `p { color: red; font-family: monospace }` does not reach the widget ...
    assert style(greeting, "color") != "rgb(255, 0, 0)"
    assert "monospace" not in style(greeting, "fontFamily")
    assert style(widget_of(page).get_by_role("button").first, "backgroundColor") != "rgb(0, 255, 0)"
    # ... and the widget's `.msg.bot` bubble style does not reach the host's element of that class.
    host_bubble = page.locator("#host-bubble")
    assert style(host_bubble, "backgroundColor") == "rgba(0, 0, 0, 0)"
    assert style(host_bubble, "color") == "rgb(255, 0, 0)"


def test_widget_works_with_the_keyboard_alone_and_announces_answers(page, console, host_page, glossary_site):
    payload = glossary_site.api(f"terms/{SLUG}/widget/")
    widget = widget_of(page)
    page.goto(host_page)
    first = widget.get_by_role("button", name=payload["suggestions"][0]["question"])
    expect(first).to_be_visible()

    page.keyboard.press("Tab")
    expect(first).to_be_focused()
    page.keyboard.press("Enter")

    # The answer is added to a polite live region, and the reader stays where they were.
    log = widget.get_by_role("log")
    assert log.get_attribute("aria-live") == "polite"
    expect(log.locator(".answer")).to_have_text(payload["suggestions"][0]["answer_text"])
    expect(first).to_be_focused()
    expect(first).to_have_attribute("aria-pressed", "true")
    # The next question is one Tab away, answered with the space bar.
    page.keyboard.press("Tab")
    second = widget.get_by_role("button", name=payload["suggestions"][1]["question"])
    expect(second).to_be_focused()
    page.keyboard.press(" ")
    expect(log.locator(".answer")).to_have_count(2)
    # The question box has a label, and the call to action is reachable by keyboard.
    expect(widget.get_by_role("textbox", name="Ask your own question about Foundation Model")).to_be_visible()
    cta = widget.get_by_role("link", name=payload["cta"]["button_label"])
    for _ in range(len(payload["suggestions"]) + 3):
        page.keyboard.press("Tab")
        if cta.evaluate("link => link.getRootNode().activeElement === link"):
            break
    expect(cta).to_be_focused()
    assert console.errors == []


def _has_ask_endpoint(glossary_site) -> bool:
    import urllib.request

    request = urllib.request.Request(  # noqa: S310 -- loopback only
        f"{glossary_site.url}/api/v1/ask/",
        data=json.dumps({"question": "probe", "term": SLUG}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10):  # noqa: S310 -- loopback only
            return True
    except urllib.error.HTTPError as error:
        return error.code not in {404, 405}


def test_widget_of_a_draft_term_shows_nothing_on_another_site(page, host_page, draft_preview_token):
    page.goto(host_page.replace("index.html", "secret-draft.html"))

    host = page.locator('[data-glossary-widget="secret-draft"]')
    expect(host).to_be_hidden()
    assert host.evaluate("node => node.shadowRoot") is None
    expect(page.get_by_text("Is this still a draft?")).to_have_count(0)


def test_reference_page_of_a_renamed_term_shows_it_at_its_new_address(page, console, glossary_site):
    glossary_site.run(
        "from terms.models import Term\n"
        "from terms.services import publish_term\n"
        "term = Term.objects.get(slug='temperature')\n"
        "term.slug = 'sampling-temperature'\n"
        "term.save()\n"
        "publish_term(term=term, by=None)\n"
    )

    page.goto(reference_url(glossary_site, "temperature"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Temperature")
    assert page.url == reference_url(glossary_site, "sampling-temperature")
    expect(widget_of(page).locator("p.msg.bot").first).to_contain_text("Temperature")
    assert console.errors == []


def test_widget_shows_a_reader_question_as_text_never_as_html(page, host_page):
    page.goto(host_page)
    widget = widget_of(page)
    box = widget.get_by_role("textbox", name="Ask your own question about Foundation Model")

    box.fill('<img src=x onerror="window.hacked=1"> <b>bold?</b>')
    box.press("Enter")

    expect(widget.locator(".msg.me")).to_have_text('You asked: <img src=x onerror="window.hacked=1"> <b>bold?</b>')
    expect(widget.locator(".msg.me img, .msg.me b")).to_have_count(0)
    assert page.evaluate("window.hacked") is None


def test_widget_removes_the_question_box_where_the_server_has_no_ask_endpoint(page, console, host_page, glossary_site):
    if _has_ask_endpoint(glossary_site):
        pytest.skip("this server has POST /api/v1/ask/; test_widget_answers_a_free_question covers it")
    page.goto(host_page)
    widget = widget_of(page)

    widget.get_by_role("textbox").fill("What does it cost?")
    widget.get_by_role("textbox").press("Enter")

    expect(widget.get_by_role("textbox")).to_have_count(0)
    expect(widget.get_by_role("log")).to_contain_text("I can only answer the suggested questions here")
    # Keyboard focus is not lost with the box: it moves to the first suggested question.
    expect(widget.get_by_role("group", name="Suggested questions").get_by_role("button").first).to_be_focused()
    # The browser itself logs the 404 of the missing endpoint; nothing else went wrong.
    assert [error for error in console.errors if not NOT_FOUND_LOG.search(error)] == []


def test_widget_answers_a_free_question_and_says_kindly_when_it_has_no_answer(page, console, host_page, glossary_site):
    if not _has_ask_endpoint(glossary_site):
        pytest.skip("this server has no POST /api/v1/ask/ (another part of the product); the widget hides the box")
    question = glossary_site.api(f"terms/{SLUG}/widget/")["suggestions"][0]
    page.goto(host_page)
    widget = widget_of(page)
    box = widget.get_by_role("textbox")

    box.fill(question["question"])
    box.press("Enter")
    expect(widget.get_by_role("log").locator(".answer")).to_have_text(question["answer_text"])

    box.fill("zqxv wibble frobnicate?")
    box.press("Enter")
    expect(widget.get_by_role("log")).to_contain_text("I don't have an answer to that yet")
    assert console.errors == []
