"""Shapes of the management API: working copies as editors see them, and what a client may send.

Output serializers list their fields explicitly (drafts included, never `__all__`). Input
serializers check only the JSON shape (types); the rules (required fields, lengths, unique
names, slugs) are the admin's, applied by editorial.edits, so the messages are the admin's too.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from editorial.edits import edit_version


@extend_schema_field(OpenApiTypes.STR)
class EtagField(serializers.Field):
    """The item's ETag, as its GET sends it: give it back in If-Match to update or delete."""

    def __init__(self, **kwargs) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, item) -> str:
        return f'"{edit_version(item)}"'


class WorkflowFieldsMixin(serializers.Serializer):
    review_state = serializers.CharField(read_only=True)
    publication_state = serializers.SerializerMethodField()
    live_version = serializers.IntegerField(source="live_version_number", read_only=True, allow_null=True)

    def get_publication_state(self, item) -> str:
        return str(item.publication_state().value)


class ManagedItemFaqSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    question = serializers.CharField(read_only=True)
    answer = serializers.CharField(read_only=True)
    suggested_in_widget = serializers.BooleanField(read_only=True)


class ManagedTermSerializer(WorkflowFieldsMixin):
    slug = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    short_definition = serializers.CharField(read_only=True)
    body = serializers.CharField(read_only=True, help_text="The explanation, in Markdown.")
    category = serializers.CharField(source="category.slug", read_only=True, allow_null=True, help_text="Its slug.")
    cta = serializers.IntegerField(source="cta_id", read_only=True, allow_null=True, help_text="Call to action id.")
    seo_title = serializers.CharField(read_only=True)
    seo_description = serializers.CharField(read_only=True)
    noindex = serializers.BooleanField(read_only=True)
    canonical_url = serializers.CharField(read_only=True, help_text="Empty: the page's own URL.")
    og_image = serializers.IntegerField(
        source="og_image_id", read_only=True, allow_null=True, help_text="Share image: a media library image id."
    )
    aliases = serializers.SerializerMethodField()
    related_terms = serializers.SerializerMethodField()
    faqs = ManagedItemFaqSerializer(many=True, read_only=True)
    etag = EtagField()
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)

    def get_aliases(self, term) -> list[str]:
        return [alias.name for alias in term.aliases.all()]

    def get_related_terms(self, term) -> list[str]:
        """Slugs of the related terms' working copies, in the editor's order."""
        return [link.related.slug for link in term.related_links.all()]


class ManagedPointSerializer(serializers.Serializer):
    aspect = serializers.CharField(read_only=True)
    term_a = serializers.CharField(source="term_a_text", read_only=True)
    term_b = serializers.CharField(source="term_b_text", read_only=True)


class ManagedComparisonSerializer(WorkflowFieldsMixin):
    slug = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)
    term_a = serializers.CharField(source="term_a.slug", read_only=True, help_text="The term's slug.")
    term_b = serializers.CharField(source="term_b.slug", read_only=True, help_text="The term's slug.")
    summary = serializers.CharField(read_only=True)
    body = serializers.CharField(read_only=True, help_text="The comparison, in Markdown.")
    seo_title = serializers.CharField(read_only=True)
    seo_description = serializers.CharField(read_only=True)
    noindex = serializers.BooleanField(read_only=True)
    canonical_url = serializers.CharField(read_only=True, help_text="Empty: the page's own URL.")
    og_image = serializers.IntegerField(
        source="og_image_id", read_only=True, allow_null=True, help_text="Share image: a media library image id."
    )
    points = ManagedPointSerializer(many=True, read_only=True)
    faqs = ManagedItemFaqSerializer(many=True, read_only=True)
    etag = EtagField()
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)


class ManagedCategorySerializer(serializers.Serializer):
    slug = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    order = serializers.IntegerField(read_only=True)
    etag = EtagField()
    updated_at = serializers.DateTimeField(read_only=True)


class ManagedSiteFaqSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    question = serializers.CharField(read_only=True)
    answer = serializers.CharField(read_only=True, help_text="In Markdown.")
    order = serializers.IntegerField(read_only=True)
    review_state = serializers.CharField(read_only=True)
    publication_state = serializers.SerializerMethodField()
    live_version = serializers.IntegerField(source="live_version_number", read_only=True, allow_null=True)
    etag = EtagField()
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)

    def get_publication_state(self, faq) -> str:
        return str(faq.publication_state().value)


def paginated(output: type[serializers.Serializer]) -> type[serializers.Serializer]:
    """The page of a list, as ManagePagination answers it (for the schema)."""
    name = output.__name__.removesuffix("Serializer")
    return type(
        f"Paginated{name}ListSerializer",
        (serializers.Serializer,),
        {
            "count": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": output(many=True),
        },
    )


# --- input ------------------------------------------------------------------------------------


def text(**kwargs) -> serializers.CharField:
    # No trimming or length rules here: the admin's form decides, with the admin's messages.
    return serializers.CharField(required=False, allow_blank=True, trim_whitespace=False, **kwargs)


class FaqInputSerializer(serializers.Serializer):
    id = serializers.IntegerField(
        required=False, allow_null=True, help_text="An existing FAQ of this item; omit for a new one."
    )
    question = text()
    answer = text(help_text="In Markdown.")
    suggested_in_widget = serializers.BooleanField(required=False)


class TermInputSerializer(serializers.Serializer):
    name = text()
    slug = text(help_text="Filled from the name when empty.")
    category = text(allow_null=True, help_text="A category's slug, or null.")
    short_definition = text()
    body = text(help_text="The explanation, in Markdown.")
    cta = serializers.IntegerField(required=False, allow_null=True, help_text="A call to action's id, or null.")
    seo_title = text()
    seo_description = text()
    noindex = serializers.BooleanField(required=False)
    canonical_url = text(help_text="An absolute http(s) URL, or empty for the page's own URL.")
    og_image = serializers.IntegerField(
        required=False, allow_null=True, help_text="A media library image id (share image), or null."
    )
    aliases = serializers.ListField(
        child=serializers.CharField(allow_blank=True, trim_whitespace=False), required=False
    )
    related_terms = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="Term slugs, in order."
    )
    faqs = FaqInputSerializer(many=True, required=False)


class PointInputSerializer(serializers.Serializer):
    aspect = text()
    term_a = text()
    term_b = text()


class ComparisonInputSerializer(serializers.Serializer):
    term_a = text(help_text="A term's slug.")
    term_b = text(help_text="A term's slug.")
    title = text(help_text="“<A> vs <B>” when empty.")
    slug = text(help_text="“<a>-vs-<b>” when empty.")
    summary = text()
    body = text(help_text="In Markdown.")
    seo_title = text()
    seo_description = text()
    noindex = serializers.BooleanField(required=False)
    canonical_url = text(help_text="An absolute http(s) URL, or empty for the page's own URL.")
    og_image = serializers.IntegerField(
        required=False, allow_null=True, help_text="A media library image id (share image), or null."
    )
    points = PointInputSerializer(many=True, required=False)
    faqs = FaqInputSerializer(many=True, required=False)


class CategoryInputSerializer(serializers.Serializer):
    name = text()
    slug = text()
    description = text()
    order = serializers.IntegerField(required=False, min_value=0)


class SiteFaqInputSerializer(serializers.Serializer):
    question = text()
    answer = text(help_text="In Markdown.")
    order = serializers.IntegerField(required=False, min_value=0)


class CommentInputSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, help_text="Required to request changes.")
    confirm = serializers.BooleanField(
        default=False, help_text="Publish even though linked terms are not live (otherwise 409 naming them)."
    )


class ScheduleInputSerializer(serializers.Serializer):
    at = serializers.CharField(help_text="ISO 8601 with offset, e.g. 2026-03-30T09:00:00+00:00.")
    action = serializers.ChoiceField(choices=["publish", "unpublish"], default="publish")
    confirm = serializers.BooleanField(
        default=False, help_text="Schedule even though linked terms will not be live then (otherwise 409)."
    )
