"""Whole-item history: what an edit saved besides the item's own fields, compared and restored.

Each part is read and written by a pair of small functions; a part's rows are matched by
id when restored (FAQs and points keep their identity, so published copies still point at
them), rows added since are removed, and rows removed since come back.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType

from editorial.models import EditSnapshot
from faqs.models import FAQ
from publishing.audit import current_history_id
from terms.models import Comparison, ComparisonPoint, RelatedTerm, Term, TermAlias, TermRelation

Item = Term | Comparison


@dataclass(frozen=True)
class Part:
    label: str
    read: Callable[[Item], list[dict]]
    write: Callable[[Item, list[dict]], None]
    describe: Callable[[dict], str]


def _faq_rows(item: Item) -> list[dict]:
    return [
        {"id": faq.pk, "question": faq.question, "answer": faq.answer, "order": faq.order,
         "suggested_in_widget": faq.suggested_in_widget}
        for faq in item.faqs.order_by("order", "id")
    ]  # fmt: skip


def _write_faqs(item: Item, rows: list[dict]) -> None:
    owner = {"term": item} if isinstance(item, Term) else {"comparison": item}
    _write_by_id(FAQ.objects.filter(**owner), FAQ, rows, owner)


def _point_rows(item: Comparison) -> list[dict]:
    return [
        {"id": point.pk, "aspect": point.aspect, "term_a_text": point.term_a_text,
         "term_b_text": point.term_b_text, "order": point.order}
        for point in item.points.order_by("order", "id")
    ]  # fmt: skip


def _write_points(item: Comparison, rows: list[dict]) -> None:
    _write_by_id(item.points.all(), ComparisonPoint, rows, {"comparison": item})


def _write_by_id(current, model, rows: list[dict], owner: dict) -> None:
    kept = {row["id"] for row in rows}
    current.exclude(pk__in=kept).delete()
    existing = set(current.values_list("pk", flat=True))
    for row in rows:
        values = {key: value for key, value in row.items() if key != "id"}
        instance = model.objects.get(pk=row["id"]) if row["id"] in existing else model(**owner)
        for field, value in values.items():
            setattr(instance, field, value)
        instance.full_clean(exclude=[*owner])
        instance.save()


def _alias_rows(term: Term) -> list[dict]:
    return [{"name": alias.name} for alias in term.aliases.order_by("id")]


def _write_aliases(term: Term, rows: list[dict]) -> None:
    names = [row["name"] for row in rows]
    term.aliases.exclude(name__in=names).delete()
    present = set(term.aliases.values_list("name", flat=True))
    TermAlias.objects.bulk_create([TermAlias(term=term, name=name) for name in names if name not in present])


def _related_rows(term: Term) -> list[dict]:
    # "show_on_both" only when set, so edits kept before the flag existed compare equal.
    return [
        {"related_id": link.related_id, "name": link.related.name, "order": link.order}
        | ({"show_on_both": True} if link.show_on_both else {})
        for link in term.related_links.select_related("related").order_by("order", "id")
    ]


def _write_related(term: Term, rows: list[dict]) -> None:
    still_there = set(Term.objects.filter(pk__in=[row["related_id"] for row in rows]).values_list("pk", flat=True))
    term.related_links.all().delete()
    RelatedTerm.objects.bulk_create(
        [
            RelatedTerm(
                term=term,
                related_id=row["related_id"],
                order=row["order"],
                show_on_both=row.get("show_on_both", False),
            )
            for row in rows
            if row["related_id"] in still_there  # a related term deleted since cannot come back
        ]
    )


def _relation_rows(term: Term) -> list[dict]:
    return [
        {"type": relation.type, "target_id": relation.target_id, "name": relation.target.name}
        for relation in term.relations.select_related("target").order_by("type", "id")
    ]


def _write_relations(term: Term, rows: list[dict]) -> None:
    still_there = set(Term.objects.filter(pk__in=[row["target_id"] for row in rows]).values_list("pk", flat=True))
    term.relations.all().delete()
    TermRelation.objects.bulk_create(
        [
            TermRelation(term=term, type=row["type"], target_id=row["target_id"])
            for row in rows
            if row["target_id"] in still_there
        ]
    )


FAQS = Part("FAQs", _faq_rows, _write_faqs, lambda row: f"{row['question']}\n{row['answer']}")
PARTS: dict[type, dict[str, Part]] = {
    Term: {
        "aliases": Part("aliases", _alias_rows, _write_aliases, lambda row: row["name"]),
        "faqs": FAQS,
        "related": Part(
            "related terms",
            _related_rows,
            _write_related,
            lambda row: row["name"] + (" (shown on both pages)" if row.get("show_on_both") else ""),
        ),
        "relations": Part(
            "typed relations", _relation_rows, _write_relations, lambda row: f"{row['type']}: {row['name']}"
        ),
    },
    Comparison: {
        "points": Part(
            "comparison points",
            _point_rows,
            _write_points,
            lambda row: f"{row['aspect']}: {row['term_a_text']} | {row['term_b_text']}",
        ),
        "faqs": FAQS,
    },
}


def snapshot_edit(*, item: Item) -> EditSnapshot | None:
    """Keep the parts and the review state as they are after the item's latest save."""
    if type(item) not in PARTS:
        return None  # items without parts (categories, site-wide FAQs): their own history is whole
    history_id = current_history_id(item)
    if history_id is None:
        return None
    review_state = type(item).objects.filter(pk=item.pk).values_list("review_state", flat=True).first() or ""
    snapshot, _ = EditSnapshot.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        history_id=history_id,
        defaults={
            "parts": {name: part.read(item) for name, part in PARTS[type(item)].items()},
            "review_state": review_state,
        },
    )
    return snapshot


def snapshots_of(item: Item, history_ids: list[int]) -> dict[int, EditSnapshot]:
    return {
        snapshot.history_id: snapshot
        for snapshot in EditSnapshot.objects.filter(
            content_type=ContentType.objects.get_for_model(item), object_id=item.pk, history_id__in=history_ids
        )
    }


def part_changes(item: Item, older: EditSnapshot | None, newer: EditSnapshot | None) -> list[tuple[str, str, str]]:
    """(label, before, after) of each part that differs between two edits, as text to diff."""
    if older is None or newer is None:
        return []
    changes = []
    for name, part in PARTS[type(item)].items():
        before, after = older.parts.get(name, []), newer.parts.get(name, [])
        if _comparable(before) != _comparable(after):
            changes.append(
                (part.label, "\n\n".join(map(part.describe, before)), "\n\n".join(map(part.describe, after)))
            )
    return changes


def _comparable(rows: list[dict]) -> list[dict]:
    # Display-only keys (a linked term's name at the time) do not make an edit differ.
    linked = {"related_id", "target_id"}
    return [{key: value for key, value in row.items() if key != "name" or not linked & row.keys()} for row in rows]


def restore_parts(*, item: Item, snapshot: EditSnapshot) -> None:
    for name, part in PARTS[type(item)].items():
        if name in snapshot.parts:
            part.write(item, snapshot.parts[name])
