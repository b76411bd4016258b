"""The public lives of site-wide FAQs, for the change feed (publishing/changes.py).

A site-wide FAQ is public while one of its published copies is inside its live window;
its feed slug is its id (it has no page of its own). FAQs on a term or a comparison are
part of that page: a change to them shows as the page's `updated`.
"""

from collections.abc import Iterable

from faqs.models import PublishedFAQ
from publishing.changes import ItemTimeline, Kind, Span, record_changes_of


def faq_timelines(faq_ids: Iterable[int]) -> list[ItemTimeline]:
    spans: dict[int, list[Span]] = {faq_id: [] for faq_id in faq_ids}
    copies = PublishedFAQ.objects.site_wide().filter(faq_id__in=list(spans)).exclude(live_from__isnull=True)
    for faq_id, copy_id, start, end in copies.order_by("live_from").values_list(
        "faq_id", "id", "live_from", "live_until"
    ):
        if end is None or start < end:
            spans[faq_id].append(Span(start, end, str(faq_id), str(copy_id)))
    return [ItemTimeline(Kind.FAQ, faq_id, found) for faq_id, found in spans.items()]


def record_faq_changes(*, faq_ids: Iterable[int]) -> None:
    """Record in the change feed what changed for these site-wide FAQs (inside the changing transaction)."""
    faq_ids = list(faq_ids)
    record_changes_of(lambda now: faq_timelines(faq_ids))
