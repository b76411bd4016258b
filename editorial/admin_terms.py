"""Admin for the glossary: categories, calls to action, terms and comparisons, publication history."""

from datetime import datetime

from adminsortable2.admin import SortableAdminBase, SortableStackedInline, SortableTabularInline
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.widgets import AdminTextInputWidget
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from editorial.admin import ComparisonEditorialAdmin, ReviewStateFilter, TermEditorialAdmin
from editorial.admin_autosave import NoLostWorkAdmin
from editorial.admin_deletion import DeletionThroughServiceAdmin
from editorial.admin_publication import MARKDOWN_EDITOR, PublicationStateFilter
from editorial.forms import LOCK_FIELD, OptimisticLockForm
from faqs.models import FAQ
from terms import services
from terms.mentions import DraftMention, draft_mentions, terms_mentioning
from terms.models import (
    CallToAction,
    Category,
    Comparison,
    ComparisonPoint,
    ComparisonVersion,
    RelatedTerm,
    SlugRedirect,
    Term,
    TermAlias,
    TermRelation,
    TermVersion,
)
from terms.relations import broader_cycle_error, related_from_elsewhere, relations_set_elsewhere


@admin.register(Category)
class CategoryAdmin(DeletionThroughServiceAdmin):
    list_display = ["name", "slug", "order", "term_count"]
    list_editable = ["order"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(term_total=Count("terms"))

    @admin.display(description="terms (working copies)", ordering="term_total")
    def term_count(self, obj: Category) -> int:
        return obj.term_total

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        services.category_changed(category_id=obj.pk)

    def deletion_refusals(self, obj: Category, *, at: datetime) -> list[str]:
        return services.deletion_refusals(item=obj, at=at)

    def delete_through_service(self, obj: Category, *, by) -> None:
        services.delete_category(category=obj, by=by)


@admin.register(CallToAction)
class CallToActionAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "button_label", "button_url"]
    search_fields = ["name", "title"]


class TermAliasInline(admin.TabularInline):
    model = TermAlias
    extra = 1
    verbose_name_plural = "aliases and abbreviations"


class RelatedTermInline(SortableTabularInline):
    model = RelatedTerm
    fk_name = "term"
    autocomplete_fields = ["related"]
    extra = 1
    verbose_name_plural = "related terms (drag to reorder)"


class TermRelationFormSet(BaseInlineFormSet):
    """Typed relations of one term; refused as a whole when they would close a loop of broader terms."""

    def clean(self) -> None:
        super().clean()
        kept = [
            (form.cleaned_data["type"], form.cleaned_data["target"].pk)
            for form in self.forms
            if form.cleaned_data.get("type") and form.cleaned_data.get("target") and not form.cleaned_data.get("DELETE")
        ]
        error = broader_cycle_error(term=self.instance, relations=kept)
        if error:
            raise ValidationError(error, code="broader_cycle")


class TermRelationInline(admin.TabularInline):
    model = TermRelation
    formset = TermRelationFormSet
    fk_name = "term"
    fields = ["type", "target"]
    autocomplete_fields = ["target"]
    extra = 1
    verbose_name_plural = "typed relations (the other term shows the inverse by itself)"


# Query parameter of a term's change page that opens a new FAQ row with this question in it
# (the unanswered questions' "Create FAQ draft", answers/admin.py).
PREFILL_FAQ_QUESTION = "faq_question"


def prefilled_faq_question(request) -> str | None:
    return request.GET.get(PREFILL_FAQ_QUESTION) if request.method == "GET" else None


class FAQInline(SortableStackedInline):
    model = FAQ
    form = OptimisticLockForm
    fk_name = "term"
    fields = ["question", "answer", "suggested_in_widget", LOCK_FIELD]  # the lock travels with the form
    formfield_overrides = MARKDOWN_EDITOR
    extra = 0
    verbose_name_plural = "FAQs (drag to reorder)"

    def get_extra(self, request, obj=None, **kwargs) -> int:
        return 1 if prefilled_faq_question(request) else self.extra


class VersionHistoryInline(admin.TabularInline):
    """Publication history: every version that went live, newest first. Read-only."""

    fields = ["number", "slug", "live_from", "live_until", "published_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["-number"]
    verbose_name_plural = "publication history"

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class TermVersionInline(VersionHistoryInline):
    model = TermVersion


# Counters and the search snippet preview: editorial/static/editorial/seo_preview.js.
SEO_FIELDS = ["search_snippet_preview", "seo_title", "seo_description", "noindex", "canonical_url", "og_image"]


class SeoPreviewAdmin(admin.ModelAdmin):
    """Adds character counters and a live search snippet preview to the SEO fields."""

    # Where the preview takes the page's URL and the titles and descriptions used when the SEO ones are empty.
    page_url_pattern_setting = "GLOSSARY_TERM_URL_PATTERN"
    fallback_title_field = "name"
    fallback_description_field = "short_definition"

    class Media:
        js = ["editorial/seo_preview.js"]
        css = {"all": ["editorial/seo_preview.css"]}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "canonical_url":
            kwargs["assume_scheme"] = "https"  # "example.com/page" means https, as Django 6 will assume
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description="search result preview")
    def search_snippet_preview(self, obj: Term | Comparison | None) -> str:
        return format_html(
            '<div class="seo-snippet" data-url-pattern="{}" data-title-from="{}" data-description-from="{}">'
            '<div class="seo-snippet-url"></div><div class="seo-snippet-title"></div>'
            '<div class="seo-snippet-description"></div><div class="seo-snippet-noindex"></div></div>',
            getattr(settings, self.page_url_pattern_setting),
            self.fallback_title_field,
            self.fallback_description_field,
        )


@admin.register(Term)
class TermAdmin(SeoPreviewAdmin, NoLostWorkAdmin, SortableAdminBase, TermEditorialAdmin):
    formfield_overrides = {
        **TermEditorialAdmin.formfield_overrides,
        models.CharField: {"widget": AdminTextInputWidget(attrs={"style": "width: 40em"})},
    }
    list_display = ["name", "category", "review_badge", "state_badge", "updated_at", "updated_by"]
    list_filter = [ReviewStateFilter, PublicationStateFilter, "category", "status"]
    list_select_related = ["category", "updated_by"]
    search_fields = ["name", "slug", "short_definition", "aliases__name"]
    autocomplete_fields = ["category", "cta", "successor", "og_image"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TermAliasInline, RelatedTermInline, TermRelationInline, FAQInline, TermVersionInline]
    readonly_fields = [
        *TermEditorialAdmin.readonly_fields,
        "relations_from_other_terms",
        "related_from_other_terms",
        "mentioned_in",
        "mentions_in_this_draft",
        "search_snippet_preview",
    ]
    fieldsets = [
        (None, {"fields": ["name", "slug", "category", "short_definition", "body", LOCK_FIELD]}),
        (
            "Relations set on other terms",
            {
                "fields": ["relations_from_other_terms", "related_from_other_terms"],
                "description": "Shown here by itself; change them on the other term.",
            },
        ),
        (
            "Mentions",
            {
                "fields": ["mentions_in_this_draft", "autolink_mentions", "mentioned_in"],
                "description": "Where a text names another term (or an alias), publication links its first "
                "mention to that term's page while that term is live.",
            },
        ),
        ("Deprecate or retire", {"fields": ["status", "successor"]}),
        ("Call to action", {"fields": ["cta"], "classes": ["collapse"]}),
        ("Search engines and sharing", {"fields": SEO_FIELDS}),
        ("Chat widget", {"fields": ["widget_greeting"], "classes": ["collapse"]}),
        ("Status", {"fields": TermEditorialAdmin.readonly_fields}),
    ]

    @admin.display(description="set on other terms")
    def relations_from_other_terms(self, obj: Term | None) -> str:
        shown = relations_set_elsewhere(obj) if obj is not None and obj.pk else []
        if not shown:
            return "None."
        return format_html_join(
            mark_safe("<br>"),  # noqa: S308 -- a constant separator
            '{} <a href="{}">{}</a>',
            (
                (label.capitalize() + ":", reverse("admin:terms_term_change", args=[other.pk]), other.name)
                for label, other in shown
            ),
        )

    @admin.display(description="related from other terms")
    def related_from_other_terms(self, obj: Term | None) -> str:
        links = related_from_elsewhere(obj) if obj is not None and obj.pk else []
        if not links:
            return "None."
        return format_html_join(
            mark_safe("<br>"),  # noqa: S308 -- a constant separator
            '{} ← <a href="{}">{}</a>{}',
            (
                (
                    obj.name,
                    reverse("admin:terms_term_change", args=[link.term_id]),
                    link.term.name,
                    " (the API lists it on this page too)" if link.show_on_both else "",
                )
                for link in links
            ),
        )

    @admin.display(description="mentioned in")
    def mentioned_in(self, obj: Term | None) -> str:
        pages = terms_mentioning(term_id=obj.pk, at=timezone.now()) if obj is not None and obj.pk else []
        if not pages:
            return "No published page mentions it."
        return format_html_join(
            mark_safe(", "),  # noqa: S308 -- a constant separator
            '<a href="{}">{}</a>',
            ((reverse("admin:terms_term_change", args=[page.pk]), page.name) for page in pages),
        )

    @admin.display(description="mentions in this draft")
    def mentions_in_this_draft(self, obj: Term | None) -> str:
        found = draft_mentions(obj, at=timezone.now()) if obj is not None and obj.pk else []
        if not found:
            return "It mentions no other term."
        autolink_off = not settings.GLOSSARY_AUTOLINK or not obj.autolink_mentions
        return format_html_join(
            mark_safe("<br>"),  # noqa: S308 -- a constant separator
            '<a href="{}">{}</a>: {}',
            (
                (
                    reverse("admin:terms_term_change", args=[mention.term.pk]),
                    mention.term.name,
                    _link_outlook(mention, autolink_off=autolink_off),
                )
                for mention in found
            ),
        )

    def get_formset_kwargs(self, request, obj, inline, prefix) -> dict:
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        question = prefilled_faq_question(request)
        if question and isinstance(inline, FAQInline):
            kwargs["initial"] = [{"question": question}]
        return kwargs


def _link_outlook(mention: DraftMention, *, autolink_off: bool) -> str:
    """What publication would make of a mention, as an editor reads it."""
    if not mention.in_explanation:
        return "in an FAQ answer: listed, never linked"
    if autolink_off:
        return "not linked: auto-linking is off" + ("" if mention.live else " (and it is not live)")
    return "link" if mention.live else "not linked until it goes live"


class ComparisonPointInline(SortableTabularInline):
    model = ComparisonPoint
    extra = 1
    verbose_name_plural = "points (drag to reorder)"


class ComparisonFAQInline(FAQInline):
    fk_name = "comparison"


class ComparisonVersionInline(VersionHistoryInline):
    model = ComparisonVersion


@admin.register(Comparison)
class ComparisonAdmin(SeoPreviewAdmin, NoLostWorkAdmin, SortableAdminBase, ComparisonEditorialAdmin):
    list_display = ["__str__", "term_a", "term_b", "review_badge", "state_badge", "updated_at"]
    list_filter = [ReviewStateFilter, PublicationStateFilter]
    list_select_related = ["term_a", "term_b"]
    search_fields = ["title", "slug", "term_a__name", "term_b__name"]
    autocomplete_fields = ["term_a", "term_b", "og_image"]
    readonly_fields = [*ComparisonEditorialAdmin.readonly_fields, "search_snippet_preview"]
    page_url_pattern_setting = "GLOSSARY_COMPARISON_URL_PATTERN"
    fallback_title_field = "title"
    fallback_description_field = "summary"
    inlines = [ComparisonPointInline, ComparisonFAQInline, ComparisonVersionInline]
    fieldsets = [
        (None, {"fields": ["term_a", "term_b", "title", "slug", "summary", "body", LOCK_FIELD]}),
        ("Search engines and sharing", {"fields": SEO_FIELDS}),
        ("Status", {"fields": ComparisonEditorialAdmin.readonly_fields}),
    ]


@admin.register(SlugRedirect)
class SlugRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_slug", "term", "comparison", "created_at"]
    search_fields = ["old_slug", "term__name", "comparison__title"]
    autocomplete_fields = ["term", "comparison"]


class PublishedVersionAdmin(admin.ModelAdmin):
    """Read-only publication history, kept when the working copy is deleted."""

    list_display = ["__str__", "number", "slug", "live_from", "live_until", "published_by"]
    list_filter = [("live_until", admin.EmptyFieldListFilter)]
    list_select_related = ["published_by"]
    search_fields = ["slug"]
    ordering = ["-created_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(TermVersion)
class TermVersionAdmin(PublishedVersionAdmin):
    list_display = ["name", *PublishedVersionAdmin.list_display[1:], "term", "category"]
    list_filter = [*PublishedVersionAdmin.list_filter, ("term", admin.EmptyFieldListFilter)]
    list_select_related = [*PublishedVersionAdmin.list_select_related, "term", "category"]
    search_fields = ["name", "slug"]
    fields = [
        "term",
        "number",
        "name",
        "slug",
        "category",
        "short_definition",
        "body_markdown",
        "aliases",
        "status",
        "replaced_by_term_id",
        "relations",
        "mentioned_term_ids",
        "autolink_mentions",
        "faqs",
        "live_from",
        "live_until",
        "first_published_at",
        "published_by",
        "created_at",
    ]


@admin.register(ComparisonVersion)
class ComparisonVersionAdmin(PublishedVersionAdmin):
    list_display = ["title", *PublishedVersionAdmin.list_display[1:], "comparison"]
    list_filter = [*PublishedVersionAdmin.list_filter, ("comparison", admin.EmptyFieldListFilter)]
    list_select_related = [*PublishedVersionAdmin.list_select_related, "comparison"]
    search_fields = ["title", "slug"]
    fields = [
        "comparison",
        "number",
        "title",
        "slug",
        "term_a",
        "term_b",
        "summary",
        "body_markdown",
        "points",
        "faqs",
        "live_from",
        "live_until",
        "first_published_at",
        "published_by",
        "created_at",
    ]
