"""The search documents of published FAQs, written once when they are saved (PostgreSQL only).

Terms search reads them (terms/search.py); the text search configuration is the same for
every kind of content, so it is defined here, at the bottom of the content apps.
"""

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import QuerySet

SEARCH_CONFIG = "english"


def store_faq_search_documents(*, faqs: QuerySet) -> None:
    """Compute both search documents of published FAQs (PostgreSQL only).

    Both, always: an FAQ without its heading document is found only by its whole
    document, so a match in its question would rank as one in its answer.
    """
    if connection.vendor != "postgresql":
        return
    faqs.update(search_document=faq_search_vector(), heading_document=faq_heading_vector())


def faq_heading_vector() -> SearchVector:
    return SearchVector("question", weight="A", config=SEARCH_CONFIG)


def faq_search_vector() -> SearchVector:
    return SearchVector("question", weight="A", config=SEARCH_CONFIG) + SearchVector(
        "answer_text", weight="B", config=SEARCH_CONFIG
    )
