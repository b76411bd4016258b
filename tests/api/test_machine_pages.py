"""Pages for machines: terms and comparisons as Markdown, llms.txt, llms-full.txt and sitemap.xml.

Live content only, absolute page URLs, the editor's raw HTML left out, the media type each
format has, and the same validators and cache bounds as every delivery answer.
"""

import xml.etree.ElementTree as ElementTree
from datetime import timedelta

import pytest
import time_machine

from scheduling.services import schedule_publication, schedule_withdrawal
from terms.models import TermVersion
from terms.services import publish_term, unpublish_term
from tests.api.support import API, edit, ok_json
from tests.factories import CategoryFactory, TermFactory
from tests.scheduling.conftest import GO_LIVE
from tests.scheduling.workflow import approved, member_of

pytestmark = pytest.mark.django_db

BASE = "http://localhost:3000/glossary"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
MACHINE_PAGES = ["/llms.txt", "/llms-full.txt", "/sitemap.xml"]


def text_of(client, path: str, media_type: str) -> str:
    response = client.get(f"{API}{path}")
    assert response.status_code == 200, (path, response.status_code, response.content[:300])
    assert response["Content-Type"] == f"{media_type}; charset=utf-8"
    return response.content.decode()


# --- Term and comparison pages as Markdown ------------------------------------------------------


def test_a_term_page_as_markdown_has_name_definition_explanation_faqs_and_absolute_links(api_client, term_page):
    page = text_of(api_client, "/terms/foundation-model/markdown/", "text/markdown")

    assert page.startswith(
        "# Foundation Model\n\n> A large model trained on broad data and adapted to many tasks.\n\n"
        "Also known as: FM, Base model\n\n## What it is\n\n"
    )
    assert "A foundation model is trained once on **broad data**" in page
    assert page.index("### What is a foundation model?") < page.index("### Is GPT-4 a foundation model?")
    assert "Yes, **it is**." in page
    assert (
        "## Category\n\n[Models & architectures](http://localhost:3000/glossary/category/models-architectures/)" in page
    )
    assert "## Related terms\n\n- [LLM](http://localhost:3000/glossary/llm/)\n- [Pre-training](" in page
    assert "- [Foundation Model vs LLM](http://localhost:3000/glossary/compare/foundation-model-vs-llm/)" in page
    assert page.endswith("Source: <http://localhost:3000/glossary/foundation-model/>\n")
    # The editor's raw HTML is not carried into Markdown; links to pages that are not live are left out.
    assert "<script>" not in page and "alert" not in page
    for hidden in ("draft-neighbour", "withdrawn-neighbour", "Draft Neighbour"):
        assert hidden not in page


def test_the_markdown_is_rendered_at_publication_and_stored_on_the_version(term_page):
    version = TermVersion.objects.live(at=term_page.last_published_at).get(slug="foundation-model")

    assert version.markdown.startswith("# Foundation Model\n")
    assert "Related terms" not in version.markdown  # live links are added per request


def test_relative_links_in_the_explanation_become_absolute_and_unsafe_ones_go(api_client):
    TermFactory(
        slug="linked",
        body="See [LLM](/glossary/llm/), [above](#what-it-is) and [x](javascript:alert(1)).\n\n"
        "<div onclick='x'>hi</div>",
        published=True,
    )

    page = text_of(api_client, "/terms/linked/markdown/", "text/markdown")

    assert "[LLM](http://localhost:3000/glossary/llm/)" in page
    assert "[above](http://localhost:3000/glossary/linked/#what-it-is)" in page
    assert "[x](#)" in page
    assert "javascript" not in page and "onclick" not in page


def test_a_comparison_page_as_markdown_links_both_terms_and_tables_its_points(api_client, term_page):
    page = text_of(api_client, "/comparisons/foundation-model-vs-llm/markdown/", "text/markdown")

    assert page.startswith("# Foundation Model vs LLM\n\n> How the two differ.\n\n")
    assert (
        "Compares [Foundation Model](http://localhost:3000/glossary/foundation-model/) and "
        "[LLM](http://localhost:3000/glossary/llm/)." in page
    )
    assert "| Aspect | Foundation Model | LLM |\n| --- | --- | --- |\n| Modality |" in page
    assert "### Is every LLM a foundation model?" in page


def test_a_renamed_slug_redirects_to_the_markdown_of_the_new_one(api_client):
    term = TermFactory(slug="old-name", published=True)
    edit(term, slug="new-name")
    publish_term(term=term, by=None)

    response = api_client.get(f"{API}/terms/old-name/markdown/")

    assert response.status_code == 301
    assert response["Location"].endswith("/api/v1/terms/new-name/markdown/")


def test_a_reversed_comparison_slug_redirects_to_its_markdown(api_client, term_page):
    response = api_client.get(f"{API}/comparisons/llm-vs-foundation-model/markdown/")

    assert response.status_code == 301
    assert response["Location"].endswith("/api/v1/comparisons/foundation-model-vs-llm/markdown/")


@pytest.mark.parametrize("path", ["/terms/agent/markdown/", *MACHINE_PAGES])
def test_machine_pages_carry_validators_and_answer_304(api_client, path):
    TermFactory(slug="agent", published=True)
    first = api_client.get(f"{API}{path}")

    again = api_client.get(f"{API}{path}", HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200 and first["Cache-Control"].startswith("public, max-age=")
    assert first["Last-Modified"]
    assert again.status_code == 304


# --- llms.txt and llms-full.txt -----------------------------------------------------------------


def test_llms_txt_has_the_name_a_summary_and_a_section_per_category(api_client):
    agents, models = CategoryFactory(name="Agents", order=2), CategoryFactory(name="Models", order=1)
    TermFactory(name="Tool use", slug="tool-use", short_definition="Calling tools.", category=agents, published=True)
    TermFactory(name="Agent", slug="agent", short_definition="Acts on its own.", category=agents, published=True)
    TermFactory(name="LLM", slug="llm", short_definition="A large language model.", category=models, published=True)
    TermFactory(name="Loner", slug="loner", short_definition="No category.", category=None, published=True)
    CategoryFactory(name="Empty")

    text = text_of(api_client, "/llms.txt", "text/plain")

    assert text == (
        "# AI Glossary\n\n"
        "> Plain-language definitions, explanations and FAQs of the glossary's terms.\n\n"
        "## Models\n\n"
        f"- [LLM]({BASE}/llm/): A large language model.\n\n"
        "## Agents\n\n"
        f"- [Agent]({BASE}/agent/): Acts on its own.\n"
        f"- [Tool use]({BASE}/tool-use/): Calling tools.\n\n"
        "## Other terms\n\n"
        f"- [Loner]({BASE}/loner/): No category.\n"
    )


def test_a_withdrawn_term_leaves_llms_txt_at_its_instant(api_client):
    publisher = member_of("Publisher", "publisher")
    with time_machine.travel(GO_LIVE - timedelta(hours=1), tick=False) as clock:
        term = TermFactory(name="Leaving", slug="leaving", category=None, published=True)
        schedule_withdrawal(item=term, at=GO_LIVE, by=publisher)
        clock.move_to(GO_LIVE - timedelta(seconds=1))
        before = api_client.get(f"{API}/llms.txt")
        clock.move_to(GO_LIVE)
        after = text_of(api_client, "/llms.txt", "text/plain")
        full_after = text_of(api_client, "/llms-full.txt", "text/plain")
        changes = ok_json(api_client, f"{API}/changes/")["changes"]

    assert "[Leaving]" in before.content.decode()
    assert before["Cache-Control"] == "public, max-age=1"
    assert "Leaving" not in after and "Leaving" not in full_after
    assert [(c["slug"], c["action"]) for c in changes] == [("leaving", "published"), ("leaving", "withdrawn")]


def test_a_scheduled_term_joins_llms_full_txt_at_its_instant(api_client):
    publisher = member_of("Publisher", "publisher")
    with time_machine.travel(GO_LIVE - timedelta(hours=1), tick=False) as clock:
        schedule_publication(item=approved(TermFactory(name="Arriving", slug="arriving")), at=GO_LIVE, by=publisher)
        before = text_of(api_client, "/llms-full.txt", "text/plain")
        clock.move_to(GO_LIVE)
        after = text_of(api_client, "/llms-full.txt", "text/plain")

    assert "Arriving" not in before
    assert "# Arriving\n\n> Arriving is a concept in machine learning." in after


def test_llms_full_txt_has_every_live_term_page_a_to_z(api_client):
    for name in ("Zeta", "Alpha", "Mu"):
        TermFactory(name=name, slug=name.lower(), published=True)
    unpublish_term(term=TermFactory(name="Gone", slug="gone", published=True), by=None)

    text = text_of(api_client, "/llms-full.txt", "text/plain")

    assert text.startswith("# AI Glossary\n\n> ")
    assert [line for line in text.splitlines() if line.startswith("# ")] == [
        "# AI Glossary",
        "# Alpha",
        "# Mu",
        "# Zeta",
    ]
    assert text.count("\n---\n") == 2


# --- sitemap.xml --------------------------------------------------------------------------------


def test_sitemap_xml_lists_the_same_pages_as_the_json_sitemap(api_client, term_page):
    body = text_of(api_client, "/sitemap.xml", "application/xml").encode()
    document = ElementTree.fromstring(body)  # noqa: S314 -- our own answer, in a test
    urls = [
        (url.findtext(f"{SITEMAP_NS}loc"), url.findtext(f"{SITEMAP_NS}lastmod"))
        for url in document.findall(f"{SITEMAP_NS}url")
    ]
    expected = ok_json(api_client, f"{API}/sitemap/")

    assert document.tag == f"{SITEMAP_NS}urlset"
    assert [loc for loc, _ in urls] == [entry["url"] for entry in expected]
    assert [lastmod for _, lastmod in urls][0] == "2025-03-03T09:01:00+00:00"
    assert len(urls) == 7
