"""Search across live terms, comparisons and FAQs, best first.

Ranking tiers are the same on every database: a match in a term's name beats one in
its aliases, then its quick definition, then only in the explanation. PostgreSQL
matches words as full text (stemmed: "tokenizers" finds "Tokenizer") and orders by
full-text rank within a tier; SQLite, which has no full-text search in Django, matches
substrings and orders by name.

On PostgreSQL a second, small stored vector (`heading_document`: names, aliases,
definitions, questions, weighted by tier) finds the upper tiers through its own
indexes. A word found in most explanations is then ranked only among the few names
that have it, and the other tiers are read only while fewer hits than asked for were
found. Those reads are compiled once per process (publishing/compiled.py).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.db import connection
from django.db.models import Case, F, Func, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Lower

from faqs.models import PublishedFAQ
from faqs.search import SEARCH_CONFIG
from publishing.compiled import CompiledRead
from terms.models import ComparisonVersion, TermVersion
from terms.structured_data import comparison_url, term_url

SNIPPET_LENGTH = 160
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
    tier: int  # the field it matched in, best first: a term's name 4, alias 3, definition 2, text 1


def store_search_documents(*, versions: QuerySet) -> None:
    """Compute the weighted search documents of published versions once, at publication (PostgreSQL only)."""
    if connection.vendor != "postgresql":
        return
    if versions.model is TermVersion:
        versions.update(search_document=term_search_vector(), heading_document=term_heading_vector())
    else:
        versions.update(search_document=comparison_search_vector(), heading_document=comparison_heading_vector())


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
    """A term's name (weight A), aliases (B) and quick definition (C): the upper ranking tiers."""
    return (
        SearchVector("name", weight="A", config=SEARCH_CONFIG)
        + SearchVector("aliases_text", weight="B", config=SEARCH_CONFIG)
        + SearchVector("short_definition", weight="C", config=SEARCH_CONFIG)
    )


def comparison_heading_vector() -> SearchVector:
    return SearchVector("title", weight="A", config=SEARCH_CONFIG) + SearchVector(
        "summary", weight="B", config=SEARCH_CONFIG
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


class HeadingOfWeight(Func):
    """The lexemes of one weight of the heading document (`ts_filter`), spelt as its index is."""

    function = "ts_filter"
    output_field = SearchVectorField()

    def __init__(self, weight: str) -> None:
        if weight not in "abcd" or len(weight) != 1:
            raise ValueError(f"A tsvector weight is a, b, c or d, not {weight!r}.")
        # The weight is written into the SQL, not passed as a parameter, so that PostgreSQL
        # matches the expression index on ts_filter(heading_document, '{a}').
        super().__init__(F("heading_document"), template=f"%(function)s(%(expressions)s, '{{{weight}}}'::\"char\"[])")


@dataclass(frozen=True)
class Searchable:
    """One kind of content as search reads it: its live rows, the columns a hit needs, its tiers."""

    type: str
    live_rows: Callable[[datetime], QuerySet]
    columns: tuple[str, ...]
    tiers: list[tuple[int, list[str]]]  # best first; the last one is the long text
    order: object
    few_rows: bool = False  # small enough to rank every match in one read


def _best_first(kind: Searchable, query: str, *, at: datetime, limit: int) -> list[dict]:
    """The `limit` best matches of `query` among `kind`'s live rows, with `tier` and `rank`, best first.

    Elsewhere than on PostgreSQL every field is compared with icontains, in one read.

    On PostgreSQL the tiers are lexical: the heading document holds the short fields
    with weights a, b, c in tier order, and a row is in the best tier whose field has
    every word of the query. The best tier is read first (its own expression index for
    terms), then the other headings, then the long texts, each only while fewer than
    `limit` rows were found; `few_rows` ranks everything in one read. The reads are
    compiled once per process (publishing/compiled.py).
    """
    if connection.vendor != "postgresql":
        words = _words(query)
        rows = kind.live_rows(at).annotate(tier=_tier_of_short_fields(words, kind.tiers, default=0), rank=Value(0.0))
        return list(rows.filter(tier__gt=0).order_by("-tier", kind.order).values(*kind.columns, "tier", "rank")[:limit])
    negated = "-" in query
    stages = ("all",) if kind.few_rows else ("best", "other headings", "long text")
    found: list[dict] = []
    for stage in stages:
        if stage == "other headings" and len(kind.tiers) <= 2:
            continue  # one heading tier: "best" had every heading match
        read = _COMPILED_STAGES.get((kind.type, stage, negated, limit))
        if read is None:
            read = _COMPILED_STAGES[(kind.type, stage, negated, limit)] = CompiledRead(
                partial(_stage_rows, kind, stage, negated=negated, limit=limit)
            )
        found += read.rows(at=at, query=query)[: limit - len(found)]
        if len(found) >= limit:
            break
    return found


_COMPILED_STAGES: dict[tuple, CompiledRead] = {}


def _stage_rows(kind: Searchable, stage: str, *, negated: bool, limit: int, at: datetime, query: str) -> QuerySet:
    """One read of `_best_first` on PostgreSQL, as a `.values()` queryset with `tier` and `rank`."""
    *heading_tiers, (lowest, _) = kind.tiers
    search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
    weights = {tier: "abc"[position] for position, (tier, _) in enumerate(heading_tiers)}
    by_weight = {f"heading_{weight}": HeadingOfWeight(weight) for weight in weights.values()}
    rows = kind.live_rows(at).alias(**by_weight)
    matching_rows = rows.filter(search_document=search_query)
    # Every word of a heading is in the whole document too, so a heading match is a
    # document match, unless the query excludes a word ("-word") that only the long text has.
    heading_rows = matching_rows if negated else rows
    heading_rank = SearchRank(F("heading_document"), search_query)
    tier_of_heading = Case(
        *[When(Q(**{f"heading_{weight}": search_query}), then=Value(tier)) for tier, weight in weights.items()],
        default=Value(heading_tiers[-1][0]),
        output_field=IntegerField(),
    )
    best_tier = heading_tiers[0][0]
    in_best = {"heading_document" if len(weights) == 1 else f"heading_{weights[best_tier]}": search_query}
    if stage == "all":
        in_heading = Q(heading_document=search_query)
        ranked = matching_rows.annotate(
            tier=Case(When(in_heading, then=tier_of_heading), default=Value(lowest)),
            rank=Case(When(in_heading, then=heading_rank), default=SearchRank(F("search_document"), search_query)),
        ).order_by("-tier", "-rank", kind.order)
    elif stage == "best":
        # Headings rank by their own small document: ranking a common word by the whole
        # document would read every long document that has it.
        ranked = (
            heading_rows.filter(**in_best)
            .annotate(tier=Value(best_tier), rank=heading_rank)
            .order_by("-rank", kind.order)
        )
    elif stage == "other headings":
        ranked = (
            heading_rows.filter(heading_document=search_query)
            .exclude(**in_best)
            .annotate(tier=tier_of_heading, rank=heading_rank)
            .order_by("-tier", "-rank", kind.order)
        )
    else:
        ranked = (
            matching_rows.exclude(heading_document=search_query)
            .annotate(tier=Value(lowest), rank=SearchRank(F("search_document"), search_query))
            .order_by("-rank", kind.order)
        )
    return ranked.values(*kind.columns, "tier", "rank")[:limit]


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


TERMS = Searchable(
    type="term",
    live_rows=lambda at: TermVersion.objects.live(at=at),
    columns=("slug", "name", "short_definition", "body_text"),
    tiers=[(4, ["name"]), (3, ["aliases_text"]), (2, ["short_definition"]), (1, ["body_text"])],
    order=Lower("name"),
)
COMPARISONS = Searchable(
    type="comparison",
    live_rows=lambda at: ComparisonVersion.objects.live(at=at),
    columns=("slug", "title", "summary", "body_text"),
    tiers=[(4, ["title"]), (2, ["summary"]), (1, ["body_text"])],
    order="title",
    few_rows=True,  # one an editor writes per pair of terms
)
FAQS = Searchable(
    type="faq",
    live_rows=lambda at: PublishedFAQ.objects.live(at=at),
    columns=("question", "answer_text", "term_version__slug", "comparison_version__slug"),
    tiers=[(2, ["question"]), (1, ["answer_text"])],
    order="question",
)


def search(*, query: str, at: datetime, limit: int = 20) -> list[SearchHit]:
    """Live terms, comparisons and FAQs matching `query`, best first."""
    words = _words(query)
    if not words:
        return []
    hits: list[SearchHit] = []

    for term in _best_first(TERMS, query, at=at, limit=limit):
        exact = 1 if term["name"].lower() == query.strip().lower() else 0
        hits.append(
            SearchHit(
                "term",
                term["slug"],
                term["name"],
                _snippet(words, term["short_definition"], term["body_text"]),
                term_url(term["slug"]),
                term["tier"] * 10 + exact * 5 + term["rank"],
                term["tier"],
            )
        )

    for comparison in _best_first(COMPARISONS, query, at=at, limit=limit):
        hits.append(
            SearchHit(
                "comparison",
                comparison["slug"],
                comparison["title"],
                _snippet(words, comparison["summary"], comparison["body_text"]),
                comparison_url(comparison["slug"]),
                comparison["tier"] * 10 + comparison["rank"],
                comparison["tier"],
            )
        )

    hits.sort(key=lambda hit: hit.score, reverse=True)
    if len(hits) >= limit and hits[limit - 1].score >= FAQ_BEST_SCORE:
        return hits[:limit]  # no FAQ could make the list

    for faq in _best_first(FAQS, query, at=at, limit=limit):
        if faq["term_version__slug"]:
            slug, url = faq["term_version__slug"], term_url(faq["term_version__slug"])
        elif faq["comparison_version__slug"]:
            slug, url = faq["comparison_version__slug"], comparison_url(faq["comparison_version__slug"])
        else:
            slug, url = None, None
        hits.append(
            SearchHit(
                "faq",
                slug,
                faq["question"],
                _snippet(words, faq["answer_text"]),
                url,
                faq["tier"] * 10 + min(faq["rank"], RANK_CEILING) - 5,
                faq["tier"],
            )
        )

    hits.sort(key=lambda hit: hit.score, reverse=True)
    return hits[:limit]
