"""API tokens in the admin: every staff user creates and revokes their own; superusers may revoke any.

The secret is shown once, on the page that answers the creation (never stored, never put
in a message, which could travel in a cookie); afterwards only its prefix is shown.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html

from manage_api import tokens
from manage_api.models import ApiToken


class ApiTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name", "expires_at"]

    def clean_expires_at(self):
        expires_at = self.cleaned_data.get("expires_at")
        if expires_at is not None and expires_at <= timezone.now():
            raise ValidationError("Choose a moment in the future, or leave it empty.")
        return expires_at


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    form = ApiTokenForm
    list_display = ["name", "prefix_shown", "user", "status", "expires_at", "last_used_at", "created_at"]
    list_select_related = ["user"]
    search_fields = ["name", "prefix"]
    actions = ["revoke_selected"]
    readonly_fields = ["user", "prefix_shown", "status", "created_at", "last_used_at", "revoked_at"]

    # Tokens are personal: any active staff user may hold them, whatever their role, and a
    # token never does more than its user may.
    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return self.has_module_permission(request) and (
            obj is None or obj.user_id == request.user.pk or request.user.is_superuser
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False  # a token is revoked and replaced, never edited

    def has_delete_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False  # revoked tokens stay listed, so their last use can still be read

    def has_revoke_permission(self, request: HttpRequest) -> bool:
        return self.has_module_permission(request)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)
        return queryset if request.user.is_superuser else queryset.filter(user=request.user)

    def get_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> list[str]:
        return ["name", "expires_at"] if obj is None else ["name", *self.readonly_fields, "expires_at"]

    def get_readonly_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> list[str]:
        return [] if obj is None else ["name", *self.readonly_fields, "expires_at"]

    @admin.display(description="token starts with")
    def prefix_shown(self, token: ApiToken) -> str:
        return f"{tokens.TOKEN_PREFIX}{token.prefix}_…"

    @admin.display(description="status")
    def status(self, token: ApiToken) -> str:
        if token.revoked_at:
            colour, label = "#b91c1c", "Revoked"
        elif token.expires_at and token.expires_at <= timezone.now():
            colour, label = "#b45309", "Expired"
        else:
            colour, label = "#15803d", "Active"
        return format_html('<span style="color:{}">{}</span>', colour, label)

    def save_model(self, request: HttpRequest, obj: ApiToken, form, change: bool) -> None:
        issued = tokens.create_token(user=request.user, name=obj.name, expires_at=obj.expires_at)
        obj.pk = issued.token.pk
        obj.refresh_from_db()  # the admin logs the addition of this object
        obj._state.adding = False
        request.issued_token = issued  # read once, by response_add below

    def response_add(self, request: HttpRequest, obj: ApiToken, post_url_continue=None) -> HttpResponse:
        issued: tokens.IssuedToken = request.issued_token
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Copy your new API token",
            "token": issued.token,
            "secret": issued.secret,
        }
        response = TemplateResponse(request, "manage_api/token_created.html", context)
        response["Cache-Control"] = "private, no-store"
        return response

    @admin.action(description="Revoke selected tokens", permissions=["revoke"])
    def revoke_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        revoked = 0
        for token in queryset:
            try:
                revoked += tokens.revoke_token(token=token, by=request.user)
            except PermissionDenied as error:
                self.message_user(request, f"“{token}”: {error}", messages.ERROR)
        self.message_user(request, f"Revoked {revoked} token(s); they are refused from now on.", messages.SUCCESS)
