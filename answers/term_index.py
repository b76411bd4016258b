"""Which live terms a question may name, found in memory: each process's index of live term names.

Every ask looks for the terms its question names (by a name or alias word, or a misspelt
name). Asked of PostgreSQL, that was full text on the heading documents OR-ed with a trigram
match per word, about 20 ms on 10,000 terms, on every ask. Instead each process keeps the
words and trigrams of every live term's name and aliases, read in one query per content
generation and timeline span (the key `api/documents.py` uses for its per-generation facts):
exact across processes, because every change to live content moves the content clock
(publishing/clock.py), and a scheduled publication or withdrawal starts a new timeline span.

The index only chooses term ids: their rows are then read with the live rule
(`TermVersion.objects.live`), so a term that is not live at the ask's instant is never a
candidate, whatever the index holds.

Matching follows what PostgreSQL did, on both databases: a term is a candidate when a stem
of the question is a stem of its name or an alias (Snowball English, as PostgreSQL's
`english` configuration), or when a question word of 4 letters or more has pg_trgm's
similarity to its name (shared trigrams over all trigrams) of at least `TRIGRAM_THRESHOLD`.
Candidates are ordered like `ts_rank` on the headings: a matched stem counts 1 in the name
and 0.4 in an alias only, names found only by trigrams come last (so they are looked for only
while stem matches leave room), and ties go to the older version.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from itertools import chain

from answers.text import stem, words
from health.similarity import trigrams
from publishing.clock import ClockReading
from terms.models import TermVersion

# pg_trgm's default `pg_trgm.similarity_threshold`, which the `%` operator used.
TRIGRAM_THRESHOLD = 0.3
MIN_TRIGRAM_WORD = 4
MAX_QUERY_WORDS = 12
NAME_WEIGHT, ALIAS_WEIGHT = 1.0, 0.4


@dataclass(frozen=True, slots=True)
class TermNameIndex:
    """Stems and trigrams of the names and aliases of the terms live at one instant."""

    order: dict[int, int]  # term id -> its live version's id (the tie-break)
    by_name_stem: dict[str, tuple[int, ...]]
    by_alias_stem: dict[str, tuple[int, ...]]  # terms whose aliases, not their name, have the stem
    by_trigram: dict[str, tuple[int, ...]]  # name trigrams
    trigram_counts: dict[int, int]  # term id -> how many distinct trigrams its name has

    def candidates(self, question_words: list[str], *, limit: int) -> list[int]:
        """Ids of the terms the words may name, best first (at most `limit`)."""
        scores: dict[int, float] = {}
        for stem_ in dict.fromkeys(stem(word) for word in question_words[:MAX_QUERY_WORDS]):
            for term_id in self.by_name_stem.get(stem_, ()):
                scores[term_id] = scores.get(term_id, 0.0) + NAME_WEIGHT
            for term_id in self.by_alias_stem.get(stem_, ()):
                scores[term_id] = scores.get(term_id, 0.0) + ALIAS_WEIGHT
        order = self.order
        best = sorted(scores, key=lambda term_id: (-scores[term_id], order[term_id]))[:limit]
        if len(best) == limit:
            # Names found only by trigrams score 0 and come after every stem match: none would be kept.
            return best
        similar: set[int] = set()
        for word in [word for word in question_words if len(word) >= MIN_TRIGRAM_WORD][:MAX_QUERY_WORDS]:
            similar.update(self.similar_names(word))
        return best + sorted(similar - scores.keys(), key=order.__getitem__)[: limit - len(best)]

    def similar_names(self, word: str) -> list[int]:
        """Ids of the terms whose name pg_trgm's `name % word` would match (similarity at least the threshold)."""
        grams = trigrams(word)
        if not grams:
            return []
        shared = Counter(chain.from_iterable(self.by_trigram.get(gram, ()) for gram in grams))
        counts = self.trigram_counts
        return [
            term_id
            for term_id, common in shared.items()
            if common / (len(grams) + counts[term_id] - common) >= TRIGRAM_THRESHOLD
        ]


def build_term_name_index(*, at: datetime) -> TermNameIndex:
    """The index of the terms live at `at` (one read of their ids, names and aliases)."""
    rows = TermVersion.objects.live(at=at).values_list("id", "term_id", "name", "aliases")
    order: dict[int, int] = {}
    by_name_stem: dict[str, list[int]] = {}
    by_alias_stem: dict[str, list[int]] = {}
    by_trigram: dict[str, list[int]] = {}
    trigram_counts: dict[int, int] = {}
    for version_id, term_id, name, aliases in rows:
        order[term_id] = version_id
        name_stems = {stem(word) for word in words(name)}
        for stem_ in name_stems:
            by_name_stem.setdefault(stem_, []).append(term_id)
        for stem_ in {stem(word) for alias in aliases or () for word in words(alias)} - name_stems:
            by_alias_stem.setdefault(stem_, []).append(term_id)
        grams = frozenset().union(*(_trigrams_of_word(word) for word in name.lower().split()))
        trigram_counts[term_id] = len(grams)
        for gram in grams:
            by_trigram.setdefault(gram, []).append(term_id)
    return TermNameIndex(
        order=order,
        by_name_stem=_frozen(by_name_stem),
        by_alias_stem=_frozen(by_alias_stem),
        by_trigram=_frozen(by_trigram),
        trigram_counts=trigram_counts,
    )


@lru_cache(maxsize=65536)
def _trigrams_of_word(word: str) -> frozenset[str]:
    # Names share most of their words: each word's trigrams are worked out once, their union is the name's.
    return trigrams(word)


def _frozen(postings: dict[str, list[int]]) -> dict[str, tuple[int, ...]]:
    return {key: tuple(ids) for key, ids in postings.items()}


# This process's index: (key, index), the key being the content generation and timeline span it was read at.
_kept: list[tuple[tuple, TermNameIndex]] = []


def term_name_index(clock: ClockReading) -> TermNameIndex:
    """The index of the terms live at `clock.at`, read once per content generation and timeline span."""
    key = (clock.generation, clock.timeline.last_change)
    if clock.generation == 0:  # no clock row yet: nothing to key on
        return build_term_name_index(at=clock.at)
    if _kept and _kept[0][0] == key:
        return _kept[0][1]
    index = build_term_name_index(at=clock.at)
    _kept[:] = [(key, index)]
    return index


def forget_term_name_index() -> None:
    """Drop this process's index (tests: their rolled-back transactions reuse generation numbers)."""
    _kept.clear()
