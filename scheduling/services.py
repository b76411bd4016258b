"""Schedule publications and withdrawals, and releases that go live all at once.

Making a schedule writes the live windows at once (terms.services with `at=`), so the
public API is exact to the second without a worker. The worker then owes each due
schedule its side effects exactly once (`apply_schedule`): status in the admin, audit,
webhooks and cache purges. Editing an approved item suspends its pending schedules, and
a release containing it is blocked, so nothing unreviewed goes live.
"""

from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from publishing.audit import audit, current_history_id
from publishing.models import AuditEntry
from publishing.permissions import require_permission
from scheduling.models import Release, Schedule
from terms.events import announce, published_content_changed, stale_tags_of
from terms.links import going_live_together
from terms.models import Comparison, ComparisonVersion, ReviewState, Term, TermStatus, TermVersion
from terms.services import WORKFLOWS

Item = Term | Comparison


def _owner(item: Item) -> dict:
    return {"term": item} if isinstance(item, Term) else {"comparison": item}


def _kind(item: Item) -> str:
    return "term" if isinstance(item, Term) else "comparison"


def _require_approved(item: Item) -> None:
    state = type(item).objects.filter(pk=item.pk).values_list("review_state", flat=True).get()
    if state == ReviewState.ARCHIVED:
        raise ValidationError(f"“{item}” is archived.")
    if settings.GLOSSARY_REQUIRE_APPROVAL and state not in {ReviewState.APPROVED, ReviewState.PUBLISHED}:
        raise ValidationError(f"“{item}” must be approved before it can be scheduled; it is {state.replace('_', ' ')}.")


def _enqueue_side_effects(schedule: Schedule) -> None:
    from scheduling.tasks import apply_schedule

    # Enqueued in the same transaction as the schedule: both exist, or neither does.
    apply_schedule.using(run_after=schedule.at).enqueue(schedule.pk)


def unlive_references(*, item: Item, at: datetime, alongside: set[tuple[str, int]] = frozenset()) -> list[Term]:
    """Terms this item links to that will not be live at `at` (unless going live alongside it)."""
    from terms.models import TermVersion

    if isinstance(item, Term):
        term_ids = list(item.related_links.values_list("related_id", flat=True))
        term_ids += [t for t in item.relations.values_list("target_id", flat=True) if t not in term_ids]
        if item.status != TermStatus.ACTIVE and item.successor_id and item.successor_id not in term_ids:
            term_ids.append(item.successor_id)
    else:
        term_ids = [item.term_a_id, item.term_b_id]
    live_ids = set(TermVersion.objects.live(at=at).filter(term_id__in=term_ids).values_list("term_id", flat=True))
    missing = [term_id for term_id in term_ids if term_id not in live_ids and ("term", term_id) not in alongside]
    return list(Term.objects.filter(pk__in=missing).order_by("name"))


@transaction.atomic
def schedule_publication(
    *, item: Item, at: datetime, by: AbstractBaseUser | None, release: Release | None = None
) -> Schedule:
    """Make the approved working copy go live at `at` exactly (now or later)."""
    if by is not None:
        require_permission(by, item, "publish", "schedule")
    _require_approved(item)
    if Schedule.objects.pending().filter(action=Schedule.Action.PUBLISH, **_owner(item)).exists():
        raise ValidationError(f"“{item}” already has a pending go-live; cancel it first.")
    replaced = item.versions.open_or_future(at=at).filter(live_from__lte=at).order_by("-live_from").first()
    workflow = WORKFLOWS[type(item)]
    version = workflow.publish(**{workflow.argument: item, "by": by, "at": at})
    schedule = Schedule.objects.create(
        action=Schedule.Action.PUBLISH,
        at=at,
        release=release,
        version_number=version.number,
        replaced_version_number=replaced.number if replaced else None,
        restore_live_until=replaced.live_until if replaced else None,
        approved_history_id=current_history_id(item),
        created_by=by,
        **_owner(item),
    )
    settle_schedules_after_publication(item=item, version=version, by=by)
    audit(item=item, action=AuditEntry.Action.SCHEDULED, by=by, comment=f"go live at {at.isoformat()}")
    _enqueue_side_effects(schedule)
    return schedule


@transaction.atomic
def schedule_withdrawal(*, item: Item, at: datetime, by: AbstractBaseUser | None) -> Schedule:
    """Make the version that will be live at `at` stop being served at `at` exactly."""
    if by is not None:
        require_permission(by, item, "publish", "schedule")
    if at <= timezone.now():
        raise ValidationError({"at": "Choose a time in the future; use Unpublish to withdraw now."})
    version = item.versions.open_or_future(at=at).filter(live_from__lte=at).order_by("-live_from").first()
    if version is None:
        raise ValidationError({"at": f"“{item}” will not be live at that time, so there is nothing to withdraw."})
    schedule = Schedule.objects.create(
        action=Schedule.Action.UNPUBLISH,
        at=at,
        version_number=version.number,
        restore_live_until=version.live_until,
        created_by=by,
        **_owner(item),
    )
    type(version).objects.filter(pk=version.pk).update(live_until=at)
    published_content_changed(
        **{f"{_kind(item)}_ids": [item.pk]},
        stale_tags=stale_tags_of(item, versions=[version]),
    )
    audit(item=item, action=AuditEntry.Action.SCHEDULED, by=by, comment=f"withdraw at {at.isoformat()}")
    _enqueue_side_effects(schedule)
    return schedule


def _undo(schedule: Schedule) -> None:
    """Put the live windows back as they were before this schedule was made."""
    item = schedule.item
    versions = item.versions
    if schedule.action == Schedule.Action.PUBLISH:
        # Kept as history with an empty window, never deleted: it never went live.
        versions.filter(number=schedule.version_number).update(live_until=F("live_from"))
        if schedule.replaced_version_number:
            versions.filter(number=schedule.replaced_version_number).update(live_until=schedule.restore_live_until)
    else:
        versions.filter(number=schedule.version_number).update(live_until=schedule.restore_live_until)
    published_content_changed(
        **{f"{_kind(item)}_ids": [item.pk]},
        stale_tags=stale_tags_of(item, versions=versions.filter(number=schedule.version_number)),
    )


@transaction.atomic
def cancel_schedule(
    *, schedule: Schedule, by: AbstractBaseUser | None, status: str = Schedule.Status.CANCELLED
) -> None:
    """Cancel a pending schedule that has not happened yet; the public sees no change."""
    schedule = Schedule.objects.select_for_update().get(pk=schedule.pk)
    if by is not None:
        require_permission(by, schedule.item, "publish", "cancel a schedule")
    if schedule.status != Schedule.Status.PENDING:
        raise ValidationError("Only a pending schedule can be cancelled.")
    if schedule.at <= timezone.now():
        raise ValidationError("This schedule's time has passed; it already happened.")
    _undo(schedule)
    schedule.status = status
    schedule.save(update_fields=["status"])
    audit(item=schedule.item, action=AuditEntry.Action.SCHEDULED, by=by, comment=f"cancelled: {schedule}")


def settle_schedules_after_publication(
    *, item: Item, version: TermVersion | ComparisonVersion, by: AbstractBaseUser | None
) -> None:
    """A new version replaced what the item's pending schedules planned: say so on each.

    A go-live still to come is cancelled visibly (its version already has an empty window,
    so the worker must neither audit nor announce it later). A withdrawal still to come
    stays in force and now withdraws the new version: the item was meant to go offline then.
    """
    at = version.live_from
    pending = Schedule.objects.select_for_update().pending().filter(at__gt=at, **_owner(item))
    who = by.get_username() if by is not None else "the system"
    when = timezone.localtime(at).strftime("%Y-%m-%d %H:%M:%S %Z")
    for schedule in pending.filter(action=Schedule.Action.PUBLISH).exclude(version_number=version.number):
        schedule.status = Schedule.Status.CANCELLED
        schedule.note = f"Replaced by a publication at {when} by {who}."
        schedule.save(update_fields=["status", "note"])
        audit(item=item, action=AuditEntry.Action.SCHEDULED, by=by, comment=f"cancelled: {schedule} ({schedule.note})")
    withdrawals = list(pending.filter(action=Schedule.Action.UNPUBLISH).order_by("at"))
    if withdrawals:
        # Each withdrawal keeps its restore_live_until, so cancelling one still puts back
        # the window it found (the next withdrawal's time, or open).
        type(version).objects.filter(pk=version.pk).update(live_until=withdrawals[0].at)
        Schedule.objects.filter(pk__in=[schedule.pk for schedule in withdrawals]).update(version_number=version.number)
        # The new version's window now ends at the withdrawal: the feed says so at that instant.
        published_content_changed(**{f"{_kind(item)}_ids": [item.pk]})
        audit(
            item=item,
            action=AuditEntry.Action.SCHEDULED,
            by=by,
            comment=f"withdrawal at {withdrawals[0].at.isoformat()} applies to published v{version.number} too",
        )


def suspend_schedules(*, item: Item, reason: str) -> list[Schedule]:
    """An approved item was edited: its future go-lives stop, and so does any release holding it."""
    now = timezone.now()
    suspended = []
    for schedule in Schedule.objects.pending().filter(action=Schedule.Action.PUBLISH, at__gt=now, **_owner(item)):
        if schedule.release_id:
            block_release(release=schedule.release, reason=f"“{item}” {reason}")
            continue
        _undo(schedule)
        schedule.status = Schedule.Status.SUSPENDED
        schedule.note = reason
        schedule.save(update_fields=["status", "note"])
        suspended.append(schedule)
    return suspended


def block_release(*, release: Release, reason: str) -> None:
    """Stop a whole release (all or nothing) and say why."""
    now = timezone.now()
    for schedule in release.schedules.pending().filter(at__gt=now):
        _undo(schedule)
        schedule.status = Schedule.Status.SUSPENDED
        schedule.note = reason
        schedule.save(update_fields=["status", "note"])
    Release.objects.filter(pk=release.pk).update(status=Release.Status.BLOCKED, blocked_reason=reason)


def release_problems(*, release: Release) -> list[str]:
    """What stands between this release and going live (empty when it can go)."""
    problems = []
    items = [entry.item for entry in release.items.select_related("term", "comparison")]
    if not items:
        problems.append("The release has no items.")
    for item in items:
        state = item.review_state
        if settings.GLOSSARY_REQUIRE_APPROVAL and state not in {ReviewState.APPROVED, ReviewState.PUBLISHED}:
            problems.append(f"“{item}” is {ReviewState(state).label.lower()}, not approved.")
    return problems


class ReleaseBlocked(Exception):
    """Something stands between a release and going live; nothing of it was scheduled."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


def schedule_release(*, release: Release, at: datetime, by: AbstractBaseUser | None) -> list[Schedule]:
    """Schedule every item of the release for the same instant, or none of them.

    A release that cannot go is marked blocked with the reasons. The mark is written after
    the refused transaction has rolled back; written inside it, it would be undone too.
    """
    try:
        return _schedule_release(release=release, at=at, by=by)
    except ReleaseBlocked as blocked:
        Release.objects.filter(pk=release.pk).update(
            status=Release.Status.BLOCKED, blocked_reason=" ".join(blocked.problems)
        )
        raise ValidationError(["The release is blocked.", *blocked.problems]) from None


@transaction.atomic
def _schedule_release(*, release: Release, at: datetime, by: AbstractBaseUser | None) -> list[Schedule]:
    release = Release.objects.select_for_update().get(pk=release.pk)
    if by is not None and not by.has_perm("scheduling.publish_release"):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("You do not have permission to schedule releases.")
    if release.status in {Release.Status.SCHEDULED, Release.Status.PUBLISHED}:
        raise ValidationError(f"The release is {release.get_status_display().lower()} already.")
    problems = release_problems(release=release)
    if problems:
        raise ReleaseBlocked(problems)
    # Retiring terms last: a retirement needs its successor live at that instant (it may be in this release).
    entries = sorted(
        release.items.select_related("term", "comparison"),
        key=lambda entry: entry.term is not None and entry.term.status == TermStatus.RETIRED,
    )
    items = [entry.item for entry in entries]
    # The items go live at one instant: references between them link, whichever is published first.
    with going_live_together(items):
        schedules = [schedule_publication(item=item, at=at, by=None, release=release) for item in items]
    for schedule in schedules:
        schedule.created_by = by
        schedule.save(update_fields=["created_by"])
    Release.objects.filter(pk=release.pk).update(status=Release.Status.SCHEDULED, go_live_at=at, blocked_reason="")
    return schedules


@transaction.atomic
def cancel_release(*, release: Release, by: AbstractBaseUser | None) -> None:
    if by is not None and not by.has_perm("scheduling.publish_release"):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("You do not have permission to cancel releases.")
    for schedule in release.schedules.pending():
        cancel_schedule(schedule=schedule, by=None)
    Release.objects.filter(pk=release.pk).update(status=Release.Status.CANCELLED)


@transaction.atomic
def apply_schedule(*, schedule_id: int, now: datetime | None = None) -> bool:
    """Run a due schedule's side effects once; returns whether this call ran them.

    Safe to call again, from any number of workers: the status moves from pending to
    done under a row lock, and only the call that moved it acts.
    """
    now = now or timezone.now()
    schedule = Schedule.objects.select_for_update().filter(pk=schedule_id).first()
    if schedule is None or schedule.status != Schedule.Status.PENDING or schedule.at > now:
        return False
    schedule.status = Schedule.Status.DONE
    schedule.side_effects_done_at = now
    schedule.save(update_fields=["status", "side_effects_done_at"])
    item = schedule.item
    version = item.versions.filter(number=schedule.version_number).first()
    if schedule.action == Schedule.Action.PUBLISH:
        type(item).objects.filter(pk=item.pk, review_state=ReviewState.APPROVED).update(
            review_state=ReviewState.PUBLISHED
        )
        audit(item=item, action=AuditEntry.Action.PUBLISHED, by=schedule.created_by, comment="scheduled go-live")
        # A version recorded when its time had already come (a release published now) was
        # announced by the publication itself; announcing it again would send a second webhook.
        if version is None or version.live_from > version.created_at:
            # A retirement takes the page away (its slug redirects from now on).
            retired = getattr(version, "status", None) == TermStatus.RETIRED
            event = f"{_kind(item)}.{'unpublished' if retired else 'published'}"
            announce(event=event, kind=_kind(item), slug=version.slug if version else item.slug)
    else:
        audit(item=item, action=AuditEntry.Action.UNPUBLISHED, by=schedule.created_by, comment="scheduled withdrawal")
        announce(event=f"{_kind(item)}.unpublished", kind=_kind(item), slug=version.slug if version else item.slug)
    if schedule.release_id and not schedule.release.schedules.pending().exists():
        went_live = Release.objects.filter(pk=schedule.release_id, status=Release.Status.SCHEDULED).update(
            status=Release.Status.PUBLISHED
        )
        if went_live:
            announce(event="release.published", kind="release", slug=str(schedule.release_id))
    # Nothing new goes live here (the window opened at its instant); the clock moves on so
    # readers stop working the timeline out for themselves, and the CDN drops what it kept
    # from before the instant.
    published_content_changed(stale_tags=stale_tags_of(item, versions=[version]))
    return True


def run_due_schedules(*, now: datetime | None = None) -> int:
    """Apply every due schedule (e.g. after the worker was down); returns how many this call ran."""
    now = now or timezone.now()
    return sum(
        apply_schedule(schedule_id=pk, now=now) for pk in Schedule.objects.due(at=now).values_list("pk", flat=True)
    )


@transaction.atomic
def reschedule_release(*, release: Release, at: datetime, by: AbstractBaseUser | None) -> list[Schedule]:
    """Move a scheduled (or blocked) release to a new instant, all items together."""
    cancel_release(release=release, by=by)
    Release.objects.filter(pk=release.pk).update(status=Release.Status.DRAFT)
    return schedule_release(release=release, at=at, by=by)
