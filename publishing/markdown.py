"""Markdown rendering for editors' text: one pure function, sanitised output.

`render()` is the only way Markdown becomes HTML in Glossary CMS. It runs when content
is published (and for the editor's live preview), never per API request. The HTML it
returns has passed nh3 (Ammonia), so no script, event handler or dangerous URL scheme
survives, whatever the editor typed. Headings carry stable `id`s that the table of
contents points at.
"""

import html
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

import nh3
from django.conf import settings
from django.utils.text import slugify
from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin

from publishing.links import LinkResolver, resolve_references

HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt",
    "em", "figcaption", "figure", "hr", "i", "img", "kbd", "li", "mark", "ol", "p", "pre",
    "s", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul",
} | HEADING_TAGS  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    # Only `language-<name>` survives (see _keep_language_class): frontends highlight by it.
    "code": {"class"},
    **{tag: {"id"} for tag in HEADING_TAGS},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# Tags whose content must go too, not only the tag.
REMOVED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template"}
TOC_LEVELS = (1, 4)

_WHITESPACE = re.compile(r"\s+")
_LANGUAGE_CLASS = re.compile(r"language-[A-Za-z0-9_+#.-]{1,40}")


@dataclass(frozen=True)
class TocEntry:
    level: int
    text: str
    anchor: str

    def as_dict(self) -> dict:
        return {"level": self.level, "text": self.text, "anchor": self.anchor}


@dataclass(frozen=True)
class RenderedMarkdown:
    html: str
    text: str
    toc: list[TocEntry] = field(default_factory=list)
    word_count: int = 0

    @property
    def reading_time_minutes(self) -> int:
        if self.word_count == 0:
            return 0
        return max(1, math.ceil(self.word_count / settings.GLOSSARY_WORDS_PER_MINUTE))

    def toc_as_list(self) -> list[dict]:
        return [entry.as_dict() for entry in self.toc]


def _heading_anchor(text: str) -> str:
    return slugify(text) or "section"


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return (
        MarkdownIt("commonmark", {"html": True})
        .enable(["table", "strikethrough"])
        .use(anchors_plugin, min_level=TOC_LEVELS[0], max_level=TOC_LEVELS[1], slug_func=_heading_anchor)
    )


def markdown_length_error(text: str) -> str | None:
    """Why `text` is too long to keep as an explanation or answer, or None."""
    limit = settings.GLOSSARY_MARKDOWN_MAX_CHARS
    if len(text) <= limit:
        return None
    return (
        f"This text has {len(text):,} characters; the limit is {limit:,}. "
        "Shorten it (or split it into sections or FAQs) and save again: your text is kept below."
    )


def normalise_newlines(text: str) -> str:
    """Line endings as LF: browsers submit CRLF, files and the demo content LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _keep_language_class(tag: str, attribute: str, value: str) -> str | None:
    if attribute != "class":
        return value
    # A fenced block's language (```python gives class="language-python"), and no other class.
    return value if tag == "code" and _LANGUAGE_CLASS.fullmatch(value) else None


def sanitise_html(raw_html: str) -> str:
    """Keep only the tags, attributes and URL schemes we allow in published content."""
    return nh3.clean(
        raw_html,
        tags=ALLOWED_TAGS,
        clean_content_tags=REMOVED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_language_class,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, whitespace collapsed (for snippets and answers)."""
    stripped = nh3.clean(fragment, tags=set(), clean_content_tags=REMOVED_WITH_CONTENT)
    return _WHITESPACE.sub(" ", html.unescape(stripped)).strip()


def render(text: str, *, resolve_link: LinkResolver | None = None) -> RenderedMarkdown:
    """Render an editor's Markdown to sanitised HTML, plain text, TOC and word count.

    References to other items (`[text](term:42)`, publishing/links.py) become links to what
    `resolve_link` answers, or plain text when it answers None or is not given.
    """
    parser = _parser()
    tokens = parser.parse(normalise_newlines(text or ""))
    resolve_references(tokens, resolve_link)
    toc: list[TocEntry] = []
    for index, token in enumerate(tokens):
        anchor = token.attrGet("id") if token.type == "heading_open" else None
        if anchor:
            # The heading's text as readers see it: rendered and sanitised, then stripped of tags.
            inline_html = parser.renderer.render([tokens[index + 1]], parser.options, {})
            heading_text = html_to_text(sanitise_html(inline_html))
            toc.append(TocEntry(level=int(token.tag[1]), text=heading_text, anchor=str(anchor)))
    safe_html = sanitise_html(parser.renderer.render(tokens, parser.options, {}))
    plain_text = html_to_text(safe_html)
    # A heading whose id the sanitiser had to drop would leave a dangling TOC link.
    toc = [entry for entry in toc if f'id="{entry.anchor}"' in safe_html]
    return RenderedMarkdown(html=safe_html, text=plain_text, toc=toc, word_count=len(plain_text.split()))


def render_preview(text: str) -> str:
    """markdownx's live preview: exactly what publication will store."""
    return render(text).html
