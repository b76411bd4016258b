"""Search reads headings first, yet answers exactly as if it ranked every match.

On PostgreSQL the upper tiers come from a small heading document; explanations are read
only when headings give fewer hits than asked for, and FAQs only when one could still
make the list. These tests hold the answers to the tier order whatever was skipped.
"""

import pytest
from django.db import connection
from django.utils import timezone

from terms.search import search
from tests.factories import FAQFactory, TermFactory

pytestmark = pytest.mark.django_db


def term_with(*, name: str, definition: str = "A thing.", body: str = "Plain words.") -> None:
    TermFactory(name=name, short_definition=definition, body=f"## Notes\n\n{body}", published=True)


def test_explanations_fill_the_list_after_every_heading_match():
    term_with(name="Platypus basics")
    term_with(name="Echidna", definition="Cousin of the platypus.")
    for number in range(3):
        term_with(name=f"Body term {number}", body="Mentions the platypus once.")

    hits = search(query="platypus", at=timezone.now(), limit=4)

    assert [hit.title for hit in hits[:2]] == ["Platypus basics", "Echidna"]
    assert len(hits) == 4
    assert {hit.title for hit in hits[2:]} <= {f"Body term {number}" for number in range(3)}


def test_faqs_answer_when_terms_leave_room():
    term_with(name="Wallaby")
    FAQFactory(question="Can a wallaby swim?", published=True)

    hits = search(query="wallaby", at=timezone.now())

    assert [(hit.type, hit.title) for hit in hits] == [("term", "Wallaby"), ("faq", "Can a wallaby swim?")]


def test_a_list_full_of_heading_matches_leaves_no_room_for_faqs():
    for number in range(3):
        term_with(name=f"Koala {number}")
    FAQFactory(question="Do koalas drink?", published=True)

    hits = search(query="koala", at=timezone.now(), limit=3)

    assert [hit.type for hit in hits] == ["term", "term", "term"]
    assert [hit.type for hit in search(query="koala", at=timezone.now(), limit=4)][-1] == "faq"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="websearch syntax ('-word') is PostgreSQL full text")
def test_a_word_excluded_with_a_minus_excludes_terms_whose_explanation_has_it():
    term_with(name="Numbat", body="Eats termites.")
    term_with(name="Numbat cousin", body="Eats ants.")

    hits = search(query="numbat -termites", at=timezone.now())

    assert [hit.title for hit in hits] == ["Numbat cousin"]
