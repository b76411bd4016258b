"""Top-level URLs: the admin, the markdownx editor endpoints (staff only), the management API, the API,
and the embeddable widget and reference term page served from `frontend/` (glossary_cms/frontend.py).

Errors under /api/ are JSON `{"detail": ...}` (api/errors.py); elsewhere Django's pages.
"""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from editorial.admin_health import content_health_view
from editorial.internal_links import link_targets_view
from glossary_cms import frontend, home, probes
from media_library.views import serve_media
from terms.editor import markdownx_urls

urlpatterns = [
    path("", home.home, name="home"),
    path("admin/content-health/", admin.site.admin_view(content_health_view), name="content-health"),
    path("admin/link-targets/", link_targets_view, name="link-targets"),
    path("admin/", admin.site.urls),
    path("markdownx/", include(markdownx_urls)),
    path("media-library/", include("media_library.urls")),
    path("api/v1/manage/", include("manage_api.urls")),
    path("api/v1/", include("api.urls")),
    path("widget.js", frontend.widget_script, name="widget-script"),
    path("reference/terms/<str:slug>/", frontend.reference_term_page, name="reference-term"),
    path("reference/<str:name>", frontend.reference_asset, name="reference-asset"),
    # For load balancers: outside the API, so neither throttled nor cached (glossary_cms/probes.py).
    path("healthz", probes.healthz, name="healthz"),
    path("readyz", probes.readyz, name="readyz"),
]

# Uploaded files, where the app serves them itself (GLOSSARY_SERVE_MEDIA, on under DEBUG).
if settings.MEDIA_URL.startswith("/"):
    urlpatterns.append(re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.+)$", serve_media, name="media"))

handler400 = "api.errors.bad_request"
handler403 = "api.errors.permission_denied"
handler404 = "api.errors.page_not_found"
handler500 = "api.errors.server_error"
