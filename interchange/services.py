"""Import a glossary file: every item through the admin's own forms, as drafts, all or nothing.

Each item is matched by its key (terms, comparisons and categories by slug, calls to action
by name, site-wide FAQs by question), then validated by the same ModelForms the admin uses
(the optimistic-lock form for working copies, so an import cannot overwrite an edit made
after the dry run it was confirmed from) and by the models' own validation for the rows
the admin edits inline (aliases, FAQs, points, related terms). A field the file leaves out
is left as it is (a CSV without an `aliases` column keeps every term's aliases).

Saving works as an admin save does: created and changed working copies are drafts; a
changed term or comparison that was in review, approved or published goes back to draft
with its schedules suspended (editorial.services.record_edit), and its published version
stays what the public sees. The import never publishes. Categories have no drafts (their
public page changes with them), so one that live or scheduled terms use is never changed
by an import; it is reported as skipped with its diff.

The whole file runs in one transaction: any error rolls everything back, and a dry run
always does, so a report is the same whether it was a rehearsal or not.
"""

from dataclasses import asdict, dataclass, field

import yaml
from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction
from django.forms import modelform_factory
from django.utils import timezone
from django.utils.text import slugify

from editorial.forms import LOCK_FIELD, OptimisticLockForm
from editorial.services import record_content_change, record_edit
from editorial.snapshots import snapshot_edit
from faqs.models import FAQ, SiteWideFAQ
from interchange.export import (
    call_to_action_entry,
    category_entry,
    comparison_entry,
    site_faq_entry,
    term_entry,
)
from interchange.formats import Entry, ParsedFile
from terms.models import (
    CallToAction,
    Category,
    Comparison,
    ComparisonPoint,
    RelatedTerm,
    RelationType,
    Term,
    TermAlias,
    TermRelation,
    TermStatus,
    TermVersion,
)
from terms.querysets import NEVER_LIVE
from terms.relations import broader_cycle_error
from terms.services import category_changed

CREATED, UPDATED, UNCHANGED, SKIPPED, ERROR = "created", "updated", "unchanged", "skipped", "error"
MARKDOWN_FIELDS = {"body", "answer"}

# File field -> model/form field, per kind; the reverse names the file's field in errors.
TERM_FIELDS = {
    "name": "name",
    "slug": "slug",
    "category": "category",
    "quick_definition": "short_definition",
    "explanation": "body",
    "cta": "cta",
    "seo_title": "seo_title",
    "seo_description": "seo_description",
}
COMPARISON_FIELDS = {
    "term_a": "term_a",
    "term_b": "term_b",
    "title": "title",
    "slug": "slug",
    "summary": "summary",
    "explanation": "body",
    "seo_title": "seo_title",
    "seo_description": "seo_description",
}
CATEGORY_FIELDS = {name: name for name in ("name", "slug", "description", "order")}
CTA_FIELDS = {name: name for name in ("name", "title", "text", "button_label", "button_url")}
SITE_FAQ_FIELDS = {"question": "question", "answer": "answer", "order": "order"}
FAQ_FIELDS = ["question", "answer", "suggested_in_widget"]
ITEM_ERROR_FIELD = "item"  # errors about the item as a whole (the form's non-field errors)


class VerbatimMarkdownMixin:
    """Markdown is kept byte for byte (the admin's text box strips it); every other rule is the admin's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in MARKDOWN_FIELDS & set(self.fields):
            self.fields[name].strip = False


class LockedImportForm(VerbatimMarkdownMixin, OptimisticLockForm):
    pass


class PlainImportForm(VerbatimMarkdownMixin, forms.ModelForm):
    pass


# The admin's forms for the same fields (editorial/admin_terms.py, admin_faqs.py).
TermForm = modelform_factory(Term, form=LockedImportForm, fields=list(TERM_FIELDS.values()))
ComparisonForm = modelform_factory(Comparison, form=LockedImportForm, fields=list(COMPARISON_FIELDS.values()))
SiteFAQForm = modelform_factory(SiteWideFAQ, form=LockedImportForm, fields=list(SITE_FAQ_FIELDS.values()))
FAQForm = modelform_factory(FAQ, form=PlainImportForm, fields=FAQ_FIELDS)
CategoryForm = modelform_factory(Category, form=PlainImportForm, fields=list(CATEGORY_FIELDS.values()))
CallToActionForm = modelform_factory(
    CallToAction,
    form=PlainImportForm,
    fields=list(CTA_FIELDS.values()),
    # A URL typed without a scheme gets http://, as in the admin's form (Django 5's default, said
    # explicitly so the deprecation warning of that default stays out of every import).
    formfield_callback=lambda db_field, **kwargs: db_field.formfield(
        **kwargs, **({"assume_scheme": "http"} if isinstance(db_field, models.URLField) else {})
    ),
)

PERMISSION_MODELS = {
    "category": "terms.{}_category",
    "call_to_action": "terms.{}_calltoaction",
    "term": "terms.{}_term",
    "comparison": "terms.{}_comparison",
    "site_faq": "faqs.{}_sitewidefaq",
}
KIND_LABELS = {
    "category": "categories",
    "call_to_action": "calls to action",
    "term": "terms",
    "comparison": "comparisons",
    "site_faq": "site-wide FAQs",
}


@dataclass
class FieldChange:
    field: str
    old: str
    new: str


@dataclass
class ItemReport:
    source: str
    kind: str
    key: str
    status: str = UNCHANGED
    changes: list[FieldChange] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (field, message)
    note: str = ""

    def error(self, field_name: str, message: str) -> None:
        self.status = ERROR
        self.errors.append((field_name, message))


@dataclass
class ImportReport:
    dry_run: bool
    items: list[ItemReport] = field(default_factory=list)
    applied: bool = False
    # "kind:key" -> the edit version each matched working copy had (None: it did not exist).
    # A confirmation hands them back, so what changed since the dry run is refused, not overwritten.
    seen_versions: dict[str, int | None] = field(default_factory=dict)

    @property
    def has_errors(self) -> bool:
        return any(item.status == ERROR for item in self.items)

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys([CREATED, UPDATED, UNCHANGED, SKIPPED, ERROR], 0)
        for item in self.items:
            counts[item.status] += 1
        return counts

    def as_dict(self) -> dict:
        return asdict(self)


class _RollBack(Exception):
    """Leaves the import's transaction without committing (errors, or a dry run)."""


def display(value: object) -> str:
    """A field's value as a reader compares it: text as is, lists of names joined, nested rows as YAML."""
    if value is None:
        return ""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "; ".join(value)
    if isinstance(value, list | dict):
        return yaml.safe_dump(value, sort_keys=False, allow_unicode=True, width=100).strip() if value else ""
    return str(value)


def _changes(old: dict | None, new: dict) -> list[FieldChange]:
    return [
        FieldChange(field=key, old=display(old.get(key) if old else None), new=display(value))
        for key, value in new.items()
        if (old is None and display(value)) or (old is not None and old.get(key) != value)
    ]


def _form_errors(item: ItemReport, form: forms.BaseForm, names: dict[str, str], prefix: str = "") -> None:
    file_names = {model_name: file_name for file_name, model_name in names.items()}
    for name, errors in form.errors.as_data().items():
        label = ITEM_ERROR_FIELD if name in {"__all__", LOCK_FIELD} else file_names.get(name, name)
        for error in errors:
            message = " ".join(error.messages)
            if error.code == "stale":
                # The lock's message speaks to someone at a form; keep who changed what, say what to do here.
                message = message.split(" Your text is kept")[0] + " Upload the file again to see the new diff."
            item.error(f"{prefix}{label}", message)


def _validation_messages(error: ValidationError) -> list[tuple[str | None, str]]:
    if hasattr(error, "error_dict"):
        return [(name, message) for name, errors in error.message_dict.items() for message in errors]
    return [(None, message) for message in error.messages]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "on" if value else ""
    return str(value)


class _ImportRun:
    def __init__(self, *, report: ImportReport, by: AbstractBaseUser | None, seen: dict | None, reason: str):
        self.report = report
        self.by = by
        self.seen = seen
        self.reason = reason
        self.categories_changed = False
        self.saved: set[tuple[type, int]] = set()

    # --- shared steps ------------------------------------------------------------------------

    def allowed(self, item: ItemReport, action: str) -> bool:
        if self.by is None or self.by.has_perm(PERMISSION_MODELS[item.kind].format(action)):
            return True
        verb = "add" if action == "add" else "change"
        item.error(ITEM_ERROR_FIELD, f"You do not have permission to {verb} {KIND_LABELS[item.kind]}.")
        return False

    def lock_version(self, item: ItemReport, existing) -> int | None:
        """The edit version the import saw: the dry run's when confirming one, else the current."""
        marker = f"{item.kind}:{item.key}"
        current = existing.lock_version if existing else None
        self.report.seen_versions[marker] = current
        if self.seen is None or marker not in self.seen:
            return current
        if self.seen[marker] is None and existing is not None:
            item.error(ITEM_ERROR_FIELD, "Someone created this item after the dry run; upload the file again.")
        if self.seen[marker] is not None and existing is None:
            item.error(
                ITEM_ERROR_FIELD, "Someone deleted or renamed this item after the dry run; upload the file again."
            )
        return self.seen[marker]

    def form_data(self, fields: dict, names: dict[str, str], current: dict) -> dict:
        data = dict(current)
        for file_name, model_name in names.items():
            if file_name in fields:
                data[model_name] = _text(fields[file_name])
        return data

    def save(self, form: forms.ModelForm, *, new: bool):
        obj = form.save(commit=False)
        if hasattr(obj, "updated_by_id"):
            if new:
                obj.created_by = self.by
            obj.updated_by = self.by
        obj._history_user = self.by
        obj._change_reason = self.reason
        obj.save()
        self.saved.add((type(obj), obj.pk))
        return obj

    def check_list(self, item: ItemReport, fields: dict, name: str) -> list | None:
        value = fields.get(name)
        if name in fields and not isinstance(value, list):
            item.error(name, "Expected a list.")
            return None
        return value

    def checked_faqs(self, item: ItemReport, fields: dict) -> list[dict] | None:
        rows = self.check_list(item, fields, "faqs")
        if rows is None:
            return None
        checked, questions = [], set()
        for position, row in enumerate(rows):
            prefix = f"faqs[{position}]."
            if not isinstance(row, dict) or set(row) - set(FAQ_FIELDS):
                item.error(f"faqs[{position}]", f"Expected an object with {', '.join(FAQ_FIELDS)}.")
                continue
            form = FAQForm(
                data={
                    **{k: _text(v) for k, v in row.items()},
                    "suggested_in_widget": _text(row.get("suggested_in_widget", True)),
                }
            )
            if not form.is_valid():
                _form_errors(item, form, {name: name for name in FAQ_FIELDS}, prefix)
                continue
            if form.cleaned_data["question"] in questions:
                item.error(f"{prefix}question", "The same question appears twice.")
                continue
            questions.add(form.cleaned_data["question"])
            checked.append({name: form.cleaned_data[name] for name in FAQ_FIELDS})
        return checked

    def write_faqs(self, owner: dict, current: list[FAQ], wanted: list[dict]) -> bool:
        """Make the owner's FAQs the wanted ones, in order, matching by question; whether anything changed."""
        if [[faq.question, faq.answer, faq.suggested_in_widget] for faq in current] == [
            [row[name] for name in FAQ_FIELDS] for row in wanted
        ]:
            return False
        by_question = {faq.question: faq for faq in current}
        kept = set()
        for position, row in enumerate(wanted):
            faq = by_question.get(row["question"]) or FAQ(**owner, question=row["question"])
            if faq.pk:
                kept.add(faq.pk)
                faq.lock_version += 1
            faq.answer, faq.suggested_in_widget, faq.order = row["answer"], row["suggested_in_widget"], position
            faq._history_user = self.by
            faq._change_reason = self.reason
            faq.save()
        for faq in current:
            if faq.pk not in kept:
                faq.delete()
        return True

    def guarded(self, item: ItemReport, step) -> object:
        """Run one item's writes in a savepoint, reporting a refusal by the database on the item."""
        try:
            with transaction.atomic():
                return step()
        except ValidationError as error:
            for name, message in _validation_messages(error):
                item.error(name or ITEM_ERROR_FIELD, message)
        except DatabaseError as error:
            item.error(ITEM_ERROR_FIELD, f"The database refused it: {error}")
        return None

    # --- categories and calls to action ---------------------------------------------------------

    def plain(self, entry: Entry, *, kind_fields: dict, model, form_class, entry_of, key_field: str) -> None:
        key = str(entry.fields.get(key_field) or "").strip()
        item = ItemReport(source=entry.source, kind=entry.kind, key=key)
        self.report.items.append(item)
        existing = model.objects.filter(**{key_field: key}).first() if key else None
        old = entry_of(existing) if existing else None
        current = {name: _text(getattr(existing, name)) for name in kind_fields.values()} if existing else {}
        form = form_class(data=self.form_data(entry.fields, kind_fields, current), instance=existing)
        if not form.is_valid():
            _form_errors(item, form, kind_fields)
            return
        new = entry_of(form.instance)
        if old == new:
            return
        item.changes = _changes(old, new)
        if existing and entry.kind == "category" and self._category_in_use(existing):
            item.status = SKIPPED
            item.note = "Live or scheduled terms use this category and categories have no drafts: edit it in the admin."
            return
        if not self.allowed(item, "change" if existing else "add"):
            return
        if self.guarded(item, lambda: self.save(form, new=existing is None)) is not None:
            item.status = UPDATED if existing else CREATED
            self.categories_changed |= entry.kind == "category"

    @staticmethod
    def _category_in_use(category: Category) -> bool:
        versions = TermVersion.objects.open_or_future(at=timezone.now()).exclude(NEVER_LIVE)
        return versions.filter(category=category).exists()

    # --- terms ------------------------------------------------------------------------------------

    def term(self, entry: Entry) -> tuple[ItemReport, Term | None, dict | None, bool]:
        fields = entry.fields
        key = str(fields.get("slug") or "").strip() or slugify(str(fields.get("name") or "").strip())[:200]
        item = ItemReport(source=entry.source, kind="term", key=key)
        self.report.items.append(item)
        if not key:
            item.error("slug", "Give the term a slug or a name.")
            return item, None, None, False
        existing = Term.objects.filter(slug=key).select_related("category", "cta").first()
        seen = self.lock_version(item, existing)
        old = term_entry(existing) if existing else None
        current = {}
        if existing:
            current = {
                name: _text(getattr(existing, name)) for name in TERM_FIELDS.values() if name not in {"category", "cta"}
            }
            current |= {"category": _text(existing.category_id), "cta": _text(existing.cta_id), LOCK_FIELD: _text(seen)}
        data = self.form_data(fields, TERM_FIELDS, current)
        data["slug"] = key
        if "category" in fields:
            data["category"] = self._category_id(item, fields["category"])
        if "cta" in fields:
            data["cta"] = self._cta_id(item, fields["cta"])
        aliases = self._checked_aliases(item, fields)
        faqs = self.checked_faqs(item, fields)
        if "related" in fields:
            related = self.check_list(item, fields, "related")
            if related is not None and not all(isinstance(slug, str) for slug in related):
                item.error("related", "Expected a list of term slugs.")
        before = {name: getattr(existing, name) for name in TERM_FIELDS.values()} if existing else None
        form = TermForm(data=data, instance=existing)
        if not form.is_valid():
            _form_errors(item, form, TERM_FIELDS)
        if item.status == ERROR:
            return item, None, old, False
        after = {name: getattr(form.instance, name) for name in TERM_FIELDS.values()}

        def write() -> tuple[Term, bool]:
            changed = before != after
            term = self.save(form, new=existing is None) if changed else existing
            if aliases is not None and [alias.name for alias in term.aliases.all()] != aliases:
                term.aliases.all().delete()
                TermAlias.objects.bulk_create(TermAlias(term=term, name=name) for name in aliases)
                changed = True
            if faqs is not None:
                changed |= self.write_faqs({"term": term}, list(term.faqs.order_by("order", "id")), faqs)
            return term, changed

        if not self.allowed(item, "change" if existing else "add"):
            return item, None, old, False
        result = self.guarded(item, write)
        if result is None:
            return item, None, old, False
        term, changed = result
        return item, term, old, changed

    def _category_id(self, item: ItemReport, value: object) -> str:
        if value in (None, ""):
            return ""
        text = str(value).strip()
        category = Category.objects.filter(slug=text).first() or Category.objects.filter(name__iexact=text).first()
        if category is None:
            item.error("category", f"No category with the slug or name “{text}”.")
            return ""
        return str(category.pk)

    def _cta_id(self, item: ItemReport, value: object) -> str:
        if value in (None, ""):
            return ""
        cta = CallToAction.objects.filter(name=str(value)).first()
        if cta is None:
            item.error("cta", f"No call to action named “{value}”.")
            return ""
        return str(cta.pk)

    def _checked_aliases(self, item: ItemReport, fields: dict) -> list[str] | None:
        names = self.check_list(item, fields, "aliases")
        if names is None:
            return None
        checked, seen = [], set()
        for name in names:
            if not isinstance(name, str):
                item.error("aliases", "Expected a list of names.")
                return None
            name = name.strip()
            if not name:
                continue
            if name.lower() in seen:
                item.error("aliases", f"“{name}” appears twice (aliases ignore case).")
                continue
            seen.add(name.lower())
            try:
                TermAlias(name=name).full_clean(exclude=["term"])
            except ValidationError as error:
                for _, message in _validation_messages(error):
                    item.error("aliases", f"“{name[:40]}”: {message}")
            checked.append(name)
        return checked

    def related(self, item: ItemReport, term: Term, slugs: list[str]) -> bool:
        """Link the term to these terms, in order; whether the links changed."""
        found = dict(Term.objects.filter(slug__in=slugs).values_list("slug", "pk"))
        wanted = []
        for slug in slugs:
            if slug not in found:
                item.error("related", f"No term with the slug “{slug}”.")
            elif found[slug] == term.pk:
                item.error("related", "A term cannot be related to itself.")
            elif found[slug] in wanted:
                item.error("related", f"“{slug}” appears twice.")
            else:
                wanted.append(found[slug])
        if item.status == ERROR:
            return False
        current = list(term.related_links.order_by("order", "id").values_list("related_id", flat=True))
        if current == wanted:
            return False

        def write() -> bool:
            term.related_links.all().delete()
            RelatedTerm.objects.bulk_create(
                RelatedTerm(term=term, related_id=related_id, order=position)
                for position, related_id in enumerate(wanted)
            )
            return True

        return bool(self.guarded(item, write))

    def typed_relations(self, item: ItemReport, term: Term, rows: object) -> bool:
        """Set the term's typed relations (broader, narrower, see also) as the file lists them."""
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            item.error("relations", "Expected a list of {type, term} entries.")
            return False
        found = dict(Term.objects.filter(slug__in=[str(row.get("term")) for row in rows]).values_list("slug", "pk"))
        wanted: list[tuple[str, int]] = []
        for row in rows:
            kind, slug = row.get("type"), str(row.get("term") or "")
            if kind not in RelationType.values:
                item.error("relations", f"“{kind}” is not a relation type ({', '.join(RelationType.values)}).")
            elif slug not in found:
                item.error("relations", f"No term with the slug “{slug}”.")
            elif found[slug] == term.pk:
                item.error("relations", "A term cannot be related to itself.")
            elif found[slug] in {target for _, target in wanted}:
                item.error("relations", f"“{slug}” appears twice.")
            else:
                wanted.append((kind, found[slug]))
        if item.status == ERROR:
            return False
        if cycle := broader_cycle_error(term=term, relations=wanted):
            item.error("relations", cycle)
            return False
        current = sorted(term.relations.values_list("type", "target_id"))
        if current == sorted(wanted):
            return False

        def write() -> bool:
            term.relations.all().delete()
            TermRelation.objects.bulk_create(TermRelation(term=term, type=kind, target_id=pk) for kind, pk in wanted)
            return True

        return bool(self.guarded(item, write))

    def lineage(self, item: ItemReport, term: Term, fields: dict) -> bool:
        """Set whether the term is active, deprecated or retired, and its successor, as the file says."""
        status = fields.get("status", term.status) or TermStatus.ACTIVE
        slug = fields.get("successor", term.successor.slug if term.successor else None)
        successor = None
        if status not in TermStatus.values:
            item.error("status", f"“{status}” is not a status ({', '.join(TermStatus.values)}).")
        if slug:
            successor = Term.objects.filter(slug=str(slug)).first()
            if successor is None:
                item.error("successor", f"No term with the slug “{slug}”.")
        if item.status == ERROR:
            return False
        if (term.status, term.successor_id) == (status, successor.pk if successor else None):
            return False

        def write() -> bool:
            term.status, term.successor = status, successor
            term.full_clean(validate_unique=False)
            term.save(update_fields=["status", "successor"])
            return True

        return bool(self.guarded(item, write))

    def finish(self, item: ItemReport, obj, old: dict | None, changed: bool, entry_of) -> None:
        """After all of an item's writes: save it as the admin does, count the edit, and report the diff."""
        if not changed:
            return
        if (type(obj), obj.pk) not in self.saved:
            # An admin save always saves the item itself, also when only its rows (aliases,
            # FAQs, links) changed: a new edit version, an entry in its edit history.
            obj.lock_version += 1
            obj.updated_by = self.by
            obj._history_user = self.by
            obj._change_reason = self.reason
            obj.save()
        record_content_change(item=obj)
        if old is not None:
            record_edit(item=obj)
        snapshot_edit(item=obj)
        item.changes = _changes(old, entry_of(type(obj).objects.get(pk=obj.pk)))
        item.status = UPDATED if old is not None else CREATED

    # --- comparisons -----------------------------------------------------------------------------

    def comparison(self, entry: Entry) -> None:
        fields = entry.fields
        term_slugs = {side: str(fields.get(side) or "").strip() for side in ("term_a", "term_b")}
        key = str(fields.get("slug") or "").strip() or (
            f"{term_slugs['term_a']}-vs-{term_slugs['term_b']}"[:200] if all(term_slugs.values()) else ""
        )
        item = ItemReport(source=entry.source, kind="comparison", key=key)
        self.report.items.append(item)
        existing = Comparison.objects.filter(slug=key).first() if key else None
        seen = self.lock_version(item, existing)
        old = comparison_entry(existing) if existing else None
        current = {}
        if existing:
            current = {
                name: _text(getattr(existing, name))
                for name in COMPARISON_FIELDS.values()
                if name not in {"term_a", "term_b"}
            }
            current |= {
                "term_a": _text(existing.term_a_id),
                "term_b": _text(existing.term_b_id),
                LOCK_FIELD: _text(seen),
            }
        data = self.form_data(fields, COMPARISON_FIELDS, current)
        data["slug"] = key
        for side, slug in term_slugs.items():
            if side in fields or not existing:
                term_id = Term.objects.filter(slug=slug).values_list("pk", flat=True).first() if slug else None
                if slug and term_id is None:
                    item.error(side, f"No term with the slug “{slug}”.")
                data[side] = _text(term_id)
        points = self._checked_points(item, fields)
        faqs = self.checked_faqs(item, fields)
        before = {name: getattr(existing, name) for name in COMPARISON_FIELDS.values()} if existing else None
        form = ComparisonForm(data=data, instance=existing)
        if not form.is_valid():
            _form_errors(item, form, COMPARISON_FIELDS)
        if item.status == ERROR or not self.allowed(item, "change" if existing else "add"):
            return
        after = {name: getattr(form.instance, name) for name in COMPARISON_FIELDS.values()}

        def write() -> tuple[Comparison, bool]:
            changed = before != after
            comparison = self.save(form, new=existing is None) if changed else existing
            wanted_points = [[p["aspect"], p["term_a_text"], p["term_b_text"]] for p in points or []]
            current_points = [[p.aspect, p.term_a_text, p.term_b_text] for p in comparison.points.all()]
            if points is not None and current_points != wanted_points:
                comparison.points.all().delete()
                ComparisonPoint.objects.bulk_create(
                    ComparisonPoint(comparison=comparison, order=position, aspect=a, term_a_text=ta, term_b_text=tb)
                    for position, (a, ta, tb) in enumerate(wanted_points)
                )
                changed = True
            if faqs is not None:
                changed |= self.write_faqs(
                    {"comparison": comparison}, list(comparison.faqs.order_by("order", "id")), faqs
                )
            return comparison, changed

        result = self.guarded(item, write)
        if result is not None:
            self.finish(item, result[0], old, result[1], comparison_entry)

    def _checked_points(self, item: ItemReport, fields: dict) -> list[dict] | None:
        rows = self.check_list(item, fields, "points")
        if rows is None:
            return None
        names = ["aspect", "term_a_text", "term_b_text"]
        for position, row in enumerate(rows):
            if not isinstance(row, dict) or set(row) != set(names):
                item.error(f"points[{position}]", f"Expected an object with {', '.join(names)}.")
                continue
            try:
                ComparisonPoint(**{name: str(row[name]) for name in names}).full_clean(exclude=["comparison"])
            except ValidationError as error:
                for name, message in _validation_messages(error):
                    item.error(f"points[{position}].{name}", message)
        return rows

    # --- site-wide FAQs --------------------------------------------------------------------------

    def site_faq(self, entry: Entry, position: int) -> None:
        key = str(entry.fields.get("question") or "").strip()
        item = ItemReport(source=entry.source, kind="site_faq", key=key)
        self.report.items.append(item)
        existing = SiteWideFAQ.objects.site_wide().filter(question=key).order_by("id").first() if key else None
        seen = self.lock_version(item, existing)
        old = site_faq_entry(existing) if existing else None
        current = (
            {name: _text(getattr(existing, name)) for name in SITE_FAQ_FIELDS} if existing else {"order": str(position)}
        )
        if existing:
            current[LOCK_FIELD] = _text(seen)
        form = SiteFAQForm(data=self.form_data(entry.fields, SITE_FAQ_FIELDS, current), instance=existing)
        if not form.is_valid():
            _form_errors(item, form, SITE_FAQ_FIELDS)
            return
        new = site_faq_entry(form.instance)
        if old == new:
            return
        item.changes = _changes(old, new)
        saved = self.allowed(item, "change" if existing else "add") and self.guarded(
            item, lambda: self.save(form, new=existing is None)
        )
        if saved:
            if existing:
                # Site-wide FAQs are reviewed: changing an approved or published one sends it back to draft.
                record_edit(item=existing)
            item.status = UPDATED if existing else CREATED

    # --- the run ---------------------------------------------------------------------------------

    def run(self, entries: list[Entry]) -> None:
        entries = self._without_duplicates(entries)
        by_kind = {kind: [entry for entry in entries if entry.kind == kind] for kind in PERMISSION_MODELS}
        for entry in by_kind["category"]:
            self.plain(
                entry,
                kind_fields=CATEGORY_FIELDS,
                model=Category,
                form_class=CategoryForm,
                entry_of=category_entry,
                key_field="slug",
            )
        for entry in by_kind["call_to_action"]:
            self.plain(
                entry,
                kind_fields=CTA_FIELDS,
                model=CallToAction,
                form_class=CallToActionForm,
                entry_of=call_to_action_entry,
                key_field="name",
            )
        done = [(entry, *self.term(entry)) for entry in by_kind["term"]]
        for entry, item, term, old, changed in done:
            # Links to other terms, once every term of the file exists.
            if term is not None and "related" in entry.fields and item.status != ERROR:
                changed |= self.related(item, term, entry.fields["related"])
            if term is not None and "relations" in entry.fields and item.status != ERROR:
                changed |= self.typed_relations(item, term, entry.fields["relations"])
            if term is not None and {"status", "successor"} & entry.fields.keys() and item.status != ERROR:
                changed |= self.lineage(item, term, entry.fields)
            if term is not None and item.status != ERROR:
                self.finish(item, term, old, changed, term_entry)
        for entry in by_kind["comparison"]:
            self.comparison(entry)
        for position, entry in enumerate(by_kind["site_faq"]):
            self.site_faq(entry, position)
        if self.categories_changed:
            category_changed()

    def _without_duplicates(self, entries: list[Entry]) -> list[Entry]:
        keys = {
            "category": "slug",
            "call_to_action": "name",
            "term": "slug",
            "comparison": "slug",
            "site_faq": "question",
        }
        first_seen: dict[tuple[str, str], str] = {}
        kept = []
        for entry in entries:
            value = entry.fields.get(keys[entry.kind])
            if entry.kind == "term" and not value:
                value = slugify(str(entry.fields.get("name") or "").strip())[:200]
            marker = (entry.kind, str(value or "").strip())
            if marker[1] and marker in first_seen:
                item = ItemReport(source=entry.source, kind=entry.kind, key=marker[1])
                item.error(keys[entry.kind], f"Also given at {first_seen[marker]}: each item may appear once.")
                self.report.items.append(item)
                continue
            first_seen.setdefault(marker, entry.source)
            kept.append(entry)
        return kept


def import_glossary(
    *,
    parsed: ParsedFile,
    by: AbstractBaseUser | None = None,
    dry_run: bool = False,
    seen_versions: dict[str, int | None] | None = None,
    reason: str = "Imported",
) -> ImportReport:
    """Import a read file as drafts, all or nothing; a dry run reports the same and keeps nothing."""
    report = ImportReport(dry_run=dry_run)
    for source, field_name, message in parsed.problems:
        problem = ItemReport(source=source, kind="file", key="")
        problem.error(field_name or ITEM_ERROR_FIELD, message)
        report.items.append(problem)
    try:
        with transaction.atomic():
            _ImportRun(report=report, by=by, seen=seen_versions, reason=reason).run(parsed.entries)
            if dry_run or report.has_errors:
                raise _RollBack
    except _RollBack:
        pass
    report.applied = not dry_run and not report.has_errors
    return report
