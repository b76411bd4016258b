"""Reads for the delivery API. Every public read starts from a `live(at=...)` queryset.

Functions here return querysets or plain data built from published versions only;
they never look at working copies, so nothing unpublished can reach a response.
"""

from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace

from django.db.models import Count, Max, Min, Q, QuerySet
from django.db.models.functions import Lower

from faqs.models import PublishedFAQ
from terms.compiled import CompiledRead
from terms.letters import INDEX_LETTERS
from terms.models import Category, ComparisonVersion, SlugRedirect, TermVersion
from terms.querysets import live_window

INDEX_ORDER = {letter: position for position, letter in enumerate(INDEX_LETTERS)}


# Stored for search only, and the bulk of a row: a page read never fetches them.
SEARCH_ONLY_COLUMNS = ("search_document", "body_text", "aliases_text")
# What a term summary shows (lists, related terms, the other side of a comparison).
TERM_SUMMARY_COLUMNS = ("term_id", "slug", "name", "short_definition", "live_from", "category__slug", "category__name")


def live_terms(*, at: datetime) -> QuerySet[TermVersion]:
    return TermVersion.objects.live(at=at).select_related("category").defer(*SEARCH_ONLY_COLUMNS)


def live_terms_for_list(*, at: datetime) -> QuerySet[TermVersion]:
    """Live terms with no joins, to filter and page; read a page's rows with `.values(*TERM_SUMMARY_COLUMNS)`."""
    return TermVersion.objects.live(at=at)


def live_term_summaries_queryset(*, at: datetime) -> QuerySet[TermVersion]:
    """Live terms with the columns of a summary only."""
    return TermVersion.objects.live(at=at).select_related("category").only(*TERM_SUMMARY_COLUMNS)


def live_term(*, slug: str, at: datetime) -> TermVersion | None:
    return live_terms(at=at).filter(slug=slug).first()


def live_term_summaries(*, term_ids: list[int], at: datetime) -> list[TermVersion]:
    """Live versions of the given terms, in the given order; terms not live are left out."""
    live = live_term_summaries_queryset(at=at).filter(term_id__in=term_ids)
    by_term = {version.term_id: version for version in live}
    return [by_term[term_id] for term_id in term_ids if term_id in by_term]


def live_comparisons(*, at: datetime) -> QuerySet[ComparisonVersion]:
    return ComparisonVersion.objects.live(at=at)


def live_comparison(*, slug: str, at: datetime) -> ComparisonVersion | None:
    return live_comparisons(at=at).filter(slug=slug).first()


@dataclass(frozen=True, slots=True)
class CategoryRef:
    slug: str
    name: str


def term_row(values: dict) -> SimpleNamespace:
    """A read-only live term version from `.values()`, with `category` as on the model."""
    slug, name = values.pop("category__slug"), values.pop("category__name")
    return SimpleNamespace(**values, category=CategoryRef(slug, name) if slug is not None else None)


# A term page's columns: everything it shows, nothing kept for search.
TERM_PAGE_COLUMNS = (
    *TERM_SUMMARY_COLUMNS,
    "body_markdown",
    "body_html",
    "toc",
    "reading_time_minutes",
    "aliases",
    "related_term_ids",
    "faqs",
    "cta",
    "seo",
    "first_published_at",
)
_live_term_page = CompiledRead(
    lambda at, slug: live_terms(at=at).filter(slug=slug).order_by("-live_from").values(*TERM_PAGE_COLUMNS)[:1]
)
_comparisons_in_window = CompiledRead(
    lambda at, term_id: ComparisonVersion.objects.filter(live_window(at))
    .filter(Q(term_a_id=term_id) | Q(term_b_id=term_id))
    .order_by("title", "id")
    .values("slug", "title", "term_a_id", "term_b_id")
)
_live_summaries = CompiledRead(
    lambda at, term_ids: TermVersion.objects.live(at=at).filter(term_id__in=term_ids).values(*TERM_SUMMARY_COLUMNS)
)


def live_term_page(*, slug: str, at: datetime) -> SimpleNamespace | None:
    """The live version with this slug, with the columns a term page shows (one query)."""
    rows = _live_term_page.rows(at=at, slug=slug)
    return term_row(rows[0]) if rows else None


@dataclass(frozen=True)
class TermPageLinks:
    """What a term page links to, live only: related terms (editor's order) and comparisons."""

    related_terms: list[SimpleNamespace]
    comparisons: list[dict]


def term_page_links(*, version: TermVersion | SimpleNamespace, at: datetime) -> TermPageLinks:
    """Related terms and comparisons of a term page, in two indexed queries.

    Comparisons in their live window are read first; one read of live term versions
    then covers both the related terms and the other side of each comparison, and a
    comparison whose other side is not live is left out (as ComparisonVersion.live does).
    """
    comparisons = _comparisons_in_window.rows(at=at, term_id=version.term_id)
    others = [c["term_b_id"] if c["term_a_id"] == version.term_id else c["term_a_id"] for c in comparisons]
    wanted = sorted(set(version.related_term_ids) | set(others))
    live = {row.term_id: row for row in map(term_row, _live_summaries.rows(at=at, term_ids=wanted))}
    return TermPageLinks(
        related_terms=[live[term_id] for term_id in version.related_term_ids if term_id in live],
        comparisons=[
            {"slug": c["slug"], "title": c["title"], "other_term": {"slug": live[other].slug, "name": live[other].name}}
            for c, other in zip(comparisons, others, strict=True)
            if other in live
        ],
    )


def terms_of_comparisons(*, comparisons: list[ComparisonVersion], at: datetime) -> dict[int, TermVersion]:
    """Live versions of both sides of the given comparisons, by term id (one query)."""
    term_ids = {term_id for c in comparisons for term_id in (c.term_a_id, c.term_b_id)}
    return {version.term_id: version for version in live_term_summaries_queryset(at=at).filter(term_id__in=term_ids)}


def redirect_for_term_slug(*, slug: str, at: datetime) -> TermVersion | None:
    """The live version a renamed term's old slug points to, if any."""
    redirect = SlugRedirect.objects.filter(old_slug=slug, term__isnull=False).values("term_id").first()
    if redirect is None:
        return None
    return TermVersion.objects.live(at=at).filter(term_id=redirect["term_id"]).only("slug").first()


def redirect_for_comparison_slug(*, slug: str, at: datetime) -> ComparisonVersion | None:
    """The live comparison that an old or reversed slug (b-vs-a) points to, if any."""
    comparisons = live_comparisons(at=at).only("slug")
    reversed_pair = comparisons.filter(reverse_slug=slug).first()
    if reversed_pair is not None:
        return reversed_pair
    redirect = SlugRedirect.objects.filter(old_slug=slug, comparison__isnull=False).values("comparison_id").first()
    if redirect is None:
        return None
    return comparisons.filter(comparison_id=redirect["comparison_id"]).first()


def live_categories(*, at: datetime) -> QuerySet[Category]:
    """Categories that have live terms, with how many (an empty category has no public page)."""
    return (
        Category.objects.annotate(
            live_term_count=Count("term_versions", filter=live_window(at, prefix="term_versions__"))
        )
        .filter(live_term_count__gt=0)
        .order_by("order", "name")
    )


def site_wide_faqs(*, at: datetime) -> QuerySet[PublishedFAQ]:
    return PublishedFAQ.objects.site_wide().filter(live_window(at)).order_by("order", "id")


def index_entries(*, at: datetime) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every live term as (letter, [(slug, name), ...]), letters in index order, names A–Z within each."""
    rows = TermVersion.objects.live(at=at).order_by(Lower("name"), "id").values_list("index_letter", "slug", "name")
    by_letter: dict[str, list[tuple[str, str]]] = {}
    for letter, slug, name in rows:
        by_letter.setdefault(letter, []).append((slug, name))
    return sorted(by_letter.items(), key=lambda item: INDEX_ORDER.get(item[0], len(INDEX_ORDER)))


@dataclass(frozen=True)
class SitemapEntry:
    type: str
    slug: str
    lastmod: datetime


def sitemap_entries(*, at: datetime) -> list[SitemapEntry]:
    """Every live page: terms, comparisons, and categories that have live terms."""
    entries = [
        SitemapEntry("term", slug, lastmod)
        for slug, lastmod in TermVersion.objects.live(at=at).order_by("slug").values_list("slug", "live_from")
    ]
    entries += [
        SitemapEntry("comparison", slug, lastmod)
        for slug, lastmod in live_comparisons(at=at).order_by("slug").values_list("slug", "live_from")
    ]
    categories = (
        Category.objects.filter(term_versions__in=TermVersion.objects.live(at=at))
        .annotate(lastmod=Max("term_versions__live_from"))
        .order_by("slug")
        .values_list("slug", "lastmod")
    )
    entries += [SitemapEntry("category", slug, lastmod) for slug, lastmod in categories]
    return entries


@dataclass(frozen=True)
class ContentTimeline:
    """When live content last changed before an instant, and when it next will."""

    last_change: datetime | None
    next_change: datetime | None

    def holds_at(self, at: datetime) -> bool:
        """Whether nothing scheduled has changed live content between this timeline and `at`."""
        return self.next_change is None or at < self.next_change


def content_timeline(*, at: datetime) -> ContentTimeline:
    """The last and next instants at which any published content appears or disappears.

    Publication, withdrawal and schedules are all boundaries of live windows, so these
    two instants bound every response: Last-Modified is the last one, and no cache may
    keep a response past the next one.
    """
    lasts, nexts = [], []
    for rows in (TermVersion.objects, ComparisonVersion.objects, PublishedFAQ.objects):
        bounds = rows.aggregate(
            last_from=Max("live_from", filter=Q(live_from__lte=at)),
            last_until=Max("live_until", filter=Q(live_until__lte=at)),
            next_from=Min("live_from", filter=Q(live_from__gt=at)),
            next_until=Min("live_until", filter=Q(live_until__gt=at)),
        )
        lasts += [bounds["last_from"], bounds["last_until"]]
        nexts += [bounds["next_from"], bounds["next_until"]]
    return ContentTimeline(
        last_change=max((t for t in lasts if t), default=None),
        next_change=min((t for t in nexts if t), default=None),
    )
