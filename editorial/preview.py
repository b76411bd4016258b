"""Signed, expiring preview tokens: one token shows the current draft of one object.

A token names the object's type and id, is signed with Django's signing (its own salt,
so no other signed value can pass for one) and expires after
GLOSSARY_PREVIEW_TOKEN_SECONDS. It follows the latest draft: an editor can keep a
preview tab open while working, and the link stops working when it expires. Tokens are
never written to the audit log or to application logs.
"""

from django.conf import settings
from django.core import signing

SALT = "glossary-cms.preview-token"
KINDS = {"term": "terms.term", "comparison": "terms.comparison"}


class InvalidPreviewToken(Exception):
    """Tampered with, expired, or minted for another object."""


def mint_preview_token(*, kind: str, object_id: int) -> str:
    if kind not in KINDS:
        raise ValueError(f"Unknown preview kind {kind!r}")
    return signing.dumps({"kind": kind, "id": object_id}, salt=SALT, compress=True)


def object_id_from_token(token: str, *, kind: str) -> int:
    """The id of the object this token previews, if it is valid for that kind of object."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=settings.GLOSSARY_PREVIEW_TOKEN_SECONDS)
    except signing.SignatureExpired as error:
        raise InvalidPreviewToken("The preview token has expired.") from error
    except signing.BadSignature as error:
        raise InvalidPreviewToken("The preview token is invalid.") from error
    if not isinstance(payload, dict) or payload.get("kind") != kind or not isinstance(payload.get("id"), int):
        raise InvalidPreviewToken("The preview token is for another kind of object.")
    return payload["id"]
