"""Delivery API v1 for machines: the change feed, llms.txt, pages as Markdown, sitemap.xml.

Like every delivery view (api/views.py), each answers at the instant its request read the
content clock, from live published versions only, through the response cache.
"""

from datetime import UTC, datetime
from io import StringIO

from django.conf import settings
from django.utils.xmlutils import SimplerXMLGenerator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework.renderers import BaseRenderer, JSONRenderer

from api import documents
from api.feeds import FEED_PARAMETERS, ChangeFeedSerializer, FeedParams, decode_cursor, encode_cursor
from api.params import validated_params
from api.views import (
    ERRORS,
    SLUG_PARAMETER,
    DeliveryView,
    TextAnswer,
    depends_on,
    depends_on_comparison,
    moved_comparison,
    moved_term,
)
from publishing import cache_tags
from publishing.changes import FeedCursor, changes_page
from terms import selectors
from terms.documents import dump_json, markdown_link, markdown_text
from terms.structured_data import category_url, comparison_url, term_url

PAGE_URL_OF = {"term": term_url, "comparison": comparison_url, "category": category_url}


def page_url(kind: str, slug: str) -> str | None:
    url_of = PAGE_URL_OF.get(kind)
    return url_of(slug) if url_of else None


@extend_schema_view(
    get=extend_schema(
        operation_id="changes",
        tags=["changes"],
        parameters=[FeedParams],
        responses={
            200: ChangeFeedSerializer,
            400: OpenApiResponse(description="`since` is not a cursor this API gave out, or `limit` is out of range."),
        },
        description=(
            "What went live, changed or left, oldest first. Start without `since`, then pass `next_cursor` "
            "back as `since`; read on at once while `has_more`. Withdrawn and deleted items appear as "
            "`withdrawn`; a renamed slug as `redirected` (with `new_slug`), then `published` for the new slug. "
            "A scheduled change appears at its instant. A cursor never skips a change, even one that commits "
            "after a later one."
        ),
    )
)
class ChangeFeedView(DeliveryView):
    pagination_class = None
    allowed_parameters = FEED_PARAMETERS
    list_tags = (cache_tags.FEED,)

    def answer(self, request, *, now: datetime):
        params = validated_params(FeedParams, request.query_params)
        since = request.query_params.get("since")  # raw: an empty `since=` is a mistake, not "from the start"
        cursor = decode_cursor(since) if since is not None else FeedCursor()
        page = changes_page(cursor=cursor, at=now, limit=params["limit"])
        return {
            "changes": [
                {
                    "cursor": encode_cursor(own),
                    "type": change.kind,
                    "slug": change.slug,
                    "action": change.action,
                    "at": change.at,
                    "url": page_url(change.kind, change.slug),
                    "new_slug": change.new_slug or None,
                    "new_url": page_url(change.kind, change.new_slug) if change.new_slug else None,
                }
                for change, own in page.changes
            ],
            "next_cursor": encode_cursor(page.next_cursor),
            "has_more": page.has_more,
        }


# --- Non-JSON answers -------------------------------------------------------------------------


class _TextRenderer(BaseRenderer):
    """Lets clients that ask for the endpoint's media type through negotiation (errors stay JSON)."""

    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        return dump_json(data)


class MarkdownRenderer(_TextRenderer):
    media_type = "text/markdown"
    format = "md"


class PlainTextRenderer(_TextRenderer):
    media_type = "text/plain"
    format = "txt"


class XmlRenderer(_TextRenderer):
    media_type = "application/xml"
    format = "xml"


MARKDOWN = "text/markdown; charset=utf-8"
PLAIN_TEXT = "text/plain; charset=utf-8"
XML = "application/xml; charset=utf-8"


def text_responses(media_type: str, description: str, *errors: int) -> dict:
    """The schema's responses of a non-JSON endpoint: its body as a string of `media_type`, errors as JSON."""
    return {
        (200, media_type.split(";")[0]): OpenApiResponse(OpenApiTypes.STR, description=description),
        **{(code, "application/json"): ERRORS[code] for code in errors},
    }


def _term_links_markdown(page: dict, *, clock) -> str:
    """The live links of a term page (category, related terms, comparisons) as Markdown sections."""
    links = selectors.term_page_links(
        term_id=page["term_id"],
        related_term_ids=page["related_term_ids"],
        comparisons=documents.comparisons_at(clock).get(page["term_id"], []),
        at=clock.at,
    )
    category = documents.categories_at(clock).get(page["category_id"])
    sections = []
    if category is not None:
        sections.append(f"## Category\n\n{markdown_link(category['name'], category_url(category['slug']))}\n")
    if links.related_terms:
        items = "\n".join(f"- {markdown_link(row['name'], term_url(row['slug']))}" for row in links.related_terms)
        sections.append(f"## Related terms\n\n{items}\n")
    if links.comparisons:
        items = "\n".join(f"- {markdown_link(c['title'], comparison_url(c['slug']))}" for c in links.comparisons)
        sections.append(f"## Compared with\n\n{items}\n")
    return "\n".join(sections)


def with_sections_before_source(stored: str, sections: str) -> str:
    """The stored page with `sections` put before its closing "Source:" line."""
    if not sections:
        return stored
    head, separator, source = stored.rpartition("\nSource: ")
    if not separator:
        return stored + "\n" + sections
    return f"{head}\n{sections}\nSource: {source}"


@extend_schema_view(
    get=extend_schema(
        parameters=[SLUG_PARAMETER],
        responses=text_responses(MARKDOWN, "The term page as Markdown.", 301, 404),
        description="The live term page as clean Markdown: name, quick definition, explanation, FAQs, "
        "category, live related terms and comparisons; every link is an absolute page URL.",
    )
)
class TermMarkdownView(DeliveryView):
    renderer_classes = [JSONRenderer, MarkdownRenderer]

    def answer(self, request, *, now, slug):
        page = selectors.live_term_markdown_page(slug=slug, at=now)
        if page is None:
            return moved_term(request, slug=slug, at=now, route="api:term-markdown")
        # Pages it links to purge it through its own tag (terms.events.stale_tags_of).
        depends_on(request, cache_tags.term_tag(page["term_id"]))
        if page.get("category_id"):
            depends_on(request, cache_tags.category_tag(page["category_id"]))
        body = with_sections_before_source(
            selectors.current_term_markdown(page), _term_links_markdown(page, clock=request.delivery_clock)
        )
        return TextAnswer(body.encode(), MARKDOWN)


@extend_schema_view(
    get=extend_schema(
        parameters=[SLUG_PARAMETER],
        responses=text_responses(MARKDOWN, "The comparison page as Markdown.", 301, 404),
        description="The live comparison page as clean Markdown (both terms linked, points as a table).",
    )
)
class ComparisonMarkdownView(DeliveryView):
    renderer_classes = [JSONRenderer, MarkdownRenderer]

    def answer(self, request, *, now, slug):
        version = selectors.live_comparison(slug=slug, at=now)
        if version is None:
            return moved_comparison(request, slug=slug, at=now, route="api:comparison-markdown")
        depends_on_comparison(request, version)
        return TextAnswer(selectors.current_comparison_markdown(version).encode(), MARKDOWN)


def llms_heading() -> list[str]:
    return [
        f"# {markdown_text(settings.GLOSSARY_SITE_NAME)}",
        "",
        f"> {markdown_text(settings.GLOSSARY_SITE_SUMMARY)}",
        "",
    ]


@extend_schema_view(
    get=extend_schema(
        operation_id="llms_txt",
        tags=["machines"],
        responses=text_responses(PLAIN_TEXT, "llms.txt: the glossary's live terms by category."),
        description="The glossary for LLMs (llmstxt.org): its name, a one-line summary, then a section per "
        "category listing `- [Name](page URL): quick definition`, terms without a category last, then comparisons.",
    )
)
class LlmsTxtView(DeliveryView):
    renderer_classes = [JSONRenderer, PlainTextRenderer]
    pagination_class = None
    list_tags = (cache_tags.MACHINE_PAGES,)

    def answer(self, request, *, now):
        by_category: dict[int | None, list[str]] = {}
        for entry in selectors.llms_entries(at=now):
            line = f"- {markdown_link(entry.name, term_url(entry.slug))}: {markdown_text(entry.short_definition)}"
            by_category.setdefault(entry.category_id, []).append(line)
        lines = llms_heading()
        for category in selectors.live_categories_in_order(at=now):
            lines += [f"## {markdown_text(category['name'])}", "", *by_category.get(category["id"], []), ""]
        if by_category.get(None):
            lines += ["## Other terms", "", *by_category[None], ""]
        comparisons = selectors.live_comparisons(at=now).order_by("title", "id").values_list("slug", "title", "summary")
        comparison_lines = [
            f"- {markdown_link(title, comparison_url(slug))}: {markdown_text(summary)}"
            for slug, title, summary in comparisons
        ]
        if comparison_lines:
            lines += ["## Comparisons", "", *comparison_lines, ""]
        return TextAnswer("\n".join(lines).encode(), PLAIN_TEXT)


@extend_schema_view(
    get=extend_schema(
        operation_id="llms_full_txt",
        tags=["machines"],
        responses=text_responses(PLAIN_TEXT, "Every live term page as Markdown."),
        description="The glossary's name and summary, then every live term's page as Markdown (A–Z), "
        "as `/terms/{slug}/markdown/` gives it less its live links.",
    )
)
class LlmsFullTxtView(DeliveryView):
    renderer_classes = [JSONRenderer, PlainTextRenderer]
    pagination_class = None
    list_tags = (cache_tags.MACHINE_PAGES,)

    def answer(self, request, *, now):
        pages = [markdown.strip() for _, markdown in selectors.live_term_markdowns(at=now)]
        body = "\n".join(llms_heading()) + "\n" + "\n\n---\n\n".join(pages) + "\n"
        return TextAnswer(body.encode(), PLAIN_TEXT)


@extend_schema_view(
    get=extend_schema(
        operation_id="sitemap_xml",
        tags=["sitemap"],
        responses=text_responses(XML, "sitemaps.org urlset of every live page search engines may index."),
        description="Every live page (terms, comparisons, categories) in the sitemaps.org XML format, "
        "less the terms and comparisons marked noindex: "
        "the entries of `/sitemap/`, with `lastmod` as W3C date-times.",
    )
)
class SitemapXmlView(DeliveryView):
    renderer_classes = [JSONRenderer, XmlRenderer]
    pagination_class = None
    list_tags = (cache_tags.SITEMAP,)
    URL_OF = {"term": term_url, "comparison": comparison_url, "category": category_url}

    def answer(self, request, *, now):
        written = StringIO()
        xml = SimplerXMLGenerator(written, "utf-8")
        xml.startDocument()
        xml.startElement("urlset", {"xmlns": "http://www.sitemaps.org/schemas/sitemap/0.9"})
        for entry in selectors.sitemap_entries(at=now):
            xml.startElement("url", {})
            xml.addQuickElement("loc", self.URL_OF[entry.type](entry.slug))
            xml.addQuickElement("lastmod", entry.lastmod.astimezone(UTC).isoformat(timespec="seconds"))
            xml.endElement("url")
        xml.endElement("urlset")
        xml.endDocument()
        return TextAnswer(written.getvalue().encode(), XML)
