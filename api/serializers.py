"""Output shapes of the delivery API, as the OpenAPI schema shows them.

The stored parts of term and comparison pages are terms/documents.py's serializers, the
ones publication renders with; the shapes here add what the API puts in per request.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from terms.documents import (
    JSON_LD_SCHEMA,
    RELATION_TYPES,
    TERM_STATUSES,
    CategoryRefSerializer,
    ComparisonDocumentSerializer,
    CtaSerializer,
    FaqSerializer,
    IndexEntrySerializer,
    PointSerializer,
    SeoSerializer,
    StoredTermSummarySerializer,
    TermDocumentSerializer,
    TermRefSerializer,
    TocEntrySerializer,
)

__all__ = [
    "CategoryRefSerializer",
    "CtaSerializer",
    "FaqSerializer",
    "PointSerializer",
    "SeoSerializer",
    "TermRefSerializer",
    "TocEntrySerializer",
]


class TermSummarySerializer(StoredTermSummarySerializer):
    category = CategoryRefSerializer(allow_null=True)


class TermComparisonLinkSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    other_term = TermRefSerializer()


class TermRelationSerializer(serializers.Serializer):
    type = serializers.ChoiceField(
        choices=RELATION_TYPES,
        help_text="What `term` is to this term: a `broader` or `narrower` term (each the other's inverse), "
        "`see_also` (symmetric), `replaced_by` (its successor) or, the inverse, `replaces`.",
    )
    term = TermSummarySerializer()


class TermDetailSerializer(TermDocumentSerializer):
    """A live term page: the stored document, with its live links and category added per request."""

    category = CategoryRefSerializer(allow_null=True)
    related_terms = TermSummarySerializer(
        many=True,
        help_text="Live related terms, in the editor's order; then, by name, live terms that list this one "
        "and chose to show the link on both pages.",
    )
    comparisons = TermComparisonLinkSerializer(many=True, help_text="Live comparisons with live other terms.")
    status = serializers.ChoiceField(
        choices=TERM_STATUSES, help_text="`deprecated`: the term stays, but `replaced_by` names its successor."
    )
    replaced_by = TermSummarySerializer(
        allow_null=True, help_text="The successor of a deprecated term while it is live; null otherwise."
    )
    relations = TermRelationSerializer(
        many=True,
        help_text="Typed relations set on this term or, as their inverse, on other live terms; live terms only, "
        "by type then name.",
    )
    mentions = TermRefSerializer(
        many=True,
        help_text="Live terms whose name or an alias the explanation or FAQ answers mention, in order of first "
        "mention (found at publication; which are live is decided per request).",
    )

    @extend_schema_field(SeoSerializer)
    def get_seo(self, version) -> dict:
        return super().get_seo(version)

    @extend_schema_field(JSON_LD_SCHEMA)
    def get_json_ld(self, version):
        return super().get_json_ld(version)


class WidgetSuggestionSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True)
    question = serializers.CharField()
    answer_html = serializers.CharField()
    answer_text = serializers.CharField()


class WidgetSerializer(serializers.Serializer):
    term = TermRefSerializer()
    greeting = serializers.CharField()
    suggestions = WidgetSuggestionSerializer(many=True)
    cta = CtaSerializer(allow_null=True)


class ComparisonSummarySerializer(serializers.Serializer):
    """A comparison in lists. Expects `terms` (live versions by term id) in the context."""

    slug = serializers.CharField()
    title = serializers.CharField()
    summary = serializers.CharField()
    term_a = serializers.SerializerMethodField()
    term_b = serializers.SerializerMethodField()
    updated_at = serializers.DateTimeField(source="live_from")

    @extend_schema_field(TermSummarySerializer)
    def get_term_a(self, version) -> dict:
        return TermSummarySerializer(self.context["terms"][version.term_a_id]).data

    @extend_schema_field(TermSummarySerializer)
    def get_term_b(self, version) -> dict:
        return TermSummarySerializer(self.context["terms"][version.term_b_id]).data


class ComparisonDetailSerializer(ComparisonDocumentSerializer):
    """A live comparison page: the stored document, with both (live) terms added per request."""

    term_a = TermSummarySerializer()
    term_b = TermSummarySerializer()

    @extend_schema_field(SeoSerializer)
    def get_seo(self, version) -> dict:
        return super().get_seo(version)

    @extend_schema_field(JSON_LD_SCHEMA)
    def get_json_ld(self, version):
        return super().get_json_ld(version)


class CategorySerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    term_count = serializers.IntegerField(source="live_term_count")


class FaqListItemSerializer(FaqSerializer):
    """An FAQ in /faqs/: site-wide ones carry `term: null`."""

    term = TermRefSerializer(allow_null=True)


class IndexLetterSerializer(serializers.Serializer):
    letter = serializers.CharField()
    terms = IndexEntrySerializer(many=True)


class IndexSerializer(serializers.Serializer):
    letters = IndexLetterSerializer(many=True)


class SearchResultSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["term", "comparison", "faq"])
    slug = serializers.CharField(allow_null=True, help_text="For an FAQ: the slug of the term it is on, or null.")
    title = serializers.CharField()
    snippet = serializers.CharField()
    url = serializers.CharField(allow_null=True)


class SearchResponseSerializer(serializers.Serializer):
    results = SearchResultSerializer(many=True)


class SitemapEntrySerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["term", "comparison", "category"])
    slug = serializers.CharField()
    url = serializers.CharField()
    lastmod = serializers.DateTimeField()
