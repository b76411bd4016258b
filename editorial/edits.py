"""Edits to working copies made outside the admin's change forms (the management API).

The admin's rules, applied the admin's way: the model permission its ModelAdmin checks
(add, change, delete), a ModelForm over the admin's fields (so the models' validation and
constraints give the same messages, on the same fields), the edit version the admin's
optimistic locking uses (`lock_version`) compared under the row lock, and after a content
change the admin's bookkeeping (`EditorialAdmin.save_related`: content revision, an edited
approved item back to draft). Deletes go through the same refusing services as the admin's.

Nested lists replace what the item had when given (aliases, related terms, comparison
points); FAQs given with their `id` keep their identity, so published copies still name them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.utils import timezone

from editorial.services import record_content_change, record_edit
from editorial.snapshots import snapshot_edit
from faqs import services as faq_services
from faqs.models import FAQ, SiteWideFAQ
from publishing.permissions import require_permission
from scheduling import services as scheduling
from scheduling.models import Schedule
from terms import services as term_services
from terms.models import Category, Comparison, ComparisonPoint, RelatedTerm, Term, TermAlias


class EditConflict(Exception):
    """The item was saved since the version the edit was based on: nothing was changed."""

    def __init__(self, current_version: str) -> None:
        super().__init__(f"The item was changed since that version; it is now at {current_version}.")
        self.current_version = current_version


SEO_FORM_FIELDS = ["seo_title", "seo_description", "noindex", "canonical_url", "og_image"]


def https_by_default(db_field: models.Field, **kwargs: object) -> forms.Field | None:
    """Form fields as the model makes them; a URL typed without a scheme means https (Django 6's default)."""
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


class TermForm(forms.ModelForm):
    category = forms.ModelChoiceField(Category.objects.all(), to_field_name="slug", required=False)

    class Meta:
        model = Term
        formfield_callback = https_by_default
        fields = ["name", "slug", "category", "short_definition", "body", "cta", *SEO_FORM_FIELDS]


class ComparisonForm(forms.ModelForm):
    term_a = forms.ModelChoiceField(Term.objects.all(), to_field_name="slug")
    term_b = forms.ModelChoiceField(Term.objects.all(), to_field_name="slug")

    class Meta:
        model = Comparison
        formfield_callback = https_by_default
        fields = ["term_a", "term_b", "title", "slug", "summary", "body", *SEO_FORM_FIELDS]


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ["name", "slug", "description", "order"]


class SiteFAQForm(forms.ModelForm):
    class Meta:
        model = SiteWideFAQ
        fields = ["question", "answer", "order"]


def edit_version(item: models.Model) -> str:
    """The value an edit must name to be accepted: the admin's edit version, or for categories the save time."""
    if isinstance(item, Category):
        return f"{item.pk}.{item.updated_at.timestamp():.6f}"
    return f"{item.pk}.{item.lock_version}"


# --- nested lists ---------------------------------------------------------------------------


def _clean_aliases(names: list[str]) -> list[str]:
    seen, errors = set(), []
    for name in names:
        try:
            TermAlias(name=name).full_clean(exclude=["term"], validate_constraints=False)
        except ValidationError as error:
            errors.extend(error.message_dict.get("name", error.messages))
        if name.casefold() in seen:
            errors.append(f"“{name}” is given twice (aliases ignore case).")
        seen.add(name.casefold())
    if errors:
        raise ValidationError({"aliases": errors})
    return names


def _clean_related(slugs: list[str], *, term: Term | None) -> list[Term]:
    found = {t.slug: t for t in Term.objects.filter(slug__in=slugs)}
    errors = [f"No term has the slug “{slug}”." for slug in slugs if slug not in found]
    if len(set(slugs)) != len(slugs):
        errors.append("A related term is given twice.")
    if term is not None and term.slug in slugs and found.get(term.slug) == term:
        errors.append("A term cannot be related to itself.")
    if errors:
        raise ValidationError({"related_terms": errors})
    return [found[slug] for slug in slugs]


def _clean_faqs(entries: list[dict], *, owner: Term | Comparison | None, by: AbstractBaseUser) -> list[FAQ]:
    """Unsaved FAQs in the given order: the owner's own when an id is given, new ones otherwise."""
    existing = {faq.pk: faq for faq in owner.faqs.all()} if owner is not None and owner.pk else {}
    faqs, errors = [], []
    for position, entry in enumerate(entries):
        faq_id = entry.get("id")
        if faq_id is not None and faq_id not in existing:
            errors.append(f"FAQ {position + 1}: no FAQ {faq_id} on this item.")
            continue
        faq = existing.get(faq_id) or FAQ()
        before = (faq.question, faq.answer, faq.suggested_in_widget, faq.order)
        faq.question = entry.get("question", faq.question)
        faq.answer = entry.get("answer", faq.answer)
        faq.suggested_in_widget = entry.get("suggested_in_widget", faq.suggested_in_widget)
        faq.order = position
        faq._changed = faq.pk is None or before != (faq.question, faq.answer, faq.suggested_in_widget, faq.order)
        faq._history_user = by
        try:
            faq.full_clean(exclude=["term", "comparison"], validate_constraints=False)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.extend(f"FAQ {position + 1}, {field}: {message}" for message in messages)
        faqs.append(faq)
    if errors:
        raise ValidationError({"faqs": errors})
    return faqs


def _clean_points(entries: list[dict]) -> list[ComparisonPoint]:
    points, errors = [], []
    for position, entry in enumerate(entries):
        point = ComparisonPoint(
            order=position,
            aspect=entry.get("aspect", ""),
            term_a_text=entry.get("term_a", ""),
            term_b_text=entry.get("term_b", ""),
        )
        try:
            point.full_clean(exclude=["comparison"])
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.extend(f"Point {position + 1}, {field}: {message}" for message in messages)
        points.append(point)
    if errors:
        raise ValidationError({"points": errors})
    return points


def _save_faqs(owner: Term | Comparison, faqs: list[FAQ]) -> bool:
    kept = {faq.pk for faq in faqs if faq.pk}
    removed = owner.faqs.exclude(pk__in=kept)
    changed = removed.exists()
    for faq in removed:
        faq.delete()  # one by one, so the history records each
    for faq in faqs:
        if not faq._changed:
            continue
        changed = True
        setattr(faq, "term" if isinstance(owner, Term) else "comparison", owner)
        if faq.pk:
            faq.lock_version += 1
        faq.save()
    return changed


def _replace_aliases(term: Term, names: list[str]) -> bool:
    if [alias.name for alias in term.aliases.order_by("id")] == names:
        return False
    term.aliases.all().delete()
    TermAlias.objects.bulk_create(TermAlias(term=term, name=name) for name in names)
    return True


def _replace_related(term: Term, related: list[Term]) -> bool:
    if list(term.related_links.order_by("order", "id").values_list("related_id", flat=True)) == [t.pk for t in related]:
        return False
    # The list names the related terms only: a link kept keeps its "show on both pages" choice.
    both_ways = set(term.related_links.filter(show_on_both=True).values_list("related_id", flat=True))
    term.related_links.all().delete()
    RelatedTerm.objects.bulk_create(
        RelatedTerm(term=term, related=other, order=position, show_on_both=other.pk in both_ways)
        for position, other in enumerate(related)
    )
    return True


def _replace_points(comparison: Comparison, points: list[ComparisonPoint]) -> bool:
    def rows(items) -> list[tuple]:
        return [(p.aspect, p.term_a_text, p.term_b_text) for p in items]

    if rows(comparison.points.order_by("order", "id")) == rows(points):
        return False
    comparison.points.all().delete()
    for point in points:
        point.comparison = comparison
    ComparisonPoint.objects.bulk_create(points)
    return True


# --- saving ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Nested:
    """A list field beside the form's fields: how to validate it, and how to write it (True if it changed)."""

    clean: Callable[..., list]
    write: Callable[..., bool]
    permissions: tuple[type[models.Model], ...]


NESTED: dict[type[models.Model], dict[str, Nested]] = {
    Term: {
        "aliases": Nested(lambda value, item, by: _clean_aliases(value), _replace_aliases, (TermAlias,)),
        "related_terms": Nested(
            lambda value, item, by: _clean_related(value, term=item), _replace_related, (RelatedTerm,)
        ),
        "faqs": Nested(lambda value, item, by: _clean_faqs(value, owner=item, by=by), _save_faqs, (FAQ,)),
    },
    Comparison: {
        "points": Nested(lambda value, item, by: _clean_points(value), _replace_points, (ComparisonPoint,)),
        "faqs": Nested(lambda value, item, by: _clean_faqs(value, owner=item, by=by), _save_faqs, (FAQ,)),
    },
}
# What the management API edits, by the name it uses.
EDITABLE: dict[str, type[models.Model]] = {
    "term": Term,
    "comparison": Comparison,
    "category": Category,
    "site_faq": SiteWideFAQ,
}
FORMS: dict[type[models.Model], type[forms.ModelForm]] = {
    Term: TermForm,
    Comparison: ComparisonForm,
    Category: CategoryForm,
    SiteWideFAQ: SiteFAQForm,
}


def form_values(item: models.Model) -> dict[str, object]:
    """The item's editable fields as a form takes them (related items by slug).

    What a partial update starts from; for a new item (`Model()`), the defaults the admin's
    add form shows, which a create or a full replacement starts from.
    """
    form_class = FORMS[type(item)]
    values = {}
    for name in form_class._meta.fields:
        field = form_class.base_fields[name]
        if isinstance(field, forms.ModelChoiceField):
            related_id = getattr(item, f"{name}_id")
            value = getattr(getattr(item, name), field.to_field_name or "pk") if related_id is not None else None
        else:
            value = getattr(item, name)
        values[name] = value
    return values


def _form_errors(form: forms.ModelForm) -> dict[str, list[str]]:
    return {
        ("non_field_errors" if field == NON_FIELD_ERRORS else field): [str(message) for message in messages]
        for field, messages in form.errors.items()
    }


def _save(
    model: type[models.Model],
    *,
    item: models.Model | None,
    values: dict[str, object],
    nested: dict[str, list],
    by: AbstractBaseUser,
    expected_versions: frozenset[str],
) -> models.Model:
    action = "change" if item is not None else "add"
    require_permission(by, model, action, f"{action} {model._meta.verbose_name_plural}")
    for name in nested:
        for child in NESTED[model][name].permissions:
            for child_action in ("add", "change", "delete"):
                require_permission(by, child, child_action, f"edit the {name.replace('_', ' ')} of this item")
    if item is not None:
        # Locks before comparing: an admin save that waited for this lock sees the raised version.
        item = model.objects.select_for_update().get(pk=item.pk)
        if edit_version(item) not in expected_versions:
            raise EditConflict(edit_version(item))
    before = form_values(item) if item is not None else None
    form = FORMS[model](data=values, instance=item)
    errors = {} if form.is_valid() else _form_errors(form)
    instance = form.instance
    cleaned = {}
    for name, value in nested.items():
        try:
            cleaned[name] = NESTED[model][name].clean(value, instance, by)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)

    # Compared as the API shows the fields: the form's own has_changed() would compare a
    # category's id with its slug and call every save a change.
    content_changed = item is None or form_values(form.instance) != before
    if hasattr(instance, "updated_by_id"):
        if item is None:
            instance.created_by = by
        instance.updated_by = by
    if item is not None and hasattr(instance, "lock_version"):
        instance.lock_version += 1
    instance._history_user = by
    instance = form.save()
    for name, value in cleaned.items():
        content_changed = NESTED[model][name].write(instance, value) or content_changed
    if model in NESTED and content_changed:
        record_content_change(item=instance)
        if item is not None:
            record_edit(item=instance)
        snapshot_edit(item=instance)
        instance.refresh_from_db()
    elif model is SiteWideFAQ and item is not None and content_changed and record_edit(item=instance):
        instance.refresh_from_db()  # reviewed: a changed approved or published FAQ is a draft again
    if model is Category:
        term_services.category_changed()
    return instance


@transaction.atomic
def create_item(
    model: type[models.Model], *, values: dict[str, object], nested: dict[str, list], by: AbstractBaseUser
) -> models.Model:
    """Create a working copy (a draft: nothing is published) or a category, as the admin's add form would."""
    return _save(model, item=None, values=values, nested=nested, by=by, expected_versions=frozenset())


@transaction.atomic
def update_item(
    item: models.Model,
    *,
    values: dict[str, object],
    nested: dict[str, list],
    by: AbstractBaseUser,
    expected_versions: frozenset[str],
) -> models.Model:
    """Change an item last seen at one of `expected_versions`; raises EditConflict if it moved on since."""
    return _save(type(item), item=item, values=values, nested=nested, by=by, expected_versions=expected_versions)


DELETERS: dict[type[models.Model], Callable[..., None]] = {
    Term: lambda item, by: term_services.delete_term(term=item, by=by),
    Comparison: lambda item, by: term_services.delete_comparison(comparison=item, by=by),
    Category: lambda item, by: term_services.delete_category(category=item, by=by),
    SiteWideFAQ: lambda item, by: faq_services.delete_site_faq(faq=item, by=by),
}


@transaction.atomic
def delete_item(item: models.Model, *, by: AbstractBaseUser, expected_versions: frozenset[str]) -> None:
    """Delete as the admin does (refused while live or scheduled) if the item is at one of `expected_versions`."""
    model = type(item)
    require_permission(by, model, "delete", f"delete {model._meta.verbose_name_plural}")
    current = model.objects.select_for_update().get(pk=item.pk)
    if edit_version(current) not in expected_versions:
        raise EditConflict(edit_version(current))
    DELETERS[model](current, by)


class LinksNotLive(Exception):
    """Going live now (or at the scheduled time) would show the item without links to terms that are not live."""

    def __init__(self, terms: list[Term]) -> None:
        super().__init__("Linked terms will not be live, so the public page would show without them.")
        self.terms = terms


def require_live_links(*, item: models.Model, at: datetime | None, by: AbstractBaseUser, doing: str) -> None:
    """The admin's warning before a go-live, as a refusal: checked after the permission, as the admin does."""
    require_permission(by, item, "publish", doing)
    if isinstance(item, Term | Comparison):
        dangling = scheduling.unlive_references(item=item, at=at or timezone.now())
        if dangling:
            raise LinksNotLive(dangling)


@transaction.atomic
def schedule(*, item: Term | Comparison, at: datetime, action: str, by: AbstractBaseUser) -> Schedule:
    """Schedule a go-live (`publish`) or a withdrawal (`unpublish`) at `at`, as the admin's schedule form does."""
    require_permission(by, item, "publish", "schedule")
    if action == "unpublish":
        return scheduling.schedule_withdrawal(item=item, at=at, by=by)
    if action != "publish":
        raise ValidationError({"action": "Choose “publish” or “unpublish”."})
    if at <= timezone.now():
        raise ValidationError({"at": "Choose a time in the future, or use publish to publish now."})
    return scheduling.schedule_publication(item=item, at=at, by=by)


def parse_moment(value: object) -> datetime:
    """An ISO 8601 moment with its offset (the API has no time zone of its own to assume)."""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        raise ValidationError({"at": "Give a date and time in ISO 8601, e.g. 2026-03-30T09:00:00+00:00."}) from None
    if moment.tzinfo is None:
        raise ValidationError({"at": "Give the time zone offset too, e.g. 2026-03-30T09:00:00+00:00."})
    return moment
