"""Factories for tests: build content the way editors do, publish it the way services do."""

import factory
from django.contrib.auth import get_user_model

from faqs.models import FAQ
from faqs.services import publish_site_faq
from terms.models import (
    CallToAction,
    Category,
    Comparison,
    ComparisonPoint,
    RelatedTerm,
    Term,
    TermAlias,
    TermRelation,
)
from terms.services import publish_comparison, publish_term


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"editor{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("correct horse battery staple")
    is_staff = True

    class Params:
        superuser = factory.Trait(is_superuser=True, is_staff=True)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    description = "Terms about one subject."


class CallToActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CallToAction

    name = factory.Sequence(lambda n: f"CTA {n}")
    title = "Build your AI agent"
    text = "7-day free trial"
    button_label = "Start free trial"
    button_url = "https://example.com/signup"


class TermFactory(factory.django.DjangoModelFactory):
    """A term's working copy; `published=True` publishes it after creation."""

    class Meta:
        model = Term
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Term {n}")
    slug = factory.Sequence(lambda n: f"term-{n}")
    short_definition = factory.LazyAttribute(lambda term: f"{term.name} is a concept in machine learning.")
    body = factory.LazyAttribute(
        lambda term: f"## What it is\n\n{term.name} explained in plain words.\n\n## Why it matters\n\nIt matters."
    )
    category = factory.SubFactory(CategoryFactory)

    @factory.post_generation
    def published(term, create, extracted, **kwargs):
        if create and extracted:
            publish_term(term=term, by=None)


class TermAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TermAlias

    term = factory.SubFactory(TermFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class RelatedTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RelatedTerm

    term = factory.SubFactory(TermFactory)
    related = factory.SubFactory(TermFactory)
    order = factory.Sequence(int)


class TermRelationFactory(factory.django.DjangoModelFactory):
    """A typed relation set on `term` (broader by default)."""

    class Meta:
        model = TermRelation

    term = factory.SubFactory(TermFactory)
    type = "broader"
    target = factory.SubFactory(TermFactory)


class FAQFactory(factory.django.DjangoModelFactory):
    """An FAQ; site-wide unless given a term or comparison. `published=True` publishes a site-wide one."""

    class Meta:
        model = FAQ
        skip_postgeneration_save = True

    term = None
    comparison = None
    question = factory.Sequence(lambda n: f"What is question {n}?")
    answer = "It is **answered** here."
    order = factory.Sequence(int)

    @factory.post_generation
    def published(faq, create, extracted, **kwargs):
        if create and extracted:
            publish_site_faq(faq=faq, by=None)


class ComparisonFactory(factory.django.DjangoModelFactory):
    """A comparison of two terms (published ones by default); `published=True` publishes it."""

    class Meta:
        model = Comparison
        skip_postgeneration_save = True

    term_a = factory.SubFactory(TermFactory, published=True)
    term_b = factory.SubFactory(TermFactory, published=True)
    slug = factory.LazyAttribute(lambda c: f"{c.term_a.slug}-vs-{c.term_b.slug}")
    title = factory.LazyAttribute(lambda c: f"{c.term_a.name} vs {c.term_b.name}")
    summary = "How the two differ."
    body = "## The short answer\n\nThey differ."

    @factory.post_generation
    def published(comparison, create, extracted, **kwargs):
        if create and extracted:
            publish_comparison(comparison=comparison, by=None)


class ComparisonPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ComparisonPoint

    comparison = factory.SubFactory(ComparisonFactory)
    order = factory.Sequence(int)
    aspect = factory.Sequence(lambda n: f"Aspect {n}")
    term_a_text = "Holds for A."
    term_b_text = "Holds for B."
