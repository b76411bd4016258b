"""The editorial workflow: who may move a term or comparison from draft to live, and how.

draft → in review → approved → published, with "changes requested" sending an item
back to its writer, and archive/unarchive for items nobody works on. Every transition
checks the actor's permission and the item's state on the server, moves the state with
one conditional UPDATE (so two reviewers cannot both win), and writes an audit entry.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from editorial import snapshots
from editorial.models import ReviewComment
from faqs import services as faq_services
from faqs.models import FAQ, SiteWideFAQ
from publishing.audit import audit, current_history_id
from publishing.models import AuditEntry
from publishing.permissions import may, require_permission
from scheduling.services import suspend_schedules
from terms import services as term_services
from terms.links import public_link_resolver_at
from terms.models import Comparison, ComparisonVersion, ReviewState, Term, TermVersion
from terms.services import WORKFLOWS

Item = Term | Comparison
# Site-wide FAQs (the SiteWideFAQ proxy, whose permissions apply) go through the same review.
Reviewed = Item | SiteWideFAQ
S = ReviewState


EDITED_SENDS_BACK = {S.IN_REVIEW, S.APPROVED, S.PUBLISHED}


def _move(item: Reviewed, *, allowed_from: set[str], to: str, refusal: str, **extra: object) -> None:
    """Change the review state only if it is still one of `allowed_from` (no lost races)."""
    moved = type(item).objects.filter(pk=item.pk, review_state__in=allowed_from).update(review_state=to, **extra)
    if not moved:
        current = type(item).objects.filter(pk=item.pk).values_list("review_state", flat=True).first()
        label = S(current).label.lower() if current else "deleted"
        raise ValidationError(f"{refusal} It is {label}.")
    item.review_state = to
    for name, value in extra.items():
        setattr(item, name, value)


@transaction.atomic
def submit_for_review(*, item: Reviewed, by: AbstractBaseUser) -> None:
    require_permission(by, item, "submit", "submit this for review")
    _move(
        item,
        allowed_from={S.DRAFT, S.CHANGES_REQUESTED},
        to=S.IN_REVIEW,
        refusal="Only a draft, or an item with changes requested, can be submitted for review.",
        submitted_by=by,
    )
    audit(item=item, action=AuditEntry.Action.SUBMITTED, by=by)


@transaction.atomic
def add_comment(*, item: Reviewed, by: AbstractBaseUser, text: str, kind: str = ReviewComment.Kind.COMMENT):
    if not (may(by, item, "review") or may(by, item, "submit") or may(by, item, "change")):
        raise PermissionDenied("You do not have permission to comment on this item.")
    if not text or not text.strip():
        raise ValidationError({"comment": "Write a comment first."})
    return ReviewComment.objects.create(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        author=by,
        kind=kind,
        text=text.strip(),
        history_id=current_history_id(item),
    )


@transaction.atomic
def request_changes(*, item: Reviewed, by: AbstractBaseUser, comment: str) -> None:
    require_permission(by, item, "review", "request changes")
    if not comment or not comment.strip():
        raise ValidationError({"comment": "Say what needs to change: a comment is required."})
    _move(
        item,
        allowed_from={S.IN_REVIEW, S.APPROVED},
        to=S.CHANGES_REQUESTED,
        refusal="Changes can be requested only on an item in review or approved.",
    )
    add_comment(item=item, by=by, text=comment, kind=ReviewComment.Kind.CHANGES_REQUESTED)
    audit(item=item, action=AuditEntry.Action.CHANGES_REQUESTED, by=by, comment=comment.strip())
    if not isinstance(item, FAQ):  # site-wide FAQs are published now, never scheduled
        suspend_schedules(item=item, reason="had changes requested after approval.")


@transaction.atomic
def approve(*, item: Reviewed, by: AbstractBaseUser, comment: str = "") -> None:
    require_permission(by, item, "review", "approve")
    submitter_id = type(item).objects.filter(pk=item.pk).values_list("submitted_by_id", flat=True).first()
    if submitter_id == by.pk and not settings.GLOSSARY_ALLOW_SELF_APPROVAL:
        raise PermissionDenied("You submitted this item, so someone else must approve it.")
    _move(item, allowed_from={S.IN_REVIEW}, to=S.APPROVED, refusal="Only an item in review can be approved.")
    if comment.strip():
        add_comment(item=item, by=by, text=comment, kind=ReviewComment.Kind.APPROVED)
    audit(item=item, action=AuditEntry.Action.APPROVED, by=by, comment=comment.strip())


def _require_approval_to_publish(item: Reviewed) -> None:
    state = type(item).objects.filter(pk=item.pk).values_list("review_state", flat=True).get()
    if state == S.ARCHIVED:
        raise ValidationError("An archived item cannot be published; restore it from the archive first.")
    if settings.GLOSSARY_REQUIRE_APPROVAL and state not in {S.APPROVED, S.PUBLISHED}:
        raise ValidationError(f"Only an approved item can be published. It is {S(state).label.lower()}.")


@transaction.atomic
def publish(*, item: Item | FAQ, by: AbstractBaseUser):
    """Publish now, if the actor may and (when approval is required) the item is approved."""
    require_permission(by, item, "publish", "publish")
    if isinstance(item, FAQ):
        _require_approval_to_publish(item)
        copy = faq_services.publish_site_faq(faq=item, by=by, resolve_link=public_link_resolver_at)
        audit(item=item, action=AuditEntry.Action.PUBLISHED, by=by)
        return copy
    _require_approval_to_publish(item)
    workflow = WORKFLOWS[type(item)]
    version = workflow.publish(**{workflow.argument: item, "by": by})
    audit(item=item, action=AuditEntry.Action.PUBLISHED, by=by, version=f"published v{version.number}")
    from scheduling.services import settle_schedules_after_publication

    settle_schedules_after_publication(item=item, version=version, by=by)
    return version


@transaction.atomic
def publish_despite_health_errors(*, item: Item | FAQ, by: AbstractBaseUser, errors: list[str]):
    """Publish now although content health found errors, which the publisher confirmed; the audit log keeps them."""
    published = publish(item=item, by=by)
    number = getattr(published, "number", None)
    audit(
        item=item,
        action=AuditEntry.Action.HEALTH_OVERRIDE,
        by=by,
        version=f"published v{number}" if number else "",
        comment="\n".join(errors),
    )
    return published


@transaction.atomic
def schedule_despite_health_errors(*, item: Item, at, by: AbstractBaseUser, errors: list[str]):
    """Schedule a go-live although content health found errors, which the publisher confirmed; audited."""
    from scheduling.services import schedule_publication

    schedule = schedule_publication(item=item, at=at, by=by)
    audit(
        item=item,
        action=AuditEntry.Action.HEALTH_OVERRIDE,
        by=by,
        version=f"scheduled v{schedule.version_number}",
        comment=f"go live at {at.isoformat()}\n" + "\n".join(errors),
    )
    return schedule


@transaction.atomic
def unpublish(*, item: Item | FAQ, by: AbstractBaseUser) -> None:
    require_permission(by, item, "publish", "unpublish")
    if isinstance(item, FAQ):
        faq_services.unpublish_site_faq(faq=item, by=by)
    else:
        workflow = WORKFLOWS[type(item)]
        workflow.unpublish(**{workflow.argument: item, "by": by})
    audit(item=item, action=AuditEntry.Action.UNPUBLISHED, by=by)


def _is_live(item: Item) -> bool:
    """Whether a version of the item is in force (a retired term's too: its slug still redirects)."""
    versions = item.versions
    in_force = versions.in_force if hasattr(versions, "in_force") else versions.live
    return in_force(at=timezone.now()).exists()


@transaction.atomic
def archive(*, item: Item, by: AbstractBaseUser) -> None:
    require_permission(by, item, "publish", "archive")
    if _is_live(item):
        raise ValidationError("Unpublish this item before archiving it.")
    _move(
        item,
        allowed_from={s for s in S.values if s != S.ARCHIVED},
        to=S.ARCHIVED,
        refusal="This item is archived already.",
    )
    audit(item=item, action=AuditEntry.Action.ARCHIVED, by=by)


@transaction.atomic
def unarchive(*, item: Item, by: AbstractBaseUser) -> None:
    require_permission(by, item, "publish", "restore from the archive")
    _move(item, allowed_from={S.ARCHIVED}, to=S.DRAFT, refusal="Only an archived item can be restored.")
    audit(item=item, action=AuditEntry.Action.UNARCHIVED, by=by)


def record_content_change(*, item: Item) -> None:
    """Count a real edit of the content (the publication state compares it with the live version)."""
    type(item).objects.filter(pk=item.pk).update(content_revision=models.F("content_revision") + 1)


def record_edit(*, item: Reviewed) -> bool:
    """After the content changed: an item in review, approved or published goes back to draft.

    Its pending go-lives are suspended (and a release holding it is blocked), because
    what would go live is no longer what was approved. Returns whether it went back.
    """
    went_back = bool(
        type(item)
        .objects.filter(pk=item.pk, review_state__in=EDITED_SENDS_BACK)
        .update(review_state=S.DRAFT, submitted_by=None)
    )
    if went_back and not isinstance(item, FAQ):
        suspend_schedules(item=item, reason="was edited after approval; review it again and reschedule.")
    return went_back


RESTORABLE_FIELDS = {
    Term: [
        "name",
        "slug",
        "short_definition",
        "body",
        "category_id",
        "cta_id",
        "seo_title",
        "seo_description",
        "noindex",
        "canonical_url",
        "og_image_id",
        "status",
        "successor_id",
        "widget_greeting",
        "autolink_mentions",
    ],
    Comparison: ["term_a_id", "term_b_id", "slug", "title", "summary", "body", "seo_title", "seo_description"]
    + ["noindex", "canonical_url", "og_image_id"],
}


@transaction.atomic
def restore_edit(*, item: Item, history_id: int, by: AbstractBaseUser) -> None:
    """Copy an earlier saved version's content onto the working copy, as a new draft.

    Restoring never publishes: what the public sees stays as it is until someone publishes.
    """
    require_permission(by, item, "change", "edit this item")
    record = item.history.filter(history_id=history_id).first()
    if record is None:
        raise ValidationError("That version does not exist for this item.")
    item = type(item).objects.select_for_update().get(pk=item.pk)
    for field in RESTORABLE_FIELDS[type(item)]:
        setattr(item, field, getattr(record, field))
    item.full_clean()
    # Edits saved before whole-item history began have no parts kept: those stay as they are.
    parts = snapshots.snapshots_of(item, [history_id]).get(history_id)
    if parts is not None:
        snapshots.restore_parts(item=item, snapshot=parts)
    item.review_state = S.DRAFT
    item.submitted_by = None
    item.updated_by = by
    item.lock_version += 1
    item.content_revision += 1
    item._change_reason = f"Restored from edit #{history_id}"
    item.save()
    snapshots.snapshot_edit(item=item)
    audit(item=item, action=AuditEntry.Action.RESTORED, by=by, comment=f"from edit #{history_id}")


@transaction.atomic
def roll_back(*, version: TermVersion | ComparisonVersion, by: AbstractBaseUser):
    """Publish an earlier published version again (the working copy is left alone)."""
    item = version.term if isinstance(version, TermVersion) else version.comparison
    require_permission(by, item, "publish", "roll back")
    if item.review_state == S.ARCHIVED:
        raise ValidationError("An archived item cannot be rolled back; restore it from the archive first.")
    if isinstance(version, TermVersion):
        copy = term_services.republish_term_version(version=version, by=by)
    else:
        copy = term_services.republish_comparison_version(version=version, by=by)
    audit(
        item=item,
        action=AuditEntry.Action.ROLLED_BACK,
        by=by,
        version=f"published v{copy.number}",
        comment=f"content of published v{version.number}",
    )
    from scheduling.services import settle_schedules_after_publication

    settle_schedules_after_publication(item=item, version=copy, by=by)
    return copy
