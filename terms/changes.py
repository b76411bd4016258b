"""The public lives of terms, comparisons and categories, for the change feed (publishing/changes.py).

Each is worked out from the published versions' live windows, the same ones `live(at=...)`
reads, so the feed says an item is live exactly while the API serves it: a term while a
version is live; a comparison while its version and both its terms are; a category while
it has a live term. A change to a term reaches its comparisons and categories too.
"""

import hashlib
from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.db.models import Q

from publishing.changes import (
    ItemTimeline,
    Kind,
    Span,
    last_said,
    record_changes_of,
    windows_intersection,
    windows_union,
)
from publishing.clock import advance_content_clock
from terms.models import Category, ComparisonVersion, TermVersion
from terms.querysets import NEVER_LIVE, term_page_condition


def _windows_of_terms(term_ids: Iterable[int]) -> dict[int, list]:
    windows: dict[int, list] = {}
    rows = TermVersion.objects.filter(term_page_condition(), term_id__in=set(term_ids)).exclude(NEVER_LIVE)
    for term_id, start, end in rows.values_list("term_id", "live_from", "live_until"):
        windows.setdefault(term_id, []).append((start, end))
    return {term_id: windows_union(found) for term_id, found in windows.items()}


def term_timelines(term_ids: Iterable[int]) -> list[ItemTimeline]:
    spans: dict[int, list[Span]] = {term_id: [] for term_id in term_ids}
    # A retired version is no page (its slug redirects to the successor): the term leaves the feed then.
    pages = TermVersion.objects.filter(term_page_condition(), term_id__in=list(spans))
    rows = pages.exclude(NEVER_LIVE).order_by("live_from")
    for term_id, start, end, slug, number in rows.values_list("term_id", "live_from", "live_until", "slug", "number"):
        spans[term_id].append(Span(start, end, slug, str(number)))
    return [ItemTimeline(Kind.TERM, term_id, found) for term_id, found in spans.items()]


def comparison_timelines(comparison_ids: Iterable[int]) -> list[ItemTimeline]:
    """A comparison is public while its version is live and both its terms are (ComparisonVersion.live)."""
    spans: dict[int, list[Span]] = {comparison_id: [] for comparison_id in comparison_ids}
    versions = list(
        ComparisonVersion.objects.filter(comparison_id__in=list(spans))
        .exclude(NEVER_LIVE)
        .values_list("comparison_id", "live_from", "live_until", "slug", "number", "term_a_id", "term_b_id")
    )
    terms = _windows_of_terms(term_id for *_, term_a, term_b in versions for term_id in (term_a, term_b))
    for comparison_id, start, end, slug, number, term_a, term_b in versions:
        both_live = windows_intersection(terms.get(term_a, []), terms.get(term_b, []))
        for live_start, live_end in windows_intersection([(start, end)], both_live):
            spans[comparison_id].append(Span(live_start, live_end, slug, str(number)))
    return [
        ItemTimeline(Kind.COMPARISON, comparison_id, sorted(found, key=lambda s: s.start))
        for comparison_id, found in spans.items()
    ]


def category_timelines(category_ids: Iterable[int], *, now: datetime) -> list[ItemTimeline]:
    """A category is public while it has a live term; an edit of its name or description updates it.

    Only windows still open when the feed last spoke of the category matter (an earlier one
    neither holds now nor dates a change the feed has not told): a category of thousands of
    terms reads its few open windows, through the (category, live_until) index, not its history.
    """
    ids = [category_id for category_id in set(category_ids) if category_id is not None]
    categories = {category.pk: category for category in Category.objects.filter(pk__in=ids)}
    windows: dict[int, list] = {category_id: [] for category_id in ids}
    said = last_said(kind=Kind.CATEGORY, item_ids=categories, now=now)
    for category_id in categories:
        since = said.get(category_id)
        rows = TermVersion.objects.filter(term_page_condition(), category_id=category_id).exclude(NEVER_LIVE)
        if since is not None:
            rows = rows.filter(Q(live_until__isnull=True) | Q(live_until__gt=since))
        windows[category_id] = list(rows.values_list("live_from", "live_until"))
    timelines = []
    for category_id in ids:
        category = categories.get(category_id)  # a deleted category has no public life left
        spans = []
        if category is not None:
            revision = hashlib.blake2b(f"{category.name}\n{category.description}".encode(), digest_size=8).hexdigest()
            spans = [Span(start, end, category.slug, revision) for start, end in windows_union(windows[category_id])]
        # No redirects for categories: a renamed category's old slug is simply gone.
        timelines.append(ItemTimeline(Kind.CATEGORY, category_id, spans, redirects=False))
    return timelines


def record_content_changes(
    *, term_ids: Iterable[int] = (), comparison_ids: Iterable[int] = (), category_ids: Iterable[int] = ()
) -> None:
    """Record in the change feed what changed for these items and for those that depend on them.

    Call inside the transaction that changed their live windows, after its writes.
    """
    term_ids, comparison_ids, category_ids = set(term_ids), set(comparison_ids), set(category_ids)

    def timelines(now: datetime) -> list[ItemTimeline]:
        naming = Q(term_a_id__in=term_ids) | Q(term_b_id__in=term_ids)
        comparisons = comparison_ids | set(
            ComparisonVersion.objects.filter(naming, comparison_id__isnull=False).values_list(
                "comparison_id", flat=True
            )
        )
        categories = category_ids | set(
            TermVersion.objects.filter(term_id__in=term_ids, category_id__isnull=False).values_list(
                "category_id", flat=True
            )
        )
        return [*term_timelines(term_ids), *comparison_timelines(comparisons), *category_timelines(categories, now=now)]

    if term_ids or comparison_ids or category_ids:
        record_changes_of(timelines)


def record_all_content_changes() -> None:
    """Bring the change feed up to date with every item's live windows (a database that predates the feed).

    Safe to run again: an item whose feed already says what its windows say gets no new row.
    """
    from faqs.changes import faq_timelines
    from faqs.models import PublishedFAQ

    term_ids = set(TermVersion.objects.filter(term_id__isnull=False).values_list("term_id", flat=True))
    comparison_ids = set(
        ComparisonVersion.objects.filter(comparison_id__isnull=False).values_list("comparison_id", flat=True)
    )
    category_ids = set(Category.objects.values_list("pk", flat=True))
    faq_ids = set(PublishedFAQ.objects.site_wide().filter(faq_id__isnull=False).values_list("faq_id", flat=True))
    with transaction.atomic():
        record_changes_of(
            lambda now: [
                *term_timelines(term_ids),
                *comparison_timelines(comparison_ids),
                *category_timelines(category_ids, now=now),
                *faq_timelines(faq_ids),
            ]
        )
        advance_content_clock()
