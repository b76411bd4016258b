"""JSON errors for the delivery API: always `{"detail": ...}`, naming the bad parameter.

DRF's views answer their own errors through `json_exception_handler`. What never reaches
a DRF view gets the same shape here: unknown paths and slugs the URL patterns refuse
(404), a disallowed Host header or a malformed request (400), a crash (500, logged by
Django with its traceback, which never reaches the client). `glossary_cms/urls.py`
sends Django's error handlers here for paths under `/api/`; with DEBUG on, Django
answers with its debug pages instead of calling them, so `JsonErrorsUnderApi` turns
whatever non-JSON error comes back for an API path into JSON.
"""

from collections.abc import Callable
from http import HTTPStatus

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
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


API_PATH_PREFIX = "/api/"
ERROR_DETAILS = {
    400: "Bad request.",
    403: "You do not have permission to perform this action.",
    404: "Not found.",
    500: "Internal server error.",
}


def is_api_path(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PATH_PREFIX)


def error_detail(status: int) -> str:
    return ERROR_DETAILS.get(status) or f"{HTTPStatus(status).phrase}."


def json_error(status: int) -> JsonResponse:
    """`{"detail": ...}` for an error status; the message never echoes the request or the exception."""
    response = JsonResponse({"detail": error_detail(status)}, status=status)
    # Like DRF's errors above: a missing object may be published a moment later.
    response["Cache-Control"] = "no-cache"
    return response


def _json_under_api(status: int, site_handler: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A Django error handler: JSON for API paths, the site's usual page for the others."""

    def handler(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if is_api_path(request):
            return json_error(status)
        return site_handler(request, *args, **kwargs)

    handler.__name__ = f"{site_handler.__name__}_or_json"
    return handler


bad_request = _json_under_api(400, defaults.bad_request)
permission_denied = _json_under_api(403, defaults.permission_denied)
page_not_found = _json_under_api(404, defaults.page_not_found)
server_error = _json_under_api(500, defaults.server_error)


class JsonErrorsUnderApi:
    """Middleware: an error answered under /api/ in anything but JSON becomes `{"detail": ...}`.

    Outermost, so it also sees what inner middleware refused (a disallowed Host is turned
    into a 400 where CommonMiddleware asks for it). Without DEBUG the handlers above already
    answer JSON and this does nothing; with DEBUG it replaces the debug pages, which would
    otherwise show tracebacks and settings to API clients. The response is changed in
    place so the CORS and security headers set on the way out stay.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code < 400 or response.streaming or not is_api_path(request):
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        replacement = json_error(response.status_code)
        response.content = replacement.content
        for header in ("Content-Type", "Cache-Control"):
            response[header] = replacement[header]
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response
