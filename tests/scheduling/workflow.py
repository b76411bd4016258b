"""Test helpers: move items through review, act in the admin, read the public API."""

from django.contrib.auth.models import Group
from django.contrib.messages import get_messages

from editorial import services as editorial
from tests.factories import UserFactory


def approved(item):
    """Submit the item for review and approve it, as two different people do."""
    editorial.submit_for_review(item=item, by=UserFactory(username="author", superuser=True))
    editorial.approve(item=item, by=UserFactory(username="reviewer", superuser=True))
    item.refresh_from_db()
    return item


def member_of(role: str, username: str):
    """A staff user in one of the editorial roles (groups made by the migrations)."""
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=role))
    return user


def messages_of(response) -> list[str]:
    """The admin messages a response set (read after a redirect was followed, or not)."""
    return [str(message) for message in get_messages(response.wsgi_request)]


def change_form_data(response) -> dict:
    """What a browser would post back from an admin change form shown by `response`, unchanged."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms.append(inline.formset.management_form)
        forms.extend(inline.formset.forms)
    data = {}
    for form in forms:
        for name in form.fields:
            bound = form[name]
            value = bound.value()
            if value is None or value is False:
                continue
            if value is True:
                data[bound.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[bound.html_name] = [str(part) for part in value]
            else:
                data[bound.html_name] = str(value)
    return data


def is_public(client, slug: str) -> bool:
    """Whether the term's own page is served by the delivery API."""
    status = client.get(f"/api/v1/terms/{slug}/").status_code
    assert status in {200, 404}
    return status == 200
