"""The delivery API answers with every field API.md names, with its type, and its list filters work."""

import re
from datetime import timedelta

import pytest
import time_machine

from terms.services import publish_term, unpublish_term
from tests.api.support import API, MONDAY, ok_json, parse_time, slugs
from tests.factories import (
    CallToActionFactory,
    CategoryFactory,
    ComparisonFactory,
    FAQFactory,
    TermAliasFactory,
    TermFactory,
)

pytestmark = pytest.mark.django_db

PAGINATED_KEYS = {"count", "next", "previous", "results"}
SUMMARY_KEYS = {"slug", "name", "short_definition", "category", "updated_at"}


def assert_term_summary(row: dict, term) -> None:
    """`row` is the summary of `term`'s live version."""
    assert set(row) >= SUMMARY_KEYS
    assert row["slug"] == term.slug
    assert row["name"] == term.name
    assert row["short_definition"] == term.short_definition
    if term.category is None:
        assert row["category"] is None
    else:
        assert row["category"] == {"slug": term.category.slug, "name": term.category.name}
    assert parse_time(row["updated_at"]) == term.versions.order_by("-number").first().live_from


def assert_paginated(data: object, *, count: int) -> list[dict]:
    assert isinstance(data, dict)
    assert set(data) >= PAGINATED_KEYS
    assert type(data["count"]) is int and data["count"] == count
    assert data["next"] is None or isinstance(data["next"], str)
    assert data["previous"] is None or isinstance(data["previous"], str)
    assert isinstance(data["results"], list)
    return data["results"]


# --- Terms -----------------------------------------------------------------------------


def test_term_list_answers_paginated_term_summaries(api_client):
    category = CategoryFactory(name="Training", slug="training")
    with_category = TermFactory(name="Fine-tuning", slug="fine-tuning", category=category, published=True)
    without_category = TermFactory(name="Glossary", slug="glossary", category=None, published=True)

    data = ok_json(api_client, f"{API}/terms/")

    results = assert_paginated(data, count=2)
    assert data["next"] is None and data["previous"] is None
    assert_term_summary(results[0], with_category)
    assert_term_summary(results[1], without_category)


def test_term_detail_answers_every_field_of_the_contract(api_client, term_page, settings):
    settings.GLOSSARY_TERM_URL_PATTERN = "https://glossary.example/terms/{slug}"
    term = term_page.term

    data = ok_json(api_client, f"{API}/terms/{term.slug}/")

    assert_term_summary(data, term)
    assert data["body_markdown"] == term.body
    assert isinstance(data["body_html"], str)
    assert "<h2" in data["body_html"] and "<strong>broad data</strong>" in data["body_html"]
    assert "<script" not in data["body_html"]
    # The TOC points at headings that exist, each anchor unique.
    ids = re.findall(r'<h[1-6][^>]*\sid="([^"]+)"', data["body_html"])
    assert [(entry["level"], entry["text"]) for entry in data["toc"]] == [
        (2, "What it is"),
        (2, "Examples"),
        (3, "Examples"),
        (2, "Why it matters"),
    ]
    assert [entry["anchor"] for entry in data["toc"]] == ids
    assert len(set(ids)) == len(ids)
    assert all(type(entry["level"]) is int and isinstance(entry["text"], str) for entry in data["toc"])
    assert type(data["reading_time_minutes"]) is int and data["reading_time_minutes"] == 3
    assert data["aliases"] == ["FM", "Base model"]
    assert isinstance(data["body_markdown"], str) and isinstance(data["short_definition"], str)

    assert slugs(data["related_terms"]) == [related.slug for related in term_page.related]
    assert not {hidden.slug for hidden in term_page.hidden_related} & set(slugs(data["related_terms"]))
    assert not {hidden.slug for hidden in term_page.hidden_comparisons} & set(slugs(data["comparisons"]))
    for row, related in zip(data["related_terms"], term_page.related, strict=True):
        assert_term_summary(row, related)

    assert data["comparisons"] == [
        {
            "slug": "foundation-model-vs-llm",
            "title": "Foundation Model vs LLM",
            "other_term": {"slug": "llm", "name": "LLM"},
        },
        {
            "slug": "pre-training-vs-foundation-model",
            "title": "Pre-training vs Foundation Model",
            "other_term": {"slug": "pre-training", "name": "Pre-training"},
        },
    ]

    assert [faq["id"] for faq in data["faqs"]] == [faq.pk for faq in term_page.faqs]
    assert all(type(faq["id"]) is int for faq in data["faqs"])
    first = data["faqs"][0]
    assert set(first) >= {"id", "question", "answer_markdown", "answer_html"}
    assert first["question"] == "What is a foundation model?"
    assert first["answer_markdown"] == "A *reusable* model."
    assert first["answer_html"].strip() == "<p>A <em>reusable</em> model.</p>"

    cta = term_page.cta
    assert data["cta"] == {
        "title": cta.title,
        "text": cta.text,
        "button_label": cta.button_label,
        "button_url": cta.button_url,
    }
    assert data["seo"] == {
        "title": "Foundation Model",
        "description": "What a foundation model is, with examples.",
        "noindex": False,
        "canonical_url": "https://glossary.example/terms/foundation-model",
        "og_image": None,
    }
    assert isinstance(data["json_ld"], dict) and "@graph" in data["json_ld"]
    assert parse_time(data["published_at"]) == term_page.first_published_at
    assert parse_time(data["updated_at"]) == term_page.last_published_at
    assert term_page.first_published_at < term_page.last_published_at


def test_term_detail_without_cta_answers_cta_null(api_client):
    term = TermFactory(cta=None, published=True)

    assert ok_json(api_client, f"{API}/terms/{term.slug}/")["cta"] is None


def test_widget_answers_greeting_and_only_suggested_faqs(api_client, term_page, settings):
    term = term_page.term

    data = ok_json(api_client, f"{API}/terms/{term.slug}/widget/")

    assert data["term"] == {"slug": "foundation-model", "name": "Foundation Model"}
    assert isinstance(data["greeting"], str) and "Foundation Model" in data["greeting"]
    assert data["greeting"] == settings.GLOSSARY_WIDGET_GREETING.format(term="Foundation Model")
    suggested = [faq for faq in term_page.faqs if faq.suggested_in_widget]
    assert [row["id"] for row in data["suggestions"]] == [faq.pk for faq in suggested]
    assert len(suggested) == len(term_page.faqs) - 1
    first = data["suggestions"][0]
    assert set(first) >= {"id", "question", "answer_html", "answer_text"}
    assert first["answer_html"].strip() == "<p>A <em>reusable</em> model.</p>"
    assert first["answer_text"] == "A reusable model."
    for row in data["suggestions"]:
        assert "<" not in row["answer_text"] and "*" not in row["answer_text"]
    assert data["cta"]["title"] == term_page.cta.title
    assert data["cta"]["button_url"] == term_page.cta.button_url


def test_widget_of_a_term_without_cta_or_faqs_answers_empty_suggestions_and_null_cta(api_client):
    term = TermFactory(cta=None, published=True)

    data = ok_json(api_client, f"{API}/terms/{term.slug}/widget/")

    assert data["suggestions"] == []
    assert data["cta"] is None


# --- Comparisons -------------------------------------------------------------------------


def test_comparison_list_answers_paginated_comparisons_with_term_summaries(api_client, term_page):
    data = ok_json(api_client, f"{API}/comparisons/")

    results = assert_paginated(data, count=2)
    assert slugs(results) == ["foundation-model-vs-llm", "pre-training-vs-foundation-model"]
    first = results[0]
    assert set(first) >= {"slug", "title", "summary", "term_a", "term_b"}
    assert first["title"] == "Foundation Model vs LLM"
    assert first["summary"] == "How the two differ."
    assert_term_summary(first["term_a"], term_page.term)
    assert_term_summary(first["term_b"], term_page.related[0])


@pytest.mark.parametrize("side", ["term_a", "term_b"])
def test_comparison_list_filter_term_matches_either_side(api_client, side):
    term = TermFactory(name="Embedding", slug="embedding", published=True)
    on_side = ComparisonFactory(published=True, **{side: term})
    ComparisonFactory(published=True)  # neither side

    data = ok_json(api_client, f"{API}/comparisons/", {"term": "embedding"})

    assert slugs(assert_paginated(data, count=1)) == [on_side.slug]


def test_comparison_detail_answers_every_field_of_the_contract(api_client, term_page, settings):
    settings.GLOSSARY_COMPARISON_URL_PATTERN = "https://glossary.example/compare/{slug}"
    comparison = term_page.comparisons[0]

    data = ok_json(api_client, f"{API}/comparisons/{comparison.slug}/")

    assert data["slug"] == "foundation-model-vs-llm"
    assert data["title"] == "Foundation Model vs LLM"
    assert data["summary"] == "How the two differ."
    assert_term_summary(data["term_a"], term_page.term)
    assert_term_summary(data["term_b"], term_page.related[0])
    assert data["body_markdown"] == comparison.body
    assert data["body_html"].startswith('<h2 id="the-short-answer">')
    assert data["points"] == [
        {"aspect": point.aspect, "term_a": point.term_a_text, "term_b": point.term_b_text} for point in term_page.points
    ]
    assert [point["aspect"] for point in data["points"]] == ["Modality", "Scope"]
    assert [faq["question"] for faq in data["faqs"]] == ["Is every LLM a foundation model?"]
    assert set(data["faqs"][0]) >= {"id", "question", "answer_markdown", "answer_html"}
    assert data["seo"] == {
        "title": "Foundation Model vs LLM",
        "description": "How the two differ.",
        "noindex": False,
        "canonical_url": "https://glossary.example/compare/foundation-model-vs-llm",
        "og_image": None,
    }
    assert isinstance(data["json_ld"], dict) and "@graph" in data["json_ld"]
    published = comparison.versions.get().live_from
    assert parse_time(data["published_at"]) == published
    assert parse_time(data["updated_at"]) == published


# --- Categories ------------------------------------------------------------------------


def test_category_list_and_detail_count_live_terms_only(api_client):
    category = CategoryFactory(name="Agents", slug="agents", description="Systems that act.")
    TermFactory(category=category, published=True)
    TermFactory(category=category, published=True)
    TermFactory(category=category)  # draft
    withdrawn = TermFactory(category=category, published=True)
    unpublish_term(term=withdrawn, by=None)
    TermFactory(category=CategoryFactory(), published=True)  # another category's

    listed = assert_paginated(ok_json(api_client, f"{API}/categories/"), count=2)
    detail = ok_json(api_client, f"{API}/categories/agents/")

    row = next(row for row in listed if row["slug"] == "agents")
    assert type(row["term_count"]) is int
    assert row == {"slug": "agents", "name": "Agents", "description": "Systems that act.", "term_count": 2}
    assert {key: detail[key] for key in row} == row


# --- FAQs ------------------------------------------------------------------------------


def test_faqs_without_term_answer_the_site_wide_faqs(api_client, term_page):
    second = FAQFactory(question="Is the glossary free?", answer="**Yes.**", order=2, published=True)
    first = FAQFactory(question="Who writes it?", answer="Our editors.", order=1, published=True)
    FAQFactory(question="Never published?", order=0)

    data = ok_json(api_client, f"{API}/faqs/")

    results = assert_paginated(data, count=2)
    assert [row["id"] for row in results] == [first.pk, second.pk]
    assert results[1] == {
        "id": second.pk,
        "question": "Is the glossary free?",
        "answer_markdown": "**Yes.**",
        "answer_html": "<p><strong>Yes.</strong></p>\n",
        "term": None,
    }


def test_faqs_with_term_answer_that_terms_faqs_in_editors_order(api_client, term_page):
    FAQFactory(question="A site-wide question?", published=True)

    data = ok_json(api_client, f"{API}/faqs/", {"term": "foundation-model"})

    results = assert_paginated(data, count=3)
    assert [row["id"] for row in results] == [faq.pk for faq in term_page.faqs]
    assert set(results[0]) >= {"id", "question", "answer_markdown", "answer_html"}
    assert results[0]["term"] == {"slug": "foundation-model", "name": "Foundation Model"}


def test_faqs_of_an_unknown_term_answer_404(api_client):
    response = api_client.get(f"{API}/faqs/", {"term": "no-such-term"})

    assert response.status_code == 404
    assert isinstance(response.json()["detail"], str)


# --- Index -----------------------------------------------------------------------------


def test_index_groups_live_terms_by_letter(api_client):
    for name in ["Zero-shot learning", "Attention", "3D model", "Éclair", "Embedding", "Bert", "agent"]:
        TermFactory(name=name, published=True)
    TermFactory(name="Xylophone draft")

    data = ok_json(api_client, f"{API}/index/")

    assert set(data) == {"letters"}
    letters = [group["letter"] for group in data["letters"]]
    assert [letter for letter in letters if letter != "0-9"] == ["A", "B", "E", "Z"]
    groups = {group["letter"]: [term["name"] for term in group["terms"]] for group in data["letters"]}
    assert sorted(groups["A"]) == ["Attention", "agent"]
    assert groups["0-9"] == ["3D model"]
    assert sorted(groups["E"]) == ["Embedding", "Éclair"]
    assert groups["Z"] == ["Zero-shot learning"]
    for group in data["letters"]:
        for term in group["terms"]:
            assert set(term) >= {"slug", "name"} and isinstance(term["slug"], str)


def test_index_orders_terms_within_a_letter_alphabetically_ignoring_case(api_client):
    for name in ["LLM", "Latent space", "Large language model"]:
        TermFactory(name=name, published=True)

    data = ok_json(api_client, f"{API}/index/")

    (group,) = data["letters"]
    assert [term["name"] for term in group["terms"]] == ["Large language model", "Latent space", "LLM"]


def test_index_shows_a_renamed_term_under_its_new_name_from_its_publication_on(api_client):
    term = TermFactory(name="Tokenizer", slug="tokenizer", published=True)
    term.name = "Word piece tokenizer"
    term.slug = "word-piece-tokenizer"
    term.save()

    before = ok_json(api_client, f"{API}/index/")
    publish_term(term=term, by=None)
    after = ok_json(api_client, f"{API}/index/")

    assert before["letters"] == [{"letter": "T", "terms": [{"slug": "tokenizer", "name": "Tokenizer"}]}]
    assert after["letters"] == [
        {"letter": "W", "terms": [{"slug": "word-piece-tokenizer", "name": "Word piece tokenizer"}]}
    ]


def test_index_entries_keep_quotes_backslashes_and_line_separators_as_written(api_client):
    name = 'The "quoted" \\ term\u2028with a line separator'
    TermFactory(name=name, published=True)

    response = api_client.get(f"{API}/index/")

    assert response.json()["letters"][0]["terms"][0]["name"] == name
    assert "\u2028".encode() not in response.content  # escaped, as every JSON body is


# --- Search ----------------------------------------------------------------------------


def test_search_answers_typed_results_best_first(api_client):
    body_only = TermFactory(
        name="Delta", short_definition="A fourth thing.", body="## Notes\n\nLike a *quokka* in <b>bold</b> text."
    )
    definition = TermFactory(name="Charlie", short_definition="Smiles like a quokka does.")
    alias = TermFactory(name="Bravo", short_definition="A second thing.")
    TermAliasFactory(term=alias, name="Quokka")
    by_name = TermFactory(name="Quokka model", short_definition="A first thing.")
    for term in [body_only, definition, alias, by_name]:
        publish_term(term=term, by=None)
    TermFactory(name="Quokka draft")  # not live

    data = ok_json(api_client, f"{API}/search/", {"q": "quokka"})

    assert set(data) == {"results"}
    results = data["results"]
    for row in results:
        assert set(row) >= {"type", "slug", "title", "snippet"}
        assert row["type"] in {"term", "comparison", "faq"}
        assert isinstance(row["title"], str) and isinstance(row["snippet"], str)
        assert "<" not in row["snippet"]
    assert [row["slug"] for row in results if row["type"] == "term"] == [
        by_name.slug,
        alias.slug,
        definition.slug,
        body_only.slug,
    ]
    body_hit = next(row for row in results if row["slug"] == body_only.slug)
    assert "quokka" in body_hit["snippet"] and "bold" in body_hit["snippet"]


def test_search_finds_comparisons_and_faqs(api_client):
    comparison = ComparisonFactory(summary="Which one is the wombat?", published=True)
    faq = FAQFactory(question="Where does the wombat live?", answer="In *Australia*.", published=True)

    results = ok_json(api_client, f"{API}/search/", {"q": "wombat"})["results"]

    assert {(row["type"], row["title"]) for row in results} == {
        ("comparison", comparison.title),
        ("faq", faq.question),
    }
    by_type = {row["type"]: row for row in results}
    assert by_type["comparison"]["slug"] == comparison.slug
    assert by_type["faq"]["slug"] is None  # a site-wide FAQ is on no term
    assert "Australia" in by_type["faq"]["snippet"]


# --- Sitemap ---------------------------------------------------------------------------


def test_sitemap_lists_live_terms_comparisons_and_categories_with_frontend_urls(api_client, term_page, settings):
    settings.GLOSSARY_TERM_URL_PATTERN = "https://site.example/g/{slug}/"
    settings.GLOSSARY_COMPARISON_URL_PATTERN = "https://site.example/g/compare/{slug}/"
    settings.GLOSSARY_CATEGORY_URL_PATTERN = "https://site.example/g/category/{slug}/"

    rows = ok_json(api_client, f"{API}/sitemap/")

    assert isinstance(rows, list)
    for row in rows:
        assert set(row) >= {"type", "slug", "url", "lastmod"}
        parse_time(row["lastmod"])
    by_type = {
        kind: {row["slug"]: row for row in rows if row["type"] == kind} for kind in ["term", "comparison", "category"]
    }
    assert set(by_type["term"]) == {"foundation-model", "llm", "pre-training", "base-model"}
    assert set(by_type["comparison"]) == {"foundation-model-vs-llm", "pre-training-vs-foundation-model"}
    assert set(by_type["category"]) == {"models-architectures"}
    assert by_type["term"]["foundation-model"]["url"] == "https://site.example/g/foundation-model/"
    assert parse_time(by_type["term"]["foundation-model"]["lastmod"]) == term_page.last_published_at
    assert by_type["comparison"]["foundation-model-vs-llm"]["url"] == (
        "https://site.example/g/compare/foundation-model-vs-llm/"
    )
    assert by_type["category"]["models-architectures"]["url"] == (
        "https://site.example/g/category/models-architectures/"
    )
    assert len(rows) == sum(len(group) for group in by_type.values())


# --- List filters ----------------------------------------------------------------------


def test_term_list_filter_category_keeps_that_categorys_terms(api_client):
    wanted = CategoryFactory(slug="wanted")
    inside = TermFactory(category=wanted, published=True)
    TermFactory(category=CategoryFactory(slug="other"), published=True)
    TermFactory(category=None, published=True)

    data = ok_json(api_client, f"{API}/terms/", {"category": "wanted"})

    assert slugs(assert_paginated(data, count=1)) == [inside.slug]


@pytest.mark.parametrize(
    ("letter", "expected"),
    [("a", ["attention"]), ("A", ["attention"]), ("e", ["eclair", "embedding"]), ("0-9", ["3d-model"]), ("q", [])],
)
def test_term_list_filter_letter_keeps_terms_filed_under_it(api_client, letter, expected):
    for name, slug in [
        ("Attention", "attention"),
        ("Embedding", "embedding"),
        ("Éclair", "eclair"),
        ("3D model", "3d-model"),
    ]:
        TermFactory(name=name, slug=slug, published=True)

    data = ok_json(api_client, f"{API}/terms/", {"letter": letter})

    assert sorted(slugs(assert_paginated(data, count=len(expected)))) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("gradient", ["by-name"]),
        ("ADAM", ["by-alias"]),
        ("momentum", ["by-definition"]),
        ("nesterov", ["by-body"]),
        ("gradient momentum", []),
        ("unrelated", []),
    ],
)
def test_term_list_filter_q_searches_name_aliases_definition_and_body(api_client, query, expected):
    TermFactory(slug="by-name", name="Gradient descent", published=True)
    alias = TermFactory(slug="by-alias", name="Optimiser")
    TermAliasFactory(term=alias, name="Adam")
    publish_term(term=alias, by=None)
    TermFactory(slug="by-definition", name="Heavy ball", short_definition="Adds momentum to steps.", published=True)
    TermFactory(slug="by-body", name="Lookahead", body="## How\n\nAs in Nesterov's method.", published=True)

    data = ok_json(api_client, f"{API}/terms/", {"q": query})

    assert sorted(slugs(assert_paginated(data, count=len(expected)))) == expected


def test_term_list_filter_updated_since_keeps_terms_published_from_then(api_client):
    with time_machine.travel(MONDAY, tick=False) as clock:
        TermFactory(slug="monday", published=True)
        clock.shift(timedelta(days=1))
        TermFactory(slug="tuesday", published=True)
        clock.shift(timedelta(days=1))
        wednesday = TermFactory(slug="wednesday", published=True)
    tuesday = MONDAY + timedelta(days=1)

    since_tuesday = ok_json(api_client, f"{API}/terms/", {"updated_since": tuesday.isoformat()})
    in_other_offset = ok_json(api_client, f"{API}/terms/", {"updated_since": "2025-03-04T11:00:01+02:00"})

    assert sorted(slugs(assert_paginated(since_tuesday, count=2))) == ["tuesday", "wednesday"]
    assert slugs(assert_paginated(in_other_offset, count=1)) == [wednesday.slug]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("name", ["alpha", "beta", "gamma"]),
        ("-name", ["gamma", "beta", "alpha"]),
        ("updated_at", ["beta", "gamma", "alpha"]),
        ("-updated_at", ["alpha", "gamma", "beta"]),
    ],
)
def test_term_list_ordering_sorts_by_name_or_update_time(api_client, ordering, expected):
    with time_machine.travel(MONDAY, tick=False) as clock:
        for name in ["beta", "Gamma", "Alpha"]:  # mixed case: names sort ignoring case
            TermFactory(name=name, slug=name.lower(), published=True)
            clock.shift(timedelta(hours=1))

    data = ok_json(api_client, f"{API}/terms/", {"ordering": ordering})

    assert slugs(assert_paginated(data, count=3)) == expected


def test_term_list_pages_by_page_and_page_size(api_client):
    for number in range(5):
        TermFactory(name=f"Term {number}", slug=f"t-{number}", published=True)

    first = ok_json(api_client, f"{API}/terms/", {"page_size": 2})
    middle = ok_json(api_client, f"{API}/terms/", {"page_size": 2, "page": 2})
    last = ok_json(api_client, f"{API}/terms/", {"page_size": 2, "page": 3})

    assert slugs(assert_paginated(first, count=5)) == ["t-0", "t-1"]
    assert slugs(middle["results"]) == ["t-2", "t-3"]
    assert slugs(last["results"]) == ["t-4"]
    assert first["previous"] is None and "page=2" in first["next"] and "page_size=2" in first["next"]
    assert "page=3" in middle["next"] and "page_size=2" in middle["previous"]
    assert last["next"] is None and "page=2" in last["previous"]


def test_term_list_default_page_holds_twenty_and_page_size_100_holds_all(api_client):
    for number in range(21):
        TermFactory(slug=f"t-{number:02}", published=True)

    default = ok_json(api_client, f"{API}/terms/")
    everything = ok_json(api_client, f"{API}/terms/", {"page_size": 100})

    assert len(assert_paginated(default, count=21)) == 20
    assert len(assert_paginated(everything, count=21)) == 21


def test_comparison_list_filter_term_leaves_out_comparisons_of_a_withdrawn_term(api_client):
    comparison = ComparisonFactory(published=True)
    unpublish_term(term=comparison.term_a, by=None)

    data = ok_json(api_client, f"{API}/comparisons/", {"term": comparison.term_b.slug})

    assert assert_paginated(data, count=0) == []


def test_cta_of_the_published_version_is_served_not_the_edited_one(api_client):
    cta = CallToActionFactory(title="Start now")
    term = TermFactory(cta=cta, published=True)
    term.cta = CallToActionFactory(title="Another offer")
    term.save()

    assert ok_json(api_client, f"{API}/terms/{term.slug}/")["cta"]["title"] == "Start now"
