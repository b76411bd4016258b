"""schema.org JSON-LD of term and comparison pages: DefinedTerm, FAQPage, BreadcrumbList, WebPage."""

import pytest

from tests.api.support import API, ok_json
from tests.factories import CategoryFactory, ComparisonFactory, FAQFactory, TermAliasFactory, TermFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frontend_urls(settings):
    settings.GLOSSARY_SITE_NAME = "AI Glossary"
    settings.GLOSSARY_INDEX_URL = "https://site.example/glossary/"
    settings.GLOSSARY_TERM_URL_PATTERN = "https://site.example/glossary/{slug}/"
    settings.GLOSSARY_COMPARISON_URL_PATTERN = "https://site.example/glossary/compare/{slug}/"
    settings.GLOSSARY_CATEGORY_URL_PATTERN = "https://site.example/glossary/category/{slug}/"


def nodes_of(json_ld: dict, node_type: str) -> list[dict]:
    assert json_ld["@context"] == "https://schema.org"
    return [node for node in json_ld["@graph"] if node["@type"] == node_type]


def the_node(json_ld: dict, node_type: str) -> dict:
    (node,) = nodes_of(json_ld, node_type)
    return node


def test_term_json_ld_has_a_defined_term_in_the_glossarys_defined_term_set(api_client, term_page):
    json_ld = ok_json(api_client, f"{API}/terms/foundation-model/")["json_ld"]

    term = the_node(json_ld, "DefinedTerm")
    assert term["name"] == "Foundation Model"
    assert term["description"] == term_page.term.short_definition
    assert term["url"] == "https://site.example/glossary/foundation-model/"
    assert term["alternateName"] == ["FM", "Base model"]
    term_set = term["inDefinedTermSet"]
    assert term_set["@type"] == "DefinedTermSet"
    assert term_set["name"] == "AI Glossary"
    assert term_set["url"] == "https://site.example/glossary/"


def test_term_json_ld_has_an_faq_page_with_every_published_faq(api_client, term_page):
    json_ld = ok_json(api_client, f"{API}/terms/foundation-model/")["json_ld"]

    faq_page = the_node(json_ld, "FAQPage")
    questions = faq_page["mainEntity"]
    assert [question["name"] for question in questions] == [faq.question for faq in term_page.faqs]
    for question in questions:
        assert question["@type"] == "Question"
        assert question["acceptedAnswer"]["@type"] == "Answer"
    # Plain text, as search engines expect: no Markdown, no tags.
    assert questions[0]["acceptedAnswer"]["text"] == "A reusable model."


def test_term_json_ld_has_no_faq_page_when_the_term_has_no_faqs(api_client):
    TermFactory(slug="lonely", published=True)
    FAQFactory(question="A site-wide one?", published=True)

    json_ld = ok_json(api_client, f"{API}/terms/lonely/")["json_ld"]

    assert nodes_of(json_ld, "FAQPage") == []
    assert len(nodes_of(json_ld, "DefinedTerm")) == 1


@pytest.mark.parametrize(
    ("with_category", "expected_trail"),
    [
        (
            True,
            [
                ("AI Glossary", "https://site.example/glossary/"),
                ("Agents", "https://site.example/glossary/category/agents/"),
                ("Tool use", "https://site.example/glossary/tool-use/"),
            ],
        ),
        (
            False,
            [
                ("AI Glossary", "https://site.example/glossary/"),
                ("Tool use", "https://site.example/glossary/tool-use/"),
            ],
        ),
    ],
)
def test_term_json_ld_breadcrumbs_count_from_1_and_end_at_the_terms_url(api_client, with_category, expected_trail):
    category = CategoryFactory(name="Agents", slug="agents") if with_category else None
    TermFactory(name="Tool use", slug="tool-use", category=category, published=True)

    json_ld = ok_json(api_client, f"{API}/terms/tool-use/")["json_ld"]

    items = the_node(json_ld, "BreadcrumbList")["itemListElement"]
    assert [item["position"] for item in items] == list(range(1, len(expected_trail) + 1))
    assert [(item["name"], item["item"]) for item in items] == expected_trail
    assert all(item["@type"] == "ListItem" for item in items)


def test_term_json_ld_of_a_term_without_aliases_has_no_alternate_name(api_client):
    TermFactory(slug="plain", published=True)

    term = the_node(ok_json(api_client, f"{API}/terms/plain/")["json_ld"], "DefinedTerm")

    assert "alternateName" not in term


def test_comparison_json_ld_is_a_web_page_about_both_terms(api_client, term_page):
    json_ld = ok_json(api_client, f"{API}/comparisons/foundation-model-vs-llm/")["json_ld"]

    page = the_node(json_ld, "WebPage")
    assert page["name"] == "Foundation Model vs LLM"
    assert page["description"] == "How the two differ."
    assert page["url"] == "https://site.example/glossary/compare/foundation-model-vs-llm/"
    assert page["about"] == [
        {"@id": "https://site.example/glossary/foundation-model/#term"},
        {"@id": "https://site.example/glossary/llm/#term"},
    ]
    # `about` points at the DefinedTerm nodes of the term pages.
    term_json_ld = ok_json(api_client, f"{API}/terms/foundation-model/")["json_ld"]
    assert the_node(term_json_ld, "DefinedTerm")["@id"] == page["about"][0]["@id"]

    items = the_node(json_ld, "BreadcrumbList")["itemListElement"]
    assert [item["position"] for item in items] == [1, 2]
    assert items[-1]["item"] == page["url"]

    (question,) = the_node(json_ld, "FAQPage")["mainEntity"]
    assert question["name"] == "Is every LLM a foundation model?"
    assert question["acceptedAnswer"]["text"] == "It is answered here."


def test_comparison_json_ld_has_no_faq_page_without_faqs(api_client):
    comparison = ComparisonFactory(published=True)

    json_ld = ok_json(api_client, f"{API}/comparisons/{comparison.slug}/")["json_ld"]

    assert nodes_of(json_ld, "FAQPage") == []
    assert len(nodes_of(json_ld, "WebPage")) == 1


def test_term_json_ld_uses_the_live_alias_list(api_client):
    term = TermFactory(slug="with-alias", published=True)
    TermAliasFactory(term=term, name="Unpublished alias")

    term_node = the_node(ok_json(api_client, f"{API}/terms/with-alias/")["json_ld"], "DefinedTerm")

    assert "alternateName" not in term_node
