"""Search across live terms, comparisons and FAQs, best first.

Ranking tiers are the same on every database: a match in a term's name or aliases
beats a match in its quick definition, which beats a match only in the explanation.
Within a tier, PostgreSQL orders by full-text rank (weighted search vectors with a
GIN index); SQLite, which has no full-text search in Django, by name.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, FloatField, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Lower

from faqs.models import PublishedFAQ
from terms.models import ComparisonVersion, TermVersion
from terms.structured_data import comparison_url, term_url

SNIPPET_LENGTH = 160
SEARCH_CONFIG = "english"
MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class SearchHit:
    type: str
    slug: str | None
    title: str
    snippet: str
    url: str | None
    score: float


def store_search_documents(*, versions: QuerySet, faqs: QuerySet) -> None:
    """Compute the weighted search documents once, at publication (PostgreSQL only)."""
    if connection.vendor != "postgresql":
        return
    vector = term_search_vector() if versions.model is TermVersion else comparison_search_vector()
    versions.update(search_document=vector)
    faqs.update(search_document=faq_search_vector())


def term_search_vector() -> SearchVector:
    """The weighted document of a published term, stored in `search_document` (GIN-indexed)."""
    return (
        SearchVector("name", weight="A", config=SEARCH_CONFIG)
        + SearchVector("aliases_text", weight="A", config=SEARCH_CONFIG)
        + SearchVector("short_definition", weight="B", config=SEARCH_CONFIG)
        + SearchVector("body_text", weight="C", config=SEARCH_CONFIG)
    )


def comparison_search_vector() -> SearchVector:
    return (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
        + SearchVector("body_text", weight="C", config=SEARCH_CONFIG)
    )


def faq_search_vector() -> SearchVector:
    return SearchVector("question", weight="A", config=SEARCH_CONFIG) + SearchVector(
        "answer_text", weight="B", config=SEARCH_CONFIG
    )


def _words(query: str) -> list[str]:
    return [word for word in re.split(r"\W+", query.lower()) if word]


def _contains_all(field: str, words: list[str]) -> Q:
    condition = Q()
    for word in words:
        condition &= Q(**{f"{field}__icontains": word})
    return condition


def matching(rows: QuerySet, query: str, fields: list[str]) -> QuerySet:
    """Rows in which every word of `query` appears in at least one of `fields`."""
    condition = Q()
    for word in _words(query):
        in_any_field = Q()
        for field in fields:
            in_any_field |= Q(**{f"{field}__icontains": word})
        condition &= in_any_field
    return rows.filter(condition)


def _tiered(rows: QuerySet, query: str, tiers: list[tuple[int, list[str]]]) -> QuerySet:
    """Annotate `tier` (best field matched) and `rank`, keep only matches, best first.

    On PostgreSQL, matching uses the stored search document and its GIN index; only the
    short fields are compared again to find the tier, and a match found only in the
    long text falls to the lowest tier. Elsewhere every field is compared with icontains.
    """
    words = _words(query)
    postgres = connection.vendor == "postgresql"
    lowest = tiers[-1][0]
    tier_cases = [
        When(_contains_all(field, words), then=Value(tier))
        for tier, fields in tiers
        if not (postgres and tier == lowest)
        for field in fields
    ]
    default = Value(lowest if postgres else 0)
    rows = rows.annotate(tier=Case(*tier_cases, default=default, output_field=IntegerField()))
    if postgres:
        search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
        return rows.filter(search_document=search_query).annotate(rank=SearchRank(F("search_document"), search_query))
    return rows.annotate(rank=Value(0.0, output_field=FloatField())).filter(tier__gt=0)


def _snippet(words: list[str], *texts: str) -> str:
    """A plain-text window around the first query word found, or the start of the first text."""
    for text in texts:
        lowered = text.lower()
        positions = [lowered.find(word) for word in words if lowered.find(word) >= 0]
        if positions:
            start = max(0, min(positions) - SNIPPET_LENGTH // 3)
            window = text[start : start + SNIPPET_LENGTH].strip()
            return ("…" if start > 0 else "") + window + ("…" if start + SNIPPET_LENGTH < len(text) else "")
    first = next((text for text in texts if text), "")
    return first[:SNIPPET_LENGTH] + ("…" if len(first) > SNIPPET_LENGTH else "")


def search(*, query: str, at: datetime, limit: int = 20) -> list[SearchHit]:
    """Live terms, comparisons and FAQs matching `query`, best first."""
    words = _words(query)
    if not words:
        return []
    hits: list[SearchHit] = []

    terms = _tiered(
        TermVersion.objects.live(at=at).only("slug", "name", "short_definition", "body_text"),
        query,
        [(4, ["name"]), (3, ["aliases_text"]), (2, ["short_definition"]), (1, ["body_text"])],
    ).order_by("-tier", "-rank", Lower("name"))[:limit]
    for version in terms:
        exact = 1 if version.name.lower() == query.strip().lower() else 0
        hits.append(
            SearchHit(
                "term",
                version.slug,
                version.name,
                _snippet(words, version.short_definition, version.body_text),
                term_url(version.slug),
                version.tier * 10 + exact * 5 + version.rank,
            )
        )

    comparisons = _tiered(
        ComparisonVersion.objects.live(at=at).only("slug", "title", "summary", "body_text"),
        query,
        [(4, ["title"]), (2, ["summary"]), (1, ["body_text"])],
    ).order_by("-tier", "-rank", "title")[:limit]
    for version in comparisons:
        hits.append(
            SearchHit(
                "comparison",
                version.slug,
                version.title,
                _snippet(words, version.summary, version.body_text),
                comparison_url(version.slug),
                version.tier * 10 + version.rank,
            )
        )

    faqs = _tiered(
        PublishedFAQ.objects.live(at=at)
        .select_related("term_version", "comparison_version")
        .only("question", "answer_text", "term_version__slug", "comparison_version__slug"),
        query,
        [(2, ["question"]), (1, ["answer_text"])],
    ).order_by("-tier", "-rank", "question")[:limit]
    for faq in faqs:
        if faq.term_version:
            slug, url = faq.term_version.slug, term_url(faq.term_version.slug)
        elif faq.comparison_version:
            slug, url = faq.comparison_version.slug, comparison_url(faq.comparison_version.slug)
        else:
            slug, url = None, None
        hits.append(
            SearchHit(
                "faq",
                slug,
                faq.question,
                _snippet(words, faq.answer_text),
                url,
                faq.tier * 10 + faq.rank - 5,
            )
        )

    hits.sort(key=lambda hit: hit.score, reverse=True)
    return hits[:limit]
