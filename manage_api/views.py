"""The management API: working copies, edited and moved through the workflow with a personal token.

A thin layer: it parses JSON and headers, then calls editorial's selectors and services,
which check the token's user's permissions, the admin's validation and the edit version.
Every answer is private and never stored (`Cache-Control: private, no-store`); the public
response cache never sees these paths (api/caching.py leaves /api/v1/manage/ alone).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.http import parse_etags
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from editorial import edits, selectors
from editorial import services as workflow
from manage_api import serializers as shapes
from manage_api.authentication import BearerTokenAuthentication
from manage_api.errors import NO_STORE, PreconditionRequired, manage_exception_handler, validation_response
from publishing.permissions import may

TAG = "management"


@dataclass(frozen=True)
class Kind:
    """One kind of item the management API edits (a key of editorial.edits.EDITABLE)."""

    name: str
    lookup: str  # the URL's key: "slug" or "pk"
    output: type[serializers.Serializer]
    input: type[serializers.Serializer]
    nested: tuple[str, ...]
    transitions: tuple[str, ...]

    @property
    def model(self) -> type[models.Model]:
        return edits.EDITABLE[self.name]

    def queryset(self) -> models.QuerySet:
        return selectors.working_copies(kind=self.name, at=timezone.now())


REVIEWED = ("submit", "request-changes", "approve", "publish", "unpublish", "schedule", "archive", "unarchive")
TERMS = Kind(
    "term",
    "slug",
    shapes.ManagedTermSerializer,
    shapes.TermInputSerializer,
    ("aliases", "related_terms", "faqs"),
    REVIEWED,
)
COMPARISONS = Kind(
    "comparison",
    "slug",
    shapes.ManagedComparisonSerializer,
    shapes.ComparisonInputSerializer,
    ("points", "faqs"),
    REVIEWED,
)
CATEGORIES = Kind("category", "slug", shapes.ManagedCategorySerializer, shapes.CategoryInputSerializer, (), ())
# Site-wide FAQs are reviewed like terms, but published now only (never scheduled or archived).
SITE_FAQS = Kind(
    "site_faq",
    "pk",
    shapes.ManagedSiteFaqSerializer,
    shapes.SiteFaqInputSerializer,
    (),
    ("submit", "request-changes", "approve", "publish", "unpublish"),
)
# Fields of an item's representation a client may send back unchanged with a PUT; they are ignored.
READ_ONLY = {"etag", "review_state", "publication_state", "live_version", "created_at", "updated_at", "id"}


class ManagePagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class ManageView(APIView):
    """Token-authenticated, never cached, errors naming the field."""

    kind: Kind
    authentication_classes = [BearerTokenAuthentication]
    permission_classes = [IsAuthenticated]
    # A token is 256 random bits: there is nothing to guess, and scripts importing a glossary
    # must not be held to the anonymous readers' rate.
    throttle_classes: list = []

    def get_exception_handler(self):
        return manage_exception_handler

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = NO_STORE
        response["Vary"] = "Authorization"
        return response

    def require(self, action: str, doing: str) -> None:
        if not (
            may(self.request.user, self.kind.model, action)
            or (action == "view" and may(self.request.user, self.kind.model, "change"))
        ):
            raise PermissionDenied(f"You do not have permission to {doing}.")

    def get_item(self, key: str | int) -> models.Model:
        # Someone who may not see these items learns nothing of them, not even which exist.
        self.require("view", f"see {self.kind.model._meta.verbose_name_plural}")
        item = self.kind.queryset().filter(**{self.kind.lookup: key}).first()
        if item is None:
            raise Http404
        return item

    def parse_body(self, request: Request) -> dict:
        """The JSON object sent, checked for its shape; unknown fields are refused by name."""
        if not isinstance(request.data, dict):
            raise ValidationError({"non_field_errors": "Send a JSON object."})
        input_serializer = self.kind.input(data=request.data)
        unknown = set(request.data) - set(input_serializer.fields) - READ_ONLY
        if unknown:
            raise ValidationError({name: "Unknown field." for name in sorted(unknown)})
        input_serializer.is_valid(raise_exception=True)
        return dict(input_serializer.validated_data)

    def split(self, data: dict) -> tuple[dict, dict]:
        nested = {name: data.pop(name) for name in self.kind.nested if name in data}
        return data, nested

    def represent(self, item: models.Model, *, status_code: int = status.HTTP_200_OK, read: bool = True) -> Response:
        if read:  # after a change: read it again as the list shows it, with its state and nested rows
            item = self.get_item(getattr(item, self.kind.lookup))
        response = Response(self.kind.output(item).data, status=status_code)
        response["ETag"] = f'"{edits.edit_version(item)}"'
        return response


def expected_versions(request: Request) -> frozenset[str]:
    """The edit versions named in If-Match: 428 without one, 412 (later) when none is current."""
    header = request.headers.get("If-Match", "").strip()
    if not header or header == "*":
        raise PreconditionRequired
    return frozenset(tag.strip('"') for tag in parse_etags(header) if not tag.startswith("W/"))


class ItemListView(ManageView):
    def get(self, request: Request) -> Response:
        """The working copies, drafts included, a page at a time (`page`, `page_size` up to 200)."""
        self.require("view", f"see {self.kind.model._meta.verbose_name_plural}")
        paginator = ManagePagination()
        page = paginator.paginate_queryset(self.kind.queryset(), request, view=self)
        return paginator.get_paginated_response(self.kind.output(page, many=True).data)

    def post(self, request: Request) -> Response:
        values, nested = self.split(self.parse_body(request))
        values = {**edits.form_values(self.kind.model()), **values}
        item = edits.create_item(self.kind.model, values=values, nested=nested, by=request.user)
        response = self.represent(item, status_code=status.HTTP_201_CREATED)
        response["Location"] = request.build_absolute_uri(f"{request.path}{getattr(item, self.kind.lookup)}/")
        return response


class ItemDetailView(ManageView):
    def get(self, request: Request, key: str | int) -> Response:
        return self.represent(self.get_item(key), read=False)

    def put(self, request: Request, key: str | int) -> Response:
        return self.update(request, key, partial=False)

    def patch(self, request: Request, key: str | int) -> Response:
        return self.update(request, key, partial=True)

    def update(self, request: Request, key: str | int, *, partial: bool) -> Response:
        item = self.get_item(key)
        versions = expected_versions(request)
        values, nested = self.split(self.parse_body(request))
        if partial:
            values = {**edits.form_values(item), **values}
        else:
            values = {**edits.form_values(self.kind.model()), **values}
            nested = {name: nested.get(name, []) for name in self.kind.nested}
        item = edits.update_item(item, values=values, nested=nested, by=request.user, expected_versions=versions)
        return self.represent(item)

    def delete(self, request: Request, key: str | int) -> Response:
        item = self.get_item(key)
        edits.delete_item(item, by=request.user, expected_versions=expected_versions(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class TransitionView(ManageView):
    """POST /<kind>/<key>/<transition>/: a workflow step, checked and done by editorial.services."""

    def post(self, request: Request, key: str | int, transition: str) -> Response:
        if transition not in self.kind.transitions:
            raise Http404
        item = self.get_item(key)
        body = request.data if isinstance(request.data, dict) else {}
        if transition == "schedule":
            params = shapes.ScheduleInputSerializer(data=body)
            if not params.is_valid():
                return validation_response(params.errors)
            at = edits.parse_moment(params.validated_data["at"])
            if params.validated_data["action"] == "publish" and not params.validated_data["confirm"]:
                edits.require_live_links(item=item, at=at, by=request.user, doing="schedule")
            edits.schedule(item=item, at=at, action=params.validated_data["action"], by=request.user)
            return self.represent(item)
        comment = shapes.CommentInputSerializer(data=body)
        if not comment.is_valid():
            return validation_response(comment.errors)
        text = comment.validated_data.get("comment", "")
        if transition == "submit":
            workflow.submit_for_review(item=item, by=request.user)
        elif transition == "request-changes":
            workflow.request_changes(item=item, by=request.user, comment=text)
        elif transition == "approve":
            workflow.approve(item=item, by=request.user, comment=text)
        elif transition == "publish":
            if not comment.validated_data["confirm"]:
                edits.require_live_links(item=item, at=None, by=request.user, doing="publish")
            workflow.publish(item=item, by=request.user)
        elif transition == "unpublish":
            workflow.unpublish(item=item, by=request.user)
        elif transition == "archive":
            workflow.archive(item=item, by=request.user)
        elif transition == "unarchive":
            workflow.unarchive(item=item, by=request.user)
        return self.represent(item)


# --- one set of views per kind, each with its own schema ------------------------------------

ERRORS = {
    400: OpenApiResponse(description="Invalid input: `field` names the first field in error, `errors` every one."),
    401: OpenApiResponse(description="No token, or an unknown, expired or revoked one."),
    403: OpenApiResponse(description="The token's user may not do this (their role)."),
    404: OpenApiResponse(description="No such item."),
}
LINKS_NOT_LIVE = OpenApiResponse(description="Going live would leave out links to terms not live then (`terms`).")
PRECONDITIONS = {
    412: OpenApiResponse(description="If-Match names an old ETag: someone changed the item since."),
    428: OpenApiResponse(description="If-Match is missing."),
}
IF_MATCH = OpenApiParameter(
    "If-Match", str, OpenApiParameter.HEADER, required=True, description="The item's ETag, from its GET."
)


def views_for(kind: Kind, noun: str, plural: str) -> tuple[type, type, type]:
    """List, detail and transition views for one kind, each operation named and tagged in the OpenAPI schema."""
    key = OpenApiParameter(
        "key", int if kind.lookup == "pk" else str, OpenApiParameter.PATH, description=f"The {noun}'s {kind.lookup}."
    )
    transition = OpenApiParameter(
        "transition", str, OpenApiParameter.PATH, enum=list(kind.transitions), description="The workflow step."
    )
    out = kind.output
    edit = {"parameters": [key, IF_MATCH], "request": kind.input, "responses": {200: out, **ERRORS, **PRECONDITIONS}}

    def view(base: type, suffix: str, **operations) -> type:
        # extend_schema_view gives each class its own copy of the methods it annotates.
        name = "".join(part.title() for part in kind.name.split("_"))
        cls = type(f"Manage{name}{suffix}", (base,), {"kind": kind})
        return extend_schema_view(**{method: extend_schema(tags=[TAG], **spec) for method, spec in operations.items()})(
            cls
        )

    list_view = view(
        ItemListView,
        "ListView",
        get={"operation_id": f"manage_{plural}_list", "responses": {200: shapes.paginated(out), **ERRORS}},
        post={"operation_id": f"manage_{plural}_create", "request": kind.input, "responses": {201: out, **ERRORS}},
    )
    detail_view = view(
        ItemDetailView,
        "DetailView",
        get={"operation_id": f"manage_{plural}_read", "parameters": [key], "responses": {200: out, **ERRORS}},
        put={"operation_id": f"manage_{plural}_replace", **edit},
        patch={"operation_id": f"manage_{plural}_update", **edit},
        delete={
            "operation_id": f"manage_{plural}_delete",
            "parameters": [key, IF_MATCH],
            "responses": {204: None, **ERRORS, **PRECONDITIONS},
        },
    )
    transition_view = view(
        TransitionView,
        "TransitionView",
        post={
            "operation_id": f"manage_{plural}_transition",
            "parameters": [key, transition],
            "request": shapes.CommentInputSerializer,
            "responses": {200: out, **ERRORS, 409: LINKS_NOT_LIVE},
            "description": 'Body: `{"comment": ...}` (request-changes needs one); for `schedule`, '
            '`{"at": "<ISO 8601 with offset>", "action": "publish"|"unpublish"}`. Publishing (now or scheduled) '
            "an item that links to terms not live then answers 409 naming them, unless the body has "
            '`"confirm": true`, as the admin asks before publishing anyway.',
        },
    )
    return list_view, detail_view, transition_view
