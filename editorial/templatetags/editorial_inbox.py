from django import template

from editorial.inbox import waiting_for

register = template.Library()


@register.inclusion_tag("editorial/inbox.html", takes_context=True)
def waiting_for_me(context) -> dict:
    user = context["request"].user
    return {"sections": waiting_for(user) if user.is_authenticated else []}
