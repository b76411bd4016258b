from django import template

from editorial.admin_health import may_see_content_health

register = template.Library()


@register.simple_tag(takes_context=True)
def may_see_content_health_page(context) -> bool:
    """Whether the signed-in user gets the Content health link (index and sidebar)."""
    request = context.get("request")
    return bool(request and may_see_content_health(request.user))
