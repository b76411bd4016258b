"""JSON errors for the delivery API: always `{"detail": ...}`, naming the bad parameter."""

from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler


def json_exception_handler(exc, context) -> Response | None:
    """DRF's handler, with validation errors folded into one `detail` that names the parameter."""
    response = exception_handler(exc, context)
    if response is None:
        return response
    # An error may stop being one at the next publication: caches must ask again.
    response["Cache-Control"] = "no-cache"
    if not isinstance(exc, ValidationError) or not isinstance(response.data, dict):
        return response
    errors = {field: [str(message) for message in messages] for field, messages in response.data.items()}
    field, messages = next(iter(errors.items()))
    response.data = {
        "detail": f"Invalid query parameter '{field}': {' '.join(messages)}",
        "parameter": field,
        "errors": errors,
    }
    return response
