"""The production settings, with a random SECRET_KEY made for this test run.

Tests run with production settings (DEBUG off), which refuse to load without a strong
SECRET_KEY. pytest-django loads settings before any conftest runs, so the key is made
here; it goes into the environment, so the subprocesses a test starts sign with it too.
"""

import os
import secrets

os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))

from glossary_cms.settings import *  # noqa: E402, F403 -- the production settings, unchanged
