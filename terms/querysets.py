"""Queryset vocabulary for published content: filters only, no side effects.

`live(at=...)` is the one place that decides what the public may see, one method per
published model (term and comparison versions, published FAQs in faqs/querysets.py, and
categories, which are public while they have a live term), all built on the one live
window of publishing/windows.py.
"""

from datetime import datetime

from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q

from publishing.windows import live_window

# A version whose window is empty: scheduled, then replaced before its time came.
NEVER_LIVE = Q(live_until=F("live_from"))
# A retired term's version is in force (its slug redirects to the successor) but is no page.
RETIRED = "retired"


def term_page_condition(prefix: str = "") -> Q:
    """Q for term versions that are pages (not retired): with the live window, what `live()` means."""
    return ~Q(**{f"{prefix}status": RETIRED})


class TermVersionQuerySet(models.QuerySet):
    def live(self, *, at: datetime) -> "TermVersionQuerySet":
        """Versions served as pages at `at`: inside their live window and not retired."""
        return self.filter(live_window(at) & term_page_condition())

    def in_force(self, *, at: datetime) -> "TermVersionQuerySet":
        """Versions inside their live window at `at`, retired ones too (their slugs redirect)."""
        return self.filter(live_window(at))

    def retired(self, *, at: datetime) -> "TermVersionQuerySet":
        """Retired versions in force at `at`: their slugs answer with a redirect to the successor."""
        return self.filter(live_window(at), status=RETIRED)

    def open_or_future(self, *, at: datetime) -> "TermVersionQuerySet":
        """Versions that are live at `at` or will be later: what a new publication replaces."""
        return self.filter(Q(live_until__isnull=True) | Q(live_until__gt=at))


class ComparisonVersionQuerySet(models.QuerySet):
    def live(self, *, at: datetime) -> "ComparisonVersionQuerySet":
        """Live comparisons whose two terms are live too: a comparison never links to a missing page."""
        from terms.models import TermVersion

        live_terms = TermVersion.objects.live(at=at)
        return self.filter(live_window(at)).filter(
            Exists(live_terms.filter(term_id=OuterRef("term_a_id"))),
            Exists(live_terms.filter(term_id=OuterRef("term_b_id"))),
        )

    def open_or_future(self, *, at: datetime) -> "ComparisonVersionQuerySet":
        return self.filter(Q(live_until__isnull=True) | Q(live_until__gt=at))


class CategoryQuerySet(models.QuerySet):
    def live(self, *, at: datetime) -> "CategoryQuerySet":
        """Categories with live terms, with how many (`live_term_count`): an empty one has no public page."""
        return self.annotate(
            live_term_count=Count(
                "term_versions",
                filter=live_window(at, prefix="term_versions__") & term_page_condition("term_versions__"),
            )
        ).filter(live_term_count__gt=0)


class WorkingCopyQuerySet(models.QuerySet):
    """Working copies (terms, comparisons) with what editors need to see about their publication."""

    def with_publication_state(self, *, at: datetime) -> "WorkingCopyQuerySet":
        relation = self.model._meta.get_field("versions")
        versions = relation.related_model.objects.filter(**{relation.field.name: OuterRef("pk")})
        return self.annotate(
            live_version_number=models.Subquery(versions.filter(live_window(at)).values("number")[:1]),
            live_content_revision=models.Subquery(versions.filter(live_window(at)).values("content_revision")[:1]),
            # A version with an empty window (a go-live replaced before its time) was never public.
            latest_version_recorded_at=models.Subquery(
                versions.exclude(NEVER_LIVE).order_by("-number").values("created_at")[:1]
            ),
        )
