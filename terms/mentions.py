"""Mentions: where a page's text names another term, found once at publication, linked per request.

At publication the rendered, sanitised explanation is searched for every term's name and
aliases (working copies, so a term that goes live later is already known): whole words,
case-insensitive, the longest name first at each place, never inside headings, code,
preformatted text or existing links, and never the term itself. The first mention of each
term in the explanation is wrapped in a marker, `<glossary-mention term=42>text</glossary-mention>`,
in the stored page document only; FAQ answers count for `mentions` but get no marker.

Per request the API turns each marker into a link to the mentioned term's page if that term
is live at the request instant and auto-linking is on, else into its plain text
(`resolve_markers_in_document`): a cheap substitution over the stored document, so a mention
becomes a link at its target's go-live and stops being one at its withdrawal without the
mentioning page being published again. Sanitised HTML cannot hold a marker of its own:
nh3 drops unknown tags, text escapes `<`, and `mark_mentions` escapes the marker's name
where it could still stand (attribute values) before adding its own.
"""

import html
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Max, Q, QuerySet

from publishing.links import ResolvedLink
from publishing.markdown import render
from terms.models import Term, TermAlias, TermMention, TermVersion

MARKER_TAG = "glossary-mention"
# Words as names are compared: letters/digits, with inner dots and trailing +/# kept
# (Node.js, C++, C#); an HTML entity is skipped as a whole, never read as a word.
_WORD = re.compile(r"&#?\w+;|(\w+(?:\.\w+)*[+#]*)")
# Between two words of one name: spaces or hyphens only (an entity such as &nbsp; too).
_JOINER = re.compile(r"(?:\s|-|&nbsp;|&#160;)+")
# A tag of serialised HTML (html5ever double-quotes attribute values, which may hold `>`).
_TAG = re.compile(r'<(/?)([A-Za-z][A-Za-z0-9-]*)(?:[^>"]|"[^"]*")*>')
SKIPPED_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "a", "kbd", "samp", "script", "style"})
VOID_TAGS = frozenset({"br", "hr", "img", "wbr", "input", "meta", "link", "source", "col", "area", "base", "track"})
# Names shorter than this many characters (e.g. "C", "R") would match far too much.
MIN_NAME_CHARS = 2
# Names of more words than this are not looked for (a sentence rather than a name).
MAX_NAME_WORDS = 8


def name_words(name: str) -> tuple[str, ...]:
    """A name or alias as the words it is matched by (lowercased)."""
    return tuple(match[1] for match in _WORD.finditer(html.escape(name.lower(), quote=False)) if match[1])


@dataclass
class Vocabulary:
    """Every term's name and aliases as word tuples → term id (names win over aliases, then lower ids).

    Names in capitals only (acronyms such as "LLM", "AN", "IT") match only in capitals: in
    any case they would match the ordinary words "an" or "it" everywhere.
    """

    entries: dict[tuple[str, ...], int] = field(default_factory=dict)
    capitals: frozenset[tuple[str, ...]] = frozenset()
    prefixes: frozenset[tuple[str, ...]] = frozenset()  # every name's first word, first two words ...

    @classmethod
    def of(cls, names: Iterable[tuple[int, str, bool]]) -> "Vocabulary":
        """From (term id, name or alias, is the term's name) triples."""
        ranked: dict[tuple[str, ...], tuple[bool, int, bool]] = {}
        for term_id, name, is_name in names:
            words = name_words(name)
            if not words or len(words) > MAX_NAME_WORDS or len("".join(words)) < MIN_NAME_CHARS:
                continue
            rank = (not is_name, term_id, is_acronym(name))
            if words not in ranked or rank < ranked[words]:
                ranked[words] = rank
        entries = {words: term_id for words, (_, term_id, _) in ranked.items()}
        capitals = frozenset(words for words, (_, _, acronym) in ranked.items() if acronym)
        prefixes = frozenset(words[:size] for words in entries for size in range(1, len(words) + 1))
        return cls(entries=entries, capitals=capitals, prefixes=prefixes)


def is_acronym(name: str) -> bool:
    return name == name.upper() and name != name.lower()


@dataclass(frozen=True)
class _Found:
    term_id: int
    start: int
    end: int


def _mentions_in_text(text: str, vocabulary: Vocabulary, *, offset: int) -> Iterable[_Found]:
    """Mentions in one HTML-escaped text run, left to right, the longest name at each place."""
    spans = [(m.start(), m.end()) for m in _WORD.finditer(text) if m[1]]
    if not spans:
        return
    lowered = [text[start:end].lower() for start, end in spans]
    entries, prefixes, capitals = vocabulary.entries, vocabulary.prefixes, vocabulary.capitals
    count, i = len(spans), 0
    while i < count:
        if (lowered[i],) not in prefixes:  # most words start no name
            i += 1
            continue
        # Extend word by word while the words so far begin some name and stay joined by
        # spaces or hyphens; the longest that is a whole name wins.
        found, size = None, 1
        while True:
            key = tuple(lowered[i : i + size])
            start, end = spans[i][0], spans[i + size - 1][1]
            term_id = entries.get(key)
            if term_id is not None and (key not in capitals or text[start:end].isupper()):
                found = (term_id, size, start, end)
            if (
                i + size >= count
                or tuple(lowered[i : i + size + 1]) not in prefixes
                or _JOINER.fullmatch(text, spans[i + size - 1][1], spans[i + size][0]) is None
            ):
                break
            size += 1
        if found is None:
            i += 1
            continue
        term_id, size, start, end = found
        yield _Found(term_id, offset + start, offset + end)
        i += size


def _text_runs(sanitised_html: str) -> Iterable[tuple[int, str]]:
    """(offset, text) of every text run outside headings, code, preformatted text and links."""
    skipping: list[str] = []
    position = 0
    for tag in _TAG.finditer(sanitised_html):
        if not skipping and tag.start() > position:
            yield position, sanitised_html[position : tag.start()]
        position = tag.end()
        closing, name = tag[1] == "/", tag[2].lower()
        if name in VOID_TAGS or tag[0].endswith("/>"):
            continue
        if closing:
            if skipping and skipping[-1] == name:
                skipping.pop()
        elif skipping or name in SKIPPED_TAGS:
            skipping.append(name)
    if not skipping and position < len(sanitised_html):
        yield position, sanitised_html[position:]


def find_mentions(sanitised_html: str, vocabulary: Vocabulary, *, self_id: int | None) -> list[_Found]:
    """Every mention of another term in the HTML, in order (the term's own names are passed over)."""
    found = []
    for offset, text in _text_runs(sanitised_html):
        found.extend(m for m in _mentions_in_text(text, vocabulary, offset=offset) if m.term_id != self_id)
    return found


def _escaped_marker_names(sanitised_html: str) -> str:
    # Only our markers may name the marker tag: where the editor's HTML still spells it (an
    # attribute value keeps `<`), write its `<` as an entity, which reads the same there.
    return sanitised_html.replace(f"<{MARKER_TAG}", f"&lt;{MARKER_TAG}").replace(
        f"</{MARKER_TAG}", f"&lt;/{MARKER_TAG}"
    )


@dataclass(frozen=True)
class MarkedHtml:
    html: str  # with the first mention of each term marked
    mentioned_term_ids: list[int]  # by first occurrence


def mark_mentions(sanitised_html: str, vocabulary: Vocabulary, *, self_id: int | None) -> MarkedHtml:
    """The HTML with the first mention of each other term wrapped in a marker, and the terms it mentions."""
    sanitised_html = _escaped_marker_names(sanitised_html)
    first: dict[int, _Found] = {}
    for mention in find_mentions(sanitised_html, vocabulary, self_id=self_id):
        first.setdefault(mention.term_id, mention)
    pieces, position = [], 0
    for mention in sorted(first.values(), key=lambda m: m.start):
        text = sanitised_html[mention.start : mention.end]
        pieces += [
            sanitised_html[position : mention.start],
            f"<{MARKER_TAG} term={mention.term_id}>{text}</{MARKER_TAG}>",
        ]
        position = mention.end
    pieces.append(sanitised_html[position:])
    return MarkedHtml("".join(pieces), list(first))


def mentioned_term_ids(texts: Iterable[str], vocabulary: Vocabulary, *, self_id: int | None) -> list[int]:
    """Terms the sanitised HTML texts mention, by first occurrence across them."""
    ids: dict[int, None] = {}
    for text in texts:
        for mention in find_mentions(text, vocabulary, self_id=self_id):
            ids.setdefault(mention.term_id)
    return list(ids)


_MARKER = re.compile(rf"<{MARKER_TAG} term=(\d+)>([^<]*)</{MARKER_TAG}>")
# Where a stored term document holds its explanation: keys before it are plain strings, and
# inside a JSON string a quote is always escaped, so these are found nowhere else.
_BODY_HTML_KEY, _AFTER_BODY_HTML = ',"body_html":"', '","toc":'


def resolve_mention_markers(stored_html: str, link_of: Callable[[int], str | None]) -> str:
    """The HTML with each marker as `<a href="…">text</a>` where `link_of(term id)` gives a URL, else as its text."""
    if MARKER_TAG not in stored_html:
        return stored_html
    return _MARKER.sub(lambda match: _link_or_text(match, link_of, quote='"'), stored_html)


def resolve_markers_in_document(document: str, link_of: Callable[[int], str | None]) -> str:
    """As `resolve_mention_markers`, in the `body_html` of a stored term document (JSON) and nowhere else."""
    start = document.find(_BODY_HTML_KEY)
    if start < 0:
        return document
    start += len(_BODY_HTML_KEY)
    end = document.find(_AFTER_BODY_HTML, start)
    if end < 0:
        return document
    body = document[start:end]
    if MARKER_TAG not in body:
        return document
    resolved = _MARKER.sub(lambda match: _link_or_text(match, link_of, quote='\\"'), body)
    return document[:start] + resolved + document[end:]


def _link_or_text(match: re.Match, link_of: Callable[[int], str | None], *, quote: str) -> str:
    url = link_of(int(match[1]))
    if url is None:
        return match[2]
    href = html.escape(url)  # page URLs come from settings and slugs
    if quote != '"':  # inside a JSON string
        href = href.replace("\\", "\\\\")
    return f"<a href={quote}{href}{quote}>{match[2]}</a>"


def strip_mention_markers(stored_html: str) -> str:
    """The HTML with every marker replaced by its plain text."""
    return resolve_mention_markers(stored_html, lambda _: None)


# --- The vocabulary of this process -------------------------------------------------------------
# Publication needs every term's names; reading 10,000 terms and their aliases each time would
# slow publishing down, so each process keeps them and reads again only terms saved since (a
# name or alias change saves its term), or everything when terms or aliases were added or removed.


@dataclass
class _KeptVocabulary:
    fingerprint: tuple = ()
    names: dict[int, list[tuple[str, bool]]] = field(default_factory=dict)
    vocabulary: Vocabulary = field(default_factory=Vocabulary)


_kept = _KeptVocabulary()
_lock = threading.Lock()


def _fingerprint() -> tuple:
    """(terms, their highest id, their last save, aliases, their highest id)."""
    terms = Term.objects.order_by().aggregate(count=Count("id"), top=Max("id"), last=Max("updated_at"))
    aliases = TermAlias.objects.order_by().aggregate(count=Count("id"), top=Max("id"))
    return (terms["count"], terms["top"], terms["last"], aliases["count"], aliases["top"])


def _names_of(terms) -> dict[int, list[tuple[str, bool]]]:
    names: dict[int, list[tuple[str, bool]]] = {}
    rows = terms.order_by().values_list("id", "name")
    for term_id, name in rows:
        names[term_id] = [(name, True)]
    aliases = TermAlias.objects.filter(term_id__in=terms.values("id")).order_by("id").values_list("term_id", "name")
    for term_id, alias in aliases:
        names.setdefault(term_id, []).append((alias, False))
    return names


def current_vocabulary() -> Vocabulary:
    """Every term's name and aliases as they are now (working copies), read again only where they changed."""
    global _kept
    fingerprint = _fingerprint()
    with _lock:
        kept = _kept
        if kept.fingerprint == fingerprint:
            return kept.vocabulary
        same_rows = (
            kept.fingerprint and kept.fingerprint[0:2] == fingerprint[0:2] and kept.fingerprint[3:] == fingerprint[3:]
        )
        if (
            same_rows
            and kept.fingerprint[2] is not None
            and fingerprint[2] is not None
            and fingerprint[2] > kept.fingerprint[2]
        ):
            names = dict(kept.names)
            names.update(_names_of(Term.objects.filter(updated_at__gt=kept.fingerprint[2])))
        else:
            names = _names_of(Term.objects.all())
        vocabulary = Vocabulary.of(
            (term_id, name, is_name) for term_id, pairs in names.items() for name, is_name in pairs
        )
        _kept = _KeptVocabulary(fingerprint, names, vocabulary)
        return vocabulary


def forget_vocabulary() -> None:
    """Drop this process's copy of the names (tests, where rolled-back rows may reuse ids)."""
    global _kept
    with _lock:
        _kept = _KeptVocabulary()


def vocabulary_of(term_ids: Iterable[int]) -> Vocabulary:
    """The current names and aliases of the given terms only (to mark a stored version's mentions again)."""
    names = _names_of(Term.objects.filter(pk__in=list(term_ids)))
    return Vocabulary.of((term_id, name, is_name) for term_id, pairs in names.items() for name, is_name in pairs)


def save_mentions(version: TermVersion) -> None:
    """Record the saved version's mentions as rows, indexed on the mentioned term."""
    TermMention.objects.bulk_create(
        TermMention(version=version, term_id=term_id) for term_id in version.mentioned_term_ids
    )


# --- What editors see in the admin -------------------------------------------------------------


def terms_mentioning(*, term_id: int, at: datetime) -> QuerySet[Term]:
    """Terms whose live or scheduled published version mentions this term, by name ("Mentioned in")."""
    versions = TermMention.objects.filter(term_id=term_id).filter(
        Q(version__live_until__isnull=True) | Q(version__live_until__gt=at)
    )
    return Term.objects.filter(pk__in=versions.values("version__term_id")).exclude(pk=term_id).order_by("name")


@dataclass(frozen=True)
class DraftMention:
    """A term the working copy's text mentions, and whether publication would make it a link now."""

    term: Term
    in_explanation: bool  # only the explanation's mentions become links
    live: bool


def draft_mentions(term: Term, *, at: datetime) -> list[DraftMention]:
    """The terms the working copy's explanation and FAQ answers mention, in order of first mention."""
    # References to other items (`term:42`) are links once published: not searched, as then.
    as_links = {"resolve_link": lambda reference: ResolvedLink(url="#")}
    body = render(term.body, **as_links).html
    answers = [render(answer, **as_links).html for answer in term.faqs.values_list("answer", flat=True)]
    vocabulary = current_vocabulary()
    in_body = set(mentioned_term_ids([body], vocabulary, self_id=term.pk))
    ids = mentioned_term_ids([body, *answers], vocabulary, self_id=term.pk)
    terms = Term.objects.in_bulk(ids)
    live = set(TermVersion.objects.live(at=at).filter(term_id__in=ids).values_list("term_id", flat=True))
    return [DraftMention(terms[pk], pk in in_body, pk in live) for pk in ids if pk in terms]
