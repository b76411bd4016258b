""" "My settings": each editor's own time zone and email choice, reached from the admin's menu."""

from django.contrib import admin
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse

from editorial.models import EditorProfile


@admin.register(EditorProfile)
class EditorProfileAdmin(admin.ModelAdmin):
    """Every staff user edits their own settings, and only theirs; the list opens one's own."""

    fields = ["time_zone", "email_notifications"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return self.has_module_permission(request) and (obj is None or obj.user_id == request.user.pk)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return self.has_view_permission(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context=None):
        profile, _ = EditorProfile.objects.get_or_create(user=request.user)
        return HttpResponseRedirect(reverse("admin:editorial_editorprofile_change", args=[profile.pk]))
