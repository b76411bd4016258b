"""Admin: the log of CDN purges and every attempt (read-only), like webhook deliveries."""

from django.contrib import admin

from cdn.models import Purge, PurgeAttempt


class AttemptInline(admin.TabularInline):
    model = PurgeAttempt
    fields = ["number", "started_at", "status_code", "duration_ms", "error"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Purge)
class PurgeAdmin(admin.ModelAdmin):
    list_display = ["created_at", "purger", "tag_list", "status", "attempts", "next_attempt_at", "done_at"]
    list_filter = ["status", "purger"]
    readonly_fields = ["purger", "tags", "generation", "status", "attempts", "next_attempt_at", "created_at", "done_at"]
    exclude = ["claimed_until"]
    inlines = [AttemptInline]

    @admin.display(description="cache tags")
    def tag_list(self, purge: Purge) -> str:
        return " ".join(purge.tags)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
