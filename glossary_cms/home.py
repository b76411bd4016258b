"""`/`: a small page naming the service and linking to its doors (admin, API docs, reference page).

Without it the root answered a 404 (a debug page under DEBUG) and the first thing a new user
saw looked broken. The reference page needs a slug: the page links the first live term's, if
any (one query), so the link works on a fresh install with demo content and on a real one.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from terms.selectors import live_terms


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The root page: what this is, and where to go."""
    example_slug = live_terms(at=timezone.now()).order_by("slug").values_list("slug", flat=True).first()
    context = {
        "admin_url": reverse("admin:index"),
        "api_docs_url": reverse("api:docs"),
        "api_root_url": reverse("api:schema"),
        "reference_url": reverse("reference-term", args=[example_slug]) if example_slug else None,
    }
    return render(request, "home.html", context)
