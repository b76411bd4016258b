"""Stable references from editors' Markdown to other glossary items: `[text](term:42)`, `[text](comparison:7)`.

A reference names its target by id, never by slug: the slug may change, the id does not, so
a page written today still finds its target after a rename. It is an ordinary CommonMark
link whose destination has a scheme of our own, so every Markdown editor, diff and export
keeps it as typed, and reference-style links (`[text][fm]` with `[fm]: term:42`) work too.

Nothing here knows where a target lives: `render()` (publishing/markdown.py) takes a
`LinkResolver` from the caller (publication passes one that answers the target's public URL
while it is live, the editor's preview one that answers its admin page) and turns each
reference into a link to what the resolver answers, or into its plain text when it answers
None. Without a resolver every reference is plain text: a reference never reaches the
public as a link nobody checked.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

REFERENCE_KINDS = ("term", "comparison")
_REFERENCE = re.compile(r"(term|comparison):([1-9][0-9]{0,17})")


@dataclass(frozen=True)
class Reference:
    """A term or comparison named by its id."""

    kind: str  # "term" | "comparison"
    id: int

    @property
    def code(self) -> str:
        """As written in Markdown, e.g. term:42."""
        return f"{self.kind}:{self.id}"


@dataclass(frozen=True)
class ResolvedLink:
    url: str
    title: str = ""


@dataclass(frozen=True)
class ReferenceInText:
    reference: Reference
    text: str  # the link's text, as readers would see it


LinkResolver = Callable[[Reference], ResolvedLink | None]


def parse_reference(href: str) -> Reference | None:
    """The reference a link destination makes, or None for any other URL."""
    match = _REFERENCE.fullmatch(href.strip())
    return Reference(kind=match[1], id=int(match[2])) if match else None


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def references_in(markdown: str) -> list[ReferenceInText]:
    """Every reference in a Markdown text, in order, with its link text (code spans and blocks hold none)."""
    if "term:" not in markdown and "comparison:" not in markdown:
        return []  # no reference at all: skip the parser
    found = []
    for block in _parser().parse(markdown or ""):
        children = block.children or []
        for index, token in enumerate(children):
            reference = parse_reference(str(token.attrGet("href") or "")) if token.type == "link_open" else None
            if reference is not None:
                found.append(ReferenceInText(reference, _link_text(children, index)))
    return found


def references_in_texts(texts: Iterable[str]) -> list[ReferenceInText]:
    return [found for text in texts for found in references_in(text)]


def _link_text(children: list[Token], start: int) -> str:
    parts = []
    for token in children[start + 1 :]:
        if token.type == "link_close":
            break
        parts.append(token.content)
    return "".join(parts).strip()


def resolve_references(tokens: list[Token], resolve: LinkResolver | None) -> None:
    """Point each reference among markdown-it's tokens at what `resolve` answers, or unwrap it to plain text."""
    for block in tokens:
        if not block.children:
            continue
        kept: list[Token] = []
        unwrapping = False
        for token in block.children:
            if token.type == "link_open":
                reference = parse_reference(str(token.attrGet("href") or ""))
                if reference is not None:
                    resolved = resolve(reference) if resolve is not None else None
                    if resolved is None:
                        unwrapping = True  # links do not nest: its link_close is the next one
                        continue
                    token.attrSet("href", resolved.url)
                    if resolved.title:
                        token.attrSet("title", resolved.title)
            elif token.type == "link_close" and unwrapping:
                unwrapping = False
                continue
            kept.append(token)
        block.children = kept
