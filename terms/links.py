"""Internal links between terms and comparisons: where a reference leads, and what an editor can link to.

References (`[text](term:42)`, see publishing/links.py) are resolved once, when the page that
holds them is published: `public_link_resolver` answers the target's public URL, from the
slug of its version live at the instant of publication, and None for a target that is not
live then (a draft, a withdrawn or an archived item), which the page then shows as plain
text. So a published page never links to a draft, and a renamed target is linked under its
new slug from the next publication on; until then its old slug redirects (SlugRedirect).
Items of one release go live at one instant: inside `going_live_together` they link each
other whichever is published first.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q

from publishing.links import LinkResolver, Reference, ReferenceInText, ResolvedLink, references_in_texts
from terms.models import Comparison, ComparisonVersion, ReviewState, Term, TermVersion
from terms.structured_data import comparison_url, term_url

# Items going live at one instant (a release), by reference, with the slug each goes live under.
_going_live_together: ContextVar[dict[Reference, str] | None] = ContextVar("going_live_together", default=None)


@contextmanager
def going_live_together(items: Iterable[Term | Comparison]) -> Iterator[None]:
    """Publications inside resolve references between these items as live: they go live at one instant."""
    together = {Reference("term" if isinstance(i, Term) else "comparison", i.pk): i.slug for i in items}
    token = _going_live_together.set(together)
    try:
        yield
    finally:
        _going_live_together.reset(token)


class PublicLinkResolver:
    """Resolves references to the public URL of targets live at `at` (None for any other), and remembers what it linked.

    `publishing` (with its new `slug`) is the item being published: a link to itself follows
    its new slug, which no version has yet. Each target is read once.
    """

    def __init__(self, *, at: datetime, publishing: Reference | None = None, slug: str = "") -> None:
        self.at, self.publishing, self.slug = at, publishing, slug
        self._together = _going_live_together.get() or {}
        self._slugs: dict[Reference, str | None] = {}

    def __call__(self, reference: Reference) -> ResolvedLink | None:
        if reference == self.publishing:
            return ResolvedLink(url=_public_url(reference.kind, self.slug))
        if reference not in self._slugs:
            self._slugs[reference] = self._together.get(reference) or _live_slug(reference, at=self.at)
        slug = self._slugs[reference]
        return ResolvedLink(url=_public_url(reference.kind, slug)) if slug else None

    def linked_items(self) -> list[dict]:
        """`{kind, id, slug}` of every other item it linked, for `PublishedVersion.linked_items`."""
        return [
            {"kind": reference.kind, "id": reference.id, "slug": slug}
            for reference, slug in self._slugs.items()
            if slug is not None
        ]


def public_link_resolver(*, at: datetime, publishing: Reference | None = None, slug: str = "") -> PublicLinkResolver:
    """The resolver publication uses: public URLs of what is live at `at`."""
    return PublicLinkResolver(at=at, publishing=publishing, slug=slug)


def linked_item_url(item: dict) -> str:
    """The public URL a `linked_items` entry was linked under."""
    return _public_url(item["kind"], item["slug"])


def public_link_resolver_at(at: datetime) -> LinkResolver:
    """The public resolver for a publication at `at` (what faqs.services.publish_site_faq takes)."""
    return public_link_resolver(at=at)


def _public_url(kind: str, slug: str) -> str:
    return term_url(slug) if kind == "term" else comparison_url(slug)


def _live_slug(reference: Reference, *, at: datetime) -> str | None:
    if reference.kind == "term":
        versions = TermVersion.objects.live(at=at).filter(term_id=reference.id)
    else:
        # Served only while both its terms are live too (ComparisonVersionQuerySet.live).
        versions = ComparisonVersion.objects.live(at=at).filter(comparison_id=reference.id)
    return versions.values_list("slug", flat=True).first()


def missing_references(texts: Iterable[str]) -> list[ReferenceInText]:
    """References in the texts to terms or comparisons that do not exist (two queries at most)."""
    found = references_in_texts(texts)
    ids = {kind: {f.reference.id for f in found if f.reference.kind == kind} for kind in ("term", "comparison")}
    existing = {
        "term": set(Term.objects.filter(pk__in=ids["term"]).values_list("pk", flat=True)) if ids["term"] else set(),
        "comparison": set(Comparison.objects.filter(pk__in=ids["comparison"]).values_list("pk", flat=True))
        if ids["comparison"]
        else set(),
    }
    missing, seen = [], set()
    for item in found:
        if item.reference.id not in existing[item.reference.kind] and item.reference not in seen:
            seen.add(item.reference)
            missing.append(item)
    return missing


def describe_missing_references(missing: list[ReferenceInText]) -> str:
    """One sentence naming each missing target as the editor wrote it."""
    named = ", ".join(f"“{item.text or item.reference.code}” ({item.reference.code})" for item in missing)
    return (
        f"Links to items that do not exist: {named}. They are published as plain text; "
        "pick the target again with “Link to term or comparison” (Ctrl+K)."
    )


@dataclass(frozen=True)
class LinkTarget:
    """A term or comparison an editor can link to (a working copy, live or not)."""

    kind: str
    id: int
    label: str
    slug: str
    matched_alias: str
    is_live: bool

    @property
    def reference(self) -> Reference:
        return Reference(kind=self.kind, id=self.id)


def link_targets(
    *, query: str, at: datetime, include_terms: bool = True, include_comparisons: bool = True, limit: int = 10
) -> list[LinkTarget]:
    """Terms (by name or alias) and comparisons (by title) matching `query`, names starting with it first.

    Working copies, archived ones left out; three queries whatever the glossary's size.
    """
    query = query.strip()
    targets: list[LinkTarget] = []
    if include_terms:
        terms = list(
            Term.objects.exclude(review_state=ReviewState.ARCHIVED)
            .filter(Q(name__icontains=query) | Q(aliases__name__icontains=query))
            .distinct()
            .order_by("name")
            .prefetch_related("aliases")[: limit * 2]
        )
        live = set(TermVersion.objects.live(at=at).filter(term__in=terms).values_list("term_id", flat=True))
        for term in terms:
            alias = "" if query.lower() in term.name.lower() else _matching_alias(term, query)
            targets.append(LinkTarget("term", term.pk, term.name, term.slug, alias, term.pk in live))
    if include_comparisons:
        comparisons = list(
            Comparison.objects.exclude(review_state=ReviewState.ARCHIVED)
            .filter(Q(title__icontains=query) | Q(slug__icontains=query))
            .order_by("title")[: limit * 2]
        )
        live = set(
            ComparisonVersion.objects.live(at=at)
            .filter(comparison__in=comparisons)
            .values_list("comparison_id", flat=True)
        )
        for comparison in comparisons:
            targets.append(
                LinkTarget("comparison", comparison.pk, str(comparison), comparison.slug, "", comparison.pk in live)
            )
    lowered = query.lower()
    targets.sort(key=lambda t: (not t.label.lower().startswith(lowered), bool(t.matched_alias), t.label.lower()))
    return targets[:limit]


def _matching_alias(term: Term, query: str) -> str:
    return next((alias.name for alias in term.aliases.all() if query.lower() in alias.name.lower()), "")
