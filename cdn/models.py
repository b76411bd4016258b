"""The log of CDN purges: what the worker asked the CDN to drop, every attempt, and how it went.

A change to live content records the cache tags it made stale (publishing.models.StaleContent,
in the change's own transaction); the worker turns those rows into purges here, one per
request the CDN's API takes, and sends them with retries (cdn/services.py).
"""

from django.db import models


class Purge(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENDING = "sending", "Sending"
        DONE = "done", "Purged"
        FAILED = "failed", "Failed"

    purger = models.CharField("purger", max_length=20, help_text="Which CDN API: cloudflare, fastly or url.")
    tags = models.JSONField("cache tags", help_text="Answers carrying any of these tags are dropped.")
    generation = models.BigIntegerField(
        "content generation", help_text="The content clock's generation the purge makes the CDN catch up with."
    )
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField("attempts", default=0)
    next_attempt_at = models.DateTimeField("next attempt at", db_index=True)
    claimed_until = models.DateTimeField("claimed until", null=True, blank=True)
    created_at = models.DateTimeField("created at", auto_now_add=True)
    done_at = models.DateTimeField("purged at", null=True, blank=True)

    class Meta:
        verbose_name = "CDN purge"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"purge {' '.join(self.tags)}"


class PurgeAttempt(models.Model):
    purge = models.ForeignKey(Purge, verbose_name="purge", on_delete=models.CASCADE, related_name="attempt_log")
    number = models.PositiveIntegerField("attempt")
    started_at = models.DateTimeField("started at")
    status_code = models.PositiveIntegerField("HTTP status", null=True, blank=True)
    duration_ms = models.PositiveIntegerField("duration (ms)")
    error = models.TextField("error", blank=True)

    class Meta:
        verbose_name = "purge attempt"
        ordering = ["purge", "number"]

    def __str__(self) -> str:
        return f"attempt {self.number}: {self.status_code or self.error[:40]}"
