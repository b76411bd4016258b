"""Live windows: the one definition of "live at an instant" that every published model shares.

A published row is live from `live_from` (inclusive) until `live_until` (exclusive, open
when empty), so an item scheduled for 10:00:00 is served from 10:00:00 and not a second
before, whether or not a worker has run.
"""

from datetime import datetime

from django.db.models import Q


def live_window(at: datetime, prefix: str = "") -> Q:
    """Q for rows whose live window contains the instant `at`."""
    return Q(**{f"{prefix}live_from__lte": at}) & (
        Q(**{f"{prefix}live_until__isnull": True}) | Q(**{f"{prefix}live_until__gt": at})
    )
