"""A compiled read answers exactly as its queryset would, with each call's own arguments."""

from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q
from django.utils import timezone

from publishing.compiled import CompiledRead
from terms.models import TermVersion
from terms.services import publish_term, unpublish_term
from tests.factories import CategoryFactory, TermFactory

pytestmark = pytest.mark.django_db

live_by_slug = CompiledRead(
    lambda at, slug: TermVersion.objects.live(at=at).filter(slug=slug).values("slug", "name", "aliases", "live_from")
)
live_by_term_ids = CompiledRead(
    lambda at, term_ids: TermVersion.objects.live(at=at)
    .filter(term_id__in=term_ids)
    .order_by("name")
    .values("term_id", "name", "category__name")
)


def test_each_call_uses_its_own_arguments():
    first = TermFactory(name="Tokenizer", slug="tokenizer", published=True)
    TermFactory(name="Embedding", slug="embedding", published=True)
    now = timezone.now()

    assert [row["name"] for row in live_by_slug.rows(at=now, slug="tokenizer")] == ["Tokenizer"]
    assert [row["name"] for row in live_by_slug.rows(at=now, slug="embedding")] == ["Embedding"]
    assert live_by_slug.rows(at=now, slug="nothing-here") == []
    version = first.versions.get()
    assert live_by_slug.rows(at=version.live_from - timedelta(microseconds=1), slug="tokenizer") == []


def test_rows_come_back_converted_as_the_orm_returns_them():
    TermFactory(name="Tokenizer", slug="tokenizer", published=True)
    now = timezone.now()

    (row,) = live_by_slug.rows(at=now, slug="tokenizer")
    expected = TermVersion.objects.live(at=now).filter(slug="tokenizer").values("slug", "name", "aliases", "live_from")
    assert row == expected.get()
    assert row["live_from"].tzinfo is not None
    assert isinstance(row["aliases"], list)


def test_the_live_window_decides_at_each_instant():
    term = TermFactory(slug="tokenizer", published=True)
    live_from = term.versions.get().live_from
    withdrawn_at = live_from + timedelta(hours=1)
    unpublish_term(term=term, by=None, at=withdrawn_at)

    assert live_by_slug.rows(at=live_from, slug="tokenizer")
    assert live_by_slug.rows(at=withdrawn_at - timedelta(microseconds=1), slug="tokenizer")
    assert live_by_slug.rows(at=withdrawn_at, slug="tokenizer") == []


def test_lists_of_any_length_compile_and_an_empty_list_matches_nothing():
    category = CategoryFactory(name="Basics")
    terms = [TermFactory(name=f"Term {n}", category=category, published=True) for n in range(4)]
    draft = TermFactory(name="Draft term")
    now = timezone.now()

    for size in (1, 2, 4):
        rows = live_by_term_ids.rows(at=now, term_ids=[term.pk for term in terms[:size]])
        assert [row["name"] for row in rows] == [f"Term {n}" for n in range(size)]
        assert {row["category__name"] for row in rows} == {"Basics"}
    assert live_by_term_ids.rows(at=now, term_ids=[draft.pk]) == []
    assert live_by_term_ids.rows(at=now, term_ids=[]) == []


def test_a_new_publication_is_read_by_the_same_compiled_read():
    term = TermFactory(name="Old name", slug="tokenizer", published=True)
    edited = term.__class__.objects.get(pk=term.pk)
    edited.name = "New name"
    edited.save()
    publish_term(term=edited, by=None)

    assert [row["name"] for row in live_by_slug.rows(at=timezone.now(), slug="tokenizer")] == ["New name"]


def test_an_argument_that_never_reaches_the_sql_is_refused():
    forgets_the_slug = CompiledRead(lambda at, slug: TermVersion.objects.live(at=at).values("slug"))
    with pytest.raises(ImproperlyConfigured, match="slug"):
        forgets_the_slug.rows(at=timezone.now(), slug="tokenizer")


def test_only_values_querysets_compile():
    models_not_values = CompiledRead(lambda at: TermVersion.objects.live(at=at).filter(Q(slug="x")))
    with pytest.raises(ImproperlyConfigured):
        models_not_values.rows(at=timezone.now())


@pytest.mark.django_db(transaction=True)
def test_a_read_after_the_connection_was_closed_runs_on_a_new_connection():
    from django.db import connection

    TermFactory(name="Tokenizer", slug="tokenizer", published=True)
    now = timezone.now()
    assert len(live_by_slug.rows(at=now, slug="tokenizer")) == 1

    connection.close()  # as a database restart or CONN_MAX_AGE would end it

    assert [row["name"] for row in live_by_slug.rows(at=now, slug="tokenizer")] == ["Tokenizer"]
