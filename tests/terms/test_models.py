"""Invariants of the working copies: validation errors on the right field, and the database refusing too."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from faqs.models import FAQ
from terms.models import Comparison, RelatedTerm, Term
from tests.factories import CategoryFactory, ComparisonFactory, TermFactory

pytestmark = pytest.mark.django_db


def validation_errors(instance) -> dict[str, list[str]]:
    """The errors `full_clean()` reports, by field; empty when it passes."""
    try:
        instance.full_clean()
    except ValidationError as error:
        return error.message_dict
    return {}


def new_term(**fields) -> Term:
    """An unsaved term with valid values for everything not given."""
    values = {"name": "Foundation Model", "slug": "", "short_definition": "A large pre-trained model."}
    return Term(**(values | fields))


@pytest.mark.parametrize(
    "other_name", ["foundation model", "FOUNDATION MODEL", "Foundation model", "  Foundation Model "]
)
def test_term_name_taken_in_another_case_is_an_error_on_name(other_name):
    TermFactory(name="Foundation Model", slug="foundation-model")

    errors = validation_errors(new_term(name=other_name, slug="another-slug"))

    assert errors["name"] == ["A term with this name already exists (names ignore case)."]


def test_term_name_taken_in_another_case_is_refused_by_the_database():
    TermFactory(name="Foundation Model", slug="foundation-model")

    with pytest.raises(IntegrityError), transaction.atomic():
        Term.objects.create(name="FOUNDATION model", slug="another-slug", short_definition="Same name, shouting.")


def test_term_with_a_new_name_is_valid():
    TermFactory(name="Foundation Model", slug="foundation-model")

    assert validation_errors(new_term(name="Foundation Models", slug="foundation-models")) == {}


def test_renaming_a_term_to_its_own_name_in_another_case_is_valid():
    term = TermFactory(name="Foundation Model", slug="foundation-model")

    term.name = "Foundation model"

    assert validation_errors(term) == {}


def test_term_slug_taken_is_an_error_on_slug():
    TermFactory(name="Token", slug="token")

    errors = validation_errors(new_term(name="Tokens", slug="token"))

    assert list(errors) == ["slug"]


def test_term_slug_taken_is_refused_by_the_database():
    TermFactory(name="Token", slug="token")

    with pytest.raises(IntegrityError), transaction.atomic():
        Term.objects.create(name="Tokens", slug="token", short_definition="Plural.")


@pytest.mark.parametrize(
    ("name", "expected_slug"),
    [
        ("Foundation Model", "foundation-model"),
        ("  Retrieval-Augmented Generation (RAG) ", "retrieval-augmented-generation-rag"),
        ("Café Éclair", "cafe-eclair"),
        ("LLM", "llm"),
    ],
)
def test_full_clean_fills_an_empty_slug_from_the_name(name, expected_slug):
    term = new_term(name=name, slug="")

    term.full_clean()

    assert term.slug == expected_slug


def test_full_clean_keeps_a_slug_the_editor_typed():
    term = new_term(name="Foundation Model", slug="fm")

    term.full_clean()

    assert term.slug == "fm"


def test_full_clean_strips_spaces_around_the_name():
    term = new_term(name="  Token  ")

    term.full_clean()

    assert term.name == "Token"


def test_slug_filled_from_the_name_must_still_be_unique():
    TermFactory(name="Token (old)", slug="token")

    errors = validation_errors(new_term(name="Token", slug=""))

    assert list(errors) == ["slug"]


@pytest.mark.parametrize(("length", "valid"), [(299, True), (300, True), (301, False)])
def test_short_definition_holds_at_most_300_characters(length, valid):
    errors = validation_errors(new_term(short_definition="x" * length))

    assert ("short_definition" not in errors) is valid


def test_short_definition_is_required():
    errors = validation_errors(new_term(short_definition=""))

    assert list(errors) == ["short_definition"]


def test_comparing_a_term_with_itself_is_an_error_on_term_b():
    term = TermFactory()

    errors = validation_errors(Comparison(term_a=term, term_b=term, summary="Same."))

    assert errors["term_b"] == ["A term cannot be compared with itself."]
    assert list(errors) == ["term_b"]


def test_comparing_a_term_with_itself_is_refused_by_the_database():
    term = TermFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Comparison.objects.create(term_a=term, term_b=term, slug="same-vs-same", title="Same", summary="Same.")


@pytest.mark.parametrize("order", ["same", "reversed"], ids=["same-order", "reversed-order"])
def test_comparing_a_pair_again_is_an_error_on_term_b(order):
    existing = ComparisonFactory()
    term_a, term_b = existing.term_a, existing.term_b
    if order == "reversed":
        term_a, term_b = term_b, term_a

    errors = validation_errors(Comparison(term_a=term_a, term_b=term_b, slug="another-slug", summary="Again."))

    assert errors == {"term_b": ["These two terms are already compared (in one order or the other)."]}


@pytest.mark.parametrize("order", ["same", "reversed"], ids=["same-order", "reversed-order"])
def test_comparing_a_pair_again_is_refused_by_the_database(order):
    existing = ComparisonFactory()
    term_a, term_b = existing.term_a, existing.term_b
    if order == "reversed":
        term_a, term_b = term_b, term_a

    with pytest.raises(IntegrityError), transaction.atomic():
        Comparison.objects.create(term_a=term_a, term_b=term_b, slug="another-slug", title="Again", summary="Again.")


def test_comparing_one_term_with_two_others_is_valid():
    existing = ComparisonFactory()

    errors = validation_errors(Comparison(term_a=existing.term_a, term_b=TermFactory(), summary="Different pair."))

    assert errors == {}


def test_full_clean_fills_comparison_slug_and_title_from_the_terms():
    term_a = TermFactory(name="Foundation Model", slug="foundation-model")
    term_b = TermFactory(name="LLM", slug="llm")
    comparison = Comparison(term_a=term_a, term_b=term_b, summary="How they differ.")

    comparison.full_clean()

    assert comparison.slug == "foundation-model-vs-llm"
    assert comparison.title == "Foundation Model vs LLM"


def test_full_clean_keeps_comparison_slug_and_title_the_editor_typed():
    comparison = Comparison(
        term_a=TermFactory(), term_b=TermFactory(), slug="fm-or-llm", title="Which one?", summary="How they differ."
    )

    comparison.full_clean()

    assert (comparison.slug, comparison.title) == ("fm-or-llm", "Which one?")


def test_term_related_to_itself_is_an_error_on_related():
    term = TermFactory()

    errors = validation_errors(RelatedTerm(term=term, related=term))

    assert "A term cannot be related to itself." in errors["related"]


def test_term_related_to_itself_is_refused_by_the_database():
    term = TermFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        RelatedTerm.objects.create(term=term, related=term)


def test_term_related_to_another_term_is_valid():
    assert validation_errors(RelatedTerm(term=TermFactory(), related=TermFactory())) == {}


def test_relating_the_same_terms_twice_is_refused_by_the_database():
    link = RelatedTerm.objects.create(term=TermFactory(), related=TermFactory())

    with pytest.raises(IntegrityError), transaction.atomic():
        RelatedTerm.objects.create(term=link.term, related=link.related, order=1)


def test_faq_of_both_a_term_and_a_comparison_is_a_validation_error():
    comparison = ComparisonFactory()
    faq = FAQ(term=comparison.term_a, comparison=comparison, question="Whose am I?", answer="Both.")

    errors = validation_errors(faq)

    assert errors["__all__"] == ["An FAQ belongs to a term or to a comparison, not both."]


def test_faq_of_both_a_term_and_a_comparison_is_refused_by_the_database():
    comparison = ComparisonFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        FAQ.objects.create(term=comparison.term_a, comparison=comparison, question="Whose am I?", answer="Both.")


@pytest.mark.parametrize("owner", ["term", "comparison", "site"])
def test_faq_of_one_owner_or_none_is_valid(owner):
    comparison = ComparisonFactory()
    owners = {"term": {"term": comparison.term_a}, "comparison": {"comparison": comparison}, "site": {}}

    faq = FAQ(question="What is it?", answer="An answer.", **owners[owner])

    assert validation_errors(faq) == {}
    assert faq.is_site_wide is (owner == "site")


def test_category_name_taken_in_another_case_is_refused_by_the_database():
    CategoryFactory(name="Core Concepts", slug="core-concepts")

    with pytest.raises(IntegrityError), transaction.atomic():
        CategoryFactory(name="core concepts", slug="core-concepts-2")
