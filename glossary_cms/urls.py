"""Top-level URLs: the admin, the markdownx editor endpoints (staff only), the API.

Errors under /api/ are JSON `{"detail": ...}` (api/errors.py); elsewhere Django's pages.
"""

from django.contrib import admin
from django.urls import include, path

from glossary_cms import health
from terms.editor import markdownx_urls

urlpatterns = [
    path("admin/", admin.site.urls),
    path("markdownx/", include(markdownx_urls)),
    path("api/v1/", include("api.urls")),
    # For load balancers: outside the API, so neither throttled nor cached (glossary_cms/health.py).
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
]

handler400 = "api.errors.bad_request"
handler403 = "api.errors.permission_denied"
handler404 = "api.errors.page_not_found"
handler500 = "api.errors.server_error"
