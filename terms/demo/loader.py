"""Load the demo glossary: create what is missing, publish only what this run created.

Each demo item is created at most once, ever (DemoContentRecord keeps the keys), and
not at all where something already stands in its place. So running the loader again
never overwrites, re-creates or re-publishes what an editor renamed, reworded,
withdrew or deleted.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from faqs.models import FAQ
from faqs.services import publish_site_faq
from terms import demo
from terms.links import public_link_resolver_at
from terms.models import (
    CallToAction,
    Category,
    Comparison,
    ComparisonPoint,
    DemoContentRecord,
    RelatedTerm,
    Term,
    TermAlias,
    TermRelation,
    TermStatus,
    TermVersion,
)
from terms.services import publish_comparison, publish_term


@dataclass
class DemoLoadReport:
    created_terms: list[str] = field(default_factory=list)
    created_comparisons: list[str] = field(default_factory=list)
    created_site_faqs: int = 0

    @property
    def created_anything(self) -> bool:
        return bool(self.created_terms or self.created_comparisons or self.created_site_faqs)


def _faqs_for(pairs: list[tuple[str, str]], **owner: object) -> list[FAQ]:
    return [
        FAQ(question=question, answer=answer, order=position, **owner)
        for position, (question, answer) in enumerate(pairs)
    ]


def _is_live(term: Term) -> bool:
    return TermVersion.objects.live(at=timezone.now()).filter(term=term).exists()


def _first_time(key: str, *, already_there: Callable[[], bool]) -> bool:
    """Whether to create this demo item now: never loaded before, and nothing stands in its place."""
    if DemoContentRecord.objects.filter(key=key).exists():
        return False
    DemoContentRecord.objects.create(key=key)
    return not already_there()


@transaction.atomic
def load_demo_glossary(*, by: AbstractBaseUser | None = None) -> DemoLoadReport:
    """Create and publish the demo glossary items that were never loaded before."""
    report = DemoLoadReport()
    for order, (slug, name, description) in enumerate(demo.CATEGORIES):
        taken = Category.objects.filter(Q(slug=slug) | Q(name__iexact=name)).exists
        if _first_time(f"category:{slug}", already_there=taken):
            Category.objects.create(slug=slug, name=name, description=description, order=order)
    categories = {category.slug: category for category in Category.objects.all()}
    cta_fields = demo.CALL_TO_ACTION
    if _first_time("cta", already_there=CallToAction.objects.filter(name=cta_fields["name"]).exists):
        CallToAction.objects.create(**cta_fields)
    cta = CallToAction.objects.filter(name=cta_fields["name"]).first()

    created: list[Term] = []
    for entry in demo.TERMS:
        taken = Term.objects.filter(
            Q(slug=entry["slug"]) | Q(name__iexact=entry["name"]) | Q(slug_redirects__old_slug=entry["slug"])
        ).exists
        if not _first_time(f"term:{entry['slug']}", already_there=taken):
            continue
        term = Term(
            name=entry["name"],
            slug=entry["slug"],
            short_definition=entry["short_definition"],
            body=entry["body"],
            category=categories.get(entry["category"]),
            cta=cta,
            created_by=by,
            updated_by=by,
        )
        term.full_clean()
        term.save()
        TermAlias.objects.bulk_create(TermAlias(term=term, name=alias) for alias in entry["aliases"])
        FAQ.objects.bulk_create(_faqs_for(entry["faqs"], term=term))
        created.append(term)

    terms_by_slug = {term.slug: term for term in Term.objects.all()}
    entries_by_slug = {entry["slug"]: entry for entry in demo.TERMS}
    for term in created:
        RelatedTerm.objects.bulk_create(
            RelatedTerm(term=term, related=terms_by_slug[slug], order=position)
            for position, slug in enumerate(entries_by_slug[term.slug]["related"])
            if slug in terms_by_slug
        )
    for term in created:
        TermRelation.objects.bulk_create(
            TermRelation(term=term, type=relation_type, target=terms_by_slug[target])
            for source, relation_type, target in demo.RELATIONS
            if source == term.slug and target in terms_by_slug
        )
        entry = entries_by_slug[term.slug]
        successor = terms_by_slug.get(entry.get("successor", ""))
        if successor is not None:
            status = entry["status"]
            if status == TermStatus.RETIRED and not (successor in created or _is_live(successor)):
                status = TermStatus.DEPRECATED  # a retired slug must redirect to a live page
            term.status, term.successor = status, successor
            term.full_clean()
            term.save()
    # Successors first: a retirement needs its successor live.
    for term in sorted(created, key=lambda term: term.status == TermStatus.RETIRED):
        publish_term(term=term, by=by)
        report.created_terms.append(term.slug)

    for entry in demo.COMPARISONS:
        term_a, term_b = terms_by_slug.get(entry["term_a"]), terms_by_slug.get(entry["term_b"])
        if term_a is None or term_b is None:
            continue
        pair_exists = Comparison.objects.filter(term_a__in=[term_a, term_b], term_b__in=[term_a, term_b]).exists
        if not _first_time(f"comparison:{entry['term_a']}:{entry['term_b']}", already_there=pair_exists):
            continue
        comparison = Comparison(
            term_a=term_a,
            term_b=term_b,
            title=entry["title"],
            summary=entry["summary"],
            body=entry["body"],
            created_by=by,
            updated_by=by,
        )
        comparison.full_clean()
        comparison.save()
        ComparisonPoint.objects.bulk_create(
            ComparisonPoint(
                comparison=comparison, order=position, aspect=aspect, term_a_text=a_text, term_b_text=b_text
            )
            for position, (aspect, a_text, b_text) in enumerate(entry["points"])
        )
        FAQ.objects.bulk_create(_faqs_for(entry["faqs"], comparison=comparison))
        publish_comparison(comparison=comparison, by=by)
        report.created_comparisons.append(comparison.slug)

    for position, (question, answer) in enumerate(demo.SITE_FAQS):
        if not _first_time(
            f"site-faq:{position}", already_there=FAQ.objects.site_wide().filter(question=question).exists
        ):
            continue
        faq = FAQ.objects.create(question=question, answer=answer, order=position)
        publish_site_faq(faq=faq, by=by, resolve_link=public_link_resolver_at)
        report.created_site_faqs += 1
    return report
