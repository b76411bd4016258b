"""Top-level URLs: the admin, the markdownx editor endpoints (staff only), the management API, the API.

Errors under /api/ are JSON `{"detail": ...}` (api/errors.py); elsewhere Django's pages.
"""

from django.contrib import admin
from django.urls import include, path

from terms.editor import markdownx_urls

urlpatterns = [
    path("admin/", admin.site.urls),
    path("markdownx/", include(markdownx_urls)),
    path("api/v1/manage/", include("manage_api.urls")),
    path("api/v1/", include("api.urls")),
]

handler400 = "api.errors.bad_request"
handler403 = "api.errors.permission_denied"
handler404 = "api.errors.page_not_found"
handler500 = "api.errors.server_error"
