"""Visibility of published FAQs.

A term's or a comparison's FAQs are live exactly while the version they were
published with is live; site-wide FAQs carry their own live window.
"""

from datetime import datetime

from django.apps import apps
from django.db import models
from django.db.models import Q

from publishing.windows import live_window


class PublishedFAQQuerySet(models.QuerySet):
    def live(self, *, at: datetime) -> "PublishedFAQQuerySet":
        # By label, as the string foreign keys do: terms builds on this app, so it cannot be imported.
        comparison_versions = apps.get_model("terms", "ComparisonVersion").objects
        site_wide = Q(term_version__isnull=True, comparison_version__isnull=True) & live_window(at)
        # Through the join, not "IN (every live term version)": that list is the whole glossary.
        # A retired term's version (terms.querysets.RETIRED) is no page, so its FAQs are not live either.
        of_live_term = (
            Q(term_version__isnull=False)
            & live_window(at, prefix="term_version__")
            & ~Q(term_version__status="retired")
        )
        of_live_comparison = Q(comparison_version__in=comparison_versions.live(at=at).values("id"))
        return self.filter(site_wide | of_live_term | of_live_comparison)

    def site_wide(self) -> "PublishedFAQQuerySet":
        return self.filter(term_version__isnull=True, comparison_version__isnull=True)


class FAQQuerySet(models.QuerySet):
    def site_wide(self) -> "FAQQuerySet":
        return self.filter(term__isnull=True, comparison__isnull=True)

    def with_publication_state(self, *, at: datetime) -> "FAQQuerySet":
        """Publication state of site-wide FAQs (the others follow their term or comparison)."""
        from faqs.models import PublishedFAQ

        copies = PublishedFAQ.objects.site_wide().filter(faq=models.OuterRef("pk"))
        # Copies are published one after another, so the live one's number is how many have started.
        started = copies.filter(live_from__lte=at).order_by().values("faq").annotate(n=models.Count("id")).values("n")
        return self.annotate(
            live_version_number=models.Case(
                models.When(models.Exists(copies.filter(live_window(at))), then=models.Subquery(started)),
                default=None,
                output_field=models.IntegerField(),
            ),
            latest_version_recorded_at=models.Subquery(copies.order_by("-id").values("created_at")[:1]),
        )
