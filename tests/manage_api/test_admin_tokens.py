"""API tokens in the admin: each user creates their own, sees the secret once, and revokes it (superusers: any)."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from manage_api.models import ApiToken
from manage_api.tokens import create_token, digest_of
from tests.manage_api.conftest import MANAGE, TokenClient, person

pytestmark = pytest.mark.django_db

ADD = reverse("admin:manage_api_apitoken_add")
CHANGELIST = reverse("admin:manage_api_apitoken_changelist")


def browser_of(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


@pytest.mark.parametrize("role", ["Writer", "Reviewer", "Publisher", "superuser"])
def test_every_editor_can_create_a_token_and_sees_its_secret_once(role, api_client):
    user = person(role)
    browser = browser_of(user)
    assert browser.get(ADD).status_code == 200

    created = browser.post(ADD, {"name": "nightly import", "expires_at_0": "", "expires_at_1": ""})

    assert created.status_code == 200
    assert "no-store" in created["Cache-Control"] and "private" in created["Cache-Control"]
    secret = created.context["secret"]
    token = ApiToken.objects.get()
    assert (token.user, token.name) == (user, "nightly import")
    assert secret in created.content.decode()
    assert token.digest == digest_of(secret)
    # The secret works, and is never shown again: not in the list, not on the token's page.
    assert TokenClient(api_client, secret).get(f"{MANAGE}/terms/").status_code == 200
    for page in (CHANGELIST, reverse("admin:manage_api_apitoken_change", args=[token.pk])):
        response = browser.get(page)
        assert response.status_code == 200
        html = response.content.decode()
        assert secret not in html
        assert f"gcms_{token.prefix}_" in html


def test_a_token_with_an_expiry_in_the_past_is_refused_with_the_name_kept():
    browser = browser_of(person("Writer"))
    past = timezone.localtime(timezone.now() - timedelta(days=1))

    response = browser.post(
        ADD,
        {"name": "my careful script", "expires_at_0": past.strftime("%Y-%m-%d"), "expires_at_1": "09:00:00"},
    )

    assert response.status_code == 200
    assert "Choose a moment in the future" in response.content.decode()
    assert 'value="my careful script"' in response.content.decode()
    assert not ApiToken.objects.exists()


def test_an_editor_sees_only_their_own_tokens_and_a_superuser_sees_all():
    writer, publisher, boss = person("Writer"), person("Publisher"), person("superuser")
    create_token(user=writer, name="writer's script")
    theirs = create_token(user=publisher, name="publisher's script").token

    writer_list = browser_of(writer).get(CHANGELIST).content.decode()
    assert "writer&#x27;s script" in writer_list and "publisher&#x27;s script" not in writer_list
    assert browser_of(writer).get(reverse("admin:manage_api_apitoken_change", args=[theirs.pk])).status_code == 302
    boss_list = browser_of(boss).get(CHANGELIST).content.decode()
    assert "writer&#x27;s script" in boss_list and "publisher&#x27;s script" in boss_list


def revoke(browser: Client, *tokens: ApiToken):
    return browser.post(
        CHANGELIST, {"action": "revoke_selected", "_selected_action": [token.pk for token in tokens]}, follow=True
    )


def test_an_editor_revokes_their_own_token_and_it_is_refused(api_client):
    writer = person("Writer")
    issued = create_token(user=writer, name="script")

    response = revoke(browser_of(writer), issued.token)

    assert "Revoked 1 token(s)" in response.content.decode()
    issued.token.refresh_from_db()
    assert issued.token.revoked_at is not None
    assert TokenClient(api_client, issued.secret).get(f"{MANAGE}/terms/").status_code == 401


def test_an_editor_cannot_revoke_someone_elses_token(api_client):
    writer = person("Writer")
    others = create_token(user=person("Publisher"), name="publisher's script")

    revoke(browser_of(writer), others.token)

    others.token.refresh_from_db()
    assert others.token.revoked_at is None
    assert TokenClient(api_client, others.secret).get(f"{MANAGE}/terms/").status_code == 200


def test_a_superuser_may_revoke_anyones_token(api_client):
    issued = create_token(user=person("Writer"), name="script")

    revoke(browser_of(person("superuser")), issued.token)

    issued.token.refresh_from_db()
    assert issued.token.revoked_at is not None
    assert TokenClient(api_client, issued.secret).get(f"{MANAGE}/terms/").status_code == 401


def test_tokens_are_never_edited_or_deleted_in_the_admin():
    writer = person("Writer")
    token = create_token(user=writer, name="script").token
    browser = browser_of(writer)

    browser.post(reverse("admin:manage_api_apitoken_change", args=[token.pk]), {"name": "renamed"})
    assert (
        browser.post(reverse("admin:manage_api_apitoken_delete", args=[token.pk]), {"post": "yes"}).status_code == 403
    )

    token.refresh_from_db()
    assert token.name == "script"
