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
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

import nh3
from django.conf import settings
from django.utils.text import slugify
from markdown_it import MarkdownIt
from markdown_it.token import Token
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


@dataclass(frozen=True)
class ResolvedImage:
    """What an image reference in Markdown stands for: an absolute URL, its alt text and size."""

    url: str
    alt: str = ""
    width: int | None = None
    height: int | None = None


# Given every image `src` in a text, answers what each stands for: a ResolvedImage, or None
# for a reference to nothing (shown as its alt text). Sources it leaves out stay as written.
ImageResolver = Callable[[list[str]], Mapping[str, ResolvedImage | None]]


def resolve_images(tokens: list[Token], resolver: ImageResolver) -> None:
    """Point image tokens at what `resolver` says their sources stand for (one call per text)."""
    images = [
        (parent, index, child)
        for parent in tokens
        if parent.type == "inline"
        for index, child in enumerate(parent.children or [])
        if child.type == "image"
    ]
    resolved = resolver(sorted({str(image.attrGet("src") or "") for _, _, image in images}))
    for parent, index, image in images:
        src = str(image.attrGet("src") or "")
        if src not in resolved:
            continue
        target = resolved[src]
        written_alt = "".join(child.content for child in image.children or [] if child.type == "text")
        if target is None:
            parent.children[index] = Token("text", "", 0, content=written_alt)
            continue
        image.attrSet("src", target.url)
        if not written_alt.strip() and target.alt:
            image.children = [Token("text", "", 0, content=target.alt)]
        if target.width and target.height:
            image.attrSet("width", str(target.width))
            image.attrSet("height", str(target.height))


def render(
    text: str, *, images: ImageResolver | None = None, resolve_link: LinkResolver | None = None
) -> RenderedMarkdown:
    """Render an editor's Markdown to sanitised HTML, plain text, TOC and word count.

    `images` resolves image sources (library references, relative media URLs) before sanitising.
    References to other items (`[text](term:42)`, publishing/links.py) become links to what
    `resolve_link` answers, or plain text when it answers None or is not given.
    """
    parser = _parser()
    tokens = parser.parse(normalise_newlines(text or ""))
    if images is not None:
        resolve_images(tokens, images)
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


# Link targets kept as they are in Markdown served to machines; relative ones are made absolute.
MARKDOWN_LINK_SCHEMES = {"http", "https", "mailto"}
_LINK_TARGET = re.compile(r"(\]\(\s*<?)([^()\s>]*(?:\([^()\s]*\)[^()\s>]*)*)")


def _absolute_target(target: str, *, base_url: str) -> str:
    scheme = urlsplit(target).scheme.lower()
    if not scheme:
        return urljoin(base_url, target)
    return target if scheme in MARKDOWN_LINK_SCHEMES else "#"


def clean_markdown(text: str, *, base_url: str) -> str:
    """The editor's Markdown for machines: raw HTML removed, link targets absolute (or `#` if not allowed).

    Pure, like `render()`, and run at publication. Code (fenced, indented, inline) is kept
    as written; HTML is removed by what the CommonMark parser reads as HTML, so text such
    as "a < b" stays.
    """
    lines = (text or "").replace("\r\n", "\n").split("\n")
    tokens = _parser().parse(text or "")
    dropped: set[int] = set()
    code: set[int] = set()
    for token in tokens:
        if token.map is None:
            continue
        span = range(*token.map)
        if token.type == "html_block":
            dropped.update(span)
        elif token.type in {"fence", "code_block"}:
            code.update(span)
        elif token.type == "inline":
            for child in token.children or []:
                if child.type == "html_inline":
                    for number in span:
                        if child.content in lines[number]:
                            lines[number] = lines[number].replace(child.content, "", 1)
                            break
    kept = []
    for number, line in enumerate(lines):
        if number in dropped:
            continue
        if number not in code:
            line = _LINK_TARGET.sub(lambda m: m.group(1) + _absolute_target(m.group(2), base_url=base_url), line)
        kept.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
