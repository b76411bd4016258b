"""JSON errors for the management API: `{"detail", "field", "errors"}`, never cached.

Validation errors name the field (`field`, and every field in `errors`), whether DRF found
them (wrong JSON types) or the admin's forms and services did (ModelForm, `full_clean`,
workflow refusals). A refused edit based on a stale ETag is a 412 naming the current one.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from editorial.edits import EditConflict, LinksNotLive

NO_STORE = "private, no-store"


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = "Send If-Match with the item's ETag (from a GET), so that no one else's edit is overwritten."
    default_code = "precondition_required"


def _flatten(errors: object) -> list[str]:
    if isinstance(errors, dict):
        return [f"{key}: {message}" for key, value in errors.items() for message in _flatten(value)]
    if isinstance(errors, list):
        return [message for item in errors for message in _flatten(item)]
    return [str(errors)]


def validation_response(errors: dict[str, object]) -> Response:
    """400 naming the first field in error, with every field's messages."""
    errors = {field: _flatten(messages) for field, messages in errors.items()}
    field, messages = next(iter(errors.items()))
    detail = " ".join(messages) if field == "non_field_errors" else f"{field}: {' '.join(messages)}"
    return Response({"detail": detail, "field": field, "errors": errors}, status=status.HTTP_400_BAD_REQUEST)


def manage_exception_handler(exc, context) -> Response | None:
    if isinstance(exc, EditConflict):
        response = Response(
            {
                "detail": "The item was changed since your copy (its ETag differs): fetch it again, merge, and retry.",
                "current_etag": f'"{exc.current_version}"',
            },
            status=status.HTTP_412_PRECONDITION_FAILED,
        )
    elif isinstance(exc, LinksNotLive):
        response = Response(
            {
                "detail": f'{exc} Send {{"confirm": true}} to go ahead anyway.',
                "terms": [term.slug for term in exc.terms],
            },
            status=status.HTTP_409_CONFLICT,
        )
    elif isinstance(exc, DjangoValidationError):
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        response = validation_response(errors)
    elif isinstance(exc, exceptions.ValidationError) and isinstance(exc.detail, dict):
        response = validation_response(exc.detail)
    elif isinstance(exc, PermissionDenied):
        response = Response({"detail": str(exc) or "You do not have permission."}, status=status.HTTP_403_FORBIDDEN)
    else:
        response = exception_handler(exc, context)
    if response is not None:
        response["Cache-Control"] = NO_STORE
    return response
