"""Admin for webhook endpoints and the delivery log (every attempt, read-only)."""

from django import forms
from django.contrib import admin, messages

from webhooks.models import EVENTS, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from webhooks.services import send_test_event


class EndpointForm(forms.ModelForm):
    events = forms.MultipleChoiceField(
        choices=EVENTS, required=False, widget=forms.CheckboxSelectMultiple, help_text="None ticked sends all events."
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["name", "url", "secret", "events", "active"]


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    form = EndpointForm
    list_display = ["name", "url", "active", "events"]
    actions = ["send_test_event_selected"]

    @admin.action(description="Send a test event to selected endpoints now")
    def send_test_event_selected(self, request, queryset):
        for endpoint in queryset:
            delivery = send_test_event(endpoint=endpoint)
            attempt = delivery.attempt_log.order_by("-number").first()
            if attempt is None:
                outcome = "not sent"
            else:
                outcome = attempt.error or f"HTTP {attempt.status_code}"
            level = messages.SUCCESS if delivery.status == WebhookDelivery.Status.DELIVERED else messages.ERROR
            self.message_user(request, f"{endpoint}: {delivery.get_status_display()} ({outcome}).", level)


class AttemptInline(admin.TabularInline):
    model = WebhookAttempt
    fields = ["number", "started_at", "status_code", "duration_ms", "error"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "event", "endpoint", "status", "attempts", "next_attempt_at", "delivery_id"]
    list_filter = ["status", "event", "endpoint"]
    readonly_fields = [
        "endpoint",
        "delivery_id",
        "event",
        "body",
        "status",
        "attempts",
        "next_attempt_at",
        "created_at",
        "delivered_at",
    ]
    exclude = ["claimed_until"]
    inlines = [AttemptInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
