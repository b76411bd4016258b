"""Reads of drafts: for previews (the working copy rendered as publication would) and the management API."""

from datetime import datetime

from django.db.models import Prefetch, QuerySet

from faqs.models import FAQ, SiteWideFAQ
from terms.models import Category, Comparison, ComparisonPoint, ComparisonVersion, RelatedTerm, Term, TermVersion
from terms.services import render_comparison_version, render_term_version


class NotThisObject(Exception):
    """The preview token belongs to another object than the one asked for."""


def _known_slugs(item: Term | Comparison) -> set[str]:
    return {item.slug, *item.versions.values_list("slug", flat=True)}


def draft_term_version(*, term_id: int, slug: str, at: datetime) -> TermVersion:
    """The term's current draft as an unsaved version, if `slug` is one of this term's slugs."""
    term = Term.objects.filter(pk=term_id).select_related("cta", "category").first()
    if term is None or slug not in _known_slugs(term):
        raise NotThisObject
    version, _ = render_term_version(term=term, previous=term.versions.order_by("-number").first(), by=None, at=at)
    return version


def draft_comparison_version(*, comparison_id: int, slug: str, at: datetime) -> ComparisonVersion:
    """The comparison's current draft as an unsaved version, if `slug` is one of its slugs."""
    comparison = Comparison.objects.filter(pk=comparison_id).select_related("term_a", "term_b").first()
    if comparison is None or slug not in _known_slugs(comparison):
        raise NotThisObject
    previous = comparison.versions.order_by("-number").first()
    version, _ = render_comparison_version(comparison=comparison, previous=previous, by=None, at=at)
    return version


# --- Working copies for the management API ---------------------------------------------------
# Drafts as editors see them: these never feed a public endpoint (those start from `live()`).


def working_terms(*, at: datetime) -> QuerySet[Term]:
    """Every term's working copy with its aliases, related terms and FAQs, by name."""
    return (
        Term.objects.with_publication_state(at=at)
        .select_related("category", "cta")
        .prefetch_related(
            "aliases",
            Prefetch("related_links", queryset=RelatedTerm.objects.select_related("related").order_by("order", "id")),
            Prefetch("faqs", queryset=FAQ.objects.order_by("order", "id")),
        )
        .order_by("name", "id")
    )


def working_comparisons(*, at: datetime) -> QuerySet[Comparison]:
    """Every comparison's working copy with its points and FAQs, by title."""
    return (
        Comparison.objects.with_publication_state(at=at)
        .select_related("term_a", "term_b")
        .prefetch_related(
            Prefetch("points", queryset=ComparisonPoint.objects.order_by("order", "id")),
            Prefetch("faqs", queryset=FAQ.objects.order_by("order", "id")),
        )
        .order_by("title", "id")
    )


def all_categories() -> QuerySet[Category]:
    return Category.objects.order_by("order", "name", "id")


def working_site_faqs(*, at: datetime) -> QuerySet[SiteWideFAQ]:
    """Every site-wide FAQ's working copy, in the editors' order."""
    return SiteWideFAQ.objects.site_wide().with_publication_state(at=at).order_by("order", "id")


def working_copies(*, kind: str, at: datetime) -> QuerySet:
    """The working copies of one kind ("term", "comparison", "category", "site_faq"), as editors see them."""
    if kind == "term":
        return working_terms(at=at)
    if kind == "comparison":
        return working_comparisons(at=at)
    if kind == "category":
        return all_categories()
    if kind == "site_faq":
        return working_site_faqs(at=at)
    raise ValueError(f"Unknown kind of working copy: {kind}")
