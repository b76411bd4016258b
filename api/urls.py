from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from api import views

app_name = "api"

urlpatterns = [
    path("terms/", views.TermListView.as_view(), name="term-list"),
    path("terms/<str:slug>/", views.TermDetailView.as_view(), name="term-detail"),
    path("terms/<str:slug>/widget/", views.TermWidgetView.as_view(), name="term-widget"),
    path("comparisons/", views.ComparisonListView.as_view(), name="comparison-list"),
    path("comparisons/<str:slug>/", views.ComparisonDetailView.as_view(), name="comparison-detail"),
    path("categories/", views.CategoryListView.as_view(), name="category-list"),
    path("categories/<str:slug>/", views.CategoryDetailView.as_view(), name="category-detail"),
    path("faqs/", views.FaqListView.as_view(), name="faq-list"),
    path("index/", views.IndexView.as_view(), name="index"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("sitemap/", views.SitemapView.as_view(), name="sitemap"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
]
