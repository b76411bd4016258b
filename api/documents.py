"""Per-request assembly of the delivery API's documents from what publication stored.

A term page is its version's stored document (terms/documents.py, rendered once by the
serializers the OpenAPI schema shows) with the keys added that depend on other items'
liveness or on category edits: `category`, `related_terms` (with the live terms that list
it and chose to show the link both ways), `comparisons`, `relations` (with the inverses
other live pages set on it), `replaced_by`, `status`, and `mentions` (with the mention
markers in `body_html` made links to live terms, or plain text).
Stored JSON is spliced in as bytes (orjson fragments), never parsed and written again.
"""

from collections.abc import Iterable

import orjson
from django.conf import settings

from publishing.clock import ClockReading
from terms import mentions, selectors
from terms.documents import dump_json
from terms.search import SearchHit
from terms.structured_data import term_url

# What this process keeps per content generation (and timeline span): exact, because every
# change to live content, a category edit included, moves the clock, and so the key.
_kept: dict[str, tuple[tuple, object]] = {}


def _per_generation(name: str, key: tuple, read):
    if key[0] == 0:  # no clock row yet: nothing to key on
        return read()
    kept = _kept.get(name)
    if kept is None or kept[0] != key:
        kept = _kept[name] = (key, read())
    return kept[1]


def categories_at(clock: ClockReading) -> dict[int, dict]:
    """Every category as `{slug, name}` by id, read once per content generation."""
    return _per_generation("categories", (clock.generation,), selectors.category_refs)


def comparisons_at(clock: ClockReading) -> dict[int, list[dict]]:
    """Every live comparison under each of its terms, read once per generation and timeline span."""
    key = (clock.generation, clock.timeline.last_change)
    return _per_generation("comparisons", key, lambda: selectors.live_comparisons_by_term(at=clock.at))


def inverse_relations_at(clock: ClockReading) -> dict[int, list[tuple[str, int]]]:
    """What each term shows because live pages relate to it, read once per generation and timeline span."""
    key = (clock.generation, clock.timeline.last_change)
    return _per_generation("inverse_relations", key, lambda: selectors.live_inverse_relations(at=clock.at))


def related_both_ways_at(clock: ClockReading) -> dict[int, list[int]]:
    """Live terms that list each term both ways, read once per generation and timeline span."""
    key = (clock.generation, clock.timeline.last_change)
    return _per_generation("related_both_ways", key, lambda: selectors.live_related_both_ways(at=clock.at))


def forget_generation_copies() -> None:
    """Drop what this process keeps per content generation (tests)."""
    _kept.clear()


def with_keys(stored: str, added: dict) -> bytes:
    """The stored JSON object `stored` with the keys of `added` appended."""
    head = stored.encode()
    tail = dump_json(added)
    if tail == b"{}":
        return head
    return head[:-1] + (b"," if head != b"{}" else b"") + tail[1:]


def term_summary(row: dict, categories: dict[int, dict]) -> orjson.Fragment:
    """A term summary from a row of `selectors.TERM_SUMMARY_DOCUMENT_COLUMNS`."""
    return orjson.Fragment(with_keys(row["summary_document"], {"category": categories.get(row["category_id"])}))


def term_summaries(rows: Iterable[dict], categories: dict[int, dict]) -> list[orjson.Fragment]:
    return [term_summary(row, categories) for row in rows]


def term_detail(document: str, page: dict, *, links: selectors.TermPageLinks, categories: dict[int, dict]) -> bytes:
    """A term page from its stored document and row (`selectors.TERM_PAGE_COLUMNS`); `links` hold live items only."""
    document = with_mention_links(document, page, links=links)
    return with_keys(
        document,
        {
            "category": categories.get(page["category_id"]),
            "related_terms": term_summaries(links.related_terms, categories),
            "comparisons": links.comparisons,
            # A retired version is never a page; its preview reads as deprecated, with its successor.
            "status": "active" if page["status"] == "active" else "deprecated",
            "replaced_by": term_summary(links.replaced_by, categories) if links.replaced_by else None,
            "relations": [
                {"type": relation_type, "term": term_summary(row, categories)} for relation_type, row in links.relations
            ],
            "mentions": [{"slug": row["slug"], "name": row["name"]} for row in links.mentions],
        },
    )


def with_mention_links(document: str, page: dict, *, links: selectors.TermPageLinks) -> str:
    """The stored document with its explanation's mention markers as links to live terms, or as plain text.

    A mention links while its term is live at the request instant, and only when auto-linking
    is on: the GLOSSARY_AUTOLINK setting and the term's own choice, published with it.
    """
    if not page["mentioned_term_ids"]:
        return document
    linking = settings.GLOSSARY_AUTOLINK and page["autolink_mentions"]
    urls = {row["term_id"]: term_url(row["slug"]) for row in links.mentions} if linking else {}
    return mentions.resolve_markers_in_document(document, urls.get)


def comparison_detail(document: str, *, term_a: dict, term_b: dict, categories: dict[int, dict]) -> bytes:
    """A comparison page from its stored document and its two (live) terms' summary rows."""
    return with_keys(document, {"term_a": term_summary(term_a, categories), "term_b": term_summary(term_b, categories)})


def search_result(hit: SearchHit) -> dict:
    return {"type": hit.type, "slug": hit.slug, "title": hit.title, "snippet": hit.snippet, "url": hit.url}
