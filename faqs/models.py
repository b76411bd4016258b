"""FAQs: questions and answers on a term, on a comparison, or site-wide.

`FAQ` is the editors' working copy. `PublishedFAQ` is the immutable published copy:
a term's and a comparison's FAQs are published with them (and also denormalised
into their published version for fast reads); site-wide FAQs are published alone.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from markdownx.models import MarkdownxField
from simple_history.models import HistoricalRecords

from faqs.querysets import FAQQuerySet, PublishedFAQQuerySet
from publishing.markdown import markdown_length_error, normalise_newlines
from publishing.states import PublicationState, ReviewState, publication_state_of

# Kept by name so that saves through the SiteWideFAQ proxy can be recorded too (see below).
FAQ_HISTORY = HistoricalRecords()


class FAQ(models.Model):
    term = models.ForeignKey(
        "terms.Term", verbose_name="term", null=True, blank=True, on_delete=models.CASCADE, related_name="faqs"
    )
    comparison = models.ForeignKey(
        "terms.Comparison",
        verbose_name="comparison",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="faqs",
    )
    question = models.CharField("question", max_length=300, help_text="Phrased as a reader would ask it.")
    answer = MarkdownxField("answer", help_text="In Markdown; two to four sentences read best in the chat widget.")
    order = models.PositiveIntegerField("order", default=0, db_index=True)
    suggested_in_widget = models.BooleanField(
        "suggest in chat widget", default=True, help_text="Offer this question in the term's chat widget."
    )
    created_at = models.DateTimeField("created at", auto_now_add=True)
    updated_at = models.DateTimeField("updated at", auto_now=True)
    lock_version = models.PositiveIntegerField(
        "edit version", default=0, editable=False, help_text="Raised by every save; a stale form is refused."
    )
    # Review applies to site-wide FAQs; a term's or comparison's FAQs are reviewed with their item.
    review_state = models.CharField(
        "review state", max_length=20, choices=ReviewState.choices, default=ReviewState.DRAFT, editable=False
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="submitted for review by",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="created by",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="last changed by",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = FAQQuerySet.as_manager()
    history = FAQ_HISTORY

    class Meta:
        verbose_name = "FAQ"
        verbose_name_plural = "FAQs"
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term__isnull=True) | Q(comparison__isnull=True),
                name="faq_one_owner",
                violation_error_message="An FAQ belongs to a term or to a comparison, not both.",
            )
        ]

    def __str__(self) -> str:
        return self.question

    def clean(self) -> None:
        self.answer = normalise_newlines(self.answer or "")
        if error := markdown_length_error(self.answer):
            raise ValidationError({"answer": error})

    @property
    def is_site_wide(self) -> bool:
        return self.term_id is None and self.comparison_id is None

    def publication_state(self) -> PublicationState:
        return publication_state_of(self)


class SiteWideFAQ(FAQ):
    """Site-wide FAQs (not about one term), edited and published on their own."""

    class Meta:
        proxy = True
        verbose_name = "site-wide FAQ"
        verbose_name_plural = "site-wide FAQs"
        permissions = [
            ("publish_sitewidefaq", "Can publish and unpublish site-wide FAQs"),
            ("submit_sitewidefaq", "Can submit site-wide FAQs for review"),
            ("review_sitewidefaq", "Can approve site-wide FAQs or request changes"),
        ]


class PublishedFAQ(models.Model):
    faq = models.ForeignKey(
        FAQ, verbose_name="FAQ", null=True, on_delete=models.SET_NULL, related_name="published_copies"
    )
    term_version = models.ForeignKey(
        "terms.TermVersion",
        verbose_name="published term version",
        null=True,
        on_delete=models.CASCADE,
        related_name="published_faqs",
    )
    comparison_version = models.ForeignKey(
        "terms.ComparisonVersion",
        verbose_name="published comparison version",
        null=True,
        on_delete=models.CASCADE,
        related_name="published_faqs",
    )
    question = models.CharField("question", max_length=300)
    answer_markdown = models.TextField("answer (Markdown)")
    answer_html = models.TextField("answer (HTML)")
    answer_text = models.TextField("answer (plain text)")
    order = models.PositiveIntegerField("order", default=0)
    suggested_in_widget = models.BooleanField("suggest in chat widget", default=True)
    search_document = SearchVectorField(
        "search document", null=True, editable=False, help_text="Weighted full-text document (PostgreSQL)."
    )
    heading_document = SearchVectorField(
        "heading search document",
        null=True,
        editable=False,
        help_text="Full-text document of the short fields only, for the upper ranking tiers (PostgreSQL).",
    )
    # Only site-wide FAQs use their own window; the others follow their version's.
    live_from = models.DateTimeField("live from", null=True, blank=True)
    live_until = models.DateTimeField("live until", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="published by", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("published at", auto_now_add=True)

    objects = PublishedFAQQuerySet.as_manager()

    class Meta:
        verbose_name = "published FAQ"
        verbose_name_plural = "published FAQs"
        ordering = ["order", "id"]
        # The content timeline finds the nearest instant on each side of now with one probe
        # of each (publishing/clock.py), on every publication.
        indexes = [
            models.Index(fields=["live_from"], name="publishedfaq_live_from"),
            models.Index(fields=["live_until"], name="publishedfaq_live_until"),
        ]

    def __str__(self) -> str:
        return self.question

    def as_dict(self) -> dict:
        """The FAQ as denormalised into its term's or comparison's published version."""
        return {
            "id": self.faq_id,
            "question": self.question,
            "answer_markdown": self.answer_markdown,
            "answer_html": self.answer_html,
            "answer_text": self.answer_text,
            "suggested_in_widget": self.suggested_in_widget,
        }


# simple-history records saves of FAQ only, not saves through its proxy (upstream #191).
post_save.connect(FAQ_HISTORY.post_save, sender=SiteWideFAQ, weak=False)
post_delete.connect(FAQ_HISTORY.post_delete, sender=SiteWideFAQ, weak=False)
