"""Questions readers asked that nothing live answered, kept for editors to turn into FAQs.

Only the normalised text, the term page it was asked on, how often and when: no address,
no user, nothing else about the reader.
"""

from django.db import models
from django.db.models import Q


class UnansweredStatus(models.TextChoices):
    OPEN = "open", "open"
    DRAFTED = "drafted", "FAQ draft started"
    DISMISSED = "dismissed", "dismissed"


class UnansweredQuestion(models.Model):
    term = models.ForeignKey(
        "terms.Term",
        verbose_name="term",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="unanswered_questions",
        help_text="The term page it was asked on; empty when asked without a term (site-wide).",
    )
    text = models.CharField(
        "question", max_length=500, help_text="As readers asked it, in lower case with spacing and end mark tidied."
    )
    count = models.PositiveIntegerField("times asked", default=1)
    first_asked_at = models.DateTimeField("first asked")
    last_asked_at = models.DateTimeField("last asked")
    status = models.CharField(
        "status",
        max_length=10,
        choices=UnansweredStatus.choices,
        default=UnansweredStatus.OPEN,
        help_text="Dismissed questions keep being counted but leave the open list.",
    )

    class Meta:
        verbose_name = "unanswered question"
        verbose_name_plural = "unanswered questions"
        ordering = ["-count", "-last_asked_at"]
        constraints = [
            # One row per question and page; NULL terms are distinct in a plain unique constraint, hence two.
            models.UniqueConstraint(
                fields=["term", "text"], condition=Q(term__isnull=False), name="unanswered_once_per_term"
            ),
            models.UniqueConstraint(fields=["text"], condition=Q(term__isnull=True), name="unanswered_once_site_wide"),
            models.CheckConstraint(condition=Q(count__gte=1), name="unanswered_asked_at_least_once"),
        ]
        indexes = [models.Index(fields=["status", "term", "-count"], name="unanswered_by_term_count")]

    def __str__(self) -> str:
        return self.text
