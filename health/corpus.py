"""Everything the content health checks read, loaded once in a fixed number of queries.

Checks never query per item: they look things up in this snapshot (dicts keyed by id and
slug). It holds the working copies editors act on (archived ones only as link targets),
what is live at the instant of the snapshot, and when each item was last reviewed.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max
from django.urls import reverse

from faqs.models import FAQ
from health.problems import ItemRef
from publishing.models import AuditEntry
from publishing.windows import live_window
from terms.models import (
    Comparison,
    ComparisonVersion,
    RelatedTerm,
    ReviewState,
    SlugRedirect,
    Term,
    TermAlias,
    TermRelation,
    TermStatus,
    TermVersion,
)

# Audit actions that mean a person looked at the content and stood behind it.
REVIEW_ACTIONS = [AuditEntry.Action.APPROVED, AuditEntry.Action.PUBLISHED]


@dataclass
class TermRow:
    pk: int
    name: str
    slug: str
    short_definition: str
    body: str
    cta_id: int | None
    archived: bool
    created_at: datetime
    retired: bool = False

    @property
    def ref(self) -> ItemRef:
        return ItemRef("term", self.pk, self.name, reverse("admin:terms_term_change", args=[self.pk]))


@dataclass
class ComparisonRow:
    pk: int
    title: str
    slug: str
    summary: str
    body: str
    term_a_id: int
    term_b_id: int
    archived: bool
    created_at: datetime

    @property
    def ref(self) -> ItemRef:
        return ItemRef(
            "comparison", self.pk, self.title or self.slug, reverse("admin:terms_comparison_change", args=[self.pk])
        )


@dataclass
class FAQRow:
    pk: int
    term_id: int | None
    comparison_id: int | None
    question: str
    answer: str

    @property
    def is_site_wide(self) -> bool:
        return self.term_id is None and self.comparison_id is None


@dataclass
class LiveComparison:
    """A comparison's live published version: its own window is open (its terms may not be live)."""

    comparison_id: int
    term_a_id: int | None
    term_b_id: int | None


@dataclass
class ContentCorpus:
    at: datetime
    terms: dict[int, TermRow]
    comparisons: dict[int, ComparisonRow]
    faqs: list[FAQRow]
    aliases: dict[int, list[str]]
    related: dict[int, list[int]]  # term id → the term ids it relates to (working copy)
    live_term_related: dict[int, list[int]]  # live term id → related and typed-relation ids of its live version
    live_term_status: dict[int, str]  # live term id → its live version's status (active, deprecated)
    live_term_mentions: dict[int, list[int]]  # live term id → the term ids its live version's text mentions
    live_comparisons: dict[int, LiveComparison]
    live_slugs: dict[tuple[str, int], str]  # (kind, id) → slug of its live version (own window)
    live_links: dict[tuple[str, int], list[dict]]  # (kind, id) → linked_items of its live version
    term_redirects: dict[str, int]  # old slug → term id
    comparison_redirects: dict[str, int]
    last_reviewed: dict[tuple[str, int], datetime]
    _slugs: dict[str, dict[str, int]] = field(default_factory=dict)

    # --- what checks look at -----------------------------------------------------------
    def active_terms(self) -> list[TermRow]:
        """Terms editors still work on as pages (not archived, not retired), in name order."""
        return sorted((t for t in self.terms.values() if not (t.archived or t.retired)), key=lambda t: t.name.lower())

    def active_comparisons(self) -> list[ComparisonRow]:
        return sorted((c for c in self.comparisons.values() if not c.archived), key=lambda c: c.title.lower())

    def is_term_live(self, term_id: int | None) -> bool:
        return term_id in self.live_term_related

    def is_comparison_served(self, comparison_id: int) -> bool:
        """Served by the API: its own version is live and both its terms are (terms/querysets.py)."""
        live = self.live_comparisons.get(comparison_id)
        return bool(live and self.is_term_live(live.term_a_id) and self.is_term_live(live.term_b_id))

    def faqs_of(self, kind: str, pk: int) -> list[FAQRow]:
        owner = "term_id" if kind == "term" else "comparison_id"
        return [faq for faq in self.faqs if getattr(faq, owner) == pk]

    def site_faq_ref(self, faq: FAQRow) -> ItemRef:
        return ItemRef("faq", faq.pk, faq.question, reverse("admin:faqs_sitewidefaq_change", args=[faq.pk]))

    def owner_ref(self, faq: FAQRow) -> ItemRef | None:
        """The item an FAQ is edited on (its term or comparison), or the FAQ itself when site-wide."""
        if faq.term_id is not None:
            term = self.terms.get(faq.term_id)
            return term.ref if term and not term.archived else None
        if faq.comparison_id is not None:
            comparison = self.comparisons.get(faq.comparison_id)
            return comparison.ref if comparison and not comparison.archived else None
        return self.site_faq_ref(faq)

    def term_by_slug(self, slug: str) -> TermRow | None:
        pk = self._slug_index("term").get(slug) or self.term_redirects.get(slug)
        return self.terms.get(pk) if pk else None

    def comparison_by_slug(self, slug: str) -> ComparisonRow | None:
        pk = self._slug_index("comparison").get(slug) or self.comparison_redirects.get(slug)
        return self.comparisons.get(pk) if pk else None

    def _slug_index(self, kind: str) -> dict[str, int]:
        if kind not in self._slugs:
            rows = self.terms if kind == "term" else self.comparisons
            self._slugs[kind] = {row.slug: pk for pk, row in rows.items()}
        return self._slugs[kind]


def load_corpus(*, at: datetime) -> ContentCorpus:
    """Read the snapshot: a fixed number of queries, whatever the size of the glossary."""
    archived = ReviewState.ARCHIVED
    terms = {
        row["id"]: TermRow(
            pk=row["id"],
            name=row["name"],
            slug=row["slug"],
            short_definition=row["short_definition"],
            body=row["body"],
            cta_id=row["cta_id"],
            archived=row["review_state"] == archived,
            created_at=row["created_at"],
            retired=row["status"] == TermStatus.RETIRED,
        )
        for row in Term.objects.order_by().values(
            "id", "name", "slug", "short_definition", "body", "cta_id", "review_state", "created_at", "status"
        )
    }
    comparisons = {
        row["id"]: ComparisonRow(
            pk=row["id"],
            title=row["title"],
            slug=row["slug"],
            summary=row["summary"],
            body=row["body"],
            term_a_id=row["term_a_id"],
            term_b_id=row["term_b_id"],
            archived=row["review_state"] == archived,
            created_at=row["created_at"],
        )
        for row in Comparison.objects.order_by().values(
            "id", "title", "slug", "summary", "body", "term_a_id", "term_b_id", "review_state", "created_at"
        )
    }
    faqs = [
        FAQRow(pk=row["id"], term_id=row["term_id"], comparison_id=row["comparison_id"], **_qa(row))
        for row in FAQ.objects.order_by("order", "id").values("id", "term_id", "comparison_id", "question", "answer")
    ]
    aliases: dict[int, list[str]] = defaultdict(list)
    for term_id, name in TermAlias.objects.order_by("id").values_list("term_id", "name"):
        aliases[term_id].append(name)
    related: dict[int, list[int]] = defaultdict(list)
    for term_id, related_id in RelatedTerm.objects.order_by("order", "id").values_list("term_id", "related_id"):
        related[term_id].append(related_id)
    # Typed relations (broader, narrower, see also) link both ways: the target shows the inverse.
    for term_id, target_id in TermRelation.objects.order_by("id").values_list("term_id", "target_id"):
        related[term_id].append(target_id)
        related[target_id].append(term_id)
    # A successor's page lists the term it replaces ("replaces"), and the old term points to it.
    for term_id, successor_id in Term.objects.filter(successor__isnull=False).values_list("id", "successor_id"):
        related[term_id].append(successor_id)
        related[successor_id].append(term_id)
    term_versions = TermVersion.objects.live(at=at).filter(term__isnull=False)
    live_term_related: dict[int, list[int]] = {}
    live_term_status: dict[int, str] = {}
    live_term_mentions: dict[int, list[int]] = {}
    live_slugs: dict[tuple[str, int], str] = {}
    live_links: dict[tuple[str, int], list[dict]] = {}
    for term_id, related_ids, relations, status, slug, linked, mentioned in term_versions.order_by().values_list(
        "term_id", "related_term_ids", "relations", "status", "slug", "linked_items", "mentioned_term_ids"
    ):
        live_term_related[term_id] = [*related_ids, *(relation["term_id"] for relation in relations or [])]
        live_term_status[term_id] = status
        live_term_mentions[term_id] = mentioned
        live_slugs[("term", term_id)] = slug
        live_links[("term", term_id)] = linked
    # Its own window only (not `live()`, which also needs both terms live): the stale-reference check
    # looks for comparisons that are live but lost a term.
    live_comparisons = {}
    for comparison_id, term_a_id, term_b_id, slug, linked in (
        ComparisonVersion.objects.filter(live_window(at), comparison__isnull=False)
        .order_by()
        .values_list("comparison_id", "term_a_id", "term_b_id", "slug", "linked_items")
    ):
        live_comparisons[comparison_id] = LiveComparison(comparison_id, term_a_id, term_b_id)
        live_slugs[("comparison", comparison_id)] = slug
        live_links[("comparison", comparison_id)] = linked
    term_redirects: dict[str, int] = {}
    comparison_redirects: dict[str, int] = {}
    for old_slug, term_id, comparison_id in SlugRedirect.objects.order_by().values_list(
        "old_slug", "term_id", "comparison_id"
    ):
        if term_id:
            term_redirects[old_slug] = term_id
        else:
            comparison_redirects[old_slug] = comparison_id
    return ContentCorpus(
        at=at,
        terms=terms,
        comparisons=comparisons,
        faqs=faqs,
        aliases=dict(aliases),
        related=dict(related),
        live_term_related=live_term_related,
        live_term_status=live_term_status,
        live_term_mentions=live_term_mentions,
        live_comparisons=live_comparisons,
        live_slugs=live_slugs,
        live_links=live_links,
        term_redirects=term_redirects,
        comparison_redirects=comparison_redirects,
        last_reviewed=_last_reviewed(),
    )


def _qa(row: dict) -> dict:
    return {"question": row["question"], "answer": row["answer"]}


def _last_reviewed() -> dict[tuple[str, int], datetime]:
    """(kind, id) → the latest approval or publication of a term or comparison (one query)."""
    kinds = {
        ContentType.objects.get_for_model(Term).pk: "term",
        ContentType.objects.get_for_model(Comparison).pk: "comparison",
    }
    rows = (
        AuditEntry.objects.filter(content_type_id__in=kinds, action__in=REVIEW_ACTIONS)
        .order_by()
        .values("content_type_id", "object_id")
        .annotate(last=Max("at"))
    )
    return {(kinds[row["content_type_id"]], row["object_id"]): row["last"] for row in rows}
