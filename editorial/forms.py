"""Optimistic locking for admin forms: a save based on a stale copy is refused, nothing is lost.

Each form carries the edit version it was opened at. On save the row is locked and its
version compared; if someone saved in between, the form comes back with the editor's
text intact, an error saying who changed what, and the newer version noted, so that a
second, deliberate save goes through.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

LOCK_FIELD = "seen_lock_version"


def changed_fields_since(instance, seen_version: int) -> tuple[list[str], object]:
    """Verbose names of fields changed since edit version `seen_version`, and the latest record."""
    history = instance.history.order_by("-history_id")
    latest = history.first()
    seen = history.filter(lock_version=seen_version).first()
    if latest is None or seen is None:
        return [], latest
    delta = latest.diff_against(seen)
    names = [
        str(instance._meta.get_field(change.field).verbose_name)
        for change in delta.changes
        if change.field not in {"lock_version", "updated_at", "updated_by", "review_state", "submitted_by"}
    ]
    return names, latest


class OptimisticLockForm(forms.ModelForm):
    seen_lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields[LOCK_FIELD].initial = self.instance.lock_version

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        model = type(self.instance)
        current = model.objects.select_for_update().filter(pk=self.instance.pk).values_list("lock_version", flat=True)
        current = current.first()
        seen = cleaned.get(LOCK_FIELD)
        self.current_lock_version = current
        if current is None or seen == current:
            return cleaned
        names, latest = changed_fields_since(self.instance, seen) if seen is not None else ([], None)
        # The next save from this form is a deliberate one, made after seeing this message.
        self.data = self.data.copy()
        self.data[self.add_prefix(LOCK_FIELD)] = current
        who = getattr(latest, "history_user", None) or "someone"
        when = timezone.localtime(latest.history_date).strftime("%H:%M:%S %Z") if latest else "just now"
        what = f" They changed: {', '.join(names)}." if names else ""
        raise ValidationError(
            f"{who} saved “{self.instance}” at {when}, after you opened it.{what} Your text is kept "
            "below and nothing was saved. Compare it with their version (open the item in a new tab), "
            "merge what you need, and save again to keep yours.",
            code="stale",
        )

    def save(self, commit: bool = True):
        if self.instance.pk:
            self.instance.lock_version = getattr(self, "current_lock_version", self.instance.lock_version) + 1
        return super().save(commit=commit)
