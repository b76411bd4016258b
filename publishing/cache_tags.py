"""Names of what delivery answers depend on, for purging a CDN by tag.

Every public API answer carries these names in `Cache-Tag` (Cloudflare) and
`Surrogate-Key` (Fastly) headers; every change to live content records the names whose
answers it made stale, in the same transaction (publishing/clock.py `advance_content_clock`),
and the worker asks the CDN to drop the answers carrying them (the `cdn` app). The two
sides meet only here, so an answer and the change that outdates it always use one spelling.

A change that does not say what it touched purges `EVERYTHING`, which every answer carries:
being precise is an optimisation, never a condition for correctness.
"""

from collections.abc import Iterable

EVERYTHING = "glossary"
# Answers that list or aggregate many items.
TERMS = "terms"  # /terms/
COMPARISONS = "comparisons"  # /comparisons/
CATEGORIES = "categories"  # /categories/ and each category (live while it has live terms)
FAQS = "faqs"  # /faqs/ (site-wide)
INDEX = "index"  # /index/
SEARCH = "search"  # /search/ (terms, comparisons and FAQs)
SITEMAP = "sitemap"  # /sitemap/ and /sitemap.xml (terms, comparisons, categories)
FEED = "changes"  # /changes/ (every kind of item)
MACHINE_PAGES = "llms"  # /llms.txt and /llms-full.txt (terms, comparisons, categories)


def term_tag(term_id: int) -> str:
    return f"term:{term_id}"


def comparison_tag(comparison_id: int) -> str:
    return f"comparison:{comparison_id}"


def category_tag(category_id: int) -> str:
    return f"category:{category_id}"


def tags_of_term_change(term_id: int) -> list[str]:
    """What a term going live, changing or being withdrawn makes stale.

    Its own pages (detail, widget, its FAQs, redirects to it) and the pages linking to it
    (related terms, its comparisons' pages carry its tag), and every list a term is in.
    """
    return [term_tag(term_id), TERMS, COMPARISONS, CATEGORIES, INDEX, SEARCH, SITEMAP, FEED, MACHINE_PAGES]


def tags_of_comparison_change(comparison_id: int, *, term_ids: Iterable[int]) -> list[str]:
    """A comparison's pages, its two terms' pages (which list it) and the lists it is in."""
    return [
        comparison_tag(comparison_id),
        *(term_tag(term_id) for term_id in term_ids),
        COMPARISONS,
        SEARCH,
        SITEMAP,
        FEED,
        MACHINE_PAGES,
    ]


def tags_of_site_faq_change() -> list[str]:
    return [FAQS, SEARCH, FEED]


def header_values(tags: Iterable[str]) -> dict[str, str]:
    """`Cache-Tag` (comma-separated) and `Surrogate-Key` (space-separated) for an answer's tags."""
    unique = list(dict.fromkeys(tags))
    return {"Cache-Tag": ",".join(unique), "Surrogate-Key": " ".join(unique)}
