"""The whole glossary's working copies as one plain document: what export writes and import reads.

The document holds what editors wrote (working copies, not published versions) in a
stable order and nothing that differs between two databases holding the same content
(no ids, times, users, review states or edit versions), so exporting, importing into an
empty database and exporting again gives the same file. Items refer to each other by
slug (terms, comparisons, categories) or name (calls to action).
"""

import re

from django.db.models import Prefetch

from faqs.models import FAQ
from terms.models import CallToAction, Category, Comparison, RelatedTerm, Term, TermRelation

FORMAT_NAME = "glossary-cms"
FORMAT_VERSION = 1

# `![alt](url "title")` or `![alt](<url>)`: the images an editor put in Markdown.
MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")


def category_entry(category: Category) -> dict:
    return {
        "slug": category.slug,
        "name": category.name,
        "description": category.description,
        "order": category.order,
    }


def call_to_action_entry(cta: CallToAction) -> dict:
    return {
        "name": cta.name,
        "title": cta.title,
        "text": cta.text,
        "button_label": cta.button_label,
        "button_url": cta.button_url,
    }


def faq_entry(faq: FAQ) -> dict:
    return {"question": faq.question, "answer": faq.answer, "suggested_in_widget": faq.suggested_in_widget}


def site_faq_entry(faq: FAQ) -> dict:
    return {"question": faq.question, "answer": faq.answer, "order": faq.order}


def term_entry(term: Term) -> dict:
    """A term as the document holds it (expects `terms_for_export()`'s prefetching for speed)."""
    return {
        "slug": term.slug,
        "name": term.name,
        "quick_definition": term.short_definition,
        "explanation": term.body,
        "category": term.category.slug if term.category else None,
        "aliases": [alias.name for alias in term.aliases.all()],
        "related": [link.related.slug for link in term.related_links.all()],
        "relations": [{"type": relation.type, "term": relation.target.slug} for relation in term.relations.all()],
        "status": term.status,
        "successor": term.successor.slug if term.successor else None,
        "faqs": [faq_entry(faq) for faq in term.faqs.all()],
        "cta": term.cta.name if term.cta else None,
        "seo_title": term.seo_title,
        "seo_description": term.seo_description,
    }


def comparison_entry(comparison: Comparison) -> dict:
    return {
        "slug": comparison.slug,
        "term_a": comparison.term_a.slug,
        "term_b": comparison.term_b.slug,
        "title": comparison.title,
        "summary": comparison.summary,
        "explanation": comparison.body,
        "points": [
            {"aspect": point.aspect, "term_a_text": point.term_a_text, "term_b_text": point.term_b_text}
            for point in comparison.points.all()
        ],
        "faqs": [faq_entry(faq) for faq in comparison.faqs.all()],
        "seo_title": comparison.seo_title,
        "seo_description": comparison.seo_description,
    }


def terms_for_export():
    return (
        Term.objects.order_by("slug")
        .select_related("category", "cta", "successor")
        .prefetch_related(
            "aliases",
            Prefetch("relations", TermRelation.objects.select_related("target").order_by("type", "target__slug")),
            Prefetch("related_links", RelatedTerm.objects.select_related("related").order_by("order", "id")),
            Prefetch("faqs", FAQ.objects.order_by("order", "id")),
        )
    )


def comparisons_for_export():
    return (
        Comparison.objects.order_by("slug")
        .select_related("term_a", "term_b")
        .prefetch_related("points", Prefetch("faqs", FAQ.objects.order_by("order", "id")))
    )


def media_references(*, terms: list[dict], comparisons: list[dict], site_faqs: list[dict]) -> list[dict]:
    """Every image URL the Markdown refers to, with the items that use it (the files stay where they are)."""
    used_by: dict[str, list[str]] = {}

    def note(text: str, where: str) -> None:
        for url in MARKDOWN_IMAGE.findall(text or ""):
            users = used_by.setdefault(url, [])
            if where not in users:
                users.append(where)

    for term in terms:
        note(term["explanation"], f"term:{term['slug']}")
        for faq in term["faqs"]:
            note(faq["answer"], f"term:{term['slug']}")
    for comparison in comparisons:
        note(comparison["explanation"], f"comparison:{comparison['slug']}")
        for faq in comparison["faqs"]:
            note(faq["answer"], f"comparison:{comparison['slug']}")
    for position, faq in enumerate(site_faqs):
        note(faq["answer"], f"site_faq:{position}")
    return [{"url": url, "used_by": users} for url, users in sorted(used_by.items())]


def glossary_document() -> dict:
    """The whole glossary (working copies) as one JSON-ready dictionary."""
    terms = [term_entry(term) for term in terms_for_export()]
    comparisons = [comparison_entry(comparison) for comparison in comparisons_for_export()]
    site_faqs = [site_faq_entry(faq) for faq in FAQ.objects.site_wide().order_by("order", "question", "id")]
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "categories": [category_entry(category) for category in Category.objects.order_by("order", "slug")],
        "calls_to_action": [call_to_action_entry(cta) for cta in CallToAction.objects.order_by("name")],
        "terms": terms,
        "comparisons": comparisons,
        "site_faqs": site_faqs,
        "media": media_references(terms=terms, comparisons=comparisons, site_faqs=site_faqs),
    }
