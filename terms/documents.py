"""The public JSON of published items: rendered once, at publication, and stored on the version.

The serializers here are the documented shapes of the delivery API (api/serializers.py
composes them into the OpenAPI schema), and publication renders each version's stored
documents with the very same serializers, so the two can never drift apart. What depends
on other items' liveness (related terms, comparisons, the other side of a comparison, the
category) is not stored: the API adds it per request (api/documents.py).

JSON-LD strings escape `<`, `>` and `&`, so a frontend can put `json_ld` inside a
`<script type="application/ld+json">` as it is; every JSON body escapes U+2028/2029.
"""

import hashlib
import re

import orjson
from django.conf import settings
from rest_framework import serializers

from media_library.references import library_images
from publishing.links import LinkResolver, public_markdown
from publishing.markdown import clean_markdown
from terms.mentions import mark_mentions, vocabulary_of
from terms.models import ComparisonVersion, TermVersion
from terms.structured_data import comparison_json_ld, comparison_url, term_json_ld, term_url

# Bytes that end a <script> element or start an entity, and the line separators that old
# JavaScript parsers read as line ends; each stays valid JSON when written as an escape.
_SCRIPT_UNSAFE = ((b"<", b"\\u003c"), (b">", b"\\u003e"), (b"&", b"\\u0026"))
_LINE_SEPARATORS = (("\u2028".encode(), b"\\u2028"), ("\u2029".encode(), b"\\u2029"))


def dump_json(data: object) -> bytes:
    """`data` as compact UTF-8 JSON, with U+2028 and U+2029 escaped."""
    written = orjson.dumps(data)
    for raw, escaped in _LINE_SEPARATORS:
        written = written.replace(raw, escaped)
    return written


def script_safe_json(data: object) -> orjson.Fragment:
    """`data` as JSON that can stand inside a <script> element, to embed in a larger document."""
    written = dump_json(data)
    for raw, escaped in _SCRIPT_UNSAFE:
        written = written.replace(raw, escaped)
    return orjson.Fragment(written)


class CategoryRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class TermRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class IndexEntrySerializer(TermRefSerializer):
    """A term in the A–Z index: stored on each version at publication (`index_entry`)."""


# The `type` of an entry in a term page's `relations` (terms/relations.py gives the inverses).
RELATION_TYPES = ["broader", "narrower", "see_also", "replaced_by", "replaces"]
TERM_STATUSES = ["active", "deprecated"]


class TocEntrySerializer(serializers.Serializer):
    level = serializers.IntegerField()
    text = serializers.CharField()
    anchor = serializers.CharField()


class FaqSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True)
    question = serializers.CharField()
    answer_markdown = serializers.CharField()
    answer_html = serializers.CharField()


class CtaSerializer(serializers.Serializer):
    title = serializers.CharField()
    text = serializers.CharField()
    button_label = serializers.CharField()
    button_url = serializers.URLField()


class OgImageSerializer(serializers.Serializer):
    """The share image (Open Graph): an absolute URL from the media library, with its alt text and size."""

    url = serializers.URLField()
    alt = serializers.CharField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()


class SeoSerializer(serializers.Serializer):
    title = serializers.CharField()
    description = serializers.CharField()
    noindex = serializers.BooleanField(help_text="Ask search engines not to index the page; it is not in the sitemaps.")
    canonical_url = serializers.URLField(help_text="The editor's canonical override, else the page's own URL.")
    og_image = OgImageSerializer(allow_null=True)


def public_seo(version: TermVersion | ComparisonVersion, *, page_url: str) -> dict:
    """The `seo` object of a page: what publication stored, with the page's own URL as the default canonical."""
    stored = version.seo
    return SeoSerializer(
        {
            "title": stored["title"],
            "description": stored["description"],
            "noindex": version.noindex,
            "canonical_url": stored.get("canonical_url_override") or page_url,
            "og_image": stored.get("og_image"),
        }
    ).data


class PointSerializer(serializers.Serializer):
    aspect = serializers.CharField()
    term_a = serializers.CharField()
    term_b = serializers.CharField()


JSON_LD_SCHEMA = {"type": "object", "description": "schema.org JSON-LD graph; `<`, `>` and `&` are escaped."}


class StoredTermSummarySerializer(serializers.Serializer):
    """The stored part of a term summary (the API adds `category`)."""

    slug = serializers.CharField()
    name = serializers.CharField()
    short_definition = serializers.CharField()
    updated_at = serializers.DateTimeField(source="live_from")


class PublicMarkdownField(serializers.CharField):
    """Markdown as the public reads it: references (`[text](term:42)`) written as public links or plain text.

    The resolver comes from the serializer's context (`resolve_link`, given at publication);
    without one every reference is plain text.
    """

    def to_representation(self, value: str) -> str:
        return public_markdown(value, self.context.get("resolve_link"))


class MarkedBodyHtmlField(serializers.CharField):
    """The explanation as HTML: stored with the mention markers publication found (`marked_body_html` in the
    context, terms/mentions.py), which the API resolves per request into links or plain text."""

    def get_attribute(self, instance: TermVersion) -> str:
        return self.context.get("marked_body_html") or instance.body_html


class TermDocumentSerializer(StoredTermSummarySerializer):
    """The stored part of a term page (the API adds `category`, `related_terms`, `comparisons`, `mentions`)."""

    body_markdown = PublicMarkdownField()
    body_html = MarkedBodyHtmlField(
        help_text="Sanitised HTML. The first mention of each other live term links to its page "
        "(unless auto-linking is off)."
    )
    toc = TocEntrySerializer(many=True)
    reading_time_minutes = serializers.IntegerField()
    aliases = serializers.ListField(child=serializers.CharField())
    faqs = FaqSerializer(many=True)
    cta = CtaSerializer(allow_null=True)
    seo = serializers.SerializerMethodField()
    json_ld = serializers.SerializerMethodField()
    published_at = serializers.DateTimeField(source="first_published_at")

    def get_seo(self, version: TermVersion) -> dict:
        return public_seo(version, page_url=term_url(version.slug))

    def get_json_ld(self, version: TermVersion) -> orjson.Fragment:
        return script_safe_json(term_json_ld(version))


class ComparisonDocumentSerializer(serializers.Serializer):
    """The stored part of a comparison page (the API adds `term_a` and `term_b`)."""

    slug = serializers.CharField()
    title = serializers.CharField()
    summary = serializers.CharField()
    updated_at = serializers.DateTimeField(source="live_from")
    body_markdown = PublicMarkdownField()
    body_html = serializers.CharField()
    toc = TocEntrySerializer(many=True)
    points = PointSerializer(many=True)
    faqs = FaqSerializer(many=True)
    seo = serializers.SerializerMethodField()
    json_ld = serializers.SerializerMethodField()
    published_at = serializers.DateTimeField(source="first_published_at")

    def get_seo(self, version: ComparisonVersion) -> dict:
        return public_seo(version, page_url=comparison_url(version.slug))

    def get_json_ld(self, version: ComparisonVersion) -> orjson.Fragment:
        return script_safe_json(comparison_json_ld(version, term_slugs=self.context["term_slugs"]))


# The settings a stored page document is written with (URLs of pages, the glossary's name).
DOCUMENT_SETTINGS = (
    "GLOSSARY_TERM_URL_PATTERN",
    "GLOSSARY_COMPARISON_URL_PATTERN",
    "GLOSSARY_CATEGORY_URL_PATTERN",
    "GLOSSARY_INDEX_URL",
    "GLOSSARY_SITE_NAME",
)
_fingerprints: dict[tuple, str] = {}


def settings_fingerprint() -> str:
    """Names the settings stored documents were written with: after a change, they are written anew."""
    values = tuple(getattr(settings, name) for name in DOCUMENT_SETTINGS)
    fingerprint = _fingerprints.get(values)
    if fingerprint is None:
        fingerprint = hashlib.blake2b("\n".join(values).encode(), digest_size=8).hexdigest()
        _fingerprints[values] = fingerprint
    return fingerprint


def render_term_documents(
    version: TermVersion, *, resolve_link: LinkResolver | None = None, marked_body_html: str | None = None
) -> None:
    """Store the version's page, summary and A–Z index documents and its Markdown on it (unsaved).

    `marked_body_html` is its explanation with mention markers (terms/mentions.py); without it,
    the mentions the version stored are marked again in its HTML.
    """
    if marked_body_html is None and version.mentioned_term_ids:
        marked_body_html = mark_stored_mentions(version)
    context = {"resolve_link": resolve_link, "marked_body_html": marked_body_html}
    serializer = TermDocumentSerializer(version, context=context)
    version.document = dump_json(serializer.data).decode()
    version.summary_document = dump_json(StoredTermSummarySerializer(version).data).decode()
    version.index_entry = dump_json(IndexEntrySerializer(version).data).decode()
    version.markdown = term_markdown(version, resolve_link=resolve_link)
    version.document_fingerprint = settings_fingerprint()


def mark_stored_mentions(version: TermVersion) -> str:
    """The version's explanation with its stored mentions marked again (the terms' current names)."""
    known = [*version.mentioned_term_ids, *([version.term_id] if version.term_id else [])]
    return mark_mentions(version.body_html, vocabulary_of(known), self_id=version.term_id).html


def render_comparison_document(
    version: ComparisonVersion, *, term_slugs: list[str], resolve_link: LinkResolver | None = None
) -> None:
    """Store the version's page document and Markdown on it (unsaved); `term_slugs` are its terms' public slugs."""
    serializer = ComparisonDocumentSerializer(version, context={"term_slugs": term_slugs, "resolve_link": resolve_link})
    version.document = dump_json(serializer.data).decode()
    version.markdown = comparison_markdown(version, term_slugs=term_slugs, resolve_link=resolve_link)
    version.document_fingerprint = settings_fingerprint()


# --- Pages as Markdown (for LLMs and static builds) -------------------------------------------
# Rendered at publication like the JSON documents; the API adds only the live links of a
# term page (api/markdown.py). Links are absolute page URLs; the editor's raw HTML is left out.


def markdown_text(text: str) -> str:
    """Text that stays literal inside Markdown (link texts, table cells, headings)."""
    return _MARKDOWN_SPECIAL.sub(lambda match: "\\" + match.group(0), " ".join(text.split()))


_MARKDOWN_SPECIAL = re.compile(r"[\\`*_\[\]<>|]")


def markdown_link(text: str, url: str) -> str:
    return f"[{markdown_text(text)}]({url})"


_LIBRARY_IMAGE_TARGET = re.compile(r"(!\[[^\]]*\]\()(image:\d+)")


def _machine_markdown(markdown: str, *, base_url: str, resolve_link: LinkResolver | None = None) -> str:
    """Published Markdown for machines: references resolved (links, library images), then cleaned."""
    markdown = public_markdown(markdown or "", resolve_link)
    sources = sorted({match[2] for match in _LIBRARY_IMAGE_TARGET.finditer(markdown)})
    if sources:
        images = library_images(sources)

        def absolute(match: re.Match) -> str:
            image = images.get(match[2])
            return match[1] + (image.url if image else "#")

        markdown = _LIBRARY_IMAGE_TARGET.sub(absolute, markdown)
    return clean_markdown(markdown, base_url=base_url)


def _faqs_markdown(faqs: list[dict], *, base_url: str) -> list[str]:
    if not faqs:
        return []
    lines = ["## Frequently asked questions", ""]
    for faq in faqs:
        lines += [
            f"### {markdown_text(faq['question'])}",
            "",
            _machine_markdown(faq["answer_markdown"], base_url=base_url),
            "",
        ]
    return lines


def term_markdown(version: TermVersion, *, resolve_link: LinkResolver | None = None) -> str:
    """The term page as Markdown: name, quick definition, aliases, explanation, FAQs, its URL."""
    url = term_url(version.slug)
    lines = [f"# {markdown_text(version.name)}", "", f"> {markdown_text(version.short_definition)}", ""]
    if version.aliases:
        lines += [f"Also known as: {', '.join(markdown_text(alias) for alias in version.aliases)}", ""]
    body = _machine_markdown(version.body_markdown, base_url=url, resolve_link=resolve_link)
    if body:
        lines += [body, ""]
    lines += _faqs_markdown(version.faqs, base_url=url)
    lines += [f"Source: <{url}>"]
    return "\n".join(lines) + "\n"


def comparison_markdown(
    version: ComparisonVersion, *, term_slugs: list[str], resolve_link: LinkResolver | None = None
) -> str:
    """The comparison page as Markdown: title, summary, both terms, points as a table, explanation, FAQs."""
    url = comparison_url(version.slug)
    lines = [f"# {markdown_text(version.title)}", "", f"> {markdown_text(version.summary)}", ""]
    # The terms' public names when the comparison goes live (a draft rename is not public).
    live_names = dict(
        TermVersion.objects.live(at=version.live_from)
        .filter(term_id__in=[version.term_a_id, version.term_b_id])
        .values_list("term_id", "name")
    )
    names = [
        live_names.get(term_id) or slug
        for term_id, slug in zip((version.term_a_id, version.term_b_id), term_slugs, strict=True)
    ]
    links = [markdown_link(name, term_url(slug)) for name, slug in zip(names, term_slugs, strict=True)]
    lines += [f"Compares {links[0]} and {links[1]}.", ""]
    if version.points:
        lines += [f"| Aspect | {markdown_text(names[0])} | {markdown_text(names[1])} |", "| --- | --- | --- |"]
        lines += [
            f"| {markdown_text(p['aspect'])} | {markdown_text(p['term_a'])} | {markdown_text(p['term_b'])} |"
            for p in version.points
        ]
        lines.append("")
    body = _machine_markdown(version.body_markdown, base_url=url, resolve_link=resolve_link)
    if body:
        lines += [body, ""]
    lines += _faqs_markdown(version.faqs, base_url=url)
    lines += [f"Source: <{url}>"]
    return "\n".join(lines) + "\n"
