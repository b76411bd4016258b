"""Writes for FAQs: snapshot them for publication, publish and withdraw site-wide FAQs."""

from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from faqs.models import FAQ, PublishedFAQ
from terms.events import published_content_changed
from terms.markdown import render


def snapshot_faqs(*, faqs: Iterable[FAQ], by: AbstractBaseUser | None) -> list[PublishedFAQ]:
    """Render FAQs into unsaved published copies, in the editor's order."""
    copies = []
    for faq in faqs:
        rendered = render(faq.answer)
        copies.append(
            PublishedFAQ(
                faq=faq,
                question=faq.question,
                answer_markdown=faq.answer,
                answer_html=rendered.html,
                answer_text=rendered.text,
                order=faq.order,
                suggested_in_widget=faq.suggested_in_widget,
                published_by=by,
            )
        )
    return copies


@transaction.atomic
def publish_site_faq(*, faq: FAQ, by: AbstractBaseUser | None, at: datetime | None = None) -> PublishedFAQ:
    """Publish a site-wide FAQ now (or at `at`), replacing its live copy."""
    faq = FAQ.objects.select_for_update().get(pk=faq.pk)
    at = at or timezone.now()  # locks before clocks, as in terms.services.publish_term
    if not faq.is_site_wide:
        raise ValidationError("This FAQ belongs to a term or comparison; it is published with it.")
    faq.full_clean()
    _close_open_copies(faq=faq, at=at)
    (copy,) = snapshot_faqs(faqs=[faq], by=by)
    copy.live_from = at
    copy.save()
    if connection.vendor == "postgresql":
        from terms.search import faq_search_vector

        PublishedFAQ.objects.filter(pk=copy.pk).update(search_document=faq_search_vector())
    published_content_changed()
    return copy


@transaction.atomic
def unpublish_site_faq(*, faq: FAQ, by: AbstractBaseUser | None, at: datetime | None = None) -> int:
    """Withdraw a site-wide FAQ; returns how many live copies were closed."""
    faq = FAQ.objects.select_for_update().get(pk=faq.pk)
    at = at or timezone.now()
    closed = _close_open_copies(faq=faq, at=at)
    if not closed:
        raise ValidationError("This FAQ is not live.")
    published_content_changed()
    return closed


def _close_open_copies(*, faq: FAQ, at: datetime) -> int:
    open_copies = PublishedFAQ.objects.site_wide().filter(faq=faq).exclude(live_until__lte=at)
    # Published copies are never deleted; one not started yet keeps an empty window instead.
    open_copies.filter(live_from__gt=at).update(live_until=F("live_from"))
    return open_copies.filter(live_from__lte=at).update(live_until=at)
