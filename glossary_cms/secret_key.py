"""Which SECRET_KEY may sign: outside DEBUG only a strong key from the environment.

The key signs preview tokens (a draft shown to whoever holds one), sessions and
password-reset links, so a known key lets anyone forge them. There is no fallback key:
production refuses to start without a strong one, and local use (DEBUG=1) gets a random
key made once per checkout and kept outside the repository. This module reads no Django
settings, so settings.py can use it.
"""

import contextlib
import os
import secrets
import tempfile
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

# The key settings.py once fell back to. It is published in the repository's history.
PUBLISHED_DEVELOPMENT_KEY = "django-insecure-local-development-key-change-me"  # noqa: S105 -- named to refuse it
# The same bounds as Django's own check (security.W009).
MIN_LENGTH = 50
MIN_UNIQUE_CHARACTERS = 5


def weakness(key: str) -> str | None:
    """Why this key must not sign anything outside DEBUG, or None for a strong key."""
    if not key:
        return "it is not set"
    if key == PUBLISHED_DEVELOPMENT_KEY:
        return "it is the published development key"
    if key.startswith("django-insecure"):
        return "it starts with 'django-insecure', the prefix of generated development keys"
    if len(key) < MIN_LENGTH:
        return f"it has {len(key)} characters, fewer than {MIN_LENGTH}"
    if len(set(key)) < MIN_UNIQUE_CHARACTERS:
        return f"it has fewer than {MIN_UNIQUE_CHARACTERS} different characters"
    return None


def production_secret_key(raw: str | None) -> str:
    """The key from the environment, or ImproperlyConfigured naming the variable if it is missing or weak."""
    reason = weakness(raw or "")
    if reason:
        raise ImproperlyConfigured(
            f"SECRET_KEY cannot be used with DEBUG off: {reason}. Set the SECRET_KEY environment variable to "
            f"a random value of at least {MIN_LENGTH} characters, e.g. the output of "
            '`python -c "import secrets; print(secrets.token_urlsafe(50))"`. '
            "(With DEBUG=1, as `make run` sets, a local key is made for you.)"
        )
    return raw


def local_secret_key(path: Path) -> str:
    """The key kept at path, made random (and readable by this user only) the first time."""
    if not path.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Written in full under a temporary name (mkstemp makes it 0600), then linked into
        # place: the web server and the worker starting together agree on one key, and
        # neither can read a half-written one.
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".secret_key.")
        try:
            with os.fdopen(descriptor, "w") as file:
                file.write(secrets.token_urlsafe(50))
            with contextlib.suppress(FileExistsError):  # another process made the key first: use theirs
                os.link(temporary, path)
        finally:
            os.unlink(temporary)
    return path.read_text().strip()
