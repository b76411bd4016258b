"""Delivery API v1 URLs.

Slugs in paths use the `printable` converter: a slug with a control character (a NUL
byte above all, which PostgreSQL refuses in any text parameter with a crash) matches
no pattern, so it is a 404 before any view or query runs.
"""

from django.urls import path, register_converter
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from api import views, views_ask, views_feeds


class PrintableSlugConverter:
    """Any path segment without control characters (C0, DEL, C1); the view decides if it exists."""

    regex = r"[^/\x00-\x1f\x7f-\x9f]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(PrintableSlugConverter, "printable")

app_name = "api"

urlpatterns = [
    path("terms/", views.TermListView.as_view(), name="term-list"),
    path("terms/<printable:slug>/", views.TermDetailView.as_view(), name="term-detail"),
    path("terms/<printable:slug>/widget/", views.TermWidgetView.as_view(), name="term-widget"),
    path("comparisons/", views.ComparisonListView.as_view(), name="comparison-list"),
    path("comparisons/<printable:slug>/", views.ComparisonDetailView.as_view(), name="comparison-detail"),
    path("categories/", views.CategoryListView.as_view(), name="category-list"),
    path("categories/<printable:slug>/", views.CategoryDetailView.as_view(), name="category-detail"),
    path("faqs/", views.FaqListView.as_view(), name="faq-list"),
    path("index/", views.IndexView.as_view(), name="index"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("sitemap/", views.SitemapView.as_view(), name="sitemap"),
    path("terms/<printable:slug>/markdown/", views_feeds.TermMarkdownView.as_view(), name="term-markdown"),
    path(
        "comparisons/<printable:slug>/markdown/",
        views_feeds.ComparisonMarkdownView.as_view(),
        name="comparison-markdown",
    ),
    path("changes/", views_feeds.ChangeFeedView.as_view(), name="changes"),
    path("llms.txt", views_feeds.LlmsTxtView.as_view(), name="llms-txt"),
    path("llms-full.txt", views_feeds.LlmsFullTxtView.as_view(), name="llms-full-txt"),
    path("sitemap.xml", views_feeds.SitemapXmlView.as_view(), name="sitemap-xml"),
    path("ask/", views_ask.AskView.as_view(), name="ask"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
]
