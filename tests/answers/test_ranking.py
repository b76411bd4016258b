"""The ranking's word handling: misspellings, plurals, "what is X?", stems as PostgreSQL makes them."""

import pytest

from answers.ranking import closest, defined_term, named_terms, osa_distance, read_question
from answers.selectors import TermRow
from answers.text import content_stems


def term(term_id: int, name: str, *aliases: str) -> TermRow:
    return TermRow(term_id, name.lower().replace(" ", "-"), name, aliases, f"{name} defined.", (), "{}")


TERMS = [
    term(1, "Token"),
    term(2, "Tokenizer"),
    term(3, "Retrieval-Augmented Generation", "RAG"),
    term(4, "Guardrails"),
]


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("word", "wrod", 1),
        ("token", "tokn", 1),
        ("temperatur", "tempratur", 1),
        ("chunk", "chunck", 1),
        ("ab", "ba", 1),
    ],
)
def test_a_swap_of_two_neighbours_is_one_edit(a, b, distance):
    assert osa_distance(a, b, limit=2) == distance


def test_a_misspelling_is_read_as_the_nearest_word_and_ties_go_to_the_same_beginning():
    assert closest("tokn", ["token", "taken"]) == "token"
    assert closest("tokn", ["taken", "token"]) == "token"  # whatever the order they come in
    assert closest("cat", ["car"]) is None  # three letters: no room for a misspelling
    assert closest("password", ["passage"]) is None


def test_stems_are_the_snowball_stems_postgresql_uses():
    assert content_stems("How are tokenizers trained?") == ["token", "train"]


@pytest.mark.parametrize(
    ("question", "slug"),
    [
        ("What is RAG?", "retrieval-augmented-generation"),
        ("what's a tokenizer", "tokenizer"),
        ("What are guardrails?", "guardrails"),
        ("what is a tokn", "token"),
        ("define token", "token"),
        ("What does RAG stand for?", "retrieval-augmented-generation"),
        ("What is the difference between a token and a tokenizer?", None),
        ("How is a token counted?", None),
    ],
)
def test_what_is_x_finds_the_term_x_by_name_or_alias(question, slug):
    found = defined_term(read_question(question, faqs=[], terms=TERMS), TERMS)

    assert (found.slug if found else None) == slug


def test_a_term_is_named_by_all_of_its_words_plural_or_misspelt():
    named = named_terms(read_question("Do tokenizers help RAG with guardrial?", faqs=[], terms=TERMS), TERMS)

    assert [found.name for found in named] == ["Retrieval-Augmented Generation", "Guardrails", "Tokenizer"]
