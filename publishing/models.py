"""What every content app shares in the database: the content clock and the audit log.

`ContentClock` is the one row every cached delivery answer is keyed on (publishing/clock.py).
`StaleContent` is the outbox of CDN purges: which cache tags each change made stale.
`AuditEntry` records who did what to which item; it points at any content through a
generic relation, so the content apps, the workflow and the scheduler all write one log
(publishing/audit.py) without depending on each other.
"""

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q


def _random_generation() -> int:
    # Random, not 1: counts restarted after a database reset must not meet the numbers
    # that answers cached before it still carry.
    return secrets.randbits(62)


class ContentClock(models.Model):
    """The one row that every cached delivery answer is keyed on (see publishing/clock.py).

    Written in the same transaction as every change to what the public may see, so every
    process of any deployment reads the same state, whatever cache backend it has.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    generation = models.BigIntegerField(
        "content generation", default=_random_generation, help_text="Moves on with every change to live content."
    )
    last_change = models.DateTimeField(
        "last change", null=True, blank=True, help_text="The latest instant live content changed, as of the write."
    )
    next_change = models.DateTimeField(
        "next scheduled change", null=True, blank=True, help_text="The next instant live content changes by schedule."
    )
    written_at = models.DateTimeField("written at", null=True, blank=True)

    class Meta:
        verbose_name = "content clock"
        constraints = [models.CheckConstraint(condition=Q(id=1), name="contentclock_single_row")]

    def __str__(self) -> str:
        return f"generation {self.generation}"


class StaleContent(models.Model):
    """Cache tags (publishing/cache_tags.py) that one change to live content made stale.

    Written with the content clock, in the same transaction as the change, so no change
    can commit without its purge being owed; the worker turns undispatched rows into CDN
    purges (the `cdn` app), or marks them dispatched when no CDN is configured.
    """

    tags = models.JSONField("cache tags", help_text="Answers carrying any of these tags are out of date.")
    generation = models.BigIntegerField(
        "content generation", help_text="The content clock's generation once the change committed."
    )
    occurred_at = models.DateTimeField("occurred at")
    dispatched_at = models.DateTimeField(
        "dispatched at", null=True, blank=True, help_text="When the worker took it up; empty until then."
    )

    class Meta:
        verbose_name = "stale content"
        verbose_name_plural = "stale content"
        ordering = ["occurred_at", "pk"]
        indexes = [
            # The worker polls for undispatched rows every second: keep that a tiny index scan.
            models.Index(
                fields=["occurred_at"], condition=Q(dispatched_at__isnull=True), name="stalecontent_undispatched"
            )
        ]

    def __str__(self) -> str:
        return ", ".join(self.tags)


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Submitted for review"
        CHANGES_REQUESTED = "changes_requested", "Requested changes"
        APPROVED = "approved", "Approved"
        PUBLISHED = "published", "Published"
        UNPUBLISHED = "unpublished", "Unpublished"
        SCHEDULED = "scheduled", "Scheduled"
        RESTORED = "restored", "Restored an earlier version"
        ROLLED_BACK = "rolled_back", "Rolled back to an earlier published version"
        ARCHIVED = "archived", "Archived"
        UNARCHIVED = "unarchived", "Restored from the archive"
        PREVIEW_LINK = "preview_link", "Created a preview link"
        DELETED = "deleted", "Deleted (publication history kept)"
        HEALTH_OVERRIDE = "health_override", "Published despite content health errors"

    content_type = models.ForeignKey(ContentType, verbose_name="content type", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField("object id")
    item = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField("item", max_length=300)
    action = models.CharField("action", max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="by", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField("when", auto_now_add=True, db_index=True)
    version = models.CharField(
        "version", max_length=60, blank=True, help_text="Edit version and, for publications, published version."
    )
    comment = models.TextField("comment", blank=True)

    class Meta:
        verbose_name = "audit log entry"
        verbose_name_plural = "audit log"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="auditentry_item")]

    def __str__(self) -> str:
        return f"{self.actor} {self.get_action_display().lower()} {self.object_repr}"


class ContentChange(models.Model):
    """One entry of the public change feed (publishing/changes.py): an item went live, changed or left.

    Written only while the content clock's row is locked, so `position` follows commit
    order; `at` is the instant the change shows in the API (in the future for a schedule,
    hidden from the feed until then).
    """

    class Kind(models.TextChoices):
        TERM = "term", "Term"
        COMPARISON = "comparison", "Comparison"
        CATEGORY = "category", "Category"
        FAQ = "faq", "Site-wide FAQ"

    class Action(models.TextChoices):
        PUBLISHED = "published", "Published"
        UPDATED = "updated", "Updated"
        WITHDRAWN = "withdrawn", "Withdrawn"
        REDIRECTED = "redirected", "Redirected (slug renamed)"

    position = models.PositiveBigIntegerField(
        "position", unique=True, help_text="Order of commit: a later commit always has a higher position."
    )
    kind = models.CharField("kind", max_length=20, choices=Kind.choices)
    item_id = models.PositiveBigIntegerField("item id", help_text="The working copy's id (term, comparison, ...).")
    slug = models.CharField("slug", max_length=200, help_text="The public slug the change concerns.")
    new_slug = models.CharField("new slug", max_length=200, blank=True, help_text="Where a redirected slug now points.")
    revision = models.CharField(
        "revision", max_length=64, blank=True, help_text="Which public state went live (tells an update apart)."
    )
    action = models.CharField("action", max_length=20, choices=Action.choices)
    at = models.DateTimeField("at", help_text="When the change shows in the API.")
    recorded_at = models.DateTimeField("recorded at")

    class Meta:
        verbose_name = "content change"
        ordering = ["at", "position"]
        indexes = [
            models.Index(fields=["kind", "item_id", "at"], name="contentchange_item_at"),
            models.Index(fields=["at", "position"], name="contentchange_feed_order"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.slug} {self.action} at {self.at.isoformat()}"
