"""Internal links in editors' Markdown: which term and comparison pages a text links to.

Links are read with the same Markdown parser that renders the text (markdown-it), so a
URL inside a code span or block is not a link. A link is internal when it matches a term
or comparison page URL pattern of the settings (`GLOSSARY_TERM_URL_PATTERN`, ...), either
absolute or as a path on the site (`/glossary/rag/`), with or without a query or fragment.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from markdown_it import MarkdownIt

SLUG = r"(?P<slug>[-a-zA-Z0-9_]+)"


@dataclass(frozen=True)
class InternalLink:
    kind: str  # "term" | "comparison"
    slug: str
    url: str


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark")


@lru_cache(maxsize=8)
def _page_patterns(term_pattern: str, comparison_pattern: str) -> list[tuple[str, re.Pattern, re.Pattern]]:
    """(kind, absolute URL regex, path regex) per page kind; the comparison pattern first (it is the longer)."""
    patterns = []
    for kind, pattern in (("comparison", comparison_pattern), ("term", term_pattern)):
        page_url = pattern.split("?", 1)[0]
        absolute = re.escape(page_url).replace(re.escape("{slug}"), SLUG)
        path = re.escape(urlsplit(page_url).path).replace(re.escape("{slug}"), SLUG)
        patterns.append((kind, re.compile(absolute.rstrip("/") + "/?"), re.compile(path.rstrip("/") + "/?")))
    return patterns


def internal_link(url: str) -> InternalLink | None:
    """The term or comparison page a URL points at, if it is one of ours."""
    patterns = _page_patterns(settings.GLOSSARY_TERM_URL_PATTERN, settings.GLOSSARY_COMPARISON_URL_PATTERN)
    bare = url.split("#", 1)[0].split("?", 1)[0]
    for kind, absolute, path in patterns:
        match = absolute.fullmatch(bare) or (bare.startswith("/") and path.fullmatch(bare))
        if match:
            return InternalLink(kind=kind, slug=match["slug"], url=url)
    return None


def link_urls(markdown: str) -> list[str]:
    """Every link target in a Markdown text (inline, reference-style and autolinks), in order."""
    if "](" not in markdown and "]:" not in markdown and "<" not in markdown:
        return []  # no link syntax at all: skip the parser
    urls = []
    for block in _parser().parse(markdown):
        for token in block.children or []:
            if token.type == "link_open":
                urls.append(str(token.attrGet("href") or ""))
    return urls


def internal_links(markdown: str) -> list[InternalLink]:
    return [link for link in map(internal_link, link_urls(markdown)) if link is not None]
