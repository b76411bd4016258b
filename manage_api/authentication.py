"""`Authorization: Bearer <token>` for the management API (tokens in manage_api.tokens)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from manage_api.tokens import user_for_token


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """A personal API token; an unknown, expired or revoked token, or an inactive user's, is a 401."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        scheme, _, raw = header.partition(" ")
        if scheme.lower() != self.keyword.lower():
            return None  # no token: IsAuthenticated answers 401 with the challenge below
        found = user_for_token(raw.strip())
        if found is None:
            raise exceptions.AuthenticationFailed("The API token is unknown, expired or revoked.")
        return found

    def authenticate_header(self, request) -> str:
        return f'{self.keyword} realm="manage"'


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "manage_api.authentication.BearerTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema) -> dict:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token, created in the admin under Management API › API tokens.",
        }
