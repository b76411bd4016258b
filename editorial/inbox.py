"""The admin home's "Waiting for me": what each editor's role asks of them now.

- Reviewers: items in review (not their own submissions, unless self-approval is allowed);
- Writers: their items sent back with changes requested;
- Publishers: approved items not yet published.
A user with several roles (or a superuser) sees each section their permissions give.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet
from django.urls import reverse

from faqs.models import SiteWideFAQ
from terms.models import Comparison, ReviewState, Term

# Everything that goes through review, as its admin (and its permissions) names it.
REVIEWED_MODELS = (Term, Comparison, SiteWideFAQ)

SHOWN_PER_SECTION = 20


@dataclass(frozen=True)
class InboxItem:
    name: str
    kind: str
    url: str
    since: datetime
    by: str


@dataclass(frozen=True)
class InboxSection:
    title: str
    items: list[InboxItem]
    total: int


def _has(user: AbstractBaseUser, model, action: str) -> bool:
    return user.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}")


def _working_copies(model) -> QuerySet:
    # The SiteWideFAQ proxy shares its table with the FAQs of terms and comparisons.
    return model.objects.site_wide() if model is SiteWideFAQ else model.objects.all()


def _in_review(user: AbstractBaseUser, model) -> QuerySet:
    waiting = _working_copies(model).filter(review_state=ReviewState.IN_REVIEW)
    return waiting if settings.GLOSSARY_ALLOW_SELF_APPROVAL else waiting.exclude(submitted_by=user)


def _sent_back_to(user: AbstractBaseUser, model) -> QuerySet:
    mine = Q(submitted_by=user) | Q(submitted_by__isnull=True, created_by=user)
    return _working_copies(model).filter(mine, review_state=ReviewState.CHANGES_REQUESTED)


def _approved(user: AbstractBaseUser, model) -> QuerySet:
    return _working_copies(model).filter(review_state=ReviewState.APPROVED)


SECTIONS = (
    ("To review", "review", _in_review),
    ("Sent back to you", "submit", _sent_back_to),
    ("Approved, ready to publish", "publish", _approved),
)


def waiting_for(user: AbstractBaseUser) -> list[InboxSection]:
    """The sections of this user's inbox, oldest waiting first, each with its full count."""
    sections = []
    for title, permission, select in SECTIONS:
        items, total, applies = [], 0, False
        for model in REVIEWED_MODELS:
            if not _has(user, model, permission):
                continue
            applies = True
            waiting = select(user, model).select_related("submitted_by", "updated_by").order_by("updated_at")
            total += waiting.count()
            items += [_entry(item) for item in waiting[:SHOWN_PER_SECTION]]
        if applies:
            items.sort(key=lambda entry: entry.since)
            sections.append(InboxSection(title=title, items=items[:SHOWN_PER_SECTION], total=total))
    return sections


def _entry(item: Term | Comparison | SiteWideFAQ) -> InboxItem:
    meta = item._meta
    person = item.submitted_by or item.updated_by
    return InboxItem(
        name=str(item),
        kind=str(meta.verbose_name),
        url=reverse(f"admin:{meta.app_label}_{meta.model_name}_workflow", args=[item.pk]),
        since=item.updated_at,
        by=person.get_username() if person else "",
    )
