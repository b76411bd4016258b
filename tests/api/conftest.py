"""Fixtures for the delivery API tests: a term page built like the reference one."""

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
import time_machine

from faqs.models import FAQ
from terms.models import CallToAction, Category, Comparison, ComparisonPoint, Term
from terms.services import publish_comparison, publish_term, unpublish_term
from tests.api.support import MONDAY
from tests.factories import (
    CallToActionFactory,
    CategoryFactory,
    ComparisonFactory,
    ComparisonPointFactory,
    FAQFactory,
    RelatedTermFactory,
    TermAliasFactory,
    TermFactory,
)

# About 460 words in all: 3 minutes at 200 words a minute.
TERM_BODY = (
    "## What it is\n\n"
    "A foundation model is trained once on **broad data** and adapted to many tasks.\n\n"
    "## Examples\n\n- GPT-4\n- Claude\n\n"
    "### Examples\n\nA nested heading with the same text gets its own anchor.\n\n"
    "## Why it matters\n\n" + "Reuse saves training. " * 140 + "\n\n<script>alert('x')</script>\n"
)


@dataclass
class TermPage:
    """A live term with everything the reference page shows, and the links it must leave out."""

    term: Term
    category: Category
    cta: CallToAction
    related: list[Term]  # live, in the editor's order
    hidden_related: list[Term]  # linked, but not live
    faqs: list[FAQ]  # in the editor's order; the last is not suggested in the widget
    comparisons: list[Comparison]  # live, by title
    hidden_comparisons: list[Comparison]  # on the term, but not live
    points: list[ComparisonPoint]  # of comparisons[0], in the editor's order
    first_published_at: datetime
    last_published_at: datetime


@pytest.fixture
def term_page(db) -> TermPage:
    """'Foundation Model', first published on MONDAY (a minute past) and published again a day later."""
    with time_machine.travel(MONDAY, tick=False) as clock:
        category = CategoryFactory(name="Models & architectures", slug="models-architectures")
        cta = CallToActionFactory()
        llm = TermFactory(name="LLM", slug="llm", category=category, published=True)
        pretraining = TermFactory(name="Pre-training", slug="pre-training", category=None, published=True)
        draft = TermFactory(name="Draft Neighbour", slug="draft-neighbour")
        withdrawn = TermFactory(name="Withdrawn Neighbour", slug="withdrawn-neighbour", published=True)
        clock.shift(timedelta(minutes=1))
        unpublish_term(term=withdrawn, by=None)

        term = TermFactory(
            name="Foundation Model",
            slug="foundation-model",
            short_definition="A large model trained on broad data and adapted to many tasks.",
            body=TERM_BODY,
            category=category,
            cta=cta,
            seo_description="What a foundation model is, with examples.",
        )
        TermAliasFactory(term=term, name="FM")
        TermAliasFactory(term=term, name="Base model")
        # Editor's order is `order`, not creation order.
        RelatedTermFactory(term=term, related=pretraining, order=5)
        RelatedTermFactory(term=term, related=draft, order=3)
        RelatedTermFactory(term=term, related=llm, order=1)
        RelatedTermFactory(term=term, related=withdrawn, order=2)
        second = FAQFactory(term=term, question="Is GPT-4 a foundation model?", answer="Yes, **it is**.", order=2)
        first = FAQFactory(term=term, question="What is a foundation model?", answer="A *reusable* model.", order=1)
        hidden = FAQFactory(
            term=term, question="Who coined the term?", answer="Stanford, in 2021.", order=3, suggested_in_widget=False
        )
        publish_term(term=term, by=None)

        versus_llm = ComparisonFactory(term_a=term, term_b=llm, title="Foundation Model vs LLM")
        points = [
            ComparisonPointFactory(comparison=versus_llm, aspect="Scope", order=2),
            ComparisonPointFactory(comparison=versus_llm, aspect="Modality", order=1),
        ]
        FAQFactory(comparison=versus_llm, question="Is every LLM a foundation model?", order=1)
        publish_comparison(comparison=versus_llm, by=None)
        # The term is on side B here: `other_term` must be side A.
        versus_pretraining = ComparisonFactory(
            term_a=pretraining, term_b=term, title="Pre-training vs Foundation Model", published=True
        )
        with_draft = ComparisonFactory(term_a=term, term_b=draft, published=True)
        with_withdrawn = ComparisonFactory(term_a=withdrawn, term_b=term, published=True)
        never_published = ComparisonFactory(
            term_a=term, term_b=TermFactory(name="Base Model", slug="base-model", category=None, published=True)
        )

        first_published_at = term.versions.get().live_from
        clock.shift(timedelta(days=1))
        last_published_at = publish_term(term=term, by=None).live_from

    return TermPage(
        term=term,
        category=category,
        cta=cta,
        related=[llm, pretraining],
        hidden_related=[withdrawn, draft],
        faqs=[first, second, hidden],
        comparisons=[versus_llm, versus_pretraining],
        hidden_comparisons=[with_draft, with_withdrawn, never_published],
        points=[points[1], points[0]],
        first_published_at=first_published_at,
        last_published_at=last_published_at,
    )
