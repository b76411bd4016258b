"""Content health in the admin: the report page, and the confirmation before publishing over errors.

The checks live in the health app; the admin only shows what they found. Who may see the
report: active staff with an editorial role (any role can view terms), and superusers.
"""

from django.contrib import admin
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from health.checks import CHECKS
from health.problems import Problem
from health.report import content_health


def may_see_content_health(user: AbstractBaseUser) -> bool:
    return bool(user.is_active and user.is_staff and user.has_perm("terms.view_term"))


def content_health_view(request: HttpRequest) -> HttpResponse:
    """Every problem the checks find, grouped by severity, each with a link to fix it."""
    if not may_see_content_health(request.user):
        raise PermissionDenied
    report = content_health()
    context = {
        **admin.site.each_context(request),
        "title": "Content health",
        "report": report,
        "groups": [
            (severity, [(problem, CHECKS[problem.check].title) for problem in problems])
            for severity, problems in report.by_severity()
        ],
        "counts": report.counts(),
    }
    # admin_view() (glossary_cms/urls.py) marks the answer never-cache and asks for a login.
    return TemplateResponse(request, "editorial/content_health.html", context)


def health_confirmation(request: HttpRequest, *, context: dict, flagged: list[tuple[object, list[Problem]]]):
    """The page that asks before publishing items with error-level problems (409: nothing was done)."""
    context = {**context, "flagged": flagged}
    return TemplateResponse(request, "editorial/health_confirmation.html", context, status=409)
