"""No lost work on the admin's change forms: an unsaved-changes warning and drafts autosaved in the browser.

The work is done by editorial/static/editorial/no_lost_work.js (plain JavaScript, no build
step). The server's part is small: the form's hidden edit-version field (the optimistic lock)
carries who is editing which item, so the script keys its drafts by user, item and edit version.

Why in the browser (localStorage) rather than on the server: work is lost when the server, the
network or the session is what failed (an expired login, an error on save, a laptop going
offline), and a browser copy survives exactly those; it costs no database write per keystroke,
and unpublished text does not pile up in a second table that would need its own permissions.
The price: a draft is offered back only in the browser it was typed in.

A restored draft keeps the edit version it was typed on, so saving it over a newer saved
version is refused by OptimisticLockForm like any stale form, naming who changed what.
"""

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from editorial.forms import LOCK_FIELD


def autosave_attributes(*, user, model, obj) -> dict[str, str]:
    """The data attributes naming whose draft of which item a form holds."""
    meta = model._meta
    return {
        "data-autosave-user": str(user.pk),
        "data-autosave-item": f"{meta.app_label}.{meta.model_name}:{obj.pk if obj is not None else 'add'}",
    }


class NoLostWorkAdmin(admin.ModelAdmin):
    """Adds the unsaved-changes warning and browser autosave to a change form with an edit-version field."""

    class Media:
        js = ["editorial/no_lost_work.js"]

    def get_form(self, request: HttpRequest, obj=None, change: bool = False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if LOCK_FIELD not in form.base_fields:
            return form
        # A field of this request's own (a subclass), never the shared class's, so attributes don't leak between users.
        marked = forms.IntegerField(
            widget=forms.HiddenInput(attrs=autosave_attributes(user=request.user, model=self.model, obj=obj)),
            required=False,
        )
        return type(form.__name__, (form,), {LOCK_FIELD: marked})
