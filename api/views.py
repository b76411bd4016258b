"""Delivery API v1 views: parse parameters, call a selector, serialise. GET only.

Every view builds its answer from live published versions at one instant (`now`), then
`DeliveryView.get` adds validators and a bounded Cache-Control and keeps the bytes in
the server-side cache until content next changes.
"""

from dataclasses import dataclass
from datetime import datetime
from itertools import groupby

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.renderers import JSONRenderer

from api import serializers as shapes
from api.caching import CachedResponse, current_timeline, etag_of, public_response, recall, remember, response_cache_key
from api.params import ComparisonListFilter, FaqParams, SearchParams, TermListFilter, validated_params
from faqs.models import PublishedFAQ
from terms import selectors
from terms.models import Category, ComparisonVersion, TermVersion
from terms.search import search
from terms.structured_data import category_url, comparison_url, term_url

PREVIEW_HEADER = "HTTP_X_PREVIEW_TOKEN"
PREVIEW_PARAMETER = "preview_token"
SLUG_PARAMETER = OpenApiParameter("slug", OpenApiTypes.STR, OpenApiParameter.PATH)
PREVIEW_PARAMETERS = [
    OpenApiParameter("X-Preview-Token", OpenApiTypes.STR, OpenApiParameter.HEADER, description="Preview token."),
    OpenApiParameter(PREVIEW_PARAMETER, OpenApiTypes.STR, description="Preview token (alternative to the header)."),
]
ERRORS = {
    301: OpenApiResponse(description="Renamed: `Location` has the current URL."),
    400: OpenApiResponse(description="A query parameter is invalid; `parameter` names it."),
    403: OpenApiResponse(description="The preview token is invalid or expired."),
    404: OpenApiResponse(description="No live object with this slug."),
}


@dataclass(frozen=True)
class MovedPermanently:
    location: str


class DeliveryView(GenericAPIView):
    """A read-only endpoint over live content, cached and validated in one place."""

    http_method_names = ["get", "head", "options"]
    filterset_class = None

    def schema_queryset(self):
        """What drf-spectacular introspects: it builds views without a request instant."""
        return self.queryset

    def get(self, request, *args, **kwargs):
        now = timezone.now()
        request.delivery_now = now
        timeline = current_timeline(now=now)
        key = response_cache_key(request, timeline)
        cached = recall(key)
        if cached is None:
            answer = self.answer(request, now=now, **kwargs)
            if isinstance(answer, MovedPermanently):
                location = request.build_absolute_uri(answer.location)
                body = JSONRenderer().render({"detail": f"Moved permanently to {location}"})
                cached = CachedResponse(status=301, body=body, etag=etag_of(body), location=location)
            else:
                body = JSONRenderer().render(answer)
                cached = CachedResponse(status=200, body=body, etag=etag_of(body))
            remember(key, cached, timeline=timeline, now=now)
        return public_response(request, cached, timeline=timeline, now=now)

    def answer(self, request, *, now: datetime, **kwargs) -> object:
        raise NotImplementedError

    def paginated(self, queryset, serialize) -> dict:
        """One page of `queryset` as {count, next, previous, results}."""
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(serialize(page)).data

    def refuse_preview(self, request) -> None:
        """Drafts are never served here yet: any preview token is refused, as an invalid one is."""
        if request.META.get(PREVIEW_HEADER) or request.query_params.get(PREVIEW_PARAMETER):
            raise PermissionDenied("The preview token is invalid or expired.")


def not_found(what: str, slug: str) -> Http404:
    return Http404(f"No live {what} with slug '{slug}'.")


class TermListView(DeliveryView):
    filterset_class = TermListFilter

    @extend_schema(responses={200: shapes.TermSummarySerializer(many=True), 400: ERRORS[400]})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    queryset = TermVersion.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.schema_queryset()
        return selectors.live_terms(at=self.request.delivery_now).order_by("name", "id")

    def answer(self, request, *, now):
        terms = self.filter_queryset(self.get_queryset())
        return self.paginated(terms, lambda page: shapes.TermSummarySerializer(page, many=True).data)


class TermDetailView(DeliveryView):
    @extend_schema(
        parameters=[SLUG_PARAMETER, *PREVIEW_PARAMETERS],
        responses={200: shapes.TermDetailSerializer, **{code: ERRORS[code] for code in (301, 403, 404)}},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def answer(self, request, *, now, slug):
        self.refuse_preview(request)
        version = selectors.live_term(slug=slug, at=now)
        if version is None:
            return moved_term(slug=slug, at=now, route="api:term-detail")
        context = {
            "related_terms": selectors.live_term_summaries(term_ids=version.related_term_ids, at=now),
            "comparisons": list(selectors.live_comparisons_of_term(term_id=version.term_id, at=now)),
        }
        return shapes.TermDetailSerializer(version, context=context).data


def moved_term(*, slug: str, at: datetime, route: str) -> MovedPermanently:
    target = selectors.redirect_for_term_slug(slug=slug, at=at)
    if target is None:
        raise not_found("term", slug)
    return MovedPermanently(reverse(route, kwargs={"slug": target.slug}))


class TermWidgetView(DeliveryView):
    @extend_schema(
        parameters=[SLUG_PARAMETER, *PREVIEW_PARAMETERS],
        responses={200: shapes.WidgetSerializer, **{code: ERRORS[code] for code in (301, 403, 404)}},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def answer(self, request, *, now, slug):
        self.refuse_preview(request)
        version = selectors.live_term(slug=slug, at=now)
        if version is None:
            return moved_term(slug=slug, at=now, route="api:term-widget")
        widget = {
            "term": {"slug": version.slug, "name": version.name},
            "greeting": settings.GLOSSARY_WIDGET_GREETING.format(term=version.name),
            "suggestions": [faq for faq in version.faqs if faq.get("suggested_in_widget", True)],
            "cta": version.cta,
        }
        return shapes.WidgetSerializer(widget).data


class ComparisonListView(DeliveryView):
    filterset_class = ComparisonListFilter

    @extend_schema(responses={200: shapes.ComparisonSummarySerializer(many=True), 400: ERRORS[400]})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    queryset = ComparisonVersion.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.schema_queryset()
        return selectors.live_comparisons(at=self.request.delivery_now).order_by("title", "id")

    def answer(self, request, *, now):
        comparisons = self.filter_queryset(self.get_queryset())

        def serialize(page):
            terms = selectors.terms_of_comparisons(comparisons=page, at=now)
            return shapes.ComparisonSummarySerializer(page, many=True, context={"terms": terms}).data

        return self.paginated(comparisons, serialize)


class ComparisonDetailView(DeliveryView):
    @extend_schema(
        parameters=[SLUG_PARAMETER, *PREVIEW_PARAMETERS],
        responses={200: shapes.ComparisonDetailSerializer, **{code: ERRORS[code] for code in (301, 403, 404)}},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def answer(self, request, *, now, slug):
        self.refuse_preview(request)
        version = selectors.live_comparison(slug=slug, at=now)
        if version is None:
            target = selectors.redirect_for_comparison_slug(slug=slug, at=now)
            if target is None:
                raise not_found("comparison", slug)
            return MovedPermanently(reverse("api:comparison-detail", kwargs={"slug": target.slug}))
        terms = selectors.terms_of_comparisons(comparisons=[version], at=now)
        return shapes.ComparisonDetailSerializer(version, context={"terms": terms}).data


class CategoryListView(DeliveryView):
    @extend_schema(responses={200: shapes.CategorySerializer(many=True), 400: ERRORS[400]})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    queryset = Category.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.schema_queryset()
        return selectors.live_categories(at=self.request.delivery_now)

    def answer(self, request, *, now):
        return self.paginated(self.get_queryset(), lambda page: shapes.CategorySerializer(page, many=True).data)


class CategoryDetailView(DeliveryView):
    @extend_schema(parameters=[SLUG_PARAMETER], responses={200: shapes.CategorySerializer, 404: ERRORS[404]})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def answer(self, request, *, now, slug):
        category = selectors.live_categories(at=now).filter(slug=slug).first()
        if category is None:
            raise not_found("category", slug)
        return shapes.CategorySerializer(category).data


class FaqListView(DeliveryView):
    queryset = PublishedFAQ.objects.none()

    @extend_schema(
        parameters=[FaqParams],
        responses={200: shapes.FaqListItemSerializer(many=True), 400: ERRORS[400], 404: ERRORS[404]},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def answer(self, request, *, now):
        slug = validated_params(FaqParams, request.query_params).get("term")
        if slug is None:
            faqs = [
                {**faq.as_dict(), "term": None}
                for faq in selectors.site_wide_faqs(at=now).only(
                    "faq_id", "question", "answer_markdown", "answer_html", "answer_text", "suggested_in_widget"
                )
            ]
        else:
            version = selectors.live_term(slug=slug, at=now)
            if version is None:
                raise not_found("term", slug)
            faqs = [{**faq, "term": {"slug": version.slug, "name": version.name}} for faq in version.faqs]
        return self.paginated(faqs, lambda page: shapes.FaqListItemSerializer(page, many=True).data)


class IndexView(DeliveryView):
    pagination_class = None

    @extend_schema(responses={200: shapes.IndexSerializer})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def answer(self, request, *, now):
        letters = [
            {"letter": letter, "terms": [{"slug": slug, "name": name} for _, slug, name in entries]}
            for letter, entries in groupby(selectors.index_entries(at=now), key=lambda entry: entry[0])
        ]
        return shapes.IndexSerializer({"letters": letters}).data


class SearchView(DeliveryView):
    pagination_class = None

    @extend_schema(parameters=[SearchParams], responses={200: shapes.SearchResponseSerializer, 400: ERRORS[400]})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def answer(self, request, *, now):
        query = validated_params(SearchParams, request.query_params)["q"]
        return shapes.SearchResponseSerializer({"results": search(query=query, at=now)}).data


class SitemapView(DeliveryView):
    queryset = TermVersion.objects.none()
    pagination_class = None
    URL_OF = {"term": term_url, "comparison": comparison_url, "category": category_url}

    @extend_schema(responses={200: shapes.SitemapEntrySerializer(many=True)})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def answer(self, request, *, now):
        entries = [
            {
                "type": entry.type,
                "slug": entry.slug,
                "url": self.URL_OF[entry.type](entry.slug),
                "lastmod": entry.lastmod,
            }
            for entry in selectors.sitemap_entries(at=now)
        ]
        return shapes.SitemapEntrySerializer(entries, many=True).data
