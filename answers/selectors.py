"""Reads for answering a reader's question: live FAQs and live terms only.

Every read starts from the content apps' `live(at=...)` querysets, so a draft, a
withdrawn term's FAQs or a scheduled FAQ not yet live is never a candidate. FAQs of
comparisons are left out: an answer names a term or nothing (`source` is term, related
or site).

Candidate terms are chosen in memory (answers/term_index.py) and read here by id, with
the page term, in one read. PostgreSQL narrows the candidate FAQs with full-text search
(the stored, weighted documents: question A, answer B; Snowball English stems) ranked by
`ts_rank`, and with pg_trgm trigram similarity for misspelt words (indexes:
answers/0002); FAQs of the page term, its related terms and the terms the question names
are always candidates. SQLite has neither, so there every live FAQ is a candidate (one
read): a portable fallback for local use, linear in the size of the glossary.
"""

import json
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import BooleanField, Case, F, Func, IntegerField, Q, Value, When

from faqs.models import PublishedFAQ
from faqs.search import SEARCH_CONFIG
from publishing.compiled import CompiledRead
from terms.models import TermVersion

# Candidates (the scorer ranks them all; the rest cannot reach the top 3). FAQs: PostgreSQL only.
FAQ_CANDIDATES = 80
TERM_CANDIDATES = 30
# Reader words used in the full-text and trigram conditions (a question has few; this bounds the SQL).
MAX_QUERY_WORDS = 12
# Fewer FAQs than this with every word of the question: look at FAQs with any of its words.
ENOUGH_MATCHES = 20
ANY_WORD_SCAN = 2000


@dataclass(frozen=True)
class TermRow:
    """A live term as the ranking sees it, with its public summary (the shape lists use)."""

    term_id: int
    slug: str
    name: str
    aliases: tuple[str, ...]
    short_definition: str
    related_term_ids: tuple[int, ...]
    stored_summary: str = field(compare=False, repr=False)  # the summary document stored at publication (JSON)
    category: dict | None = field(compare=False, default=None)

    @property
    def summary(self) -> dict:
        """The public summary, with its category: parsed only for the terms an answer names."""
        return {**json.loads(self.stored_summary), "category": self.category}


@dataclass(frozen=True)
class FaqRow:
    """A live FAQ of a term (`term_id` set) or a site-wide one (`term_id` None)."""

    faq_id: int | None
    question: str
    answer_html: str
    answer_text: str
    order: int
    term_id: int | None
    term_slug: str | None
    term_name: str | None
    term_aliases: tuple[str, ...]


TERM_COLUMNS = (
    "term_id",
    "slug",
    "name",
    "aliases",
    "short_definition",
    "related_term_ids",
    "summary_document",
    "category__slug",
    "category__name",
)
FAQ_COLUMNS = (
    "faq_id",
    "question",
    "answer_html",
    "answer_text",
    "order",
    "term_version__term_id",
    "term_version__slug",
    "term_version__name",
    "term_version__aliases",
)


def _term_row(row: dict) -> TermRow:
    category = {"slug": row["category__slug"], "name": row["category__name"]} if row["category__slug"] else None
    return TermRow(
        term_id=row["term_id"],
        slug=row["slug"],
        name=row["name"],
        aliases=tuple(row["aliases"] or ()),
        short_definition=row["short_definition"],
        related_term_ids=tuple(row["related_term_ids"] or ()),
        stored_summary=row["summary_document"],
        category=category,
    )


def _faq_row(row: dict) -> FaqRow:
    return FaqRow(
        faq_id=row["faq_id"],
        question=row["question"],
        answer_html=row["answer_html"],
        answer_text=row["answer_text"],
        order=row["order"],
        term_id=row["term_version__term_id"],
        term_slug=row["term_version__slug"],
        term_name=row["term_version__name"],
        term_aliases=tuple(row["term_version__aliases"] or ()),
    )


def _live_terms(*, at: datetime, slug: str | None = None, term_ids: list[int] | None = None):
    """Live terms with `slug` or among `term_ids`, as TERM_COLUMNS rows."""
    wanted = Q(pk__in=[])
    if slug is not None:
        wanted |= Q(slug=slug)
    if term_ids is not None:
        wanted |= Q(term_id__in=term_ids)
    return TermVersion.objects.live(at=at).filter(wanted).order_by().values(*TERM_COLUMNS)


# Built and compiled once per process and argument shape (publishing/compiled.py): building
# these querysets cost Django more than PostgreSQL spends answering them.
_LIVE_TERMS = CompiledRead(_live_terms)


def live_term_by_slug(*, slug: str, at: datetime) -> TermRow | None:
    """The live term published under `slug`, or under a slug it was renamed from (one or two reads)."""
    rows = _LIVE_TERMS.rows(at=at, slug=slug)
    if not rows:
        from terms.selectors import redirect_for_term_slug

        target = redirect_for_term_slug(slug=slug, at=at)
        if target is None:
            return None
        # Rare (an old slug): not worth a compiled read.
        row = TermVersion.objects.live(at=at).filter(pk=target.pk).values(*TERM_COLUMNS).first()
        return _term_row(row) if row else None
    return _term_row(rows[0])


def live_terms_for_ask(
    *, page_slug: str | None, term_ids: list[int], at: datetime
) -> tuple[TermRow | None, list[TermRow]]:
    """The live page term (by slug, or a slug it was renamed from) and the live terms of `term_ids`, in that order.

    One read for both (a renamed page's old slug takes one or two more); a term of
    `term_ids` that is not live at `at` is left out.
    """
    arguments = ({"slug": page_slug} if page_slug else {}) | ({"term_ids": term_ids} if term_ids else {})
    rows = _LIVE_TERMS.rows(at=at, **arguments) if arguments else []
    page_row = next((row for row in rows if page_slug and row["slug"] == page_slug), None)
    by_id = {row["term_id"]: row for row in rows}
    terms = [_term_row(by_id[term_id]) for term_id in term_ids if term_id in by_id]
    if page_slug and page_row is None:
        return live_term_by_slug(slug=page_slug, at=at), terms
    return (_term_row(page_row) if page_row else None), terms


def _live_faqs(at: datetime):
    """Live FAQs of live terms and live site-wide FAQs (comparisons' FAQs are not answers)."""
    return PublishedFAQ.objects.live(at=at).filter(comparison_version__isnull=True)


class TrigramSimilar(Func):
    """`column % text` (pg_trgm): similarity above `pg_trgm.similarity_threshold`, answered by a GIN index."""

    output_field = BooleanField()
    arg_joiner = " %% "
    template = "(%(expressions)s)"


def _every_word(words: list[str]) -> str | None:
    """`words` as one argument of `plainto_tsquery`: every one of them, stemmed; PostgreSQL drops stopwords."""
    return " ".join(words[:MAX_QUERY_WORDS]) or None


def _any_word(words: list[str]) -> str | None:
    """`words` as one argument of `to_tsquery`: any one of them (they are letters and digits only)."""
    return " | ".join(words[:MAX_QUERY_WORDS]) or None


@dataclass(frozen=True)
class FaqCandidates:
    rows: list[FaqRow]
    complete: bool  # False: FAQs with only some of the question's words were not looked at yet


def candidate_faqs(*, question: str, words: list[str], term_ids: list[int], at: datetime) -> FaqCandidates:
    """Live FAQs that may answer `question`; every FAQ of `term_ids` is among them.

    On PostgreSQL these are the FAQs with every word of the question and those of
    `term_ids`, best `ts_rank` first, each found through its own index and united before
    the live filter (OR-ed in one WHERE, PostgreSQL would test every published FAQ). When
    few have every word, the candidates are not `complete`, and `more_candidate_faqs` adds
    those with any word and those with a similar question (trigrams, for misspellings).
    On SQLite, every live FAQ (complete).
    """
    if connection.vendor != "postgresql":
        return FaqCandidates([_faq_row(row) for row in _EVERY_LIVE_FAQ.rows(at=at)], complete=True)
    every_word = _every_word(words)
    arguments = ({"every_word": every_word} if every_word else {}) | ({"term_ids": term_ids} if term_ids else {})
    if not arguments:
        return FaqCandidates([], complete=False)
    found = _FAQS_WITH_EVERY_WORD_OR_OF_TERMS.rows(at=at, **arguments)
    matches = sum(1 for row in found if not row.pop("interest"))
    return FaqCandidates([_faq_row(row) for row in found], complete=matches >= ENOUGH_MATCHES)


def more_candidate_faqs(*, question: str, words: list[str], found: FaqCandidates, at: datetime) -> list[FaqRow]:
    """FAQs with any word of the question or a similar question, not in `found` (PostgreSQL, when not complete).

    Ranking every FAQ that has one common word would read most of a large glossary, so
    only the first `ANY_WORD_SCAN` such matches are ranked; similar questions (pg_trgm)
    catch misspelt words that full text cannot.
    """
    if found.complete:
        return []
    any_word = _any_word(words)
    more = _FAQS_WITH_ANY_WORD_OR_SIMILAR.rows(at=at, question=question, **({"any_word": any_word} if any_word else {}))
    seen = {row.faq_id for row in found.rows}
    return [_faq_row(row) for row in more if row["faq_id"] not in seen]


def _faqs_with_every_word_or_of_terms(
    *, at: datetime, every_word: str | None = None, term_ids: list[int] | None = None
):
    query = SearchQuery(every_word, config=SEARCH_CONFIG) if every_word is not None else None
    ways = []
    if query is not None:
        ways.append(PublishedFAQ.objects.filter(search_document=query).order_by().values("id"))
    if term_ids is not None:
        ways.append(PublishedFAQ.objects.filter(term_version__term_id__in=term_ids).order_by().values("id"))
    candidates = ways[0].union(*ways[1:]) if len(ways) > 1 else ways[0]
    of_interest = Q(term_version__term_id__in=term_ids) if term_ids is not None else Q(pk__in=[])
    return _ranked(_live_faqs(at).filter(pk__in=candidates), query, of_interest)


def _faqs_with_any_word_or_similar(*, at: datetime, question: str, any_word: str | None = None):
    live = _live_faqs(at)
    query = SearchQuery(any_word, search_type="raw", config=SEARCH_CONFIG) if any_word is not None else None
    similar = PublishedFAQ.objects.filter(TrigramSimilar(F("question"), Value(question))).order_by().values("id")
    wanted = Q(pk__in=similar)
    if query is not None:
        wanted |= Q(id__in=live.filter(search_document=query).order_by().values("id")[:ANY_WORD_SCAN])
    return _ranked(live.filter(wanted), query, Q(pk__in=[]))


def _ranked(faqs, query: SearchQuery | None, of_interest: Q):
    """`faqs` as FAQ_COLUMNS rows with `interest`: those of the terms of interest first, then best `ts_rank`."""
    rank = SearchRank(F("search_document"), query) if query is not None else Value(0.0)
    return (
        faqs.annotate(
            interest=Case(When(of_interest, then=Value(1)), default=Value(0), output_field=IntegerField()),
            rank=rank,
        )
        .order_by("-interest", "-rank", "id")
        .values(*FAQ_COLUMNS, "interest")[:FAQ_CANDIDATES]
    )


_EVERY_LIVE_FAQ = CompiledRead(lambda at: _live_faqs(at).values(*FAQ_COLUMNS))
_FAQS_WITH_EVERY_WORD_OR_OF_TERMS = CompiledRead(_faqs_with_every_word_or_of_terms)
_FAQS_WITH_ANY_WORD_OR_SIMILAR = CompiledRead(_faqs_with_any_word_or_similar)
