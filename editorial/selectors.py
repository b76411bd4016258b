"""Reads of drafts for previews: the working copy rendered exactly as publication would."""

from datetime import datetime

from terms.models import Comparison, ComparisonVersion, Term, TermVersion
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
