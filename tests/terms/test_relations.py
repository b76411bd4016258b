"""Typed relations and successors in the working copy and in published versions (terms.relations, terms.services)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from terms.models import Announcement, TermRelation, TermStatus
from terms.relations import broader_cycle, broader_cycle_error, inverse_edges
from terms.services import delete_term, deletion_refusals, publish_term, republish_term_version, unpublish_term
from tests.api.support import edit
from tests.factories import TermFactory, TermRelationFactory

pytestmark = pytest.mark.django_db


def test_publication_stores_the_relations_status_and_successor_of_the_working_copy():
    successor, broader, see_also = TermFactory(), TermFactory(), TermFactory()
    term = TermFactory(status=TermStatus.DEPRECATED, successor=successor)
    TermRelationFactory(term=term, type="see_also", target=see_also)
    TermRelationFactory(term=term, type="broader", target=broader)

    version = publish_term(term=term, by=None)

    assert version.relations == [
        {"type": "broader", "term_id": broader.pk},
        {"type": "see_also", "term_id": see_also.pk},
    ]
    assert (version.status, version.replaced_by_term_id) == ("deprecated", successor.pk)


def test_editing_relations_leaves_the_published_version_as_it_was():
    term, target = TermFactory(), TermFactory()
    relation = TermRelationFactory(term=term, type="broader", target=target)
    version = publish_term(term=term, by=None)

    relation.delete()
    TermRelationFactory(term=term, type="see_also", target=TermFactory())
    version.refresh_from_db()

    assert version.relations == [{"type": "broader", "term_id": target.pk}]


def test_an_active_term_publishes_no_successor_even_if_one_is_chosen():
    term = TermFactory(successor=TermFactory())

    assert publish_term(term=term, by=None).replaced_by_term_id is None


@pytest.mark.parametrize("status", [TermStatus.DEPRECATED, TermStatus.RETIRED])
def test_a_deprecated_or_retired_term_needs_a_successor(status):
    term = TermFactory()
    with pytest.raises(ValidationError) as refused:
        edit(term, status=status)
    assert "successor" in refused.value.message_dict


def test_a_term_cannot_replace_itself():
    term = TermFactory()
    with pytest.raises(ValidationError) as refused:
        edit(term, status=TermStatus.DEPRECATED, successor=term)
    assert "successor" in refused.value.message_dict


def test_a_term_cannot_be_related_to_itself_or_twice_to_the_same_term():
    term, other = TermFactory(), TermFactory()
    TermRelationFactory(term=term, type="broader", target=other)
    with pytest.raises(IntegrityError), transaction.atomic():
        TermRelationFactory(term=term, type="see_also", target=other)
    with pytest.raises(IntegrityError), transaction.atomic():
        TermRelationFactory(term=term, type="see_also", target=term)


def test_a_loop_is_found_through_relations_still_live_on_a_published_version():
    """A's draft dropped "broader B", but its live version still says so until A is published again."""
    a, b = TermFactory(name="A"), TermFactory(name="B")
    relation = TermRelationFactory(term=a, type="broader", target=b)
    publish_term(term=a, by=None)
    relation.delete()

    assert broader_cycle(term_id=b.pk, relations=[("broader", a.pk)]) == [b.pk, a.pk, b.pk]
    assert broader_cycle_error(term=b, relations=[("broader", a.pk)]).startswith(
        "These relations would make a loop of broader terms: B → A → B."
    )

    unpublish_term(term=a, by=None)
    assert broader_cycle(term_id=b.pk, relations=[("broader", a.pk)]) is None, "a withdrawn version is over"


def test_the_shortest_loop_is_named():
    a, b, c, d = (TermFactory(name=name) for name in "ABCD")
    TermRelationFactory(term=a, type="broader", target=b)
    TermRelationFactory(term=b, type="broader", target=c)
    TermRelationFactory(term=c, type="broader", target=d)
    TermRelationFactory(term=a, type="broader", target=d)

    assert broader_cycle(term_id=d.pk, relations=[("broader", a.pk)]) == [d.pk, a.pk, d.pk]


def test_a_term_s_own_earlier_relations_do_not_count_against_its_new_ones():
    """Reversing "A broader B" into "A narrower B" on A itself is no loop: the new version replaces the old."""
    a, b = TermFactory(name="A"), TermFactory(name="B")
    TermRelationFactory(term=a, type="broader", target=b)
    publish_term(term=a, by=None)

    assert broader_cycle(term_id=a.pk, relations=[("narrower", b.pk)]) is None


def test_inverse_edges_give_each_target_the_inverse_type():
    rows = [
        {"term_id": 1, "relations": [{"type": "broader", "term_id": 2}, {"type": "see_also", "term_id": 3}]},
        {"term_id": 4, "relations": [{"type": "narrower", "term_id": 2}]},
    ]
    rows = [{**row, "replaced_by_term_id": None} for row in rows] + [
        {"term_id": 5, "relations": [], "replaced_by_term_id": 2}
    ]

    assert inverse_edges(rows) == {2: [("narrower", 1), ("broader", 4), ("replaces", 5)], 3: [("see_also", 1)]}


def test_a_successor_cannot_be_deleted_while_a_term_names_it():
    successor = TermFactory(name="Successor")
    TermFactory(name="Old Name", status=TermStatus.DEPRECATED, successor=successor)

    refusals = deletion_refusals(item=successor, at=successor.created_at)

    assert refusals == ["“Old Name” names it as its successor: choose another successor there first."]
    with pytest.raises(ValidationError):
        delete_term(term=successor, by=None)


def test_publishing_a_retirement_announces_that_the_page_is_withdrawn():
    successor = TermFactory(published=True)
    old = TermFactory(slug="old-name", published=True)
    edit(old, status=TermStatus.RETIRED, successor=successor)

    publish_term(term=old, by=None)

    assert Announcement.objects.order_by("pk").last().event == "term.unpublished"


def test_rolling_back_to_a_retirement_whose_successor_is_gone_is_refused():
    successor = TermFactory(published=True)
    old = TermFactory(slug="old-name", published=True)
    edit(old, status=TermStatus.RETIRED, successor=successor)
    retirement = publish_term(term=old, by=None)
    edit(old, status=TermStatus.ACTIVE, successor=None)
    publish_term(term=old, by=None)
    unpublish_term(term=successor, by=None)

    with pytest.raises(ValidationError) as refused:
        republish_term_version(version=retirement, by=None)

    assert "successor" in refused.value.message_dict


def test_publishing_relations_that_close_a_loop_with_published_ones_is_refused():
    """Two editors saving at once can each pass the admin's check; publication checks again."""
    a, b = TermFactory(name="A"), TermFactory(name="B")
    TermRelationFactory(term=a, type="broader", target=b)
    publish_term(term=a, by=None)
    TermRelation.objects.filter(term=a).delete()  # as if saved before B's relation existed
    TermRelationFactory(term=b, type="broader", target=a)

    with pytest.raises(ValidationError, match="loop of broader terms: B → A → B"):
        publish_term(term=b, by=None)
