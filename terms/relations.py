"""Typed relations between terms: their inverses, and the rule that broader terms never loop.

An editor sets a relation on one term (`TermRelation`: broader, narrower, see also) or names
its successor (`Term.successor`, "replaced by"); the other term shows the inverse by itself,
in the admin (from the working copies) and in the API (from live published versions, decided
per request). Nothing stores the inverse, so the two sides can never disagree.
"""

from collections import deque
from collections.abc import Iterable

from django.db.models import Q
from django.utils import timezone

from terms.models import RelatedTerm, RelationType, Term, TermRelation, TermVersion

REPLACED_BY = "replaced_by"
REPLACES = "replaces"

# The `type` values of the API's `relations`, in the order a page lists them.
API_RELATION_TYPES = (
    RelationType.BROADER.value,
    RelationType.NARROWER.value,
    RelationType.SEE_ALSO.value,
    REPLACED_BY,
    REPLACES,
)
TYPE_ORDER = {name: position for position, name in enumerate(API_RELATION_TYPES)}

INVERSE = {
    RelationType.BROADER.value: RelationType.NARROWER.value,
    RelationType.NARROWER.value: RelationType.BROADER.value,
    RelationType.SEE_ALSO.value: RelationType.SEE_ALSO.value,
    REPLACED_BY: REPLACES,
    REPLACES: REPLACED_BY,
}
INVERSE_LABELS = {
    RelationType.BROADER.value: "narrower term",
    RelationType.NARROWER.value: "broader term",
    RelationType.SEE_ALSO.value: "see also",
    REPLACED_BY: "replaces",
}
HIERARCHY = {RelationType.BROADER.value, RelationType.NARROWER.value}


def _upward(term_id: int, relation_type: str, target_id: int) -> tuple[int, int] | None:
    """The relation as an edge from the narrower term to the broader one (None if not hierarchical)."""
    if relation_type == RelationType.BROADER:
        return term_id, target_id
    if relation_type == RelationType.NARROWER:
        return target_id, term_id
    return None


def _hierarchy_edges_of_other_terms(term_id: int | None, *, working_copies: bool) -> set[tuple[int, int]]:
    """Broader/narrower edges set on every other term: in published versions that are live or
    scheduled (a version stays in force until its term is published again) and, with
    `working_copies`, in the editors' working copies too."""
    edges: set[tuple[int, int]] = set()
    others = TermRelation.objects.filter(type__in=HIERARCHY) if working_copies else TermRelation.objects.none()
    if term_id is not None:
        others = others.exclude(term_id=term_id)
    for source, relation_type, target in others.values_list("term_id", "type", "target_id"):
        edges.add(_upward(source, relation_type, target))
    versions = TermVersion.objects.open_or_future(at=timezone.now()).exclude(relations=[]).exclude(term_id=None)
    if term_id is not None:
        versions = versions.exclude(term_id=term_id)
    for source, relations in versions.values_list("term_id", "relations"):
        for relation in relations:
            edge = _upward(source, relation["type"], relation["term_id"])
            if edge is not None:
                edges.add(edge)
    return edges


def broader_cycle(
    *, term_id: int | None, relations: Iterable[tuple[str, int]], working_copies: bool = True
) -> list[int] | None:
    """The term ids of a loop of broader terms that `relations` (set on `term_id`) would close, if any.

    The loop starts and ends at `term_id`, e.g. [a, b, c, a] for "a is narrower than b, b than c,
    c than a". A new term (`term_id` None) has no relations pointing at it yet, so it closes none.
    Other terms' relations count as published (live or scheduled) and, with `working_copies`,
    as saved in their drafts.
    """
    relations = list(relations)
    if term_id is None or not any(relation_type in HIERARCHY for relation_type, _ in relations):
        return None  # only broader/narrower relations of this term can close a loop through it
    upward: dict[int, set[int]] = {}
    for lower, upper in _hierarchy_edges_of_other_terms(term_id, working_copies=working_copies):
        upward.setdefault(lower, set()).add(upper)
    for relation_type, target_id in relations:
        edge = _upward(term_id, relation_type, target_id)
        if edge is not None:
            upward.setdefault(edge[0], set()).add(edge[1])
    # Shortest way up from the term back to itself (breadth first: the loop an editor reads best).
    came_from: dict[int, int | None] = {term_id: None}
    queue = deque([term_id])
    while queue:
        current = queue.popleft()
        for upper in sorted(upward.get(current, ())):
            if upper == term_id:
                path = [current]
                while came_from[path[-1]] is not None:
                    path.append(came_from[path[-1]])
                return [*reversed(path), term_id]
            if upper not in came_from:
                came_from[upper] = current
                queue.append(upper)
    return None


def describe_cycle(term_ids: list[int], *, names: dict[int, str]) -> str:
    """A loop of broader terms as editors read it: "A → B → C → A"."""
    return " → ".join(names.get(term_id, f"#{term_id}") for term_id in term_ids)


def broader_cycle_error(*, term: Term, relations: Iterable[tuple[str, int]], working_copies: bool = True) -> str | None:
    """The message refusing `relations` on `term` when they would close a loop of broader terms."""
    cycle = broader_cycle(term_id=term.pk, relations=list(relations), working_copies=working_copies)
    if cycle is None:
        return None
    names = dict(Term.objects.filter(pk__in=set(cycle)).values_list("pk", "name"))
    names[term.pk] = term.name or names.get(term.pk, "")
    return (
        f"These relations would make a loop of broader terms: {describe_cycle(cycle, names=names)}. "
        "A term cannot be (indirectly) broader than itself; remove or reverse one of them."
    )


def relations_set_elsewhere(term: Term) -> list[tuple[str, Term]]:
    """Relations other terms' working copies set on `term`, as this term sees them: (label, other term)."""
    shown: list[tuple[str, Term]] = [
        (INVERSE_LABELS[relation.type], relation.term)
        for relation in TermRelation.objects.filter(target=term).select_related("term").order_by("type", "term__name")
    ]
    shown += [(INVERSE_LABELS[REPLACED_BY], other) for other in Term.objects.filter(successor=term).order_by("name")]
    return shown


def related_from_elsewhere(term: Term) -> list[RelatedTerm]:
    """Other terms' working copies that list `term` as related (the link `other → term`), by their name."""
    return list(RelatedTerm.objects.filter(related=term).select_related("term").order_by("term__name", "term_id"))


def published_relations(term: Term) -> list[dict]:
    """The typed relations set on the working copy, as a published version stores them: [{type, term_id}]."""
    return [
        {"type": relation_type, "term_id": target_id}
        for relation_type, target_id in term.relations.order_by("type", "id").values_list("type", "target_id")
    ]


def inverse_edges(rows: Iterable[dict]) -> dict[int, list[tuple[str, int]]]:
    """From live versions' `term_id`, `relations` and `replaced_by_term_id`: what each target shows by itself.

    Returns, by target term id, `(type, term id)` pairs with the inverse type, e.g. a version of
    A saying "broader: B" gives B `("narrower", A)`.
    """
    by_target: dict[int, list[tuple[str, int]]] = {}
    for row in rows:
        for relation in row["relations"]:
            by_target.setdefault(relation["term_id"], []).append((INVERSE[relation["type"]], row["term_id"]))
        if row["replaced_by_term_id"] is not None:
            by_target.setdefault(row["replaced_by_term_id"], []).append((REPLACES, row["term_id"]))
    return by_target


NOT_EMPTY = ~Q(relations=[]) | Q(replaced_by_term_id__isnull=False)
