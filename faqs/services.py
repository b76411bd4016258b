"""Writes for FAQs: snapshot and save published copies (searchable); publish, withdraw and delete site-wide FAQs."""

from collections.abc import Callable, Iterable
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from faqs.changes import record_faq_changes
from faqs.models import FAQ, PublishedFAQ
from faqs.search import store_faq_search_documents
from media_library.references import library_images
from publishing.cache_tags import tags_of_site_faq_change
from publishing.clock import advance_content_clock
from publishing.links import LinkResolver, public_markdown
from publishing.markdown import render
from publishing.states import ReviewState


def snapshot_faqs(
    *, faqs: Iterable[FAQ], by: AbstractBaseUser | None, resolve_link: LinkResolver | None = None
) -> list[PublishedFAQ]:
    """Render FAQs into unsaved published copies, in the editor's order (references through `resolve_link`)."""
    copies = []
    for faq in faqs:
        rendered = render(faq.answer, images=library_images, resolve_link=resolve_link)
        copies.append(
            PublishedFAQ(
                faq=faq,
                question=faq.question,
                # What the public reads: references as links to what resolves, else plain text.
                answer_markdown=public_markdown(faq.answer, resolve_link),
                answer_html=rendered.html,
                answer_text=rendered.text,
                order=faq.order,
                suggested_in_widget=faq.suggested_in_widget,
                published_by=by,
            )
        )
    return copies


@transaction.atomic
def save_published_faqs(*, copies: list[PublishedFAQ]) -> list[PublishedFAQ]:
    """Save published FAQ copies with their search documents.

    Every path that publishes an FAQ (site-wide, with its term or comparison, a rollback,
    a release or schedule through those) saves its copies here, so none is searchable
    without both documents.
    """
    saved = PublishedFAQ.objects.bulk_create(copies)
    store_faq_search_documents(faqs=PublishedFAQ.objects.filter(pk__in=[copy.pk for copy in saved]))
    return saved


@transaction.atomic
def publish_site_faq(
    *,
    faq: FAQ,
    by: AbstractBaseUser | None,
    at: datetime | None = None,
    resolve_link: Callable[[datetime], LinkResolver] | None = None,
) -> PublishedFAQ:
    """Publish a site-wide FAQ now (or at `at`), replacing its live copy.

    `resolve_link(at)` makes the resolver its references to terms and comparisons go through
    (terms.links.public_link_resolver; FAQs sit below terms); without it they are plain text.
    """
    faq = FAQ.objects.select_for_update().get(pk=faq.pk)
    at = at or timezone.now()  # locks before clocks, as in terms.services.publish_term
    if not faq.is_site_wide:
        raise ValidationError("This FAQ belongs to a term or comparison; it is published with it.")
    faq.full_clean()
    _close_open_copies(faq=faq, at=at)
    resolver = resolve_link(at) if resolve_link is not None else None
    (copy,) = snapshot_faqs(faqs=[faq], by=by, resolve_link=resolver)
    copy.live_from = at
    (copy,) = save_published_faqs(copies=[copy])
    if at <= timezone.now():
        FAQ.objects.filter(pk=faq.pk).update(review_state=ReviewState.PUBLISHED)
    record_faq_changes(faq_ids=[faq.pk])
    advance_content_clock(stale_tags=tags_of_site_faq_change())
    return copy


@transaction.atomic
def unpublish_site_faq(*, faq: FAQ, by: AbstractBaseUser | None, at: datetime | None = None) -> int:
    """Withdraw a site-wide FAQ; returns how many live copies were closed."""
    faq = FAQ.objects.select_for_update().get(pk=faq.pk)
    at = at or timezone.now()
    closed = _close_open_copies(faq=faq, at=at)
    if not closed:
        raise ValidationError("This FAQ is not live.")
    # Withdrawn content stays approved: publishing it again needs no new review (as for terms).
    FAQ.objects.filter(pk=faq.pk, review_state=ReviewState.PUBLISHED).update(review_state=ReviewState.APPROVED)
    record_faq_changes(faq_ids=[faq.pk])
    advance_content_clock(stale_tags=tags_of_site_faq_change())
    return closed


def _close_open_copies(*, faq: FAQ, at: datetime) -> int:
    open_copies = PublishedFAQ.objects.site_wide().filter(faq=faq).exclude(live_until__lte=at)
    # Published copies are never deleted; one not started yet keeps an empty window instead.
    open_copies.filter(live_from__gt=at).update(live_until=F("live_from"))
    return open_copies.filter(live_from__lte=at).update(live_until=at)


def site_faq_deletion_refusals(*, faq: FAQ, at: datetime) -> list[str]:
    """Why deleting a site-wide FAQ at `at` would strand a live copy; empty when it may be deleted.

    A published copy outlives its working copy (as history), and without the working copy
    nobody could unpublish it: so a live or scheduled one must be withdrawn first.
    """
    refusals = []
    for copy in PublishedFAQ.objects.site_wide().filter(faq=faq).exclude(live_until__lte=at).order_by("live_from"):
        if copy.live_from <= at:
            refusals.append(f"“{faq}” is live: unpublish it first.")
        else:
            when = timezone.localtime(copy.live_from).strftime("%Y-%m-%d %H:%M %Z")
            refusals.append(f"“{faq}” is scheduled to go live at {when}: unpublish it first.")
    return refusals


@transaction.atomic
def delete_site_faq(*, faq: FAQ, by: AbstractBaseUser | None) -> None:
    """Delete a site-wide FAQ that is not live or scheduled; its published copies stay as history."""
    faq = FAQ.objects.select_for_update().get(pk=faq.pk)  # publishing takes the same lock
    refusals = site_faq_deletion_refusals(faq=faq, at=timezone.now())
    if refusals:
        raise ValidationError(refusals)
    faq_id = faq.pk
    faq.delete()
    record_faq_changes(faq_ids=[faq_id])
    advance_content_clock(stale_tags=tags_of_site_faq_change())
