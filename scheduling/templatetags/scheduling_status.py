from django import template
from django.conf import settings
from django.utils import timezone

from scheduling.models import Schedule

register = template.Library()


@register.simple_tag
def overdue_schedule_count() -> int:
    """How many schedules are past due without their side effects (the worker is down)."""
    return Schedule.objects.overdue(at=timezone.now(), grace_seconds=settings.GLOSSARY_OVERDUE_GRACE_SECONDS).count()
