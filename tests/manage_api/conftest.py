"""Fixtures for the management API: people in editorial roles, each with a token, and a client that sends it."""

import pytest

from manage_api.tokens import create_token
from tests.editorial.helpers import user_in
from tests.factories import UserFactory

MANAGE = "/api/v1/manage"


class TokenClient:
    """The production WSGI stack (the `api_client` fixture), sending `Authorization: Bearer <token>`."""

    def __init__(self, api_client, secret: str | None) -> None:
        self.api_client = api_client
        self.secret = secret

    def _headers(self, headers: dict) -> dict:
        if self.secret is not None:
            headers.setdefault("HTTP_AUTHORIZATION", f"Bearer {self.secret}")
        return headers

    def get(self, path: str, data: dict | None = None, **headers):
        return self.api_client.get(path, data, **self._headers(headers))

    def post(self, path: str, data: dict | None = None, **headers):
        return self.api_client.post(path, data if data is not None else {}, **self._headers(headers))

    def put(self, path: str, data: dict, **headers):
        return self.api_client.put(path, data, **self._headers(headers))

    def patch(self, path: str, data: dict, **headers):
        return self.api_client.patch(path, data, **self._headers(headers))

    def delete(self, path: str, **headers):
        return self.api_client.delete(path, **self._headers(headers))


def person(role: str):
    """A user in `role` ("Writer", "Reviewer", "Publisher", "superuser"), one per role."""
    if role == "superuser":
        return UserFactory(username="root", superuser=True)
    return user_in(role, username=role.lower())


@pytest.fixture
def token_client(api_client, db):
    """token_client(role or user) -> a client acting with a fresh token of that user."""

    def make(who) -> TokenClient:
        user = person(who) if isinstance(who, str) else who
        return TokenClient(api_client, create_token(user=user, name=f"{user.username}'s script").secret)

    return make


@pytest.fixture
def writer(token_client) -> TokenClient:
    return token_client("Writer")


@pytest.fixture
def publisher(token_client) -> TokenClient:
    return token_client("Publisher")


@pytest.fixture
def root(token_client) -> TokenClient:
    return token_client("superuser")
