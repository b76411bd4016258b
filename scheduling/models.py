"""Schedules and releases: publications and withdrawals set for an exact instant.

A schedule changes the published versions' live windows when it is made (a version that
goes live at 10:00 is written with live_from=10:00), so the delivery API flips at that
second with or without a worker. What a schedule still owes when its time comes (status
in the admin, webhooks, cache purges) is its side effects; `side_effects_done_at` says
whether they ran.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q


class Release(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SCHEDULED = "scheduled", "Scheduled"
        PUBLISHED = "published", "Published"
        BLOCKED = "blocked", "Blocked"
        CANCELLED = "cancelled", "Cancelled"

    name = models.CharField("name", max_length=200, help_text="e.g. Spring launch: agents glossary.")
    go_live_at = models.DateTimeField("go live at", null=True, blank=True, help_text="Every item goes live at once.")
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False)
    blocked_reason = models.TextField("why it is blocked", blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="created by", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("created at", auto_now_add=True)

    class Meta:
        ordering = ["go_live_at", "name"]
        permissions = [("publish_release", "Can schedule, publish and cancel releases")]

    def __str__(self) -> str:
        return self.name


class ReleaseItem(models.Model):
    release = models.ForeignKey(Release, verbose_name="release", on_delete=models.CASCADE, related_name="items")
    term = models.ForeignKey(
        "terms.Term", verbose_name="term", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    comparison = models.ForeignKey(
        "terms.Comparison", verbose_name="comparison", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = "release item"
        constraints = [
            models.CheckConstraint(
                condition=Q(term__isnull=False, comparison__isnull=True)
                | Q(term__isnull=True, comparison__isnull=False),
                name="releaseitem_one_item",
                violation_error_message="Choose a term or a comparison (one of them).",
            ),
            models.UniqueConstraint("release", "term", name="releaseitem_term_once"),
            models.UniqueConstraint("release", "comparison", name="releaseitem_comparison_once"),
        ]

    def __str__(self) -> str:
        return str(self.item)

    @property
    def item(self):
        return self.term or self.comparison

    def clean(self) -> None:
        if self.term_id and self.comparison_id:
            raise ValidationError("Choose a term or a comparison, not both.")


class ScheduleQuerySet(models.QuerySet):
    def pending(self) -> "ScheduleQuerySet":
        return self.filter(status=Schedule.Status.PENDING)

    def due(self, *, at) -> "ScheduleQuerySet":
        """Pending schedules whose time has come: their side effects are owed now."""
        return self.pending().filter(at__lte=at)

    def overdue(self, *, at, grace_seconds: int) -> "ScheduleQuerySet":
        from datetime import timedelta

        return self.pending().filter(at__lte=at - timedelta(seconds=grace_seconds))


class Schedule(models.Model):
    class Action(models.TextChoices):
        PUBLISH = "publish", "Go live"
        UNPUBLISH = "unpublish", "Withdraw"

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"
        SUSPENDED = "suspended", "Suspended (edited after approval)"

    action = models.CharField("action", max_length=10, choices=Action.choices)
    at = models.DateTimeField("at", db_index=True, help_text="Stored in UTC; shown in the admin's time zone.")
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.PENDING)
    term = models.ForeignKey(
        "terms.Term", verbose_name="term", null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    comparison = models.ForeignKey(
        "terms.Comparison",
        verbose_name="comparison",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="schedules",
    )
    release = models.ForeignKey(
        Release, verbose_name="release", null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    version_number = models.PositiveIntegerField(
        "published version", null=True, help_text="The version this schedule put live, or withdrew."
    )
    restore_live_until = models.DateTimeField(
        "live until before", null=True, blank=True, help_text="What cancelling puts back on the replaced version."
    )
    replaced_version_number = models.PositiveIntegerField("replaced version", null=True, blank=True)
    approved_history_id = models.PositiveBigIntegerField("approved edit", null=True, blank=True)
    note = models.TextField("note", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="scheduled by", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("scheduled at", auto_now_add=True)
    side_effects_done_at = models.DateTimeField("side effects done at", null=True, blank=True)

    objects = ScheduleQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term__isnull=False, comparison__isnull=True)
                | Q(term__isnull=True, comparison__isnull=False),
                name="schedule_one_item",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.item} at {self.at:%Y-%m-%d %H:%M:%S %Z}"

    @property
    def item(self):
        return self.term or self.comparison


class WorkerHeartbeat(models.Model):
    """A running `run_worker` process, rewritten every few seconds while it lives.

    django-tasks-db records only which worker claimed a task and when; this row is how
    another worker can tell that the claimant is gone (not seen for a lease) or alive but
    no longer running that task (it lost it in a database outage).
    """

    worker_id = models.CharField("worker", max_length=64, unique=True, help_text="As recorded on the tasks it claims.")
    hostname = models.CharField("host", max_length=255)
    pid = models.PositiveIntegerField("process id")
    started_at = models.DateTimeField("started at")
    seen_at = models.DateTimeField("last seen", db_index=True, help_text="The worker writes this every few seconds.")
    task_id = models.UUIDField(
        "running task", null=True, blank=True, help_text="The queued task it is running now, if any."
    )

    class Meta:
        verbose_name = "worker heartbeat"

    def __str__(self) -> str:
        return f"{self.worker_id} on {self.hostname} (pid {self.pid})"
