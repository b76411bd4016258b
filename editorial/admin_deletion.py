"""Deleting from the admin through a service that may refuse.

The delete confirmation page (one object, or the "delete selected" action) lists why the
deletion is refused among Django's "protected objects", so it offers no button. The
service decides again under its row lock when the editor confirms; a refusal then (the
item went live meanwhile) is shown as a message and nothing is deleted or logged.
"""

from datetime import datetime

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone


def _delete_selected_or_refuse(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet):
    try:
        # All or nothing, the admin's log entries included.
        with transaction.atomic():
            return delete_selected(modeladmin, request, queryset)
    except ValidationError as error:
        modeladmin.message_user(request, " ".join(error.messages), messages.ERROR)
        return None


class DeletionThroughServiceAdmin(admin.ModelAdmin):
    """A ModelAdmin whose deletes go through `delete_through_service`, refused for `deletion_refusals`."""

    def deletion_refusals(self, obj: Model, *, at: datetime) -> list[str]:
        raise NotImplementedError

    def delete_through_service(self, obj: Model, *, by) -> None:
        raise NotImplementedError

    def get_deleted_objects(self, objs, request: HttpRequest):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        at = timezone.now()
        refusals = [refusal for obj in objs for refusal in self.deletion_refusals(obj, at=at)]
        if not refusals:
            return deleted, model_count, perms_needed, protected
        # Refused anyway: show the reasons (they say what to do), not that the read-only
        # published versions cannot be deleted by anyone. Django's rows follow them.
        return deleted, model_count, set(), [*refusals, *protected]

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        self.delete_through_service(obj, by=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        with transaction.atomic():
            for obj in queryset:
                self.delete_through_service(obj, by=request.user)

    def delete_view(self, request: HttpRequest, object_id: str, extra_context=None) -> HttpResponse:
        try:
            return super().delete_view(request, object_id, extra_context)
        except ValidationError as error:  # refused on confirmation; the view's transaction rolled back
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.path)

    def get_actions(self, request: HttpRequest) -> dict:
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            _, name, description = actions["delete_selected"]
            actions["delete_selected"] = (_delete_selected_or_refuse, name, description)
        return actions
