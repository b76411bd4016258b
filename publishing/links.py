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


# The same references in the Markdown source, for the public copy of the text
# (`public_markdown`): inline links, full and collapsed reference links, their definitions, autolinks.
_ID = r"(term|comparison):([1-9][0-9]{0,17})"
_INLINE_LINK = re.compile(r"(?<![\\!])\[((?:[^\[\]\\]|\\.)*)\]\(\s*" + _ID + r"\s*\)")
_AUTOLINK = re.compile(r"<" + _ID + r">")
_DEFINITION = re.compile(r"^ {0,3}\[((?:[^\[\]\\]|\\.)+)\]:[ \t]*" + _ID + r"[ \t]*$")
_REFERENCE_LINK = re.compile(r"(?<![\\!])\[((?:[^\[\]\\]|\\.)*)\]\[((?:[^\[\]\\]|\\.)*)\]")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1")


def public_markdown(markdown: str, resolve: LinkResolver | None) -> str:
    """The Markdown with each reference written as a link to what `resolve` answers, or as its plain text.

    What frontends that render Markdown themselves get (`body_markdown`, `answer_markdown`):
    the same links as the HTML, and no id of an item that is not public. Code blocks and
    code spans are left as written.
    """
    if "term:" not in markdown and "comparison:" not in markdown:
        return markdown

    def answer(kind: str, number: str) -> ResolvedLink | None:
        return resolve(Reference(kind=kind, id=int(number))) if resolve is not None else None

    lines = markdown.splitlines(keepends=True)
    in_code = set()
    for token in _parser().parse(markdown):
        if token.type in {"fence", "code_block"} and token.map:
            in_code.update(range(*token.map))
    definitions: dict[str, ResolvedLink | None] = {}
    for number, line in enumerate(lines):
        match = None if number in in_code else _DEFINITION.match(line.rstrip("\r\n"))
        if match:
            definitions[_label(match[1])] = answer(match[2], match[3])
            resolved = definitions[_label(match[1])]
            ending = line[len(line.rstrip("\r\n")) :]
            lines[number] = f"[{match[1]}]: {resolved.url}{ending}" if resolved else ""

    def inline(match: re.Match) -> str:
        resolved = answer(match[2], match[3])
        return f"[{match[1]}]({resolved.url})" if resolved else match[1]

    def autolink(match: re.Match) -> str:
        resolved = answer(match[1], match[2])
        return f"<{resolved.url}>" if resolved else match[0][1:-1]

    def reference_link(match: re.Match) -> str:
        label = _label(match[2] or match[1])
        if label in definitions and definitions[label] is None:
            return match[1]  # its definition went: the text stays, as in the HTML
        return match[0]

    def rewrite(segment: str) -> str:
        segment = _INLINE_LINK.sub(inline, segment)
        segment = _AUTOLINK.sub(autolink, segment)
        return _REFERENCE_LINK.sub(reference_link, segment)

    written = []
    for number, line in enumerate(lines):
        if number in in_code or not line:
            written.append(line)
            continue
        parts, last = [], 0
        for code in _CODE_SPAN.finditer(line):
            parts.append(rewrite(line[last : code.start()]))
            parts.append(code[0])
            last = code.end()
        parts.append(rewrite(line[last:]))
        written.append("".join(parts))
    return "".join(written)


def _label(text: str) -> str:
    return " ".join(text.split()).casefold()
