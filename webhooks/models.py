"""Webhook endpoints and the log of every delivery and attempt.

A content change writes an Announcement (terms.models, the outbox) in its own
transaction; the worker turns it into one delivery per endpoint, with its body fixed.
A delivery's id is sent as X-Glossary-Delivery and never changes across retries, so a
receiver can drop a repeat; at most one delivery exists per announcement and endpoint.
"""

import secrets
import uuid

from django.db import models

EVENTS = [
    ("term.published", "term.published"),
    ("term.unpublished", "term.unpublished"),
    ("comparison.published", "comparison.published"),
    ("comparison.unpublished", "comparison.unpublished"),
    ("release.published", "release.published"),
]


def new_secret() -> str:
    return secrets.token_hex(32)


class WebhookEndpoint(models.Model):
    name = models.CharField("name", max_length=100, help_text="e.g. Next.js rebuild hook.")
    url = models.URLField("URL", max_length=500, help_text="Receives a POST with JSON for each event.")
    secret = models.CharField(
        "signing secret", max_length=128, default=new_secret, help_text="Used for the X-Glossary-Signature HMAC."
    )
    events = models.JSONField("events", default=list, blank=True, help_text="Which events to send; empty sends all.")
    active = models.BooleanField("active", default=True)
    created_at = models.DateTimeField("created at", auto_now_add=True)

    class Meta:
        verbose_name = "webhook endpoint"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        from webhooks.safety import UnsafeDestination, check_destination

        unknown = set(self.events or []) - {value for value, _ in EVENTS}
        if unknown:
            raise ValidationError({"events": f"Unknown events: {', '.join(sorted(unknown))}."})
        try:
            check_destination(self.url)
        except UnsafeDestination as error:
            raise ValidationError({"url": str(error)}) from None

    def wants(self, event: str) -> bool:
        return not self.events or event in self.events


class WebhookDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENDING = "sending", "Sending"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed"

    endpoint = models.ForeignKey(
        WebhookEndpoint, verbose_name="endpoint", on_delete=models.CASCADE, related_name="deliveries"
    )
    announcement = models.ForeignKey(
        "terms.Announcement",
        verbose_name="announcement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="webhook_deliveries",
        help_text="The content event this delivers; empty for test events.",
    )
    delivery_id = models.UUIDField("delivery id", default=uuid.uuid4, unique=True, editable=False)
    event = models.CharField("event", max_length=40)
    body = models.TextField("body", help_text="The exact JSON sent, signed the same on every attempt.")
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField("attempts", default=0)
    next_attempt_at = models.DateTimeField("next attempt at", db_index=True)
    claimed_until = models.DateTimeField("claimed until", null=True, blank=True)
    created_at = models.DateTimeField("created at", auto_now_add=True)
    delivered_at = models.DateTimeField("delivered at", null=True, blank=True)

    class Meta:
        verbose_name = "webhook delivery"
        verbose_name_plural = "webhook deliveries"
        ordering = ["-created_at"]
        constraints = [
            # A worker that crashes mid-dispatch, or two that dispatch at once, cannot
            # make a second delivery of the same announcement to the same endpoint.
            models.UniqueConstraint("announcement", "endpoint", name="webhookdelivery_once_per_announcement")
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint}"


class WebhookAttempt(models.Model):
    delivery = models.ForeignKey(
        WebhookDelivery, verbose_name="delivery", on_delete=models.CASCADE, related_name="attempt_log"
    )
    number = models.PositiveIntegerField("attempt")
    started_at = models.DateTimeField("started at")
    status_code = models.PositiveIntegerField("HTTP status", null=True, blank=True)
    duration_ms = models.PositiveIntegerField("duration (ms)")
    error = models.TextField("error", blank=True)

    class Meta:
        verbose_name = "delivery attempt"
        ordering = ["delivery", "number"]

    def __str__(self) -> str:
        return f"attempt {self.number}: {self.status_code or self.error[:40]}"
