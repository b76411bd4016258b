"""Rank candidate FAQs (and term definitions) for a reader's question: pure functions, no database.

The score of an FAQ is an F-measure of two word overlaps, on Snowball stems with
function words left out:
- coverage: how much of the reader's question the FAQ has, a word counting 1 in the FAQ's
  question, 0.9 in its term's name or aliases, 0.4 in its answer (PostgreSQL's `ts_rank`
  weights A and B, question above answer);
- precision: how much of the FAQ's question the reader asked (the page's term counts as
  asked on its own page: "what size should I use?" on Chunking).
Words common to every AI question count half. A reader word found nowhere is read as
the closest known word within one edit (two for longer words: transpositions count
one), at 0.9 of its weight. The page term's own FAQs are then raised by 15%, its related
terms' by 7%: on an equal match the page's own answer comes first, then its related
terms', then other terms' and site-wide ones.

"What is X?" for a live term X gets X's quick definition as an answer scored
`DEFINITION_SCORE`: above every FAQ that is not itself almost exactly that question.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from django.utils.html import format_html

from answers.selectors import FaqRow, TermRow
from answers.text import STOPWORDS, content_stems, normalise_question, stem, stem_weight, words

QUESTION_MATCH, NAME_MATCH, ANSWER_MATCH = 1.0, 0.9, 0.4
CORRECTED_WEIGHT = 0.9
PAGE_TERM_BOOST, RELATED_TERM_BOOST = 1.15, 1.07
DEFINITION_SCORE = 0.95
MAX_MATCHED_TERMS = 5

_DEFINITION = re.compile(
    r"^(?:what(?:'s| is| are)|whats|define|definition of|meaning of|what does|what do)\s+"
    r"(?:(?:an?|the)\s+)?(?P<subject>.+?)(?:\s+(?:mean|stand for))?$"
)


@dataclass(frozen=True)
class Answer:
    """One answer: an FAQ (`faq_id`; None for a term's definition), with its score and where it comes from."""

    faq_id: int | None
    question: str
    answer_html: str
    answer_text: str
    score: float
    source: str  # "term" | "related" | "site"
    term: dict | None  # {slug, name}


@dataclass(frozen=True)
class Ranking:
    answers: list[Answer]  # best first, every one at or above the threshold
    matched_terms: list[TermRow]
    follow_ups: list[str]

    @property
    def answered(self) -> bool:
        return bool(self.answers)


def osa_distance(a: str, b: str, *, limit: int) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) from `a` to `b`; `limit + 1` once past `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def allowed_edits(word: str) -> int:
    return 0 if len(word) < 4 else 1 if len(word) <= 5 else 2


def _shared_prefix(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


def closest(word: str, known: Iterable[str]) -> str | None:
    """The known word nearest to `word` within its allowed edits, or None.

    Ties go to the word sharing the longer beginning (misspellings rarely start wrong),
    then to the alphabetically first: the same answer in every process.
    """
    limit = allowed_edits(word)
    if not limit:
        return None
    best: tuple[int, int, str] | None = None
    for candidate in known:
        if abs(len(candidate) - len(word)) > limit:
            continue
        distance = osa_distance(word, candidate, limit=limit)
        if distance > limit:
            continue
        key = (distance, -_shared_prefix(word, candidate), candidate)
        if best is None or key < best:
            best = key
    return best[2] if best else None


@lru_cache(maxsize=8192)
def _stems(text: str) -> frozenset[str]:
    """Content stems of a text, with hyphenated words also joined ("fine-tuning": fine, tune, finetun)."""
    found = set(content_stems(text))
    found.update(stem(part.replace("-", "")) for part in re.findall(r"\w+(?:-\w+)+", text.lower()))
    return frozenset(found)


@lru_cache(maxsize=8192)
def _question_stems(text: str) -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """A question's content stems (parts only), and each hyphenated word's joined stem with its parts."""
    compounds = {
        stem(part.replace("-", "")): frozenset(content_stems(part))
        for part in re.findall(r"\w+(?:-\w+)+", text.lower())
    }
    return frozenset(content_stems(text)), compounds


@lru_cache(maxsize=8192)
def _name_stems(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset().union(*(_stems(name) for name in names))


@lru_cache(maxsize=2048)
def _faq_stems(question: str, answer_text: str, names: tuple[str, ...]) -> frozenset[str]:
    """Every stem of an FAQ a reader's word may be read as: its question's, its answer's, its term's names'."""
    return _stems(question) | _stems(answer_text) | _name_stems(names)


@lru_cache(maxsize=8192)
def _names_words(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(word for name in names for word in words(name))


@dataclass(frozen=True)
class ReaderQuestion:
    text: str  # normalised
    weights: dict[str, float]  # stem -> weight (corrected misspellings weigh less)
    words: frozenset[str]  # the reader's words, misspellings corrected against the candidates' words


def read_question(question: str, *, faqs: list[FaqRow], terms: list[TermRow]) -> ReaderQuestion:
    """The reader's question as stems and words, misspellings read as the closest known word."""
    text = normalise_question(question)
    known_stems: set[str] = set()
    known_words: set[str] = set()
    for faq in faqs:
        known_stems.update(_faq_stems(faq.question, faq.answer_text, (faq.term_name or "", *faq.term_aliases)))
    for term in terms:
        names = (term.name, *term.aliases)
        known_stems.update(_name_stems(names))
        known_words.update(_names_words(names))
    weights: dict[str, float] = {}
    for word in dict.fromkeys(w for w in words(text) if w not in STOPWORDS):
        stemmed = stem(word)
        if stemmed in known_stems:
            weights.setdefault(stemmed, stem_weight(stemmed))
            continue
        corrected = closest(stemmed, known_stems)
        if corrected is not None:
            weights.setdefault(corrected, stem_weight(corrected) * CORRECTED_WEIGHT)
        else:
            weights.setdefault(stemmed, stem_weight(stemmed))
    reader_words = set(words(text))
    for word in list(reader_words):
        if word not in known_words and word not in STOPWORDS:
            corrected_word = closest(word, known_words)
            if corrected_word is not None:
                reader_words.add(corrected_word)
    return ReaderQuestion(text=text, weights=weights, words=frozenset(reader_words))


def _singular(word: str) -> set[str]:
    forms = {word}
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    if word.endswith("es"):
        forms.add(word[:-2])
    if word.endswith("s"):
        forms.add(word[:-1])
    return forms


def names_term(reader_words: frozenset[str], name: str) -> bool:
    """Whether every word of `name` (a term's name or alias) is among the reader's words, plural or not."""
    name_words = _content_words_of_name(name)
    if not name_words:
        return False
    said = _said(reader_words)
    return all(word in said for word in name_words)


@lru_cache(maxsize=8192)
def _content_words_of_name(name: str) -> tuple[str, ...]:
    return tuple(word for word in words(name) if word not in STOPWORDS)


@lru_cache(maxsize=256)
def _said(reader_words: frozenset[str]) -> frozenset[str]:
    """The reader's words and their singular forms."""
    return frozenset().union(reader_words, *(_singular(word) for word in reader_words))


def named_terms(reader: ReaderQuestion, terms: list[TermRow]) -> list[TermRow]:
    """The live terms the question names, longest name first."""
    named = [term for term in terms if any(names_term(reader.words, name) for name in (term.name, *term.aliases))]
    named.sort(key=lambda term: (-len(words(term.name)), term.name.lower()))
    return named[:MAX_MATCHED_TERMS]


def defined_term(reader: ReaderQuestion, terms: list[TermRow]) -> TermRow | None:
    """The live term a "what is X?" question asks about, if X is one by name or alias."""
    match = _DEFINITION.match(reader.text)
    if match is None:
        return None
    subject = match["subject"].strip()
    subject_words = [word for word in words(subject) if word not in STOPWORDS]
    if not subject_words:
        return None
    subject_forms = [_singular(word) for word in subject_words]
    for term in terms:
        for name in (term.name, *term.aliases):
            name_words = [word for word in words(name) if word not in STOPWORDS]
            if len(name_words) == len(subject_words) and all(
                name_word in forms or closest(said, [name_word]) is not None
                for name_word, said, forms in zip(name_words, subject_words, subject_forms, strict=True)
            ):
                return term
    return None


def faq_score(reader: ReaderQuestion, faq: FaqRow, *, page: TermRow | None) -> float:
    """How well `faq` answers the reader's question, 0 to 1, before the page's boost."""
    question_stems, compounds = _question_stems(faq.question)
    name_stems = _name_stems((faq.term_name, *faq.term_aliases)) if faq.term_name else frozenset()
    answer_stems = _stems(faq.answer_text)
    asked = reader.weights
    total = sum(asked.values())
    if not total or not question_stems:
        return 0.0
    covered = 0.0
    for stem_, weight in asked.items():
        if stem_ in question_stems or stem_ in compounds:
            covered += weight * QUESTION_MATCH
        elif stem_ in name_stems:
            covered += weight * NAME_MATCH
        elif stem_ in answer_stems:
            covered += weight * ANSWER_MATCH
    coverage = covered / total
    implied = set(asked)
    for joined, parts in compounds.items():
        if joined in asked:
            implied |= parts
    if page is not None and faq.term_id == page.term_id:
        implied |= name_stems
    question_weight = sum(stem_weight(stem_) for stem_ in question_stems)
    precision = sum(stem_weight(stem_) for stem_ in question_stems if stem_ in implied) / question_weight
    if not coverage or not precision:
        return 0.0
    return 2 * coverage * precision / (coverage + precision)


def _source(term_id: int | None, page: TermRow | None) -> str:
    if term_id is None:
        return "site"
    return "term" if page is None or term_id == page.term_id else "related"


def rank(
    question: str,
    *,
    page: TermRow | None,
    faqs: list[FaqRow],
    terms: list[TermRow],
    threshold: float,
    limit: int,
    follow_ups: int,
) -> Ranking:
    """The best answers at or above `threshold` (at most `limit`), the terms named, and follow-up questions."""
    reader = read_question(question, faqs=faqs, terms=terms)
    matched = named_terms(reader, terms)
    related = set(page.related_term_ids) if page else set()
    scored: list[tuple[float, int, Answer]] = []
    for position, faq in enumerate(faqs):
        score = faq_score(reader, faq, page=page)
        if page is not None and faq.term_id == page.term_id:
            score *= PAGE_TERM_BOOST
        elif faq.term_id in related:
            score *= RELATED_TERM_BOOST
        score = min(score, 1.0)
        if score < threshold:
            continue
        term = {"slug": faq.term_slug, "name": faq.term_name} if faq.term_id else None
        answer = Answer(
            faq.faq_id,
            faq.question,
            faq.answer_html,
            faq.answer_text,
            round(score, 3),
            _source(faq.term_id, page),
            term,
        )
        scored.append((score, position, answer))
    defined = defined_term(reader, terms)
    if defined is not None and threshold <= DEFINITION_SCORE:
        definition = Answer(
            faq_id=None,
            question=f"What is {defined.name}?",
            answer_html=format_html("<p>{}</p>", defined.short_definition),
            answer_text=defined.short_definition,
            score=DEFINITION_SCORE,
            source=_source(defined.term_id, page),
            term={"slug": defined.slug, "name": defined.name},
        )
        scored.append((DEFINITION_SCORE, -1, definition))
    scored.sort(key=lambda item: (-item[0], item[1]))
    answers: list[Answer] = []
    for _, _, answer in scored:
        # Two terms may hold the same question: the reader gets it once, from the better match.
        if len(answers) < limit and all(
            normalise_question(answer.question) != normalise_question(given.question) for given in answers
        ):
            answers.append(answer)
    return Ranking(
        answers=answers, matched_terms=matched, follow_ups=_follow_ups(page, matched, faqs, answers, reader, follow_ups)
    )


def _follow_ups(
    page: TermRow | None,
    matched: list[TermRow],
    faqs: list[FaqRow],
    answers: list[Answer],
    reader: ReaderQuestion,
    limit: int,
) -> list[str]:
    """Other questions of the page's term (or, without a page, of the first term named), editor's order."""
    subject = page or (matched[0] if matched else None)
    if subject is None:
        return []
    given = {answer.question for answer in answers} | {reader.text}
    own = sorted((faq for faq in faqs if faq.term_id == subject.term_id), key=lambda faq: (faq.order, faq.faq_id or 0))
    return [
        faq.question for faq in own if faq.question not in given and normalise_question(faq.question) != reader.text
    ][:limit]
