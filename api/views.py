"""Delivery API v1 views: parse parameters, call a selector, serialise. GET only.

Every view builds its answer from live published versions at one instant: the one at
which its request read the content clock (api/caching.py). Term and comparison pages are
their stored documents with their live links added (api/documents.py).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import orjson
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import GenericAPIView

from api import documents, params
from api import serializers as shapes
from api.caching import PREVIEW_HEADER, PREVIEW_PARAMETER, clock_of, count_once_per_timeline_span, delivery_response
from api.params import ComparisonListFilter, FaqParams, SearchParams, TermListFilter, validated_params
from editorial.preview import InvalidPreviewToken, object_id_from_token
from editorial.selectors import NotThisObject, draft_comparison_version, draft_term_version
from publishing import cache_tags
from terms import selectors
from terms.documents import dump_json
from terms.search import search
from terms.structured_data import category_url, comparison_url, term_url

PAGE_PARAMETERS = {"page", "page_size"}
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


@dataclass(frozen=True)
class TextAnswer:
    """An answer that is not JSON (Markdown, plain text, XML): its bytes and media type."""

    body: bytes
    content_type: str


class DeliveryView(GenericAPIView):
    """A read-only endpoint over live content, answered at the instant its request read the content clock.

    `answer()` returns a JSON-able object, bytes of JSON, `TextAnswer` (another media type) or
    `MovedPermanently`; validators, Cache-Control and the response cache are handled in one
    place (api/caching.py).
    """

    http_method_names = ["get", "head", "options"]
    filterset_class = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset  # drf-spectacular introspects views without a request instant
        return self.live_queryset(at=self.request.delivery_now)

    def live_queryset(self, *, at: datetime):
        raise NotImplementedError

    preview_kind: str | None = None
    allowed_parameters: frozenset[str] = params.NO_PARAMETERS
    # Cache tags of every answer of this view (publishing/cache_tags.py); `answer()` adds its items' own.
    list_tags: tuple[str, ...] = ()

    def get(self, request, *args, **kwargs):
        params.reject_unknown_parameters(request.query_params, allowed=self.allowed_parameters)
        clock = clock_of(request)
        request.delivery_now = now = clock.at
        token = request.META.get(PREVIEW_HEADER) or request.query_params.get(PREVIEW_PARAMETER)
        if token and self.preview_kind:
            return self.preview_response(request, token=token, now=now, **kwargs)
        request.cache_tags = list(self.list_tags)
        answer = self.answer(request, now=now, **kwargs)
        if isinstance(answer, MovedPermanently):
            location = request.build_absolute_uri(answer.location)
            body = dump_json({"detail": f"Moved permanently to {location}"})
            return delivery_response(body, clock=clock, status=301, location=location, tags=request.cache_tags)
        if isinstance(answer, TextAnswer):
            return delivery_response(
                answer.body, clock=clock, content_type=answer.content_type, tags=request.cache_tags
            )
        body = answer if isinstance(answer, bytes) else dump_json(answer)
        return delivery_response(body, clock=clock, tags=request.cache_tags)

    def answer(self, request, *, now: datetime, **kwargs) -> object:
        raise NotImplementedError

    def count_rows_of(self, queryset) -> Callable[[], int] | None:
        """How the paginator counts a live list: once per content generation and timeline span."""
        request = self.request
        if not hasattr(request, "delivery_clock") or not isinstance(queryset, QuerySet):
            return None
        filters = sorted((name, value) for name, value in request.query_params.lists() if name not in PAGE_PARAMETERS)
        return lambda: count_once_per_timeline_span(
            queryset.count, key=f"{request.path_info}?{filters}", clock=request.delivery_clock
        )

    def paginated(self, queryset, serialize) -> dict:
        """One page of `queryset` as {count, next, previous, results}."""
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(serialize(page)).data

    def preview_response(self, request, *, token: str, now: datetime, slug: str) -> HttpResponse:
        """The current draft of the one object the token was minted for; never cached."""
        try:
            object_id = object_id_from_token(token, kind=self.preview_kind)
            data = self.preview(object_id=object_id, slug=slug, now=now)
        except InvalidPreviewToken as error:
            raise PermissionDenied(str(error)) from None
        except NotThisObject:
            raise PermissionDenied("The preview token is for another object.") from None
        response = HttpResponse(data if isinstance(data, bytes) else dump_json(data), content_type="application/json")
        response["Cache-Control"] = "private, no-store"
        patch_vary_headers(response, ["X-Preview-Token"])
        return response

    def preview(self, *, object_id: int, slug: str, now: datetime) -> object:
        raise NotImplementedError


def depends_on(request, *tags: str) -> None:
    """Name what this answer shows, so that a change to it purges the answer from the CDN."""
    request.cache_tags.extend(tags)


def not_found(what: str, slug: str) -> Http404:
    return Http404(f"No live {what} with slug '{slug}'.")


@extend_schema_view(get=extend_schema(responses={200: shapes.TermSummarySerializer(many=True), 400: ERRORS[400]}))
class TermListView(DeliveryView):
    allowed_parameters = params.TERM_LIST_PARAMETERS
    list_tags = (cache_tags.TERMS,)
    filterset_class = TermListFilter
    page_columns = selectors.TERM_SUMMARY_DOCUMENT_COLUMNS  # each page is read as summary rows (dicts)

    queryset = selectors.no_terms()

    def live_queryset(self, *, at: datetime):
        return selectors.live_terms_for_list(at=at).order_by("name", "id")

    def answer(self, request, *, now):
        terms = self.filter_queryset(self.get_queryset())
        categories = documents.categories_at(request.delivery_clock)
        return self.paginated(terms, lambda page: documents.term_summaries(page, categories))


@extend_schema_view(
    get=extend_schema(
        parameters=[SLUG_PARAMETER, *PREVIEW_PARAMETERS],
        responses={200: shapes.TermDetailSerializer, **{code: ERRORS[code] for code in (301, 403, 404)}},
    )
)
class TermDetailView(DeliveryView):
    allowed_parameters = params.PREVIEW_PARAMETERS
    preview_kind = "term"

    def answer(self, request, *, now, slug):
        page = selectors.live_term_page(slug=slug, at=now)
        if page is None:
            return moved_term(request, slug=slug, at=now, route="api:term-detail")
        depends_on(request, cache_tags.term_tag(page["term_id"]))
        if page["category_id"] is not None:
            depends_on(request, cache_tags.category_tag(page["category_id"]))
        return term_detail(page, clock=request.delivery_clock, request=request)

    def preview(self, *, object_id, slug, now):
        draft = draft_term_version(term_id=object_id, slug=slug, at=now)
        page = {
            "term_id": draft.term_id,
            "category_id": draft.category_id,
            "related_term_ids": draft.related_term_ids,
            "relations": draft.relations,
            "status": draft.status,
            "replaced_by_term_id": draft.replaced_by_term_id,
            "mentioned_term_ids": draft.mentioned_term_ids,
            "autolink_mentions": draft.autolink_mentions,
            "document": draft.document,
            "document_fingerprint": draft.document_fingerprint,
        }
        return term_detail(page, clock=self.request.delivery_clock)


def term_detail(page: dict, *, clock, request=None) -> bytes:
    """A term page; for a public `request`, its cache tags name the live terms it links to."""
    comparisons = documents.comparisons_at(clock).get(page["term_id"], [])
    links = selectors.term_page_links(
        term_id=page["term_id"],
        related_term_ids=page["related_term_ids"],
        comparisons=comparisons,
        at=clock.at,
        relations=page["relations"],
        inverse_relations=documents.inverse_relations_at(clock).get(page["term_id"], []),
        replaced_by_term_id=page["replaced_by_term_id"],
        related_from=documents.related_both_ways_at(clock).get(page["term_id"], []),
        mentioned_term_ids=page["mentioned_term_ids"],
    )
    if request is not None:
        # Live ones only (an unpublished term's id never shows); a term going live or away
        # purges the pages that link to it by their tags (terms.events.stale_tags_of).
        linked = [row["term_id"] for row in (*links.related_terms, *links.mentions)]
        linked += [
            term_id for comparison in comparisons for term_id in (comparison["term_a_id"], comparison["term_b_id"])
        ]
        depends_on(request, *map(cache_tags.term_tag, linked))
    return documents.term_detail(
        selectors.current_term_document(page), page, links=links, categories=documents.categories_at(clock)
    )


def moved_term(request, *, slug: str, at: datetime, route: str) -> MovedPermanently:
    target = selectors.redirect_for_term_slug(slug=slug, at=at)
    if target is None:
        raise not_found("term", slug)
    depends_on(request, cache_tags.term_tag(target.term_id))
    return MovedPermanently(reverse(route, kwargs={"slug": target.slug}))


def moved_comparison(request, *, slug: str, at: datetime, route: str) -> MovedPermanently:
    target = selectors.redirect_for_comparison_slug(slug=slug, at=at)
    if target is None:
        raise not_found("comparison", slug)
    depends_on(request, cache_tags.comparison_tag(target.comparison_id))
    return MovedPermanently(reverse(route, kwargs={"slug": target.slug}))


def depends_on_comparison(request, version) -> None:
    """A comparison page changes with the comparison and with either of its terms."""
    depends_on(
        request,
        cache_tags.comparison_tag(version.comparison_id),
        cache_tags.term_tag(version.term_a_id),
        cache_tags.term_tag(version.term_b_id),
    )


@extend_schema_view(
    get=extend_schema(
        parameters=[SLUG_PARAMETER, *PREVIEW_PARAMETERS],
        responses={200: shapes.WidgetSerializer, **{code: ERRORS[code] for code in (301, 403, 404)}},
    )
)
class TermWidgetView(DeliveryView):
    allowed_parameters = params.PREVIEW_PARAMETERS
    preview_kind = "term"

    def answer(self, request, *, now, slug):
        version = selectors.live_term(slug=slug, at=now)
        if version is None:
            return moved_term(request, slug=slug, at=now, route="api:term-widget")
        depends_on(request, cache_tags.term_tag(version.term_id))
        return widget(version)

    def preview(self, *, object_id, slug, now):
        return widget(draft_term_version(term_id=object_id, slug=slug, at=now))


def widget(version: selectors.TermVersion) -> dict:
    payload = {
        "term": {"slug": version.slug, "name": version.name},
        "greeting": selectors.widget_greeting(version),
        "suggestions": [faq for faq in version.faqs if faq.get("suggested_in_widget", True)],
        "cta": version.cta,
    }
    return shapes.WidgetSerializer(payload).data


@extend_schema_view(get=extend_schema(responses={200: shapes.ComparisonSummarySerializer(many=True), 400: ERRORS[400]}))
class ComparisonListView(DeliveryView):
    allowed_parameters = params.COMPARISON_LIST_PARAMETERS
    list_tags = (cache_tags.COMPARISONS,)
    filterset_class = ComparisonListFilter

    queryset = selectors.no_comparisons()

    def live_queryset(self, *, at: datetime):
        return selectors.live_comparisons(at=at).order_by("title", "id")

    def answer(self, request, *, now):
        comparisons = self.filter_queryset(self.get_queryset())

        def serialize(page):
            terms = selectors.terms_of_comparisons(comparisons=page, at=now)
            return shapes.ComparisonSummarySerializer(page, many=True, context={"terms": terms}).data

        return self.paginated(comparisons, serialize)


@extend_schema_view(
    get=extend_schema(
        parameters=[SLUG_PARAMETER, *PREVIEW_PARAMETERS],
        responses={200: shapes.ComparisonDetailSerializer, **{code: ERRORS[code] for code in (301, 403, 404)}},
    )
)
class ComparisonDetailView(DeliveryView):
    allowed_parameters = params.PREVIEW_PARAMETERS
    preview_kind = "comparison"

    def answer(self, request, *, now, slug):
        version = selectors.live_comparison(slug=slug, at=now)
        if version is None:
            return moved_comparison(request, slug=slug, at=now, route="api:comparison-detail")
        depends_on_comparison(request, version)
        return comparison_detail(version, clock=request.delivery_clock)

    def preview(self, *, object_id, slug, now):
        version = draft_comparison_version(comparison_id=object_id, slug=slug, at=now)
        return comparison_detail(version, clock=self.request.delivery_clock)


def comparison_detail(version: selectors.ComparisonVersion, *, clock) -> bytes:
    """A comparison page; a draft whose terms are not both live cannot be shown yet."""
    terms = selectors.live_term_summary_rows(term_ids=[version.term_a_id, version.term_b_id], at=clock.at)
    if version.term_a_id not in terms or version.term_b_id not in terms:
        raise Http404("Both terms of this comparison must be live before it can be shown.")
    return documents.comparison_detail(
        selectors.current_comparison_document(version),
        term_a=terms[version.term_a_id],
        term_b=terms[version.term_b_id],
        categories=documents.categories_at(clock),
    )


@extend_schema_view(get=extend_schema(responses={200: shapes.CategorySerializer(many=True), 400: ERRORS[400]}))
class CategoryListView(DeliveryView):
    allowed_parameters = params.CATEGORY_LIST_PARAMETERS
    list_tags = (cache_tags.CATEGORIES,)
    queryset = selectors.no_categories()

    def live_queryset(self, *, at: datetime):
        return selectors.live_categories(at=at)

    def answer(self, request, *, now):
        return self.paginated(self.get_queryset(), lambda page: shapes.CategorySerializer(page, many=True).data)


@extend_schema_view(
    get=extend_schema(parameters=[SLUG_PARAMETER], responses={200: shapes.CategorySerializer, 404: ERRORS[404]})
)
class CategoryDetailView(DeliveryView):
    list_tags = (cache_tags.CATEGORIES,)  # a category is public while it has live terms

    def answer(self, request, *, now, slug):
        category = selectors.live_categories(at=now).filter(slug=slug).first()
        if category is None:
            raise not_found("category", slug)
        depends_on(request, cache_tags.category_tag(category.pk))
        return shapes.CategorySerializer(category).data


@extend_schema_view(
    get=extend_schema(
        parameters=[FaqParams],
        responses={200: shapes.FaqListItemSerializer(many=True), 400: ERRORS[400], 404: ERRORS[404]},
    )
)
class FaqListView(DeliveryView):
    allowed_parameters = params.FAQ_LIST_PARAMETERS
    list_tags = (cache_tags.FAQS,)
    queryset = selectors.no_faqs()

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
            depends_on(request, cache_tags.term_tag(version.term_id))
            faqs = [{**faq, "term": {"slug": version.slug, "name": version.name}} for faq in version.faqs]
        return self.paginated(faqs, lambda page: shapes.FaqListItemSerializer(page, many=True).data)


@extend_schema_view(get=extend_schema(responses={200: shapes.IndexSerializer}))
class IndexView(DeliveryView):
    pagination_class = None
    list_tags = (cache_tags.INDEX,)

    def answer(self, request, *, now):
        # Each letter's entries are stored JSON in IndexEntrySerializer's shape, written (and
        # U+2028/2029 escaped) by dump_json at publication; letters are ASCII. So the body is
        # ready as it is, without another pass over its 600 KB (10,000 terms) looking for them.
        letters = [
            {"letter": letter, "terms": orjson.Fragment(entries)} for letter, entries in selectors.index_letters(at=now)
        ]
        return orjson.dumps({"letters": letters})


@extend_schema_view(
    get=extend_schema(parameters=[SearchParams], responses={200: shapes.SearchResponseSerializer, 400: ERRORS[400]})
)
class SearchView(DeliveryView):
    allowed_parameters = params.SEARCH_PARAMETERS
    pagination_class = None
    list_tags = (cache_tags.SEARCH,)

    def answer(self, request, *, now):
        query = validated_params(SearchParams, request.query_params)["q"]
        return {"results": [documents.search_result(hit) for hit in search(query=query, at=now)]}


@extend_schema_view(get=extend_schema(responses={200: shapes.SitemapEntrySerializer(many=True)}))
class SitemapView(DeliveryView):
    queryset = selectors.no_terms()
    pagination_class = None
    list_tags = (cache_tags.SITEMAP,)
    URL_OF = {"term": term_url, "comparison": comparison_url, "category": category_url}

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
