"""Helpers for editorial tests: people in roles, items in a given review state, admin forms as posted."""

from html.parser import HTMLParser

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from editorial import services
from terms.models import ReviewState
from tests.factories import ComparisonFactory, TermFactory, UserFactory

S = ReviewState
ROLES = ["Writer", "Reviewer", "Publisher"]


def user_in(*roles: str, username: str | None = None):
    """A staff user in the given editorial groups (the groups the data migration made)."""
    user = UserFactory(**({"username": username} if username else {}))
    user.groups.add(*(Group.objects.get(name=role) for role in roles))
    return user


def actor(role: str):
    """A user acting in `role`: one of ROLES, or "superuser"."""
    if role == "superuser":
        return UserFactory(username="root", superuser=True)
    return user_in(role, username=role.lower())


def make_item(kind: str):
    """A fresh working copy of a term or a comparison (of two live terms), in draft."""
    return TermFactory() if kind == "term" else ComparisonFactory()


def bring_to(item, state: str) -> None:
    """Move `item` to `state` through the services, as superusers (one submits, another approves)."""
    boss = UserFactory(username="boss", superuser=True)
    chief = UserFactory(username="chief", superuser=True)
    if state == S.DRAFT:
        return
    if state == S.ARCHIVED:
        services.archive(item=item, by=boss)
        return
    services.submit_for_review(item=item, by=boss)
    if state == S.IN_REVIEW:
        return
    if state == S.CHANGES_REQUESTED:
        services.request_changes(item=item, by=chief, comment="Needs another pass.")
        return
    services.approve(item=item, by=chief)
    if state == S.APPROVED:
        return
    services.publish(item=item, by=boss)
    assert state == S.PUBLISHED, state


def admin_url(item, view: str, *args) -> str:
    meta = item._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=[item.pk, *args])


def changelist_url(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def live_versions(item) -> list[tuple[int, object]]:
    """Every published version as (number, live_until): what is (or was) public."""
    return list(item.versions.order_by("number").values_list("number", "live_until"))


def is_live(item) -> bool:
    return item.versions.live(at=timezone.now()).exists()


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]] if response.context else []


class _FormParser(HTMLParser):
    """Collects what a browser would submit from one <form>: inputs, textareas and selects."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._text: list[str] = []
        self._select: str | None = None
        self._select_multiple = False
        self._options: list[tuple[str, bool]] = []
        self._option_value: str | None = None
        self._option_selected = False
        self._option_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.in_form = True
            return
        if not self.in_form or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            default = "on" if kind in {"checkbox", "radio"} else ""
            self.fields.append((name, attrs.get("value") or default))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []
        elif tag == "select" and name:
            self._select, self._select_multiple, self._options = name, "multiple" in attrs, []
        elif tag == "option" and self._select is not None:
            self._option_value = attrs.get("value")
            self._option_selected = "selected" in attrs
            self._option_text = []

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)
        if self._option_value is None and self._select is not None:
            self._option_text.append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            # Browsers drop the newline that Django writes right after <textarea>.
            self.fields.append((self._textarea, text.removeprefix("\r\n").removeprefix("\n")))
            self._textarea = None
        elif tag == "option" and self._select is not None:
            value = self._option_value if self._option_value is not None else "".join(self._option_text).strip()
            self._options.append((value, self._option_selected))
            self._option_value = None
        elif tag == "select" and self._select is not None:
            chosen = [value for value, selected in self._options if selected]
            if not chosen and not self._select_multiple and self._options:
                chosen = [self._options[0][0]]
            self.fields.extend((self._select, value) for value in chosen)
            self._select = None


def form_data(html: str, form_id: str) -> dict[str, str | list[str]]:
    """The data a browser would post from the form with id `form_id`, as the test client takes it."""
    parser = _FormParser(form_id)
    parser.feed(html)
    assert parser.fields, f"no form #{form_id} in the page"
    data: dict[str, str | list[str]] = {}
    for name, value in parser.fields:
        if name in data:
            previous = data[name]
            data[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            data[name] = value
    return data


def change_form(client, item) -> dict[str, str | list[str]]:
    """GET the item's admin change page and return its form as a browser would post it."""
    response = client.get(admin_url(item, "change"))
    assert response.status_code == 200
    return form_data(response.content.decode(), f"{item._meta.model_name}_form")
