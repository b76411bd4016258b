"""Admin for the glossary: categories, calls to action, terms and comparisons, publication history."""

from datetime import datetime

from adminsortable2.admin import SortableAdminBase, SortableStackedInline, SortableTabularInline
from django.contrib import admin
from django.contrib.admin.widgets import AdminTextInputWidget
from django.db import models
from django.db.models import Count

from editorial.admin import ComparisonEditorialAdmin, ReviewStateFilter, TermEditorialAdmin
from editorial.admin_autosave import NoLostWorkAdmin
from editorial.admin_deletion import DeletionThroughServiceAdmin
from editorial.admin_publication import MARKDOWN_EDITOR, PublicationStateFilter
from editorial.forms import LOCK_FIELD, OptimisticLockForm
from faqs.models import FAQ
from terms import services
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
    TermVersion,
)


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
        services.category_changed()

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


class FAQInline(SortableStackedInline):
    model = FAQ
    form = OptimisticLockForm
    fk_name = "term"
    fields = ["question", "answer", "suggested_in_widget", LOCK_FIELD]  # the lock travels with the form
    formfield_overrides = MARKDOWN_EDITOR
    extra = 0
    verbose_name_plural = "FAQs (drag to reorder)"


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


@admin.register(Term)
class TermAdmin(NoLostWorkAdmin, SortableAdminBase, TermEditorialAdmin):
    formfield_overrides = {
        **TermEditorialAdmin.formfield_overrides,
        models.CharField: {"widget": AdminTextInputWidget(attrs={"style": "width: 40em"})},
    }
    list_display = ["name", "category", "review_badge", "state_badge", "updated_at", "updated_by"]
    list_filter = [ReviewStateFilter, PublicationStateFilter, "category"]
    list_select_related = ["category", "updated_by"]
    search_fields = ["name", "slug", "short_definition", "aliases__name"]
    autocomplete_fields = ["category", "cta"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TermAliasInline, RelatedTermInline, FAQInline, TermVersionInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "category", "short_definition", "body", LOCK_FIELD]}),
        ("Call to action and SEO", {"fields": ["cta", "seo_title", "seo_description"], "classes": ["collapse"]}),
        ("Status", {"fields": TermEditorialAdmin.readonly_fields}),
    ]


class ComparisonPointInline(SortableTabularInline):
    model = ComparisonPoint
    extra = 1
    verbose_name_plural = "points (drag to reorder)"


class ComparisonFAQInline(FAQInline):
    fk_name = "comparison"


class ComparisonVersionInline(VersionHistoryInline):
    model = ComparisonVersion


@admin.register(Comparison)
class ComparisonAdmin(NoLostWorkAdmin, SortableAdminBase, ComparisonEditorialAdmin):
    list_display = ["__str__", "term_a", "term_b", "review_badge", "state_badge", "updated_at"]
    list_filter = [ReviewStateFilter, PublicationStateFilter]
    list_select_related = ["term_a", "term_b"]
    search_fields = ["title", "slug", "term_a__name", "term_b__name"]
    autocomplete_fields = ["term_a", "term_b"]
    inlines = [ComparisonPointInline, ComparisonFAQInline, ComparisonVersionInline]
    fieldsets = [
        (None, {"fields": ["term_a", "term_b", "title", "slug", "summary", "body", LOCK_FIELD]}),
        ("SEO", {"fields": ["seo_title", "seo_description"], "classes": ["collapse"]}),
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
