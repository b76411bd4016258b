"""The record of editorial work: review comments and the audit log.

Both point at a term or comparison through a generic relation, so one thread and one
log serve every kind of content; both are append-only.
"""

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
