"""Fixtures for ask: a small live glossary with a page term, a related term, an unrelated one and site FAQs."""

from dataclasses import dataclass

import pytest

from faqs.models import FAQ
from terms.models import Term
from terms.services import publish_term
from tests.factories import FAQFactory, RelatedTermFactory, TermAliasFactory, TermFactory

ASK = "/api/v1/ask/"


@dataclass
class Glossary:
    chunking: Term  # the page term
    rag: Term  # related to chunking
    temperature: Term  # unrelated
    chunk_size: FAQ
    overlap: FAQ
    lost_context: FAQ
    rag_chunk_size: FAQ
    temperature_choice: FAQ
    site_cite: FAQ


@pytest.fixture
def glossary(db) -> Glossary:
    rag = TermFactory(
        name="Retrieval-Augmented Generation",
        slug="rag",
        short_definition="Answering with documents retrieved for the question.",
    )
    TermAliasFactory(term=rag, name="RAG")
    rag_chunk_size = FAQFactory(
        term=rag, question="What chunk size works for RAG?", answer="Start near 500 tokens.", order=1
    )
    publish_term(term=rag, by=None)
    temperature = TermFactory(
        name="Temperature", slug="temperature", short_definition="How random a model's sampling is."
    )
    temperature_choice = FAQFactory(
        term=temperature, question="What temperature should I use?", answer="Low for facts, higher for ideas."
    )
    publish_term(term=temperature, by=None)
    chunking = TermFactory(name="Chunking", slug="chunking", short_definition="Splitting documents into pieces.")
    RelatedTermFactory(term=chunking, related=rag)
    chunk_size = FAQFactory(
        term=chunking, question="What chunk size should I use?", answer="A few hundred tokens, with overlap.", order=1
    )
    overlap = FAQFactory(
        term=chunking, question="Why add overlap between chunks?", answer="So no sentence is cut in two.", order=2
    )
    lost_context = FAQFactory(
        term=chunking,
        question="How can I keep context that gets lost when splitting?",
        answer="Prepend the section title to each chunk.",
        order=3,
    )
    publish_term(term=chunking, by=None)
    site_cite = FAQFactory(question="Can I cite this glossary?", answer="Yes, with a link.", published=True)
    return Glossary(
        chunking, rag, temperature, chunk_size, overlap, lost_context, rag_chunk_size, temperature_choice, site_cite
    )
