"""The demo glossary: AI and LLM terms, comparisons and site-wide FAQs, written by us."""

from terms.demo.comparisons import COMPARISONS, SITE_FAQS
from terms.demo.relations import RELATIONS
from terms.demo.relations import TERMS as REPLACED_TERMS
from terms.demo.terms_a import TERMS as TERMS_A
from terms.demo.terms_b import TERMS as TERMS_B

CATEGORIES = [
    ("core-concepts", "Core Concepts", "The building blocks every conversation about language models relies on."),
    ("models-architectures", "Models & Architectures", "Kinds of models and the designs inside them."),
    ("training-adaptation", "Training & Adaptation", "How models learn, and how teams adapt them to a job."),
    ("retrieval-knowledge", "Retrieval & Knowledge", "Giving models the right facts at the right time."),
    ("prompting-agents", "Prompting & Agents", "Instructing models and letting them act with tools."),
    ("safety-evaluation", "Safety & Evaluation", "Keeping model behaviour accurate, safe and aligned."),
]

CALL_TO_ACTION = {
    "name": "Free trial",
    "title": "Build your AI agent",
    "text": "7-day free trial. No credit card needed.",
    "button_label": "Start free trial",
    "button_url": "https://example.com/signup",
}

TERMS = TERMS_A + TERMS_B + REPLACED_TERMS

__all__ = ["CALL_TO_ACTION", "CATEGORIES", "COMPARISONS", "RELATIONS", "SITE_FAQS", "TERMS"]
