"""The change feed's cursor and output shapes.

A cursor is opaque to clients: the reader's position in the feed (publishing/changes.py
`FeedCursor`) signed with the site's key, so a cursor the API did not hand out is a 400
naming `since`, never a position someone made up.
"""

from datetime import UTC, datetime, timedelta

from django.core import signing
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from publishing.changes import FeedCursor

_SIGNER = signing.Signer(salt="api.changes.cursor")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_MICROSECOND = timedelta(microseconds=1)


def _micros(moment: datetime | None) -> int | None:
    return None if moment is None else (moment - _EPOCH) // _ONE_MICROSECOND


def _moment(micros: int | None) -> datetime | None:
    return None if micros is None else _EPOCH + micros * _ONE_MICROSECOND


def encode_cursor(cursor: FeedCursor) -> str:
    fields = [_micros(cursor.seen_until), cursor.position]
    if cursor.batch_position is not None:
        fields += [cursor.batch_position, _micros(cursor.after_at), cursor.after_position]
    return _SIGNER.sign_object(fields)


def decode_cursor(raw: str) -> FeedCursor:
    """The cursor a client sent back; a 400 naming `since` if the API did not make it."""
    invalid = ValidationError({"since": ["Not a cursor this API gave out; start again without `since`."]})
    try:
        fields = _SIGNER.unsign_object(raw)
    except (signing.BadSignature, ValueError, TypeError):
        raise invalid from None
    if not isinstance(fields, list) or len(fields) not in {2, 5}:
        raise invalid
    if not all(value is None or (isinstance(value, int) and not isinstance(value, bool)) for value in fields):
        raise invalid
    seen_until, position, *batch = fields
    if position is None or (batch and (batch[0] is None or (batch[1] is None) != (batch[2] is None))):
        raise invalid
    batch_position, after_at, after_position = batch or (None, None, None)
    return FeedCursor(_moment(seen_until), position, batch_position, _moment(after_at), after_position)


class FeedParams(serializers.Serializer):
    since = serializers.CharField(
        required=False,
        max_length=500,
        trim_whitespace=False,
        help_text="A `cursor` or `next_cursor` from an earlier answer; omit to read from the beginning.",
    )
    limit = serializers.IntegerField(
        required=False, min_value=1, max_value=500, default=100, help_text="Changes per answer (1–500)."
    )


FEED_PARAMETERS = frozenset(FeedParams().fields)


class RedirectTargetSerializer(serializers.Serializer):
    slug = serializers.CharField()
    url = serializers.CharField()


class ChangeSerializer(serializers.Serializer):
    cursor = serializers.CharField(help_text="Resume right after this change: pass it as `since`.")
    type = serializers.ChoiceField(choices=["term", "comparison", "category", "faq"])
    slug = serializers.CharField(help_text="The slug concerned (an FAQ's id: site-wide FAQs have no slug).")
    action = serializers.ChoiceField(choices=["published", "updated", "withdrawn", "redirected"])
    at = serializers.DateTimeField(help_text="When the change showed in the API.")
    url = serializers.CharField(allow_null=True, help_text="The page's URL on the frontend (null for FAQs).")
    new_slug = serializers.CharField(allow_null=True, help_text="`redirected` only: the slug it now points to.")
    new_url = serializers.CharField(allow_null=True, help_text="`redirected` only: the page it now points to.")


class ChangeFeedSerializer(serializers.Serializer):
    changes = ChangeSerializer(many=True)
    next_cursor = serializers.CharField(help_text="Pass as `since` to read on (also when nothing is new yet).")
    has_more = serializers.BooleanField(help_text="More changes are ready now: read on at once.")
