"""Search reads headings first, yet answers exactly as if it ranked every match.

On PostgreSQL the upper tiers come from a small heading document; explanations are read
only when headings give fewer hits than asked for, and FAQs only when one could still
make the list. These tests hold the answers to the tier order whatever was skipped, and
each hit to the tier it came from (`SearchHit.tier`), whichever path published it.
"""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from faqs.services import publish_site_faq
from terms.search import search
from terms.services import publish_comparison, publish_term, republish_term_version
from tests.factories import ComparisonFactory, FAQFactory, TermAliasFactory, TermFactory

pytestmark = pytest.mark.django_db


def term_with(*, name: str, definition: str = "A thing.", body: str = "Plain words.") -> None:
    TermFactory(name=name, short_definition=definition, body=f"## Notes\n\n{body}", published=True)


def tiers(query: str, **options: int) -> list[tuple[str, str, int]]:
    """(type, title, tier) of each hit, best first."""
    return [(hit.type, hit.title, hit.tier) for hit in search(query=query, at=timezone.now(), **options)]


def test_each_hit_names_the_tier_it_came_from():
    term_with(name="Quokka")
    alias_only = TermFactory(name="Setonix")
    TermAliasFactory(term=alias_only, name="Quokka")
    publish_term(term=alias_only, by=None)
    term_with(name="Rottnest", definition="Island of the quokka.")
    term_with(name="Marsupials", body="The quokka hops.")
    ComparisonFactory(title="Quokka vs wallaby", published=True)
    hopping = ComparisonFactory(title="Hopping styles", summary="How a quokka hops.")
    FAQFactory(comparison=hopping, question="Does a quokka climb?", answer="Rarely.")
    publish_comparison(comparison=hopping, by=None)
    with_faqs = TermFactory(name="Island fauna")
    FAQFactory(term=with_faqs, question="Is a quokka friendly?", answer="Mostly.")
    FAQFactory(term=with_faqs, question="What lives there?", answer="The quokka, among others.")
    publish_term(term=with_faqs, by=None)
    FAQFactory(question="Can I feed a quokka?", answer="No.", published=True)
    FAQFactory(question="May I take a selfie?", answer="Yes, with a quokka.", published=True)

    found = set(tiers("quokka"))

    assert found == {
        ("term", "Quokka", 4),
        ("comparison", "Quokka vs wallaby", 4),
        ("term", "Setonix", 3),
        ("term", "Rottnest", 2),
        ("comparison", "Hopping styles", 2),
        ("term", "Marsupials", 1),
        ("faq", "Is a quokka friendly?", 2),
        ("faq", "Does a quokka climb?", 2),
        ("faq", "Can I feed a quokka?", 2),
        ("faq", "What lives there?", 1),
        ("faq", "May I take a selfie?", 1),
    }


def test_hits_come_in_tier_order_within_each_type():
    term_with(name="Bilby")
    term_with(name="Bandicoot", body="A cousin of the bilby.")
    FAQFactory(question="Does a bilby dig?", answer="Yes.", published=True)
    FAQFactory(question="What eats termites?", answer="The bilby does.", published=True)

    found = tiers("bilby")

    for kind in ("term", "faq"):
        of_kind = [tier for type_, _, tier in found if type_ == kind]
        assert of_kind == sorted(of_kind, reverse=True), found


def test_a_site_wide_faq_question_match_is_a_question_tier_hit():
    FAQFactory(question="What does a dingo eat?", answer="Mostly meat.", published=True)
    FAQFactory(question="Which animals howl?", answer="The dingo howls.", published=True)

    assert tiers("dingo") == [("faq", "What does a dingo eat?", 2), ("faq", "Which animals howl?", 1)]


def test_a_site_wide_faq_published_again_keeps_its_question_tier():
    faq = FAQFactory(question="Is a wombat fast?", answer="Surprisingly.", published=True)
    faq.question = "Is a wombat really fast?"
    faq.save()
    publish_site_faq(faq=faq, by=None)

    assert tiers("wombat") == [("faq", "Is a wombat really fast?", 2)]


def test_a_rolled_back_term_keeps_the_tiers_of_its_faqs():
    term = TermFactory(name="Possum")
    FAQFactory(term=term, question="Does a possum hang by its tail?", answer="Some do.")
    FAQFactory(term=term, question="Where do they sleep?", answer="A possum sleeps in trees.")
    first = publish_term(term=term, by=None)
    term.faqs.all().delete()
    publish_term(term=term, by=None)

    republish_term_version(version=first, by=None)

    assert tiers("possum") == [
        ("term", "Possum", 4),
        ("faq", "Does a possum hang by its tail?", 2),
        ("faq", "Where do they sleep?", 1),
    ]


def test_a_scheduled_term_brings_its_faq_tiers_when_it_goes_live():
    term = TermFactory(name="Kowari")
    FAQFactory(term=term, question="Is a kowari a rat?", answer="No.")
    later = timezone.now() + timedelta(hours=1)
    publish_term(term=term, by=None, at=later)

    assert tiers("kowari") == []
    with time_machine.travel(later + timedelta(seconds=1)):
        assert tiers("kowari") == [("term", "Kowari", 4), ("faq", "Is a kowari a rat?", 2)]


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
