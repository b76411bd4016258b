"""Writing the audit log: one append-only entry per thing someone did to an item.

Every app that acts on content (the workflow, the scheduler, deletes) writes through
`audit()`, so each entry names the item's edit version the same way.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import models

from publishing.models import AuditEntry


def current_history_id(item: models.Model) -> int | None:
    latest = item.history.order_by("-history_id").values_list("history_id", flat=True).first()
    return latest


def audit(*, item: models.Model, action: str, by: AbstractBaseUser | None, comment: str = "", version: str = ""):
    history_id = current_history_id(item) if hasattr(item, "history") else None
    label = version or (f"edit #{history_id}" if history_id else "")
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(item, for_concrete_model=True),
        object_id=item.pk,
        object_repr=str(item)[:300],
        action=action,
        actor=by,
        version=label,
        comment=comment,
    )
