"""How alike two definitions are: pg_trgm's trigram similarity, in the database or in Python.

On PostgreSQL the pg_trgm extension (health/migrations) compares every pair of
definitions in one self-join that its trigram index serves. Elsewhere `similarity()`
below computes the same measure (shared trigrams over all trigrams of the two texts,
words lower-cased and padded as pg_trgm pads them), so one threshold setting means the
same on both databases.
"""

import re
from itertools import combinations

from django.db import connection, transaction

from terms.models import ReviewState, Term

_WORD = re.compile(r"[^\W_]+")
_SPACES = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[\W_]+")


def normalised(text: str) -> str:
    """Lower case, punctuation dropped, spaces collapsed: two texts equal by this are duplicates."""
    return _SPACES.sub(" ", _NOT_WORD.sub(" ", text.lower())).strip()


def trigrams(text: str) -> frozenset[str]:
    """pg_trgm's trigrams: each lower-cased word padded with two spaces before and one after."""
    grams: set[str] = set()
    for word in _WORD.findall(text.lower()):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return frozenset(grams)


def similarity(a: str, b: str) -> float:
    return _jaccard(trigrams(a), trigrams(b))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


def similar_definition_pairs(texts: dict[int, str], *, threshold: float) -> list[tuple[int, int, float]]:
    """(id, other id, similarity) of the given terms' definitions at or above `threshold`; id < other id.

    On PostgreSQL this asks the database (one query over the not archived terms, which is what
    `texts` holds); elsewhere it compares every pair in Python, skipping pairs whose sizes alone
    rule the threshold out.
    """
    if connection.vendor == "postgresql":
        return [(a, b, score) for a, b, score in _pg_pairs(threshold=threshold) if a in texts and b in texts]
    grams = {pk: trigrams(text) for pk, text in texts.items()}
    pairs = []
    for (a, grams_a), (b, grams_b) in combinations(sorted(grams.items()), 2):
        small, large = sorted((len(grams_a), len(grams_b)))
        if not small or small / large < threshold:  # similarity ≤ |small| / |large|
            continue
        score = _jaccard(grams_a, grams_b)
        if score >= threshold:
            pairs.append((a, b, score))
    return pairs


def _pg_pairs(*, threshold: float) -> list[tuple[int, int, float]]:
    table = connection.ops.quote_name(Term._meta.db_table)
    # `%` is the indexable "similar enough" operator; its threshold is a setting, set for this
    # transaction only. similarity() then gives the exact score.
    sql = f"""
        SELECT a.id, b.id, similarity(a.short_definition, b.short_definition)
        FROM {table} a JOIN {table} b ON a.id < b.id AND a.short_definition %% b.short_definition
        WHERE a.review_state <> %s AND b.review_state <> %s
        ORDER BY a.id, b.id
    """  # noqa: S608 -- the table name comes from the model, quoted; values are parameters
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [str(threshold)])
        cursor.execute(sql, [ReviewState.ARCHIVED, ReviewState.ARCHIVED])
        return [(a, b, float(score)) for a, b, score in cursor.fetchall()]
