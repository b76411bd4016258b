"""The import in the admin: upload a file, read the dry run's report with each item's diff, confirm.

The upload is read and dry-run at once; what was read and the edit version of every
matched working copy are kept in the session, and "Import as drafts" runs the same import
for real with those versions: an item someone saved after the dry run is refused (nothing
is imported), never overwritten. Only users who may edit terms see the page; each item
still needs its own add/change permission, as in the admin's forms.
"""

import secrets

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from interchange.formats import ParsedFile, read_upload
from interchange.models import GlossaryImport
from interchange.services import import_glossary

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
SESSION_PREFIX = "interchange-import-"
EDIT_TERMS = "terms.change_term"


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Glossary file",
        help_text="A JSON export, a .zip of a Markdown export folder, or a CSV of terms "
        "(name, slug, quick_definition, explanation, category, aliases).",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file is larger than 20 MB.")
        return upload


@admin.register(GlossaryImport)
class GlossaryImportAdmin(admin.ModelAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.has_perm(EDIT_TERMS)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        return [path("", self.admin_site.admin_view(self.import_view), name=f"{name}_changelist")]

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_module_permission(request):
            raise PermissionDenied
        if request.method == "POST" and "confirm" in request.POST:
            return self._confirm(request, request.POST["confirm"])
        if request.method != "POST":
            return self._render(request, form=UploadForm())
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(request, form=form, status=400)
        upload = form.cleaned_data["file"]
        parsed = read_upload(upload.name, upload.read())
        report = import_glossary(parsed=parsed, by=request.user, dry_run=True)
        token = ""
        if not report.has_errors:
            token = secrets.token_urlsafe(12)
            request.session[SESSION_PREFIX + token] = {
                "name": upload.name,
                "parsed": parsed.as_dict(),
                "seen": report.seen_versions,
            }
        return self._render(request, form=UploadForm(), report=report, token=token, file_name=upload.name)

    def _confirm(self, request: HttpRequest, token: str) -> HttpResponse:
        stored = request.session.get(SESSION_PREFIX + token)
        if stored is None:
            self.message_user(
                request, "That dry run has expired or was imported already: upload the file again.", messages.ERROR
            )
            return HttpResponseRedirect(request.path)
        report = import_glossary(
            parsed=ParsedFile.from_dict(stored["parsed"]),
            by=request.user,
            seen_versions=stored["seen"],
            reason=f"Imported from {stored['name']}",
        )
        del request.session[SESSION_PREFIX + token]  # a refused confirmation needs a new dry run
        if not report.applied:
            self.message_user(request, "Nothing was imported: the content changed since the dry run.", messages.ERROR)
            return self._render(request, form=UploadForm(), report=report, file_name=stored["name"], status=409)
        counts = report.counts()
        self.message_user(
            request,
            f"Imported {stored['name']} as drafts: {counts['created']} created, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged. Nothing was published.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:terms_term_changelist"))

    def _render(self, request: HttpRequest, *, form: UploadForm, status: int = 200, **extra) -> TemplateResponse:
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Import glossary",
            "form": form,
            **extra,
        }
        return TemplateResponse(request, "interchange/import.html", context, status=status)
