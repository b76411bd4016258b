"""The delivery API's JSON documents, built as plain dicts from published versions.

`api/serializers.py` declares these shapes for the OpenAPI schema; the builders here
produce the same output without DRF's per-field machinery, which cost more than all
the database reads of a term page together. `tests/api/test_documents.py` holds each
builder to its serializer's output, so the two cannot drift apart.
"""

from datetime import UTC, datetime

from terms.models import Category, TermVersion
from terms.search import SearchHit
from terms.structured_data import term_json_ld, term_url


def iso_datetime(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC with a `Z`, as DRF's DateTimeField writes it."""
    if moment is None:
        return None
    written = moment.astimezone(UTC).isoformat()
    return written.removesuffix("+00:00") + "Z"


def category_ref(category: Category | None) -> dict | None:
    return None if category is None else {"slug": category.slug, "name": category.name}


def term_summary(version: TermVersion) -> dict:
    return {
        "slug": version.slug,
        "name": version.name,
        "short_definition": version.short_definition,
        "category": category_ref(version.category),
        "updated_at": iso_datetime(version.live_from),
    }


def faq_entry(faq: dict) -> dict:
    """An FAQ as a page shows it (the stored copy also keeps plain text and widget flags)."""
    return {
        "id": faq["id"],
        "question": faq["question"],
        "answer_markdown": faq["answer_markdown"],
        "answer_html": faq["answer_html"],
    }


def toc_entry(entry: dict) -> dict:
    return {"level": entry["level"], "text": entry["text"], "anchor": entry["anchor"]}


def cta_document(cta: dict | None) -> dict | None:
    if cta is None:
        return None
    return {key: cta[key] for key in ("title", "text", "button_label", "button_url")}


def term_detail(version: TermVersion, *, related_terms: list[TermVersion], comparisons: list[dict]) -> dict:
    """A term page; `related_terms` and `comparisons` must hold live items only."""
    return {
        **term_summary(version),
        "body_markdown": version.body_markdown,
        "body_html": version.body_html,
        "toc": [toc_entry(entry) for entry in version.toc],
        "reading_time_minutes": version.reading_time_minutes,
        "aliases": list(version.aliases),
        "related_terms": [term_summary(related) for related in related_terms],
        "comparisons": list(comparisons),  # already {slug, title, other_term: {slug, name}}
        "faqs": [faq_entry(faq) for faq in version.faqs],
        "cta": cta_document(version.cta),
        "seo": {
            "title": version.seo["title"],
            "description": version.seo["description"],
            "canonical_url": term_url(version.slug),
        },
        "json_ld": term_json_ld(version),
        "published_at": iso_datetime(version.first_published_at),
    }


def search_result(hit: SearchHit) -> dict:
    return {"type": hit.type, "slug": hit.slug, "title": hit.title, "snippet": hit.snippet, "url": hit.url}
