"""Admin building blocks shared by publishable content: state column, publish/unpublish actions.

The admin only asks; the services decide. Actions call editorial.services, which check
the user's permission and the item's state on the server and show a refusal as a
message instead of a crash.
"""

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.html import format_html
from markdownx.models import MarkdownxField

from editorial import services
from editorial.admin_deletion import DeletionThroughServiceAdmin
from editorial.admin_health import health_confirmation
from editorial.internal_links import LINK_PICKER_SCRIPT, markdown_texts, warn_about_missing_references
from health.problems import Severity
from health.report import content_health, item_kind
from media_library.widgets import ImageLibraryMarkdownWidget
from publishing.refusals import refusal_text
from publishing.states import PublicationState

MARKDOWN_EDITOR = {MarkdownxField: {"widget": ImageLibraryMarkdownWidget}}

STATE_COLOURS = {
    PublicationState.DRAFT: "#6b7280",
    PublicationState.LIVE: "#15803d",
    PublicationState.CHANGED: "#b45309",
    PublicationState.WITHDRAWN: "#b91c1c",
}


class PublicationStateFilter(admin.SimpleListFilter):
    title = "publication"
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return PublicationState.choices

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        wanted = PublicationState(value)
        ids = [obj.pk for obj in queryset if obj.publication_state() == wanted]
        return queryset.filter(pk__in=ids)


class PublishableAdmin(DeletionThroughServiceAdmin):
    """A working-copy admin with its publication state and Publish/Unpublish actions.

    Deleting goes through a service that refuses while the item is live or scheduled.
    """

    formfield_overrides = MARKDOWN_EDITOR
    actions = ["publish_selected", "unpublish_selected"]
    readonly_fields = ["publication_summary", "created_at", "created_by", "updated_at", "updated_by"]

    class Media:
        js = [LINK_PICKER_SCRIPT]  # "Link to term or comparison" on every Markdown field

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        warn_about_missing_references(request, markdown_texts(form.instance))

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).with_publication_state(at=timezone.now())

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(f"{self.opts.app_label}.publish_{self.opts.model_name}")

    @admin.display(description="publication")
    def state_badge(self, obj) -> str:
        state = obj.publication_state()
        return format_html('<span style="color:{};font-weight:600">● {}</span>', STATE_COLOURS[state], state.label)

    @admin.display(description="publication")
    def publication_summary(self, obj) -> str:
        if obj is None or obj.pk is None:
            return "Not saved yet."
        obj = type(obj).objects.with_publication_state(at=timezone.now()).get(pk=obj.pk)
        state = obj.publication_state()
        detail = f" (version {obj.live_version_number})" if obj.live_version_number else ""
        return format_html(
            '<span style="color:{};font-weight:600">● {}{}</span>', STATE_COLOURS[state], state.label, detail
        )

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        if hasattr(obj, "updated_by_id"):
            if not change:
                obj.created_by = request.user
            obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def run_on_each(self, request: HttpRequest, queryset: QuerySet, service, done: str) -> None:
        succeeded = 0
        for obj in queryset:
            try:
                service(item=obj, by=request.user)
                succeeded += 1
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"“{obj}”: {refusal_text(error)}", messages.ERROR)
        if succeeded:
            self.message_user(request, f"{done} {succeeded} item(s).", messages.SUCCESS)

    @admin.action(description="Publish selected now", permissions=["publish"])
    def publish_selected(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        """Publish each; items with content health errors only after a confirmation, recorded in the audit log."""
        report = content_health()
        errors = {
            obj.pk: [p for p in report.for_item(item_kind(obj), obj.pk) if p.severity == Severity.ERROR]
            for obj in queryset
        }
        flagged = [(obj, errors[obj.pk]) for obj in queryset if errors[obj.pk]]
        if flagged and not request.POST.get("confirm_health"):
            context = {
                **self.admin_site.each_context(request),
                "title": "Content health errors",
                "opts": self.opts,
                "post_url": request.get_full_path(),
                "back_url": request.get_full_path(),
                "hidden_fields": [
                    ("action", "publish_selected"),
                    *((ACTION_CHECKBOX_NAME, str(obj.pk)) for obj in queryset),
                ],
            }
            return health_confirmation(request, context=context, flagged=flagged)

        def publish(*, item, by):
            if errors[item.pk]:
                return services.publish_despite_health_errors(
                    item=item, by=by, errors=[problem.message for problem in errors[item.pk]]
                )
            return services.publish(item=item, by=by)

        self.run_on_each(request, queryset, publish, "Published")
        return None

    @admin.action(description="Unpublish (withdraw) selected now", permissions=["publish"])
    def unpublish_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        self.run_on_each(request, queryset, services.unpublish, "Withdrew")
