"""Query-parameter validation for the delivery API: a bad value is a 400 naming the parameter.

So is an unknown parameter: each endpoint accepts only the parameters it documents
(`*_PARAMETERS` below, derived from the filters and serializers that also write the
OpenAPI schema), so a caller's typo is reported and random parameters make no new
cache entries.
"""

import re
from collections.abc import Callable, Iterable

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.db.models.functions import Lower
from django.utils.functional import cached_property
from django_filters import fields as filter_fields
from django_filters import rest_framework as filters
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from terms import selectors
from terms.letters import INDEX_LETTERS
from terms.search import MAX_QUERY_LENGTH, matching

WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")
LETTER_CHOICES = [(letter.lower(), letter) for letter in INDEX_LETTERS] + [
    (letter, letter) for letter in INDEX_LETTERS if letter.isalpha()
]
TERM_ORDERINGS = {
    "name": [Lower("name"), "id"],
    "-name": [Lower("name").desc(), "-id"],
    "updated_at": ["live_from", "id"],
    "-updated_at": ["-live_from", "-id"],
}


class NonEmptyChoiceField(filter_fields.ChoiceField):
    """A choice that, when given, must be one of the choices: `?letter=` is a mistake, not "any letter"."""

    def clean(self, value):
        # The form reads an absent parameter as None and an empty one as "".
        if value == "":
            raise forms.ValidationError("Must not be empty; leave the parameter out instead.", code="empty")
        return super().clean(value)


class NonEmptyChoiceFilter(filters.ChoiceFilter):
    field_class = NonEmptyChoiceField


class TermListFilter(filters.FilterSet):
    category = filters.CharFilter(field_name="category__slug", help_text="Category slug.")
    letter = NonEmptyChoiceFilter(
        choices=LETTER_CHOICES, method="filter_letter", help_text="Index letter: a–z, or 0-9."
    )
    q = filters.CharFilter(method="filter_q", max_length=MAX_QUERY_LENGTH, help_text="Words to search for.")
    updated_since = filters.IsoDateTimeFilter(
        field_name="live_from", lookup_expr="gte", help_text="ISO 8601 date-time; terms published since then."
    )
    ordering = NonEmptyChoiceFilter(
        choices=[(key, key) for key in TERM_ORDERINGS], method="filter_ordering", help_text="Sort order."
    )

    def filter_letter(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(index_letter=value.upper())

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return matching(queryset, value, ["name", "aliases_text", "short_definition", "body_text"])

    def filter_ordering(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.order_by(*TERM_ORDERINGS[value])


class ComparisonListFilter(filters.FilterSet):
    term = filters.CharFilter(method="filter_term", help_text="Slug of a term on either side.")

    def filter_term(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        term_ids = selectors.live_term_ids_with_slug(slug=value, at=self.request.delivery_now)
        return queryset.filter(Q(term_a_id__in=term_ids) | Q(term_b_id__in=term_ids))


class GivenFiltersBackend(DjangoFilterBackend):
    """django-filter, skipped when a request names none of the view's filters.

    A FilterSet copies every filter and builds a form per request; a plain page of a
    list (the common request) has nothing for it to do.
    """

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None or filterset_class.base_filters.keys().isdisjoint(request.query_params.keys()):
            return queryset
        return super().filter_queryset(request, queryset, view)


class SearchParams(serializers.Serializer):
    q = serializers.CharField(max_length=MAX_QUERY_LENGTH, trim_whitespace=True, help_text="Words to search for.")


class FaqParams(serializers.Serializer):
    term = serializers.SlugField(required=False, help_text="Slug of a term; omit for the site-wide FAQs.")


def validated_params(serializer_class: type[serializers.Serializer], query_params) -> dict:
    params = serializer_class(data=query_params)
    params.is_valid(raise_exception=True)
    return params.validated_data


PAGE_PARAMETERS = frozenset({"page", "page_size"})
PREVIEW_PARAMETERS = frozenset({"preview_token"})  # detail endpoints with drafts; the header works too
NO_PARAMETERS: frozenset[str] = frozenset()
TERM_LIST_PARAMETERS = frozenset(TermListFilter.base_filters) | PAGE_PARAMETERS
COMPARISON_LIST_PARAMETERS = frozenset(ComparisonListFilter.base_filters) | PAGE_PARAMETERS
CATEGORY_LIST_PARAMETERS = PAGE_PARAMETERS
FAQ_LIST_PARAMETERS = frozenset(FaqParams().fields) | PAGE_PARAMETERS
SEARCH_PARAMETERS = frozenset(SearchParams().fields)


def reject_unknown_parameters(names: Iterable[str], *, allowed: frozenset[str]) -> None:
    """Refuse a request naming a query parameter its endpoint does not document (400 naming it)."""
    for name in names:
        if name not in allowed:
            accepted = ", ".join(sorted(allowed)) or "none"
            raise ValidationError({name: [f"Unknown parameter; this endpoint accepts: {accepted}."]})


class DeferredJoinPaginator(Paginator):
    """Reads a page of a queryset as "rows whose key is among this page's keys".

    The keys of a deep page (OFFSET 980) come from walking an index alone; only the
    page's own rows are then read whole, instead of every row skipped on the way.
    """

    def __init__(
        self,
        object_list,
        per_page: int,
        *,
        count_rows: Callable[[], int] | None = None,
        page_columns: tuple[str, ...] | None = None,
    ) -> None:
        super().__init__(object_list, per_page)
        self.count_rows = count_rows
        self.page_columns = page_columns

    @cached_property
    def count(self) -> int:
        return self.count_rows() if self.count_rows is not None else super().count

    def page(self, number: int) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = self.object_list
        if isinstance(rows, QuerySet):
            rows = rows.filter(pk__in=rows.values("pk")[bottom:top])
            if self.page_columns:
                # Only the page's own rows join what they show (the keys come from an index).
                rows = rows.values(*self.page_columns)
        else:
            rows = rows[bottom:top]
        return self._get_page(rows, number, self)


class StrictPageNumberPagination(PageNumberPagination):
    """Pages of 20 by default; `page` and `page_size` (1–100) are validated, not guessed."""

    django_paginator_class = DeferredJoinPaginator
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not WHOLE_NUMBER.fullmatch(raw) or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError({"page_size": [f"Must be a whole number from 1 to {self.max_page_size}."]})
        return int(raw)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        ranges = {
            self.page_query_param: {"minimum": 1},
            self.page_size_query_param: {"minimum": 1, "maximum": self.max_page_size},
        }
        for parameter in parameters:
            parameter["schema"] |= ranges.get(parameter["name"], {})
        return parameters

    def paginate_queryset(self, queryset, request, view=None):
        raw = request.query_params.get(self.page_query_param, "1")
        if not WHOLE_NUMBER.fullmatch(raw) or int(raw) < 1:
            raise ValidationError({"page": ["Must be a whole number from 1."]})
        page_size = self.get_page_size(request)
        count_rows = view.count_rows_of(queryset) if hasattr(view, "count_rows_of") else None
        page_columns = getattr(view, "page_columns", None)
        paginator = self.django_paginator_class(queryset, page_size, count_rows=count_rows, page_columns=page_columns)
        number = int(raw)
        if number > max(paginator.num_pages, 1):
            raise ValidationError({"page": [f"There is no page {number}; the last page is {paginator.num_pages}."]})
        self.page = paginator.page(number)
        self.request = request
        return list(self.page)
