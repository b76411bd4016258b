"""Email notifications of the review loop, sent by the worker from the audit log.

Every transition (from the admin, a script, or the worker's scheduled go-lives) writes its
audit entry in the same transaction as the change, so the audit log is the outbox: the
worker's poll (`send_pending_notifications`, in GLOSSARY_WORKER_POLLS) emails whoever an
entry concerns and records a receipt. Nothing is sent for a change that rolled back, and
nothing is lost when a web process dies after committing.

Who hears of what:
- submitted for review: the item's reviewers;
- changes requested: the writer who submitted it;
- approved: the writer, and the item's publishers;
- published (now or by schedule): the writer.
The actor is never told of their own action; anyone can turn emails off in "My settings".
"""

import logging
import smtplib
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Permission
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from editorial.models import EditorProfile, NotificationReceipt
from faqs.models import FAQ, SiteWideFAQ
from publishing.models import AuditEntry
from publishing.permissions import permission_name

logger = logging.getLogger(__name__)

Action = AuditEntry.Action
NOTIFIED_ACTIONS = (Action.SUBMITTED, Action.CHANGES_REQUESTED, Action.APPROVED, Action.PUBLISHED)
SUBJECTS = {
    Action.SUBMITTED: "{item} waits for your review",
    Action.CHANGES_REQUESTED: "Changes requested on {item}",
    Action.APPROVED: "{item} was approved",
    Action.PUBLISHED: "{item} is live",
}
# Entries older than this are stale news (say, a worker that was down for days): never emailed.
FRESH_FOR = timedelta(days=2)


def holders_of(permission: str) -> Iterable[AbstractBaseUser]:
    """Active users given `permission` ("app.codename") by a group or directly (superusers only if so)."""
    app_label, codename = permission.split(".", 1)
    granted = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__permissions__in=granted) | Q(user_permissions__in=granted))
        .distinct()
    )


def writer_of(item) -> AbstractBaseUser | None:
    return getattr(item, "submitted_by", None) or getattr(item, "created_by", None)


def recipients_for(entry: AuditEntry, item) -> list[AbstractBaseUser]:
    """Who this entry concerns, without its actor, and only those who want emails and have an address."""
    people: list[AbstractBaseUser] = []
    writer = writer_of(item)
    if entry.action == Action.SUBMITTED:
        people += holders_of(permission_name(item, "review"))
    elif entry.action == Action.CHANGES_REQUESTED:
        people.append(writer)
    elif entry.action == Action.APPROVED:
        people += [writer, *holders_of(permission_name(item, "publish"))]
    elif entry.action == Action.PUBLISHED:
        people.append(writer)
    unique = {person.pk: person for person in people if person is not None and person.is_active}
    unique.pop(entry.actor_id, None)
    muted = set(
        EditorProfile.objects.filter(user_id__in=unique, email_notifications=False).values_list("user_id", flat=True)
    )
    return [person for pk, person in unique.items() if pk not in muted and person.email]


def message_for(entry: AuditEntry, item, recipient: AbstractBaseUser) -> EmailMessage:
    meta = item._meta
    workflow = reverse(f"admin:{meta.app_label}_{meta.model_name}_workflow", args=[item.pk])
    change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[item.pk])
    by = entry.actor.get_username() if entry.actor else "the scheduler"
    lines = [
        f"{entry.get_action_display()}: {item} ({meta.verbose_name}), by {by}.",
        *([f"\n“{entry.comment}”\n"] if entry.comment and entry.action != Action.PUBLISHED else []),
        f"Review and publish: {settings.GLOSSARY_ADMIN_BASE_URL}{workflow}",
        f"Edit: {settings.GLOSSARY_ADMIN_BASE_URL}{change}",
        "",
        "You get these emails as an editor of Glossary CMS; turn them off under “My settings” in the admin.",
    ]
    return EmailMessage(
        subject=f"[Glossary CMS] {SUBJECTS[entry.action].format(item=item)}",
        body="\n".join(lines),
        to=[recipient.email],
    )


def _item_of(entry: AuditEntry):
    model = entry.content_type.model_class()
    if model is None or not hasattr(model, "_meta"):
        return None
    if model is FAQ:
        # Audited under the concrete FAQ; reviewed (permissions, admin pages) as a site-wide FAQ.
        return SiteWideFAQ.objects.site_wide().filter(pk=entry.object_id).first()
    return model._default_manager.filter(pk=entry.object_id).first()


def send_pending_notifications(*, wait: bool = False, batch: int = 50) -> int:
    """Email what the audit log's newest entries concern; returns how many emails went out.

    A mail server that fails leaves the entry (and those after it) for the next poll.
    """
    fresh_since = timezone.now() - FRESH_FOR
    sent = 0
    with transaction.atomic():
        # Several workers may poll at once: each takes entries no other one holds.
        pending = (
            AuditEntry.objects.filter(at__gte=fresh_since, action__in=NOTIFIED_ACTIONS)
            .filter(~Exists(NotificationReceipt.objects.filter(entry=OuterRef("pk"))))
            .select_related("content_type", "actor")
            .order_by("id")
            .select_for_update(skip_locked=True, of=("self",))[:batch]
        )
        connection = None
        for entry in pending:
            item = _item_of(entry)
            # Terms, comparisons and site-wide FAQs go through review; other items have no one to tell.
            reviewed = item is not None and hasattr(item, "review_state")
            messages = [message_for(entry, item, person) for person in recipients_for(entry, item)] if reviewed else []
            if messages:
                connection = connection or get_connection()
                try:
                    connection.send_messages(messages)
                except (OSError, smtplib.SMTPException):
                    logger.warning("Could not send notification emails; trying again at the next poll", exc_info=True)
                    break
            NotificationReceipt.objects.create(entry=entry, recipients=len(messages))
            sent += len(messages)
    return sent
