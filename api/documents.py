"""Per-request assembly of the delivery API's documents from what publication stored.

A term page is its version's stored document (terms/documents.py, rendered once by the
serializers the OpenAPI schema shows) with three keys added: `category`, `related_terms`
and `comparisons`, the parts that depend on other items' liveness or on category edits.
Stored JSON is spliced in as bytes (orjson fragments), never parsed and written again.
"""

from collections.abc import Iterable
from datetime import UTC, datetime

import orjson

from publishing.clock import ClockReading
from terms import selectors
from terms.documents import dump_json
from terms.search import SearchHit

# The categories of one content generation in this process: a category edit moves the clock.
_categories: dict[int, dict[int, dict]] = {}


def categories_at(clock: ClockReading) -> dict[int, dict]:
    """Every category as `{slug, name}` by id, read once per content generation."""
    known = _categories.get(clock.generation)
    if known is None or clock.generation == 0:
        known = selectors.category_refs()
        _categories.clear()
        _categories[clock.generation] = known
    return known


# Live comparisons by term, per content generation and timeline span in this process: the
# set changes only when content changes or a scheduled instant passes, so this is exact.
_comparisons: dict[tuple, dict[int, list[dict]]] = {}


def comparisons_at(clock: ClockReading) -> dict[int, list[dict]]:
    """Every live comparison under each of its terms (`selectors.live_comparisons_by_term`)."""
    key = (clock.generation, clock.timeline.last_change)
    known = _comparisons.get(key)
    if known is None or clock.generation == 0:
        known = selectors.live_comparisons_by_term(at=clock.at)
        _comparisons.clear()
        _comparisons[key] = known
    return known


def forget_categories() -> None:
    """Drop this process's per-generation copies (tests)."""
    _categories.clear()
    _comparisons.clear()


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
    return with_keys(
        document,
        {
            "category": categories.get(page["category_id"]),
            "related_terms": term_summaries(links.related_terms, categories),
            "comparisons": links.comparisons,
        },
    )


def comparison_detail(document: str, *, term_a: dict, term_b: dict, categories: dict[int, dict]) -> bytes:
    """A comparison page from its stored document and its two (live) terms' summary rows."""
    return with_keys(document, {"term_a": term_summary(term_a, categories), "term_b": term_summary(term_b, categories)})


def iso_datetime(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC with a `Z`, as DRF's DateTimeField writes it."""
    if moment is None:
        return None
    written = moment.astimezone(UTC).isoformat()
    return written.removesuffix("+00:00") + "Z"


def search_result(hit: SearchHit) -> dict:
    return {"type": hit.type, "slug": hit.slug, "title": hit.title, "snippet": hit.snippet, "url": hit.url}
