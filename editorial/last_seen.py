"""What changed since a reviewer last looked: the edit each user last saw an item at, and the diff since.

Looking at an item's review page, or acting on it there, records the item's current edit for
that user. The review page then shows the field and part changes between the edit the user
saw before and the current one. A reload does not hide them: the diff base moves only when a
newer edit has arrived since the last look.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction

from editorial.models import LastSeenEdit
from publishing.audit import current_history_id
from terms.models import Comparison, Term

Item = Term | Comparison


@dataclass(frozen=True)
class SinceLastSeen:
    """The two edits to compare for one user: `base` (seen before, None on a first look) and `current`."""

    base: int | None
    current: int | None

    @property
    def first_look(self) -> bool:
        return self.base is None

    @property
    def unchanged(self) -> bool:
        return self.base is not None and self.base == self.current


def _row(*, user: AbstractBaseUser, item: Item) -> LastSeenEdit | None:
    return LastSeenEdit.objects.filter(
        user=user, content_type=ContentType.objects.get_for_model(item), object_id=item.pk
    ).first()


def since_last_seen(*, user: AbstractBaseUser, item: Item) -> SinceLastSeen:
    """The edits between which to show changes to `user`: from the one they saw before to the current one."""
    current = current_history_id(item)
    row = _row(user=user, item=item)
    if row is None:
        return SinceLastSeen(base=None, current=current)
    if row.history_id != current:
        return SinceLastSeen(base=row.history_id, current=current)
    # Seen this very edit already: keep showing what changed before it (a reload hides nothing).
    return SinceLastSeen(base=row.previous_history_id or row.history_id, current=current)


def mark_seen(*, user: AbstractBaseUser, item: Item) -> None:
    """Record that `user` has now seen the item's current edit (viewed its review page or acted on it)."""
    current = current_history_id(item)
    if current is None or not user.is_authenticated:
        return
    content_type = ContentType.objects.get_for_model(item)
    with transaction.atomic():
        row = (
            LastSeenEdit.objects.select_for_update()
            .filter(user=user, content_type=content_type, object_id=item.pk)
            .first()
        )
        if row is None:
            try:
                with transaction.atomic():
                    LastSeenEdit.objects.create(
                        user=user, content_type=content_type, object_id=item.pk, history_id=current
                    )
            except IntegrityError:
                pass  # the same user's other tab recorded it at the same moment: theirs is as good
            return
        if row.history_id != current:
            row.previous_history_id, row.history_id = row.history_id, current
            row.save(update_fields=["history_id", "previous_history_id", "seen_at"])
