"""Output shapes of the delivery API. They read stored fields of published versions only."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from terms.structured_data import comparison_json_ld, comparison_url, term_json_ld, term_url


class CategoryRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class TermRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class TermSummarySerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    short_definition = serializers.CharField()
    category = CategoryRefSerializer(allow_null=True)
    updated_at = serializers.DateTimeField(source="live_from")


class TocEntrySerializer(serializers.Serializer):
    level = serializers.IntegerField()
    text = serializers.CharField()
    anchor = serializers.CharField()


class FaqSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True)
    question = serializers.CharField()
    answer_markdown = serializers.CharField()
    answer_html = serializers.CharField()


class CtaSerializer(serializers.Serializer):
    title = serializers.CharField()
    text = serializers.CharField()
    button_label = serializers.CharField()
    button_url = serializers.URLField()


class SeoSerializer(serializers.Serializer):
    title = serializers.CharField()
    description = serializers.CharField()
    canonical_url = serializers.URLField()


class TermComparisonLinkSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    other_term = TermRefSerializer()


class TermDetailSerializer(TermSummarySerializer):
    """A live term page. Expects `related_terms` and `comparisons` (live only) in the context."""

    body_markdown = serializers.CharField()
    body_html = serializers.CharField()
    toc = TocEntrySerializer(many=True)
    reading_time_minutes = serializers.IntegerField()
    aliases = serializers.ListField(child=serializers.CharField())
    related_terms = serializers.SerializerMethodField()
    comparisons = serializers.SerializerMethodField()
    faqs = FaqSerializer(many=True)
    cta = CtaSerializer(allow_null=True)
    seo = serializers.SerializerMethodField()
    json_ld = serializers.SerializerMethodField()
    published_at = serializers.DateTimeField(source="first_published_at")

    @extend_schema_field(TermSummarySerializer(many=True))
    def get_related_terms(self, version) -> list[dict]:
        return TermSummarySerializer(self.context["related_terms"], many=True).data

    @extend_schema_field(TermComparisonLinkSerializer(many=True))
    def get_comparisons(self, version) -> list[dict]:
        return TermComparisonLinkSerializer(self.context["comparisons"], many=True).data

    @extend_schema_field(SeoSerializer)
    def get_seo(self, version) -> dict:
        return SeoSerializer({**version.seo, "canonical_url": term_url(version.slug)}).data

    @extend_schema_field({"type": "object", "description": "schema.org JSON-LD graph"})
    def get_json_ld(self, version) -> dict:
        return term_json_ld(version)


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


class PointSerializer(serializers.Serializer):
    aspect = serializers.CharField()
    term_a = serializers.CharField()
    term_b = serializers.CharField()


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


class ComparisonDetailSerializer(ComparisonSummarySerializer):
    body_markdown = serializers.CharField()
    body_html = serializers.CharField()
    toc = TocEntrySerializer(many=True)
    points = PointSerializer(many=True)
    faqs = FaqSerializer(many=True)
    seo = serializers.SerializerMethodField()
    json_ld = serializers.SerializerMethodField()
    published_at = serializers.DateTimeField(source="first_published_at")

    @extend_schema_field(SeoSerializer)
    def get_seo(self, version) -> dict:
        return SeoSerializer({**version.seo, "canonical_url": comparison_url(version.slug)}).data

    @extend_schema_field({"type": "object", "description": "schema.org JSON-LD graph"})
    def get_json_ld(self, version) -> dict:
        terms = self.context["terms"]
        return comparison_json_ld(version, term_slugs=[terms[version.term_a_id].slug, terms[version.term_b_id].slug])


class CategorySerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    term_count = serializers.IntegerField(source="live_term_count")


class FaqListItemSerializer(FaqSerializer):
    """An FAQ in /faqs/: site-wide ones carry `term: null`."""

    term = TermRefSerializer(allow_null=True)


class IndexTermSerializer(TermRefSerializer):
    pass


class IndexLetterSerializer(serializers.Serializer):
    letter = serializers.CharField()
    terms = IndexTermSerializer(many=True)


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
