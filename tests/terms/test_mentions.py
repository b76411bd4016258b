"""Finding mentions of terms in published text: the matching rules, and what publication stores.

Matching runs on the rendered, sanitised HTML: whole words, case-insensitive, the longest
name at each place first, never inside headings, code, preformatted text or links, never
the term itself. The first mention of each term in the explanation gets a marker that only
the API resolves (into a link or plain text); FAQ answers count as mentions, unmarked.
"""

import threading

import pytest
from django.db import connection, connections, transaction

from publishing.markdown import render
from terms.mentions import MARKER_TAG, Vocabulary, mark_mentions, mentioned_term_ids, strip_mention_markers
from terms.models import Term, TermMention
from terms.services import publish_term
from tests.factories import FAQFactory, TermAliasFactory, TermFactory

VOCABULARY = Vocabulary.of(
    [
        (1, "Foundation Model", True),
        (2, "Model", True),
        (3, "Large Language Model", True),
        (3, "LLM", False),
        (4, "C++", True),
        (5, "Node.js", True),
        (6, "Pre-training", True),
        (7, "R", True),  # too short to look for
        (8, "Self", True),
        (9, "Attention Network", True),
        (9, "AN", False),
    ]
)


def mentions_in(markdown: str, *, self_id: int | None = None) -> list[int]:
    return mark_mentions(render(markdown).html, VOCABULARY, self_id=self_id).mentioned_term_ids


def marked(markdown: str, *, self_id: int | None = None) -> str:
    return mark_mentions(render(markdown).html, VOCABULARY, self_id=self_id).html


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("A foundation model is big.", [1]),  # case-insensitive
        ("FOUNDATION MODEL and then a model.", [1, 2]),  # longest first, then the shorter elsewhere
        ("A large language model, or LLM.", [3]),  # an alias mentions the same term
        ("Remodel the modeling pipeline.", []),  # whole words only
        ("Models are not a model's name.", [2]),  # "Models" is another word; "model's" holds the word
        ("Written in C++ and Node.js.", [4, 5]),  # names with symbols
        ("During pre-training, or pre training.", [6]),  # hyphens and spaces join words alike
        ("R is a language.", []),  # one-letter names are not looked for
        ("An LLM, then a foundation model.", [3, 1]),  # in order of first mention
        ("It is an llm.", []),  # acronyms match in capitals only: "an" is a word
        ("The AN of an attention network.", [9]),
    ],
)
def test_mentions_are_whole_words_case_insensitive_longest_first(markdown, expected):
    assert mentions_in(markdown) == expected


@pytest.mark.parametrize(
    "markdown",
    [
        "## Foundation Model\n\nNothing here.",
        "Use `foundation model` in code.",
        "```\nfoundation model\n```",
        "See [the foundation model page](https://example.com/).",
        "<kbd>foundation model</kbd>",
    ],
)
def test_headings_code_preformatted_text_and_links_are_not_searched(markdown):
    assert mentions_in(markdown) == []


def test_text_after_a_skipped_element_is_searched_again():
    assert mentions_in("## Model\n\nA `model` and then [a model](https://example.com/), then a foundation model.") == [
        1
    ]


def test_a_term_never_mentions_itself_and_its_own_name_hides_shorter_names_inside_it():
    assert mentions_in("The foundation model is a model.", self_id=1) == [2]
    assert mentions_in("Foundation model: self explanatory.", self_id=1) == [8]


def test_only_the_first_mention_of_each_term_is_marked():
    html = marked("A model here, another model there.")

    assert html.count(f"<{MARKER_TAG} term=2>") == 1
    assert html.index(f"<{MARKER_TAG} term=2>model</{MARKER_TAG}>") < html.index("another model")


def test_marker_names_in_the_editors_html_are_escaped_so_only_publication_makes_markers():
    html = marked(f'<abbr title="<{MARKER_TAG} term=2>x</{MARKER_TAG}>">model</abbr>')

    assert html.count(f"<{MARKER_TAG} ") == 1
    assert strip_mention_markers(html).count(f"<{MARKER_TAG}") == 0


def test_mentions_in_several_texts_are_in_order_of_first_mention():
    texts = [render(text).html for text in ("An LLM.", "A model, and an LLM.")]

    assert mentioned_term_ids(texts, VOCABULARY, self_id=None) == [3, 2]


@pytest.mark.django_db
def test_publication_stores_mentions_of_names_and_aliases_in_body_and_faq_answers():
    llm = TermFactory(name="Large Language Model", slug="llm")
    TermAliasFactory(term=llm, name="LLM")
    draft_only = TermFactory(name="Tokenizer", slug="tokenizer")  # never published: still known
    page = TermFactory(name="Prompt", slug="prompt", body="A prompt is text for an LLM, and a prompt again.")
    FAQFactory(term=page, question="What reads it?", answer="A tokenizer does.")

    version = publish_term(term=page, by=None)

    assert version.mentioned_term_ids == [llm.pk, draft_only.pk]
    assert list(TermMention.objects.filter(version=version).values_list("term_id", flat=True).order_by("term_id")) == [
        llm.pk,
        draft_only.pk,
    ]
    assert version.body_html.count(MARKER_TAG) == 0, "the HTML column stays plain; only the document is marked"
    assert version.document.count(f"<{MARKER_TAG} term={llm.pk}>LLM</{MARKER_TAG}>") == 1
    assert f"term={draft_only.pk}" not in version.document, "FAQ answers get no marker"


@pytest.mark.django_db
def test_a_renamed_term_is_found_under_its_new_name_at_the_next_publication():
    other = TermFactory(name="Embedding", slug="embedding")
    page = TermFactory(name="Vector", slug="vector", body="An embedding vector, a dense representation.")
    assert publish_term(term=page, by=None).mentioned_term_ids == [other.pk]

    other.name = "Dense Representation"
    other.save()

    republished = publish_term(term=page, by=None)
    assert republished.mentioned_term_ids == [other.pk]
    assert f"<{MARKER_TAG} term={other.pk}>dense representation</{MARKER_TAG}>" in republished.document


@pytest.mark.django_db
def test_an_alias_added_after_a_publication_is_found_at_the_next_one():
    llm = TermFactory(name="Large Language Model", slug="llm")
    page = TermFactory(name="Prompt", slug="prompt", body="A prompt is text for an LLM.")
    assert publish_term(term=page, by=None).mentioned_term_ids == []

    TermAliasFactory(term=llm, name="LLM")

    assert publish_term(term=page, by=None).mentioned_term_ids == [llm.pk]


@pytest.mark.django_db(transaction=True)
def test_publishing_a_page_never_waits_for_the_row_lock_of_a_term_it_mentions():
    """Two terms mentioning each other, published at once, would deadlock if a mention locked its target."""
    if connection.vendor != "postgresql":
        pytest.skip("Row locks that block another connection need PostgreSQL (SQLite's test database is in memory).")
    mentioned = TermFactory(name="Embedding", slug="embedding")
    page = TermFactory(name="Retrieval", slug="retrieval", body="Retrieval compares an embedding.")
    locked, release = threading.Event(), threading.Event()

    def hold_the_mentioned_terms_lock() -> None:
        with transaction.atomic():  # as its own publication does, until it commits
            Term.objects.select_for_update().get(pk=mentioned.pk)
            locked.set()
            release.wait(30)
        connections.close_all()

    holder = threading.Thread(target=hold_the_mentioned_terms_lock)
    holder.start()
    try:
        assert locked.wait(30)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '5s'")
        version = publish_term(term=page, by=None)
    finally:
        release.set()
        holder.join()
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")

    assert version.mentioned_term_ids == [mentioned.pk]
