"""Search across live terms, comparisons and FAQs, best first.

Ranking tiers are the same on every database: a match in a term's name or aliases
beats a match in its quick definition, which beats a match only in the explanation.
Within a tier, PostgreSQL orders by full-text rank (weighted search vectors with a
GIN index); SQLite, which has no full-text search in Django, by name.

On PostgreSQL a second, small stored vector (`heading_document`: names, aliases,
definitions, questions) finds the upper tiers through its own index. A word found in
most explanations is then ranked only among the few headings that have it, and the
explanations are searched only when the headings give fewer hits than asked for.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Lower

from faqs.models import PublishedFAQ
from terms.models import ComparisonVersion, TermVersion
from terms.structured_data import comparison_url, term_url

SNIPPET_LENGTH = 160
SEARCH_CONFIG = "english"
MAX_QUERY_LENGTH = 200
# An FAQ scores at most a question match (tier 2) with a rank just under 1, so a list
# already full of term or comparison matches in their headings (20 and up) has no room for one.
RANK_CEILING = 0.999
FAQ_BEST_SCORE = 2 * 10 + RANK_CEILING - 5


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
    if versions.model is TermVersion:
        versions.update(search_document=term_search_vector(), heading_document=term_heading_vector())
    else:
        versions.update(search_document=comparison_search_vector(), heading_document=comparison_heading_vector())
    faqs.update(search_document=faq_search_vector(), heading_document=faq_heading_vector())


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


def term_heading_vector() -> SearchVector:
    """A term's name, aliases and quick definition: the upper ranking tiers."""
    return (
        SearchVector("name", weight="A", config=SEARCH_CONFIG)
        + SearchVector("aliases_text", weight="A", config=SEARCH_CONFIG)
        + SearchVector("short_definition", weight="B", config=SEARCH_CONFIG)
    )


def comparison_heading_vector() -> SearchVector:
    return SearchVector("title", weight="A", config=SEARCH_CONFIG) + SearchVector(
        "summary", weight="B", config=SEARCH_CONFIG
    )


def faq_heading_vector() -> SearchVector:
    return SearchVector("question", weight="A", config=SEARCH_CONFIG)


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


def _tier_of_short_fields(words: list[str], tiers: list[tuple[int, list[str]]], *, default: int) -> Case:
    """The best tier whose fields contain every word; `default` when none does."""
    return Case(
        *[When(_contains_all(field, words), then=Value(tier)) for tier, fields in tiers for field in fields],
        default=Value(default),
        output_field=IntegerField(),
    )


def _best_first(
    rows: QuerySet, query: str, tiers: list[tuple[int, list[str]]], *, order, limit: int, few_rows: bool = False
) -> list:
    """The `limit` best matches of `query` among `rows`, each with `tier` and `rank`, best first.

    `tiers` go from best to worst; the last one is the long text. On PostgreSQL, matches
    in the headings (every tier but the last) come first, with their tier from the
    short fields that contain every word; matches only in the long text follow, read
    only if the headings gave fewer than `limit` (or in the same read for `few_rows`,
    a table small enough to rank whole). Elsewhere every field is compared with
    icontains, in one read.
    """
    words = _words(query)
    *heading_tiers, (lowest, _) = tiers
    if connection.vendor != "postgresql":
        matches = rows.annotate(tier=_tier_of_short_fields(words, tiers, default=0), rank=Value(0.0)).filter(tier__gt=0)
        return list(matches.order_by("-tier", order)[:limit])
    search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
    matching_rows = rows.filter(search_document=search_query)
    # Every word of a heading is in the whole document too, so a heading match is a
    # document match, unless the query excludes a word ("-word") that only the long text has.
    heading_rows = matching_rows if "-" in query else rows
    heading_tier = _tier_of_short_fields(words, heading_tiers, default=heading_tiers[-1][0])
    if few_rows:
        in_heading = Q(heading_document=search_query)
        ranked = matching_rows.annotate(
            tier=Case(When(in_heading, then=heading_tier), default=Value(lowest)),
            rank=Case(
                When(in_heading, then=SearchRank(F("heading_document"), search_query)),
                default=SearchRank(F("search_document"), search_query),
            ),
        )
        return list(ranked.order_by("-tier", "-rank", order)[:limit])
    # Headings rank by their own small document: ranking a common word by the whole
    # document would read every long document that has it.
    best = list(
        heading_rows.filter(heading_document=search_query)
        .annotate(tier=heading_tier, rank=SearchRank(F("heading_document"), search_query))
        .order_by("-tier", "-rank", order)[:limit]
    )
    if len(best) < limit:
        in_long_text_only = matching_rows.exclude(heading_document=search_query).annotate(
            tier=Value(lowest), rank=SearchRank(F("search_document"), search_query)
        )
        best += in_long_text_only.order_by("-rank", order)[: limit - len(best)]
    return best


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

    terms = _best_first(
        TermVersion.objects.live(at=at).only("slug", "name", "short_definition", "body_text"),
        query,
        [(4, ["name"]), (3, ["aliases_text"]), (2, ["short_definition"]), (1, ["body_text"])],
        order=Lower("name"),
        limit=limit,
    )
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

    comparisons = _best_first(
        ComparisonVersion.objects.live(at=at).only("slug", "title", "summary", "body_text"),
        query,
        [(4, ["title"]), (2, ["summary"]), (1, ["body_text"])],
        order="title",
        limit=limit,
        few_rows=True,  # one an editor writes per pair of terms
    )
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

    hits.sort(key=lambda hit: hit.score, reverse=True)
    if len(hits) >= limit and hits[limit - 1].score >= FAQ_BEST_SCORE:
        return hits[:limit]  # no FAQ could make the list

    faqs = _best_first(
        PublishedFAQ.objects.live(at=at)
        .select_related("term_version", "comparison_version")
        .only("question", "answer_text", "term_version__slug", "comparison_version__slug"),
        query,
        [(2, ["question"]), (1, ["answer_text"])],
        order="question",
        limit=limit,
    )
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
                faq.tier * 10 + min(faq.rank, RANK_CEILING) - 5,
            )
        )

    hits.sort(key=lambda hit: hit.score, reverse=True)
    return hits[:limit]
