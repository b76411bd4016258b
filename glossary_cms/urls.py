"""Top-level URLs: the admin, the markdownx editor endpoints (staff only), the API."""

from django.contrib import admin
from django.urls import include, path

from terms.editor import markdownx_urls

urlpatterns = [
    path("admin/", admin.site.urls),
    path("markdownx/", include(markdownx_urls)),
    path("api/v1/", include("api.urls")),
]
