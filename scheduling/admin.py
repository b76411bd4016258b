"""Admin for schedules (the "Scheduled" page) and releases."""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from publishing.refusals import refusal_text
from scheduling import services
from scheduling.models import Release, ReleaseItem, Schedule


class ScheduleStatusFilter(admin.SimpleListFilter):
    """Upcoming (pending) schedules by default: this is the "what goes live next" page.

    Django's own "All" entry would stand for the default (pending only) here, so the
    filter lists its choices itself: one "All" that shows every schedule, and "Pending"
    highlighted when no status is chosen.
    """

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*Schedule.Status.choices, ("all", "All")]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset.pending()
        if value == "all":
            return queryset
        return queryset.filter(status=value)

    def choices(self, changelist):
        current = self.value() or Schedule.Status.PENDING
        for lookup, title in self.lookup_choices:
            yield {
                "selected": current == str(lookup),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


@admin.register(Schedule)
class ScheduleAdmin(admin.ModelAdmin):
    list_display = ["at", "action", "item_link", "release", "status_with_overdue", "created_by"]
    list_filter = [ScheduleStatusFilter, "action", "release"]
    list_select_related = ["term", "comparison", "release", "created_by"]
    ordering = ["at", "id"]
    actions = ["cancel_selected"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="item")
    def item_link(self, schedule: Schedule) -> str:
        item = schedule.item
        url = reverse(f"admin:terms_{item._meta.model_name}_workflow", args=[item.pk])
        return format_html('<a href="{}">{}</a> <small>({})</small>', url, item, item._meta.verbose_name)

    @admin.display(description="status")
    def status_with_overdue(self, schedule: Schedule) -> str:
        if is_overdue(schedule):
            return format_html(
                '<strong style="color:#b91c1c">{}</strong>', "Overdue: side effects not run (is the worker up?)"
            )
        return schedule.get_status_display() + (f" — {schedule.note}" if schedule.note else "")

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm("terms.publish_term") or request.user.has_perm("terms.publish_comparison")

    @admin.action(description="Cancel selected schedules", permissions=["publish"])
    def cancel_selected(self, request, queryset):
        for schedule in queryset:
            try:
                services.cancel_schedule(schedule=schedule, by=request.user)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{schedule}: {refusal_text(error)}", messages.ERROR)
            else:
                self.message_user(request, f"Cancelled: {schedule}", messages.SUCCESS)

    def changelist_view(self, request, extra_context=None):
        overdue = Schedule.objects.overdue(at=timezone.now(), grace_seconds=settings.GLOSSARY_OVERDUE_GRACE_SECONDS)
        if overdue.exists():
            self.message_user(
                request,
                f"{overdue.count()} schedule(s) are overdue: the public API already changed, but status, "
                "webhooks and cache purges have not run. Start the worker (make run starts one).",
                messages.ERROR,
            )
        return super().changelist_view(request, extra_context)


def is_overdue(schedule: Schedule) -> bool:
    grace = settings.GLOSSARY_OVERDUE_GRACE_SECONDS
    return schedule.status == Schedule.Status.PENDING and (timezone.now() - schedule.at).total_seconds() > grace


class ReleaseItemInline(admin.TabularInline):
    model = ReleaseItem
    autocomplete_fields = ["term", "comparison"]
    extra = 1


@admin.register(Release)
class ReleaseAdmin(admin.ModelAdmin):
    list_display = ["name", "go_live_at", "status", "item_count", "blocked_reason"]
    list_filter = ["status"]
    search_fields = ["name"]
    fields = ["name", "go_live_at", "status", "blocked_reason", "problems"]
    readonly_fields = ["status", "blocked_reason", "problems"]
    inlines = [ReleaseItemInline]
    actions = ["schedule_selected", "publish_now_selected", "cancel_selected"]

    @admin.display(description="items")
    def item_count(self, release: Release) -> int:
        return release.items.count()

    @admin.display(description="before it can go live")
    def problems(self, release: Release) -> str:
        if release.pk is None:
            return "Save the release with its items first."
        found = services.release_problems(release=release)
        return " ".join(found) if found else "Nothing: every item is approved."

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        release = form.instance
        items_changed = any(formset.has_changed() for formset in formsets)
        if change and items_changed and release.status == Release.Status.SCHEDULED:
            services.block_release(release=release, reason="Its items changed after it was scheduled; reschedule it.")
            self.message_user(request, "The items changed, so the release is blocked until you reschedule it.")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "go_live_at":
            field.help_text = f"In {timezone.get_current_timezone_name()}; stored in UTC. {db_field.help_text}"
        return field

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm("scheduling.publish_release")

    def _each(self, request, queryset, run, done: str) -> None:
        for release in queryset:
            try:
                run(release)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"“{release}”: {refusal_text(error)}", messages.ERROR)
            else:
                self.message_user(request, f"“{release}”: {done}", messages.SUCCESS)

    @admin.action(
        description="Schedule (or reschedule) selected releases at their go-live time", permissions=["publish"]
    )
    def schedule_selected(self, request, queryset):
        def run(release: Release) -> None:
            if release.go_live_at is None or release.go_live_at <= timezone.now():
                raise ValidationError("Set a go-live time in the future first.")
            if release.status in {Release.Status.SCHEDULED, Release.Status.BLOCKED}:
                services.reschedule_release(release=release, at=release.go_live_at, by=request.user)
            else:
                services.schedule_release(release=release, at=release.go_live_at, by=request.user)

        self._each(request, queryset, run, "scheduled.")

    @admin.action(description="Publish selected releases now", permissions=["publish"])
    def publish_now_selected(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda release: services.schedule_release(release=release, at=timezone.now(), by=request.user),
            "published; the worker sends its webhooks now.",
        )

    @admin.action(description="Cancel selected releases", permissions=["publish"])
    def cancel_selected(self, request, queryset):
        self._each(
            request, queryset, lambda release: services.cancel_release(release=release, by=request.user), "cancelled."
        )
