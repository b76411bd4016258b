"""The record of editorial work: review comments (the audit log is publishing.models.AuditEntry).

Comments point at a term or comparison through a generic relation, so one thread serves
every kind of content; they are append-only.
"""

import zoneinfo

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class ReviewComment(models.Model):
    class Kind(models.TextChoices):
        COMMENT = "comment", "Comment"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        APPROVED = "approved", "Approved"

    content_type = models.ForeignKey(ContentType, verbose_name="content type", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField("object id")
    item = GenericForeignKey("content_type", "object_id")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="author", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField("kind", max_length=20, choices=Kind.choices, default=Kind.COMMENT)
    text = models.TextField("comment")
    history_id = models.PositiveBigIntegerField(
        "edit version", null=True, help_text="The saved version of the item this comment was made on."
    )
    created_at = models.DateTimeField("written at", auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="reviewcomment_item")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="reviewcomment_text_required"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.author} on {self.created_at:%Y-%m-%d %H:%M}"


def _zone_choices() -> list[tuple[str, str]]:
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


class EditorProfile(models.Model):
    """What one editor chose for themselves: the time zone schedules are shown in, and emails."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="user", on_delete=models.CASCADE, related_name="editor_profile"
    )
    time_zone = models.CharField(
        "time zone",
        max_length=64,
        blank=True,
        choices=_zone_choices,
        help_text="Schedules are entered and shown in this zone; empty: the site's zone.",
    )
    email_notifications = models.BooleanField(
        "email me",
        default=True,
        help_text="When something I wrote is sent back, approved or published, or waits for my review or publication.",
    )

    class Meta:
        verbose_name = "my settings"
        verbose_name_plural = "my settings"

    def __str__(self) -> str:
        return f"Settings of {self.user}"


class NotificationReceipt(models.Model):
    """An audit entry whose emails have been sent: the audit log is the notifications' outbox."""

    entry = models.OneToOneField(
        "publishing.AuditEntry", verbose_name="audit entry", on_delete=models.CASCADE, related_name="+"
    )
    recipients = models.PositiveIntegerField("emails sent", default=0)
    sent_at = models.DateTimeField("sent at", auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.recipients} email(s) for audit entry {self.entry_id}"


class EditSnapshot(models.Model):
    """The parts of an item saved with one edit (aliases, FAQs, related terms, points), and its state after it.

    simple-history keeps the item's own fields per save; the parts it cannot see are kept
    here, keyed by the same edit number, so that comparing and restoring covers the whole item.
    """

    content_type = models.ForeignKey(ContentType, verbose_name="content type", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField("object id")
    history_id = models.PositiveBigIntegerField("edit")
    parts = models.JSONField("parts", default=dict)
    review_state = models.CharField("review state after the edit", max_length=20, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint("content_type", "object_id", "history_id", name="editsnapshot_one_per_edit")
        ]

    def __str__(self) -> str:
        return f"Parts of edit #{self.history_id}"


class LastSeenEdit(models.Model):
    """The edit of an item a user last saw on its review page (or acted on), for "changes since you last looked".

    `previous_history_id` is the edit seen before that one, so a reload of the review page keeps
    showing the same changes until a newer edit arrives.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="user", on_delete=models.CASCADE, related_name="+")
    content_type = models.ForeignKey(ContentType, verbose_name="content type", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField("object id")
    history_id = models.PositiveBigIntegerField("last seen edit")
    previous_history_id = models.PositiveBigIntegerField("edit seen before it", null=True, blank=True)
    seen_at = models.DateTimeField("seen at", auto_now=True)

    class Meta:
        verbose_name = "last seen edit"
        constraints = [
            models.UniqueConstraint("user", "content_type", "object_id", name="lastseenedit_one_per_user_and_item")
        ]

    def __str__(self) -> str:
        return f"{self.user} saw edit #{self.history_id}"
