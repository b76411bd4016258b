"""API tokens: stored hashed, refused when unknown, expired, revoked or their user inactive; they act as their user."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from manage_api.models import ApiToken
from manage_api.tokens import create_token, revoke_token
from tests.factories import TermFactory, UserFactory
from tests.manage_api.conftest import MANAGE, TokenClient, person

pytestmark = pytest.mark.django_db


def test_only_a_digest_of_the_token_is_stored():
    issued = create_token(user=UserFactory(), name="import script")

    stored = ApiToken.objects.get()
    assert issued.secret.startswith(f"gcms_{stored.prefix}_")
    assert len(issued.secret) > 40
    assert issued.secret not in {stored.digest, stored.prefix, stored.name}
    assert stored.digest != issued.secret and len(stored.digest) == 64


def test_two_tokens_never_share_a_secret_or_a_prefix():
    user = UserFactory()
    first, second = create_token(user=user, name="a"), create_token(user=user, name="b")

    assert first.secret != second.secret
    assert first.token.prefix != second.token.prefix


def test_an_expiry_in_the_past_is_refused_naming_the_field():
    with pytest.raises(Exception) as refused:
        create_token(user=UserFactory(), name="late", expires_at=timezone.now() - timedelta(minutes=1))

    assert "expires_at" in refused.value.message_dict


def test_a_request_without_a_token_is_a_json_401_with_a_bearer_challenge(api_client):
    response = api_client.get(f"{MANAGE}/terms/")

    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "detail" in response.json()
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "header",
    [
        "Bearer gcms_00000000_not-a-real-secret",
        "Bearer gcms_short_x",
        "Bearer ",
        "Bearer something-else",
        "Token gcms_00000000_abc",  # another scheme: no credentials at all
    ],
)
def test_an_unknown_or_malformed_token_is_a_json_401(api_client, header):
    response = api_client.get(f"{MANAGE}/terms/", HTTP_AUTHORIZATION=header)

    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"


def test_a_tampered_secret_with_a_real_prefix_is_refused(api_client):
    issued = create_token(user=person("Writer"), name="script")
    tampered = issued.secret[:-4] + ("AAAA" if not issued.secret.endswith("AAAA") else "BBBB")

    assert api_client.get(f"{MANAGE}/terms/", HTTP_AUTHORIZATION=f"Bearer {tampered}").status_code == 401
    assert api_client.get(f"{MANAGE}/terms/", HTTP_AUTHORIZATION=f"Bearer {issued.secret}").status_code == 200


def test_a_token_works_until_its_expiry_and_is_refused_from_then_on(api_client):
    expiry = timezone.now() + timedelta(days=1)
    issued = create_token(user=person("Writer"), name="short-lived", expires_at=expiry)
    client = TokenClient(api_client, issued.secret)

    with time_machine.travel(expiry - timedelta(seconds=1), tick=False):
        assert client.get(f"{MANAGE}/terms/").status_code == 200
    with time_machine.travel(expiry, tick=False):
        response = client.get(f"{MANAGE}/terms/")
    assert response.status_code == 401
    assert response.json()["detail"] == "The API token is unknown, expired or revoked."


def test_a_revoked_token_is_refused_at_once(api_client):
    writer = person("Writer")
    issued = create_token(user=writer, name="script")
    client = TokenClient(api_client, issued.secret)
    assert client.get(f"{MANAGE}/terms/").status_code == 200

    assert revoke_token(token=issued.token, by=writer) is True

    assert client.get(f"{MANAGE}/terms/").status_code == 401
    assert revoke_token(token=issued.token, by=writer) is False  # revoked already


def test_only_the_owner_or_a_superuser_may_revoke_a_token():
    issued = create_token(user=person("Writer"), name="script")

    with pytest.raises(Exception, match="only your own"):
        revoke_token(token=issued.token, by=person("Publisher"))
    assert revoke_token(token=issued.token, by=person("superuser")) is True


def test_an_inactive_users_token_is_refused(api_client):
    writer = person("Writer")
    client = TokenClient(api_client, create_token(user=writer, name="script").secret)
    writer.is_active = False
    writer.save()

    assert client.get(f"{MANAGE}/terms/").status_code == 401


def test_last_used_at_records_the_tokens_use(api_client):
    issued = create_token(user=person("Writer"), name="script")
    assert issued.token.last_used_at is None
    before = timezone.now()

    TokenClient(api_client, issued.secret).get(f"{MANAGE}/terms/")

    issued.token.refresh_from_db()
    assert issued.token.last_used_at is not None and issued.token.last_used_at >= before


def test_a_token_acts_as_its_user_and_nothing_more(api_client):
    """A Writer's token may create drafts but not publish; the same call with a Publisher's may publish."""
    writer = TokenClient(api_client, create_token(user=person("Writer"), name="w").secret)
    term = TermFactory(slug="agent")

    refused = writer.post(f"{MANAGE}/terms/agent/publish/")

    assert refused.status_code == 403
    assert refused.json() == {"detail": "You do not have permission to publish."}
    assert not term.versions.exists()
    created = writer.post(f"{MANAGE}/terms/", {"name": "Tool use", "short_definition": "Calling tools."})
    assert created.status_code == 201
    assert created.json()["review_state"] == "draft"
