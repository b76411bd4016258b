"""Writes on glossary content: publish and withdraw terms and comparisons.

Every state change goes through these functions, whoever asks (admin actions, the demo
loader, tasks). Each runs in one transaction, validates the working copy, writes an
immutable published version and queues its side effects for after the commit.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, Q, QuerySet
from django.db.models.deletion import ProtectedError
from django.utils import timezone

from faqs.models import PublishedFAQ
from faqs.services import save_published_faqs, snapshot_faqs
from media_library.references import image_url, library_images
from publishing.audit import audit
from publishing.links import Reference
from publishing.markdown import render
from publishing.models import AuditEntry
from terms.documents import render_comparison_document, render_term_documents
from terms.events import announce, published_content_changed, stale_tags_of
from terms.letters import index_letter_of
from terms.links import linked_item_url, public_link_resolver
from terms.mentions import current_vocabulary, mark_mentions, mentioned_term_ids, save_mentions
from terms.models import (
    Category,
    Comparison,
    ComparisonVersion,
    PublishedVersion,
    ReviewState,
    SlugRedirect,
    Term,
    TermStatus,
    TermVersion,
)
from terms.querysets import NEVER_LIVE
from terms.relations import broader_cycle_error, published_relations
from terms.search import store_search_documents
from terms.selectors import public_term_slugs


def _close_open_windows(versions: QuerySet, *, at: datetime) -> int:
    """End the live window of versions still live at `at`; those not yet started never will be.

    Published versions are never deleted: one may have been served, announced and audited
    already. A scheduled version that is superseded keeps its row as history with an empty
    window (live_until = live_from), which no instant falls into.
    """
    versions.filter(live_from__gt=at).exclude(NEVER_LIVE).update(live_until=F("live_from"))
    return versions.filter(live_from__lte=at).update(live_until=at)


def _predecessor(versions: QuerySet, *, at: datetime) -> tuple[PublishedVersion | None, int]:
    """The version a publication at `at` follows (the last one live by then), and the next number.

    Numbers count every version, never-live ones too, so they stay gapless; the first
    publication date and the slug to redirect come from a version the public could see.
    """
    last_number = versions.aggregate(last=Max("number"))["last"] or 0
    previous = versions.filter(live_from__lte=at).exclude(NEVER_LIVE).order_by("-number").first()
    return previous, last_number + 1


def _keep_old_slug_as_redirect(*, old_slug: str | None, new_slug: str, live_now: bool = True, **target: object) -> None:
    kind = "term" if "term" in target else "comparison"
    if old_slug and old_slug != new_slug:
        SlugRedirect.objects.filter(old_slug=old_slug, **{f"{kind}__isnull": False}).delete()
        SlugRedirect.objects.create(old_slug=old_slug, **target)
    if live_now:
        # A slug that is live again no longer redirects anywhere else. For a scheduled
        # go-live the redirect stays until then: the live slug wins in the API from that second.
        SlugRedirect.objects.filter(old_slug=new_slug, **{f"{kind}__isnull": False}).delete()


def published_seo(item: Term | Comparison, *, title: str, description: str) -> dict:
    """The working copy's SEO fields as published: fallbacks filled, the share image's URL resolved now."""
    image = item.og_image
    return {
        "title": item.seo_title or title,
        "description": item.seo_description or description,
        "canonical_url_override": item.canonical_url,
        "og_image": (
            {"url": image_url(image), "alt": image.alt_text, "width": image.width, "height": image.height}
            if image
            else None
        ),
    }


def render_term_version(
    *, term: Term, previous: TermVersion | None, by: AbstractBaseUser | None, at: datetime
) -> tuple[TermVersion, list[PublishedFAQ]]:
    """The working copy rendered as an unsaved published version with its FAQs (publication, previews)."""
    resolver = public_link_resolver(at=at, publishing=Reference("term", term.pk), slug=term.slug)
    rendered = render(term.body, images=library_images, resolve_link=resolver)
    faqs = snapshot_faqs(faqs=term.faqs.order_by("order", "id"), by=by, resolve_link=resolver)
    aliases = [alias.name for alias in term.aliases.all()]
    related = list(term.related_links.order_by("order", "id").values_list("related_id", "show_on_both"))
    version = TermVersion(
        term=term,
        number=(previous.number + 1) if previous else 1,
        content_revision=term.content_revision,
        slug=term.slug,
        name=term.name,
        short_definition=term.short_definition,
        index_letter=index_letter_of(term.name),
        category=term.category,
        body_markdown=term.body,
        body_html=rendered.html,
        body_text=rendered.text,
        toc=rendered.toc_as_list(),
        reading_time_minutes=rendered.reading_time_minutes,
        aliases=aliases,
        aliases_text=" ".join(aliases),
        related_term_ids=[related_id for related_id, _ in related],
        related_both_ways_ids=[related_id for related_id, both_ways in related if both_ways],
        relations=published_relations(term),
        status=term.status,
        replaced_by_term_id=term.successor_id if term.status != TermStatus.ACTIVE else None,
        faqs=[faq.as_dict() for faq in faqs],
        cta=term.cta.as_dict() if term.cta else None,
        seo=published_seo(term, title=term.name, description=term.short_definition),
        noindex=term.noindex,
        widget_greeting=term.widget_greeting,
        live_from=at,
        first_published_at=previous.first_published_at if previous else at,
        published_by=by,
    )
    version.linked_items = resolver.linked_items()
    vocabulary = current_vocabulary()
    marked = mark_mentions(rendered.html, vocabulary, self_id=term.pk)
    in_answers = mentioned_term_ids([faq.answer_html for faq in faqs], vocabulary, self_id=term.pk)
    version.mentioned_term_ids = list(dict.fromkeys([*marked.mentioned_term_ids, *in_answers]))
    version.autolink_mentions = term.autolink_mentions
    render_term_documents(version, resolve_link=resolver, marked_body_html=marked.html)
    return version, faqs


def refuse_retirement_without_live_successor(*, name: str, status: str, successor_id: int | None, at: datetime) -> None:
    """A retired term's slug redirects to its successor, so the successor must be live when it takes effect.

    Otherwise the old URL would answer 404 from that instant. (If the successor is withdrawn
    later, the retired slug answers 404 until it, or another successor, is live.)
    """
    if status != TermStatus.RETIRED:
        return
    if successor_id is None or not TermVersion.objects.live(at=at).filter(term_id=successor_id).exists():
        successor = Term.objects.filter(pk=successor_id).first() if successor_id else None
        raise ValidationError(
            {
                "successor": f"“{successor or 'The successor'}” will not be live at that time, so “{name}” cannot "
                "be retired to it yet: publish the successor first, or deprecate this term instead (its page stays)."
            }
        )


@transaction.atomic
def publish_term(*, term: Term, by: AbstractBaseUser | None, at: datetime | None = None) -> TermVersion:
    """Publish the term's working copy (with its FAQs) as a new live version."""
    # Locks before clocks: a publication that waited for this lock must start after the one
    # that held it, or it would close (or empty) a version that was already served.
    term = Term.objects.select_for_update().get(pk=term.pk)
    at = at or timezone.now()
    term.full_clean()
    slug_taken = (
        TermVersion.objects.open_or_future(at=at)
        .filter(slug=term.slug)
        .exclude(term=term)
        .exclude(NEVER_LIVE)
        .select_related("term")
    ).first()
    if slug_taken:
        raise ValidationError({"slug": f"The slug “{term.slug}” is still live for “{slug_taken.term}”."})
    refuse_retirement_without_live_successor(name=term.name, status=term.status, successor_id=term.successor_id, at=at)
    # The admin refuses loops when relations are saved; two editors saving at once could still
    # close one, so publication checks again against what is published.
    loop = broader_cycle_error(
        term=term, relations=term.relations.values_list("type", "target_id"), working_copies=False
    )
    if loop:
        raise ValidationError(loop)

    previous, number = _predecessor(term.versions, at=at)
    version, faqs = render_term_version(term=term, previous=previous, by=by, at=at)
    version.number = number
    _close_open_windows(term.versions.open_or_future(at=at), at=at)
    version.save()
    save_mentions(version)
    for faq in faqs:
        faq.term_version = version
    save_published_faqs(copies=faqs)
    store_search_documents(versions=TermVersion.objects.filter(pk=version.pk))
    _keep_old_slug_as_redirect(
        old_slug=previous.slug if previous else None, new_slug=term.slug, live_now=at <= timezone.now(), term=term
    )
    published_content_changed(
        term_ids=[term.pk],
        stale_tags=stale_tags_of(term),
    )
    if at <= timezone.now():
        # A go-live in the future is announced by its schedule when the time comes.
        Term.objects.filter(pk=term.pk).update(review_state=ReviewState.PUBLISHED)
        # A retired term's page leaves the site: subscribers remove it (its slug now redirects).
        event = "term.unpublished" if version.status == TermStatus.RETIRED else "term.published"
        announce(event=event, kind="term", slug=version.slug)
    return version


@transaction.atomic
def unpublish_term(*, term: Term, by: AbstractBaseUser | None, at: datetime | None = None) -> None:
    """Withdraw the term from the public: its live version stops being served at `at`."""
    term = Term.objects.select_for_update().get(pk=term.pk)
    at = at or timezone.now()  # after the lock, as in publish_term
    live = term.versions.live(at=at).first()  # a retired version is no page: nothing to announce
    if not _close_open_windows(term.versions.open_or_future(at=at), at=at):
        raise ValidationError(f"“{term}” is not live.")
    # Withdrawn content stays approved: publishing it again needs no new review.
    Term.objects.filter(pk=term.pk, review_state=ReviewState.PUBLISHED).update(review_state=ReviewState.APPROVED)
    published_content_changed(
        term_ids=[term.pk],
        stale_tags=stale_tags_of(term),
    )
    if live is not None:
        announce(event="term.unpublished", kind="term", slug=live.slug)


def render_comparison_version(
    *, comparison: Comparison, previous: ComparisonVersion | None, by: AbstractBaseUser | None, at: datetime
) -> tuple[ComparisonVersion, list[PublishedFAQ]]:
    """The working copy rendered as an unsaved published version with its FAQs (publication, previews)."""
    resolver = public_link_resolver(at=at, publishing=Reference("comparison", comparison.pk), slug=comparison.slug)
    rendered = render(comparison.body, images=library_images, resolve_link=resolver)
    faqs = snapshot_faqs(faqs=comparison.faqs.order_by("order", "id"), by=by, resolve_link=resolver)
    version = ComparisonVersion(
        comparison=comparison,
        number=(previous.number + 1) if previous else 1,
        content_revision=comparison.content_revision,
        slug=comparison.slug,
        reverse_slug=f"{comparison.term_b.slug}-vs-{comparison.term_a.slug}",
        title=comparison.title,
        term_a=comparison.term_a,
        term_b=comparison.term_b,
        summary=comparison.summary,
        body_markdown=comparison.body,
        body_html=rendered.html,
        body_text=rendered.text,
        toc=rendered.toc_as_list(),
        points=[
            {"aspect": point.aspect, "term_a": point.term_a_text, "term_b": point.term_b_text}
            for point in comparison.points.order_by("order", "id")
        ],
        faqs=[faq.as_dict() for faq in faqs],
        seo=published_seo(comparison, title=comparison.title, description=comparison.summary),
        noindex=comparison.noindex,
        live_from=at,
        first_published_at=previous.first_published_at if previous else at,
        published_by=by,
    )
    version.linked_items = resolver.linked_items()
    render_comparison_document(
        version,
        term_slugs=public_term_slugs(terms=[comparison.term_a, comparison.term_b], at=at),
        resolve_link=resolver,
    )
    return version, faqs


@transaction.atomic
def publish_comparison(
    *, comparison: Comparison, by: AbstractBaseUser | None, at: datetime | None = None
) -> ComparisonVersion:
    """Publish the comparison's working copy as a new version; it shows while both terms are live."""
    comparison = Comparison.objects.select_for_update().select_related("term_a", "term_b").get(pk=comparison.pk)
    at = at or timezone.now()  # after the lock, as in publish_term
    comparison.full_clean()
    slug_taken = (
        ComparisonVersion.objects.open_or_future(at=at)
        .filter(slug=comparison.slug)
        .exclude(comparison=comparison)
        .exclude(NEVER_LIVE)
    ).exists()
    if slug_taken:
        raise ValidationError({"slug": f"The slug “{comparison.slug}” is still live for another comparison."})

    previous, number = _predecessor(comparison.versions, at=at)
    version, faqs = render_comparison_version(comparison=comparison, previous=previous, by=by, at=at)
    version.number = number
    _close_open_windows(comparison.versions.open_or_future(at=at), at=at)
    version.save()
    for faq in faqs:
        faq.comparison_version = version
    save_published_faqs(copies=faqs)
    store_search_documents(versions=ComparisonVersion.objects.filter(pk=version.pk))
    _keep_old_slug_as_redirect(
        old_slug=previous.slug if previous else None,
        new_slug=comparison.slug,
        live_now=at <= timezone.now(),
        comparison=comparison,
    )
    published_content_changed(
        comparison_ids=[comparison.pk],
        stale_tags=stale_tags_of(comparison, versions=[previous, version]),
    )
    if at <= timezone.now():
        Comparison.objects.filter(pk=comparison.pk).update(review_state=ReviewState.PUBLISHED)
        announce(event="comparison.published", kind="comparison", slug=version.slug)
    return version


@transaction.atomic
def unpublish_comparison(*, comparison: Comparison, by: AbstractBaseUser | None, at: datetime | None = None) -> None:
    """Withdraw the comparison from the public at `at`."""
    comparison = Comparison.objects.select_for_update().get(pk=comparison.pk)
    at = at or timezone.now()  # after the lock, as in publish_term
    live = comparison.versions.live(at=at).first()
    if not _close_open_windows(comparison.versions.open_or_future(at=at), at=at):
        raise ValidationError(f"“{comparison}” is not live.")
    Comparison.objects.filter(pk=comparison.pk, review_state=ReviewState.PUBLISHED).update(
        review_state=ReviewState.APPROVED
    )
    published_content_changed(
        comparison_ids=[comparison.pk],
        stale_tags=stale_tags_of(comparison, versions=[live]),
    )
    if live is not None:
        announce(event="comparison.unpublished", kind="comparison", slug=live.slug)


def _distinct(items: list[dict]) -> list[dict]:
    seen, kept = set(), []
    for item in items:
        key = (item["kind"], item["id"], item["slug"])
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def _republish(version: TermVersion | ComparisonVersion, *, owner: str, by, at: datetime | None):
    item = (
        version.__class__._meta.get_field(owner)
        .related_model.objects.select_for_update()
        .get(pk=getattr(version, f"{owner}_id"))
    )
    at = at or timezone.now()  # after the lock, as in publish_term
    versions_of = type(version).objects
    if (
        versions_of.open_or_future(at=at)
        .filter(slug=version.slug)
        .exclude(**{owner: item})
        .exclude(NEVER_LIVE)
        .exists()
    ):
        raise ValidationError({"slug": f"The slug “{version.slug}” is now live for another {owner}."})
    if isinstance(version, TermVersion):
        refuse_retirement_without_live_successor(
            name=version.name, status=version.status, successor_id=version.replaced_by_term_id, at=at
        )
    previous, number = _predecessor(item.versions, at=at)
    old_faqs = list(version.published_faqs.order_by("order", "id"))
    _close_open_windows(item.versions.open_or_future(at=at), at=at)
    copy = versions_of.get(pk=version.pk)
    copy.pk = None
    copy.number = number
    copy.live_from, copy.live_until = at, None
    copy.published_by = by
    # The explanation's references are resolved again: its targets may have been renamed or
    # withdrawn since. FAQ answers keep the links they were published with (their copies hold
    # the public Markdown, not the references).
    resolver = public_link_resolver(at=at, publishing=Reference(owner, item.pk), slug=copy.slug)
    rendered = render(copy.body_markdown, images=library_images, resolve_link=resolver)
    copy.body_html, copy.body_text, copy.toc = rendered.html, rendered.text, rendered.toc_as_list()
    faq_html = " ".join(faq.answer_html for faq in old_faqs)
    kept_by_faqs = [item for item in copy.linked_items if linked_item_url(item) in faq_html]
    copy.linked_items = _distinct([*resolver.linked_items(), *kept_by_faqs])
    if isinstance(copy, TermVersion):
        render_term_documents(copy, resolve_link=resolver)
    else:
        term_slugs = public_term_slugs(terms=[copy.term_a, copy.term_b], at=at)
        render_comparison_document(copy, term_slugs=term_slugs, resolve_link=resolver)
    copy.save()
    if isinstance(copy, TermVersion):
        save_mentions(copy)
    # Computed again rather than copied: the old rows may predate a document or its weights.
    store_search_documents(versions=versions_of.filter(pk=copy.pk))
    for faq in old_faqs:
        faq.pk, faq.published_by = None, by
        setattr(faq, f"{owner}_version", copy)
    save_published_faqs(copies=old_faqs)
    _keep_old_slug_as_redirect(old_slug=previous.slug if previous else None, new_slug=copy.slug, **{owner: item})
    published_content_changed(
        **{f"{owner}_ids": [item.pk]},
        stale_tags=stale_tags_of(item, versions=[previous, copy] if owner == "comparison" else ()),
    )
    announce(event=f"{owner}.published", kind=owner, slug=copy.slug)
    return copy


@transaction.atomic
def republish_term_version(
    *, version: TermVersion, by: AbstractBaseUser | None, at: datetime | None = None
) -> TermVersion:
    """Roll back: publish an earlier version's content again as a new version; the working copy stays."""
    return _republish(version, owner="term", by=by, at=at)


@transaction.atomic
def republish_comparison_version(
    *, version: ComparisonVersion, by: AbstractBaseUser | None, at: datetime | None = None
) -> ComparisonVersion:
    """Roll back a comparison to an earlier published version's content."""
    return _republish(version, owner="comparison", by=by, at=at)


def category_changed(*, category_id: int | None = None) -> None:
    """A category was saved or deleted: every cached response that names it is stale.

    The change feed looks at that category, or at every one when the caller does not say
    which (categories are few).
    """
    if category_id is None:
        category_ids = list(Category.objects.values_list("pk", flat=True))
    else:
        category_ids = [category_id]
    published_content_changed(category_ids=category_ids)


# --- Deletion -------------------------------------------------------------------------------
# Live content changes only through publication, and the publication history is kept: an
# item is deleted only when nothing of it is live or scheduled, and its published versions
# (with their FAQs) stay behind with an empty link. The models' on_delete refuses the same
# on every other path; these functions add the reason an editor can act on.


def _when(at: datetime) -> str:
    return timezone.localtime(at).strftime("%Y-%m-%d %H:%M %Z")


def _open_version_refusal(
    version: TermVersion | ComparisonVersion, *, label: str, at: datetime, fix: str = "withdraw it first"
) -> str:
    if version.live_from <= at:
        return f"{label} is live: {fix}."
    return f"{label} is scheduled to go live at {_when(version.live_from)}: cancel the schedule first."


def deletion_refusals(*, item: Category | Term | Comparison, at: datetime) -> list[str]:
    """Why deleting `item` at `at` would change live content; empty when it may be deleted."""
    if isinstance(item, Category):
        versions = TermVersion.objects.open_or_future(at=at).filter(category=item).order_by("name", "live_from")
        fix = "publish it in another category, or withdraw it, first"
        return [
            _open_version_refusal(version, label=f"The term “{version.name}” in “{item}”", at=at, fix=fix)
            for version in versions
        ]
    refusals = [
        _open_version_refusal(version, label=f"“{item}”", at=at)
        for version in item.versions.open_or_future(at=at).order_by("live_from")
    ]
    if isinstance(item, Term):
        naming = Q(term_a=item) | Q(term_b=item)
        for version in ComparisonVersion.objects.open_or_future(at=at).filter(naming).order_by("live_from"):
            label = f"The comparison “{version.title}” with it"
            refusals.append(_open_version_refusal(version, label=label, at=at, fix="withdraw that comparison first"))
        for comparison in Comparison.objects.filter(naming).order_by("title"):
            refusals.append(f"The comparison “{comparison}” compares it: delete that comparison first.")
        for replaced in Term.objects.filter(successor=item).order_by("name"):
            refusals.append(f"“{replaced}” names it as its successor: choose another successor there first.")
    return refusals


def _delete(item: Category | Term | Comparison, *, by: AbstractBaseUser | None) -> None:
    # Locks before clocks: publishing takes the same row lock, so nothing goes live
    # between the check and the delete.
    item = type(item).objects.select_for_update().get(pk=item.pk)
    refusals = deletion_refusals(item=item, at=timezone.now())
    if refusals:
        raise ValidationError(refusals)
    # Named before the delete takes the item's id away. A category shows in every answer
    # that shows its terms: all of them are stale.
    stale = {} if isinstance(item, Category) else {"stale_tags": stale_tags_of(item)}
    if not isinstance(item, Category):
        # The log outlives the item (it points at it generically), so it tells the whole story.
        audit(item=item, action=AuditEntry.Action.DELETED, by=by)
    item_id = item.pk
    try:
        item.delete()
    except ProtectedError as error:  # a path the refusals above do not know yet
        raise ValidationError(
            f"“{item}” is still used by: {', '.join(str(obj) for obj in error.protected_objects)}."
        ) from None
    # Nothing of it is live any more; the feed says `withdrawn` if it had not said so already.
    kind = {Category: "category", Term: "term", Comparison: "comparison"}[type(item)]
    published_content_changed(**{f"{kind}_ids": [item_id]}, **stale)


@transaction.atomic
def delete_category(*, category: Category, by: AbstractBaseUser | None) -> None:
    """Delete a category no live or scheduled version uses; versions that are over lose the link."""
    _delete(category, by=by)


@transaction.atomic
def delete_term(*, term: Term, by: AbstractBaseUser | None) -> None:
    """Delete a withdrawn or never-published term; its published versions and FAQs stay as history."""
    _delete(term, by=by)


@transaction.atomic
def delete_comparison(*, comparison: Comparison, by: AbstractBaseUser | None) -> None:
    """Delete a withdrawn or never-published comparison; its published versions stay as history."""
    _delete(comparison, by=by)


@dataclass(frozen=True)
class Workflow:
    publish: Callable
    unpublish: Callable
    argument: str


# How to publish and withdraw each kind of working copy: the workflow and the scheduler
# both act through this one table.
WORKFLOWS: dict[type, Workflow] = {
    Term: Workflow(publish_term, unpublish_term, "term"),
    Comparison: Workflow(publish_comparison, unpublish_comparison, "comparison"),
}
