"""Admin building blocks shared by publishable content: state column, actions, buttons.

The admin only asks; the services decide. Every action and button calls the same
service the worker and the demo loader call, and shows the service's refusal as a
message instead of a crash.
"""

from collections.abc import Callable

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget

from terms.models import PublicationState

MARKDOWN_EDITOR = {MarkdownxField: {"widget": AdminMarkdownxWidget}}

STATE_COLOURS = {
    PublicationState.DRAFT: "#6b7280",
    PublicationState.LIVE: "#15803d",
    PublicationState.CHANGED: "#b45309",
    PublicationState.WITHDRAWN: "#b91c1c",
}


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


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


class PublishableAdmin(admin.ModelAdmin):
    """A working-copy admin with publication state, Publish/Unpublish actions and a publish button."""

    publish_service: Callable
    unpublish_service: Callable
    service_argument: str
    change_form_template = "admin/publishable_change_form.html"
    formfield_overrides = MARKDOWN_EDITOR
    actions = ["publish_selected", "unpublish_selected"]
    readonly_fields = ["publication_summary", "created_at", "created_by", "updated_at", "updated_by"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).with_publication_state(at=timezone.now())

    @admin.display(description="publication")
    def state_badge(self, obj) -> str:
        state = obj.publication_state()
        return format_html('<span style="color:{};font-weight:600">● {}</span>', STATE_COLOURS[state], state.label)

    @admin.display(description="publication")
    def publication_summary(self, obj) -> str:
        if obj is None or obj.pk is None:
            return "Not saved yet."
        obj = self.get_queryset_for_summary(obj)
        state = obj.publication_state()
        detail = f" (version {obj.live_version_number})" if obj.live_version_number else ""
        return format_html(
            '<span style="color:{};font-weight:600">● {}{}</span>', STATE_COLOURS[state], state.label, detail
        )

    def get_queryset_for_summary(self, obj):
        return type(obj).objects.with_publication_state(at=timezone.now()).get(pk=obj.pk)

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def _run_on_each(self, request: HttpRequest, queryset: QuerySet, service: Callable, done: str) -> None:
        succeeded = 0
        for obj in queryset:
            try:
                service(**{self.service_argument: obj, "by": request.user})
                succeeded += 1
            except ValidationError as error:
                self.message_user(request, f"“{obj}”: {error_text(error)}", messages.ERROR)
        if succeeded:
            self.message_user(request, f"{done} {succeeded} item(s).", messages.SUCCESS)

    @admin.action(description="Publish selected items now")
    def publish_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._run_on_each(request, queryset, type(self).publish_service, "Published")

    @admin.action(description="Unpublish (withdraw) selected items now")
    def unpublish_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._run_on_each(request, queryset, type(self).unpublish_service, "Withdrew")

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["show_publish_button"] = True
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _publish_after_save(self, request: HttpRequest, obj) -> bool:
        try:
            type(self).publish_service(**{self.service_argument: obj, "by": request.user})
        except ValidationError as error:
            self.message_user(request, f"Saved, but not published: {error_text(error)}", messages.ERROR)
            return False
        self.message_user(request, f"“{obj}” is published and live now.", messages.SUCCESS)
        return True

    def response_change(self, request: HttpRequest, obj) -> HttpResponse:
        if "_publish" in request.POST:
            self._publish_after_save(request, obj)
            return self._stay_on_page(request, obj)
        return super().response_change(request, obj)

    def response_add(self, request: HttpRequest, obj, post_url_continue=None) -> HttpResponse:
        if "_publish" in request.POST:
            self._publish_after_save(request, obj)
            return self._stay_on_page(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def _stay_on_page(self, request: HttpRequest, obj) -> HttpResponse:
        opts = obj._meta
        return redirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
