"""Serve the files under `frontend/`: the embeddable chat widget and the reference term page.

They are static files (no build step), served by this small view rather than by WhiteNoise
because `/widget.js` must keep a stable, unversioned URL that other sites embed (with a short
`max-age` so a fix reaches every site within minutes, and an ETag so revalidating costs a
304), and because the reference page answers one HTML file for every slug. Being a Django
view, it behaves the same under `make run` (runserver) and under gunicorn, with or without
`collectstatic`. Only the files named in `FRONTEND_FILES` are served: no path from the URL
ever reaches the file system.

Everything the pages show comes from the delivery API, read by the browser: these views
read no content and run no SQL query.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import quote_etag
from django.views.decorators.http import require_safe

FRONTEND_DIR = Path(settings.BASE_DIR) / "frontend"
# The URLs are not versioned (sites embed `/widget.js` as it is): a short life, then a cheap 304.
FRONTEND_MAX_AGE_SECONDS = 300
PREVIEW_PARAMETER = "preview_token"

# The widget is loaded by pages of other origins; the API's own pages use the same policy.
# Sanitised HTML from the API may show images from any https site; nothing else comes from elsewhere.
REFERENCE_PAGE_CSP = (
    "default-src 'self'; img-src 'self' https: data:; script-src 'self'; style-src 'self'; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"
)


@dataclass(frozen=True)
class FrontendFile:
    """A file of `frontend/` with the content type it is served with."""

    relative_path: str
    content_type: str

    @property
    def path(self) -> Path:
        return FRONTEND_DIR / self.relative_path

    def read(self) -> bytes:
        # Read on each request (a few kilobytes): an edited file is served at once, without a restart.
        return self.path.read_bytes()


WIDGET_SCRIPT = FrontendFile("widget.js", "text/javascript; charset=utf-8")
REFERENCE_TERM_PAGE = FrontendFile("reference/term.html", "text/html; charset=utf-8")
REFERENCE_ASSETS = {
    "term.js": FrontendFile("reference/term.js", "text/javascript; charset=utf-8"),
    "term.css": FrontendFile("reference/term.css", "text/css; charset=utf-8"),
}


def serve(request: HttpRequest, file: FrontendFile) -> HttpResponse:
    """The file with a strong ETag (304 when the client has it) and a short public cache life."""
    content = file.read()
    etag = quote_etag(hashlib.sha256(content).hexdigest()[:32])
    response = get_conditional_response(request, etag=etag) or HttpResponse(content, content_type=file.content_type)
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=FRONTEND_MAX_AGE_SECONDS)
    return response


@require_safe
def widget_script(request: HttpRequest) -> HttpResponse:
    """`/widget.js`: the chat widget that any site embeds with a `<script>` tag."""
    response = serve(request, WIDGET_SCRIPT)
    # Sites that isolate themselves (Cross-Origin-Embedder-Policy) may still load it.
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


@require_safe
def reference_term_page(request: HttpRequest, slug: str) -> HttpResponse:
    """`/reference/terms/<slug>/`: one page for every slug; its script asks the API for the term.

    An unknown slug is the API's 404, which the page shows as a not-found state. A draft
    preview (`?preview_token=`) is never stored by a shared cache nor indexed.
    """
    response = serve(request, REFERENCE_TERM_PAGE)
    response["Content-Security-Policy"] = REFERENCE_PAGE_CSP
    if PREVIEW_PARAMETER in request.GET:
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def reference_asset(request: HttpRequest, name: str) -> HttpResponse:
    """The reference page's script and style sheet (an allow-list: nothing else is served)."""
    file = REFERENCE_ASSETS.get(name)
    if file is None:
        raise Http404("No such file.")
    return serve(request, file)
