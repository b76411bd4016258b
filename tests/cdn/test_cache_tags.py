"""Every public API answer names what it depends on in Cache-Tag and Surrogate-Key; replays keep them."""

import pytest

from publishing.models import StaleContent
from terms.services import publish_comparison, publish_term, unpublish_term
from tests.factories import CategoryFactory, ComparisonFactory, RelatedTermFactory, TermFactory

pytestmark = pytest.mark.django_db


def tags_of(answer) -> list[str]:
    cache_tag = answer["Cache-Tag"].split(",")
    assert answer["Surrogate-Key"].split(" ") == cache_tag  # one list, in each CDN's syntax
    return cache_tag


@pytest.fixture
def glossary():
    category = CategoryFactory(name="Models", slug="models")
    term = TermFactory(name="Transformer", slug="transformer", category=category, published=True)
    related = TermFactory(name="Attention", slug="attention", published=True)
    draft = TermFactory(name="Secret Draft", slug="secret-draft")
    RelatedTermFactory(term=term, related=related, order=1)
    RelatedTermFactory(term=term, related=draft, order=2)
    publish_term(term=term, by=None)
    other = TermFactory(name="RNN", slug="rnn", published=True)
    comparison = ComparisonFactory(term_a=term, term_b=other, slug="transformer-vs-rnn", title="Transformer vs RNN")
    publish_comparison(comparison=comparison, by=None)
    return {
        "category": category,
        "term": term,
        "related": related,
        "draft": draft,
        "other": other,
        "comparison": comparison,
    }


def test_a_term_page_names_the_term_its_category_and_the_live_terms_it_links_to(api_client, glossary):
    tags = tags_of(api_client.get("/api/v1/terms/transformer/"))
    term, related, other = glossary["term"], glossary["related"], glossary["other"]
    assert tags[0] == "glossary"  # every answer: a purge of everything reaches it
    assert {f"term:{term.pk}", f"category:{glossary['category'].pk}", f"term:{related.pk}"} <= set(tags)
    assert f"term:{other.pk}" in tags  # the other side of its live comparison


def test_no_tag_names_an_unpublished_term(api_client, glossary):
    hidden = f"term:{glossary['draft'].pk}"
    for path in ["/api/v1/terms/transformer/", "/api/v1/terms/", "/api/v1/index/", "/api/v1/sitemap/"]:
        assert hidden not in tags_of(api_client.get(path)), path


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/api/v1/terms/", ["glossary", "terms"]),
        ("/api/v1/comparisons/", ["glossary", "comparisons"]),
        ("/api/v1/categories/", ["glossary", "categories"]),
        ("/api/v1/faqs/", ["glossary", "faqs"]),
        ("/api/v1/index/", ["glossary", "index"]),
        ("/api/v1/search/?q=transformer", ["glossary", "search"]),
        ("/api/v1/sitemap/", ["glossary", "sitemap"]),
    ],
)
def test_lists_name_the_list(api_client, glossary, path, expected):
    assert tags_of(api_client.get(path)) == expected


def test_item_answers_name_their_items(api_client, glossary):
    term, other, comparison = glossary["term"], glossary["other"], glossary["comparison"]
    assert tags_of(api_client.get("/api/v1/terms/transformer/widget/")) == ["glossary", f"term:{term.pk}"]
    assert tags_of(api_client.get("/api/v1/faqs/?term=transformer")) == ["glossary", "faqs", f"term:{term.pk}"]
    assert tags_of(api_client.get("/api/v1/comparisons/transformer-vs-rnn/")) == [
        "glossary",
        f"comparison:{comparison.pk}",
        f"term:{term.pk}",
        f"term:{other.pk}",
    ]
    category = glossary["category"]
    assert tags_of(api_client.get("/api/v1/categories/models/")) == [
        "glossary",
        "categories",
        f"category:{category.pk}",
    ]


def test_a_redirect_from_an_old_slug_names_the_term_it_points_to(api_client, glossary):
    term = glossary["term"]
    term.slug = "transformers"
    term.save()
    publish_term(term=term, by=None)
    answer = api_client.get("/api/v1/terms/transformer/")
    assert answer.status_code == 301
    assert f"term:{term.pk}" in tags_of(answer)


def test_tags_survive_the_response_cache_replay(api_client, glossary, django_assert_max_num_queries):
    first = api_client.get("/api/v1/terms/transformer/")
    with django_assert_max_num_queries(1):  # the content clock only: a replay by the fast path
        replayed = api_client.get("/api/v1/terms/transformer/")
    assert replayed.content == first.content
    assert replayed["Cache-Tag"] == first["Cache-Tag"]
    assert replayed["Surrogate-Key"] == first["Surrogate-Key"]
    not_modified = api_client.get("/api/v1/terms/transformer/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304
    assert not_modified["Cache-Tag"] == first["Cache-Tag"]


def test_previews_and_errors_carry_no_tags(api_client, glossary):
    assert "Cache-Tag" not in api_client.get("/api/v1/terms/no-such-term/")
    assert "Cache-Tag" not in api_client.get("/api/v1/terms/?nonsense=1")


def stale_since(before: int) -> list[list[str]]:
    return [row.tags for row in StaleContent.objects.filter(pk__gt=before).order_by("pk")]


def last_stale_pk() -> int:
    return StaleContent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_publishing_a_term_makes_its_pages_the_pages_linking_to_it_and_the_lists_stale(glossary):
    term, related = glossary["term"], glossary["related"]
    before = last_stale_pk()
    publish_term(term=related, by=None)
    (tags,) = stale_since(before)
    assert f"term:{related.pk}" in tags
    assert f"term:{term.pk}" in tags  # its page lists it as related
    assert {"terms", "index", "search", "sitemap", "categories", "comparisons"} <= set(tags)
    assert "glossary" not in tags  # precise: other pages stay cached


def test_withdrawing_a_term_and_publishing_a_comparison_name_theirs(glossary):
    term, other, comparison = glossary["term"], glossary["other"], glossary["comparison"]
    before = last_stale_pk()
    publish_comparison(comparison=comparison, by=None)
    unpublish_term(term=other, by=None)
    comparison_tags, withdrawal_tags = stale_since(before)
    assert {f"comparison:{comparison.pk}", f"term:{term.pk}", f"term:{other.pk}", "comparisons"} <= set(comparison_tags)
    assert f"term:{other.pk}" in withdrawal_tags


def test_a_change_that_names_nothing_makes_everything_stale(glossary):
    from terms.services import category_changed

    before = last_stale_pk()
    category_changed()
    assert stale_since(before) == [["glossary"]]


def purged_after(change) -> set[str]:
    before = StaleContent.objects.count()
    change()
    return {tag for row in StaleContent.objects.order_by("id")[before:] for tag in row.tags}


def test_the_machine_pages_carry_tags_that_their_content_changes_purge(api_client, glossary):
    term, comparison = glossary["term"], glossary["comparison"]
    answers = {
        "changes": tags_of(api_client.get("/api/v1/changes/")),
        "llms": tags_of(api_client.get("/api/v1/llms.txt")),
        "llms-full": tags_of(api_client.get("/api/v1/llms-full.txt")),
        "sitemap.xml": tags_of(api_client.get("/api/v1/sitemap.xml")),
        "term markdown": tags_of(api_client.get("/api/v1/terms/transformer/markdown/")),
        "comparison markdown": tags_of(api_client.get("/api/v1/comparisons/transformer-vs-rnn/markdown/")),
    }
    assert f"term:{term.pk}" in answers["term markdown"]
    assert f"comparison:{comparison.pk}" in answers["comparison markdown"]

    purged = purged_after(lambda: unpublish_term(term=glossary["related"], by=None))

    # Every one of them shows the withdrawn term, or links to a page that did: each is reached.
    for name, tags in answers.items():
        assert purged & set(tags) - {"glossary"}, f"{name} ({tags}) is not purged by {purged}"


def test_a_term_going_live_or_away_makes_the_pages_that_mention_it_stale(glossary):
    mentioned = TermFactory(name="Gradient Descent", slug="gradient-descent")
    page = TermFactory(name="Optimizer", slug="optimizer", body="An optimizer runs gradient descent.", published=True)
    unrelated = TermFactory(name="Tokenizer", slug="tokenizer", body="It splits text.", published=True)
    before = last_stale_pk()
    publish_term(term=mentioned, by=None)
    unpublish_term(term=mentioned, by=None)
    for tags in stale_since(before):
        assert f"term:{page.pk}" in tags  # its page links the mention while the term is live
        assert f"term:{unrelated.pk}" not in tags
