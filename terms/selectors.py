"""Reads for the delivery API. Every public read starts from a `live(at=...)` queryset.

Functions here return querysets or plain data built from published versions only;
they never look at working copies, so nothing unpublished can reach a response.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Max, Q, QuerySet
from django.db.models.functions import Lower

from faqs.models import PublishedFAQ
from publishing.compiled import CompiledRead
from publishing.windows import live_window
from terms import relations as relations_module
from terms.documents import render_comparison_document, render_term_documents, settings_fingerprint
from terms.letters import INDEX_LETTERS
from terms.models import Category, ComparisonVersion, IndexLetterListing, SlugRedirect, Term, TermVersion
from terms.querysets import RETIRED, term_page_condition

INDEX_ORDER = {letter: position for position, letter in enumerate(INDEX_LETTERS)}


# Stored for search and as page documents, and the bulk of a row: reads of a version's
# own fields never fetch them.
BULKY_COLUMNS = ("search_document", "body_text", "aliases_text", "document", "summary_document", "index_entry")


def current_term_document(page: dict) -> str:
    """A term page row's document, written anew if the URL settings changed since publication."""
    if page["document_fingerprint"] == settings_fingerprint():
        return page["document"]
    version = TermVersion.objects.select_related("category").get(pk=page["id"])
    render_term_documents(version)
    return version.document


def current_comparison_document(version: ComparisonVersion) -> str:
    """A comparison version's document, written anew if the URL settings changed since publication."""
    if version.document_fingerprint == settings_fingerprint():
        return version.document
    term_slugs = public_term_slugs(terms=[version.term_a, version.term_b], at=version.live_from)
    render_comparison_document(version, term_slugs=term_slugs)
    return version.document


def public_term_slugs(*, terms: list[Term], at: datetime) -> list[str]:
    """The slugs the terms are published under at `at` (a draft rename is not public yet)."""
    live = dict(TermVersion.objects.live(at=at).filter(term__in=terms).values_list("term_id", "slug"))
    return [live.get(term.pk, term.slug) for term in terms]


# What a term summary shows (lists, related terms, the other side of a comparison).
TERM_SUMMARY_COLUMNS = ("term_id", "slug", "name", "short_definition", "live_from", "category__slug", "category__name")


def live_terms(*, at: datetime) -> QuerySet[TermVersion]:
    return TermVersion.objects.live(at=at).select_related("category").defer(*BULKY_COLUMNS)


def live_terms_for_list(*, at: datetime) -> QuerySet[TermVersion]:
    """Live terms with no joins, to filter and page; read a page's rows with `TERM_SUMMARY_DOCUMENT_COLUMNS`."""
    return TermVersion.objects.live(at=at)


def live_term_summaries_queryset(*, at: datetime) -> QuerySet[TermVersion]:
    """Live terms with the columns of a summary only."""
    return TermVersion.objects.live(at=at).select_related("category").only(*TERM_SUMMARY_COLUMNS)


def live_term(*, slug: str, at: datetime) -> TermVersion | None:
    return live_terms(at=at).filter(slug=slug).first()


def widget_greeting(version: TermVersion) -> str:
    """The chat widget's first words on a term: the greeting published with it, else the site's default.

    The default is read per request, so changing GLOSSARY_WIDGET_GREETING reaches every term
    without republishing. An editor's greeting is plain text: only "{term}" is replaced (any
    other brace is kept as written, never an error).
    """
    if version.widget_greeting:
        return version.widget_greeting.replace("{term}", version.name)
    return settings.GLOSSARY_WIDGET_GREETING.format(term=version.name)


def live_term_summaries(*, term_ids: list[int], at: datetime) -> list[TermVersion]:
    """Live versions of the given terms, in the given order; terms not live are left out."""
    live = live_term_summaries_queryset(at=at).filter(term_id__in=term_ids)
    by_term = {version.term_id: version for version in live}
    return [by_term[term_id] for term_id in term_ids if term_id in by_term]


def live_comparisons(*, at: datetime) -> QuerySet[ComparisonVersion]:
    return ComparisonVersion.objects.live(at=at)


def live_comparison(*, slug: str, at: datetime) -> ComparisonVersion | None:
    return live_comparisons(at=at).filter(slug=slug).first()


# What a term page reads: its stored document, and what decides its per-request parts.
TERM_PAGE_COLUMNS = (
    "id",
    "term_id",
    "slug",
    "name",
    "category_id",
    "related_term_ids",
    "relations",
    "status",
    "replaced_by_term_id",
    "mentioned_term_ids",
    "autolink_mentions",
    "document",
    "document_fingerprint",
)
# What a term summary reads: the stored summary, and the category it adds per request.
TERM_SUMMARY_DOCUMENT_COLUMNS = ("term_id", "slug", "name", "category_id", "summary_document")

_live_term_page = CompiledRead(
    lambda at, slug: TermVersion.objects.live(at=at)
    .filter(slug=slug)
    .order_by("-live_from")
    .values(*TERM_PAGE_COLUMNS)[:1]
)
_live_summaries = CompiledRead(
    lambda at, term_ids: TermVersion.objects.live(at=at)
    .filter(term_id__in=term_ids)
    .values(*TERM_SUMMARY_DOCUMENT_COLUMNS)
)


def live_term_page(*, slug: str, at: datetime) -> dict | None:
    """The live version with this slug, as the columns of `TERM_PAGE_COLUMNS` (one query)."""
    rows = _live_term_page.rows(at=at, slug=slug)
    return rows[0] if rows else None


@dataclass(frozen=True)
class TermPageLinks:
    """What a term page links to, live only: related terms (editor's order), comparisons, typed relations.

    Terms are rows of `TERM_SUMMARY_DOCUMENT_COLUMNS`; comparisons are
    `{slug, title, other_term: {slug, name}}`; relations are `(type, row)` pairs, by type
    (terms.relations.API_RELATION_TYPES) then name; `replaced_by` is the successor's row, or None.
    """

    related_terms: list[dict]
    comparisons: list[dict]
    relations: list[tuple[str, dict]] = ()
    replaced_by: dict | None = None
    mentions: list[dict] = ()


def live_comparisons_by_term(*, at: datetime) -> dict[int, list[dict]]:
    """Every live comparison as `{slug, title, term_a_id, term_b_id}`, under each of its two terms, by title.

    `ComparisonVersion.live` decides (both terms live). Comparisons are few next to terms, so
    the API keeps this per content generation and timeline span instead of asking per page.
    """
    by_term: dict[int, list[dict]] = {}
    rows = (
        ComparisonVersion.objects.live(at=at).order_by("title", "id").values("slug", "title", "term_a_id", "term_b_id")
    )
    for row in rows:
        by_term.setdefault(row["term_a_id"], []).append(row)
        by_term.setdefault(row["term_b_id"], []).append(row)
    return by_term


def live_inverse_relations(*, at: datetime) -> dict[int, list[tuple[str, int]]]:
    """What every term shows by itself because a live page relates to it: `(inverse type, term id)` by target.

    Only live pages count (a draft's or a withdrawn version's relations never show). Relations
    are few next to terms, so the API keeps this per content generation and timeline span.
    """
    rows = (
        TermVersion.objects.live(at=at)
        .filter(relations_module.NOT_EMPTY)
        .order_by()
        .values("term_id", "relations", "replaced_by_term_id")
    )
    return relations_module.inverse_edges(rows)


def live_related_both_ways(*, at: datetime) -> dict[int, list[int]]:
    """Terms whose live page relates to a term and chose to show the link both ways: their ids, by related term.

    Only live pages count: a draft's or a withdrawn version's links never show on the other
    page. Such links are few next to terms, so the API keeps this per content generation
    and timeline span, as it does the typed relations' inverses.
    """
    rows = (
        TermVersion.objects.live(at=at)
        .exclude(related_both_ways_ids=[])
        .order_by()
        .values_list("term_id", "related_both_ways_ids")
    )
    by_related: dict[int, list[int]] = {}
    for linker, related_ids in rows:
        for related_id in related_ids:
            by_related.setdefault(related_id, []).append(linker)
    return by_related


def term_page_links(
    *,
    term_id: int,
    related_term_ids: list[int],
    comparisons: list[dict],
    at: datetime,
    relations: list[dict] = (),
    inverse_relations: list[tuple[str, int]] = (),
    replaced_by_term_id: int | None = None,
    related_from: list[int] = (),
    mentioned_term_ids: list[int] = (),
) -> TermPageLinks:
    """Related terms, the term's live `comparisons` (from `live_comparisons_by_term`) and typed relations, in one read.

    One read of live term versions covers the related terms, the other side of each
    comparison, the targets of the page's own `relations` and of the `inverse_relations`
    others set on it (from `live_inverse_relations`), and its successor. Related terms are
    the editor's, in order, then the live terms `related_from` (from `live_related_both_ways`)
    that link here both ways and are not listed already, by name. The same read tells which
    of the terms its text mentions are live (`mentions`, in order of first mention).
    """
    others = [c["term_b_id"] if c["term_a_id"] == term_id else c["term_a_id"] for c in comparisons]
    typed = [(relation["type"], relation["term_id"]) for relation in relations]
    if replaced_by_term_id is not None:
        typed.append((relations_module.REPLACED_BY, replaced_by_term_id))
    typed += inverse_relations
    wanted = sorted(
        set(related_term_ids)
        | set(related_from)
        | set(others)
        | {target for _, target in typed}
        | set(mentioned_term_ids)
    )
    live = {row["term_id"]: row for row in _live_summaries.rows(at=at, term_ids=wanted)}
    listed = set(related_term_ids) | {term_id}
    linked_back = sorted(
        (live[linker] for linker in set(related_from) - listed if linker in live),
        key=lambda row: (row["name"].lower(), row["term_id"]),
    )
    shown: dict[tuple[str, int], dict] = {}
    for relation_type, target in typed:
        if target in live and target != term_id:
            shown.setdefault((relation_type, target), live[target])
    return TermPageLinks(
        related_terms=[live[related] for related in related_term_ids if related in live] + linked_back,
        comparisons=[
            {
                "slug": c["slug"],
                "title": c["title"],
                "other_term": {"slug": live[other]["slug"], "name": live[other]["name"]},
            }
            for c, other in zip(comparisons, others, strict=True)
            if other in live
        ],
        relations=sorted(
            ((relation_type, row) for (relation_type, _), row in shown.items()),
            key=lambda pair: (relations_module.TYPE_ORDER[pair[0]], pair[1]["name"].lower(), pair[1]["term_id"]),
        ),
        replaced_by=live.get(replaced_by_term_id) if replaced_by_term_id is not None else None,
        mentions=[live[mentioned] for mentioned in mentioned_term_ids if mentioned in live and mentioned != term_id],
    )


def _term_ref(row: dict) -> dict:
    return {"slug": row["slug"], "name": row["name"]}


def live_term_summary_rows(*, term_ids: list[int], at: datetime) -> dict[int, dict]:
    """Live versions of the given terms as summary rows, by term id (one query)."""
    return {row["term_id"]: row for row in _live_summaries.rows(at=at, term_ids=sorted(set(term_ids)))}


def category_refs() -> dict[int, dict]:
    """Every category as `{slug, name}` by id: what a term summary shows of its category."""
    return {row.pop("id"): row for row in Category.objects.order_by().values("id", "slug", "name")}


def terms_of_comparisons(*, comparisons: list[ComparisonVersion], at: datetime) -> dict[int, TermVersion]:
    """Live versions of both sides of the given comparisons, by term id (one query)."""
    term_ids = {term_id for c in comparisons for term_id in (c.term_a_id, c.term_b_id)}
    return {version.term_id: version for version in live_term_summaries_queryset(at=at).filter(term_id__in=term_ids)}


def redirect_for_term_slug(*, slug: str, at: datetime) -> TermVersion | None:
    """The live version an old slug points to: a retired term's successor, or a renamed term's new slug."""
    successor = TermVersion.objects.retired(at=at).filter(slug=slug).values("replaced_by_term_id")
    retired_to = TermVersion.objects.live(at=at).filter(term_id__in=successor).only("slug").first()
    if retired_to is not None:
        return retired_to
    redirect = SlugRedirect.objects.filter(old_slug=slug, term__isnull=False).values("term_id").first()
    if redirect is None:
        return None
    # The renamed term's live page, or, if it was retired since, its successor's.
    in_force = TermVersion.objects.in_force(at=at).filter(term_id=redirect["term_id"])
    return (
        TermVersion.objects.live(at=at)
        .filter(
            Q(term_id=redirect["term_id"])
            | Q(term_id__in=in_force.filter(status=RETIRED).values("replaced_by_term_id"))
        )
        .only("slug", "term")
        .first()
    )


def redirect_for_comparison_slug(*, slug: str, at: datetime) -> ComparisonVersion | None:
    """The live comparison that an old or reversed slug (b-vs-a) points to, if any."""
    comparisons = live_comparisons(at=at).only("slug", "comparison")
    reversed_pair = comparisons.filter(reverse_slug=slug).first()
    if reversed_pair is not None:
        return reversed_pair
    redirect = SlugRedirect.objects.filter(old_slug=slug, comparison__isnull=False).values("comparison_id").first()
    if redirect is None:
        return None
    return comparisons.filter(comparison_id=redirect["comparison_id"]).first()


def live_categories(*, at: datetime) -> QuerySet[Category]:
    """Categories that have live terms, with how many (an empty category has no public page)."""
    return Category.objects.live(at=at).order_by("order", "name")


def site_wide_faqs(*, at: datetime) -> QuerySet[PublishedFAQ]:
    return PublishedFAQ.objects.site_wide().filter(live_window(at)).order_by("order", "id")


_live_index_listings = CompiledRead(
    lambda at: IndexLetterListing.objects.filter(live_window(at)).values("letter", "entries"),
)


def index_letters(*, at: datetime) -> list[tuple[str, str]]:
    """The A–Z index at `at` as (letter, JSON array of its live terms' entries, A–Z), letters in index order.

    The listings were written with the changes to live content (terms/index_letters.py), so the
    whole index is one read of a few rows.
    """
    listings = _live_index_listings.tuples(at=at)
    return sorted(listings, key=lambda listing: INDEX_ORDER.get(listing[0], len(INDEX_ORDER)))


@dataclass(frozen=True)
class SitemapEntry:
    type: str
    slug: str
    lastmod: datetime


def sitemap_entries(*, at: datetime) -> list[SitemapEntry]:
    """Every live page search engines may index: terms and comparisons not marked noindex, and
    categories that have live terms."""
    entries = [
        SitemapEntry("term", slug, lastmod)
        for slug, lastmod in TermVersion.objects.live(at=at)
        .filter(noindex=False)
        .order_by("slug")
        .values_list("slug", "live_from")
    ]
    entries += [
        SitemapEntry("comparison", slug, lastmod)
        for slug, lastmod in live_comparisons(at=at)
        .filter(noindex=False)
        .order_by("slug")
        .values_list("slug", "live_from")
    ]
    categories = (
        Category.objects.live(at=at)
        .annotate(
            lastmod=Max(
                "term_versions__live_from",
                filter=live_window(at, prefix="term_versions__") & term_page_condition("term_versions__"),
            )
        )
        .order_by("slug")
        .values_list("slug", "lastmod")
    )
    entries += [SitemapEntry("category", slug, lastmod) for slug, lastmod in categories]
    return entries


def live_term_ids_with_slug(*, slug: str, at: datetime) -> QuerySet:
    """The term id (as a subquery) whose live version has this slug: filters comparisons by term."""
    return TermVersion.objects.live(at=at).filter(slug=slug).values("term_id")


# Empty querysets that name what an endpoint lists, for schema generation and filter
# forms: the API reads models only through this module.
def no_terms() -> QuerySet[TermVersion]:
    return TermVersion.objects.none()


def no_comparisons() -> QuerySet[ComparisonVersion]:
    return ComparisonVersion.objects.none()


def no_categories() -> QuerySet[Category]:
    return Category.objects.none()


def no_faqs() -> QuerySet[PublishedFAQ]:
    return PublishedFAQ.objects.none()


# --- Machine-readable pages: Markdown, llms.txt, sitemap.xml -----------------------------------

# What a term's Markdown page reads: its stored Markdown, and what decides its live links.
TERM_MARKDOWN_COLUMNS = (
    "id",
    "term_id",
    "slug",
    "name",
    "category_id",
    "related_term_ids",
    "markdown",
    "document_fingerprint",
)

_live_term_markdown = CompiledRead(
    lambda at, slug: TermVersion.objects.live(at=at)
    .filter(slug=slug)
    .order_by("-live_from")
    .values(*TERM_MARKDOWN_COLUMNS)[:1]
)


def live_term_markdown_page(*, slug: str, at: datetime) -> dict | None:
    """The live version with this slug, as the columns of `TERM_MARKDOWN_COLUMNS` (one query)."""
    rows = _live_term_markdown.rows(at=at, slug=slug)
    return rows[0] if rows else None


def current_term_markdown(page: dict) -> str:
    """A term row's stored Markdown, written anew if the URL settings changed since publication (or it predates it)."""
    if page["markdown"] and page["document_fingerprint"] == settings_fingerprint():
        return page["markdown"]
    version = TermVersion.objects.select_related("category").get(pk=page["id"])
    render_term_documents(version)
    return version.markdown


def current_comparison_markdown(version: ComparisonVersion) -> str:
    """A comparison version's stored Markdown, written anew if the URL settings changed since publication."""
    if version.markdown and version.document_fingerprint == settings_fingerprint():
        return version.markdown
    term_slugs = public_term_slugs(terms=[version.term_a, version.term_b], at=version.live_from)
    render_comparison_document(version, term_slugs=term_slugs)
    return version.markdown


@dataclass(frozen=True)
class LlmsEntry:
    """A live term as llms.txt lists it, under its category (None: no category)."""

    slug: str
    name: str
    short_definition: str
    category_id: int | None


def llms_entries(*, at: datetime) -> list[LlmsEntry]:
    """Every live term, A–Z, with what llms.txt shows of it (one query)."""
    rows = (
        TermVersion.objects.live(at=at)
        .order_by(Lower("name"), "id")
        .values_list("slug", "name", "short_definition", "category_id")
    )
    return [LlmsEntry(*row) for row in rows]


def live_categories_in_order(*, at: datetime) -> list[dict]:
    """Categories that have live terms, in the editors' order, as {id, slug, name, description} (one query)."""
    return list(live_categories(at=at).values("id", "slug", "name", "description"))


def live_term_markdowns(*, at: datetime) -> list[tuple[dict, str]]:
    """Every live term's page Markdown, A–Z, with its row (one query; written anew only after a URL settings change)."""
    rows = (
        TermVersion.objects.live(at=at)
        .order_by(Lower("name"), "id")
        .values("id", "slug", "markdown", "document_fingerprint")
    )
    return [(row, current_term_markdown(row)) for row in rows]
