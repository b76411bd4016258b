"""Management API URLs, mounted at /api/v1/manage/ (before the delivery API's /api/v1/)."""

from django.urls import path

from manage_api.views import CATEGORIES, COMPARISONS, SITE_FAQS, TERMS, views_for

app_name = "manage_api"

terms_list, term_detail, term_transition = views_for(TERMS, "term", "terms")
comparisons_list, comparison_detail, comparison_transition = views_for(COMPARISONS, "comparison", "comparisons")
categories_list, category_detail, _ = views_for(CATEGORIES, "category", "categories")
faqs_list, faq_detail, faq_transition = views_for(SITE_FAQS, "site-wide FAQ", "faqs")

urlpatterns = [
    path("terms/", terms_list.as_view(), name="term-list"),
    path("terms/<slug:key>/", term_detail.as_view(), name="term-detail"),
    path("terms/<slug:key>/<slug:transition>/", term_transition.as_view(), name="term-transition"),
    path("comparisons/", comparisons_list.as_view(), name="comparison-list"),
    path("comparisons/<slug:key>/", comparison_detail.as_view(), name="comparison-detail"),
    path("comparisons/<slug:key>/<slug:transition>/", comparison_transition.as_view(), name="comparison-transition"),
    path("categories/", categories_list.as_view(), name="category-list"),
    path("categories/<slug:key>/", category_detail.as_view(), name="category-detail"),
    path("faqs/", faqs_list.as_view(), name="faq-list"),
    path("faqs/<int:key>/", faq_detail.as_view(), name="faq-detail"),
    path("faqs/<int:key>/<slug:transition>/", faq_transition.as_view(), name="faq-transition"),
]
