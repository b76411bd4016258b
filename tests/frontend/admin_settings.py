"""Production settings for the admin under gunicorn in browser tests, with static files from the app
folders (WhiteNoise's finders) instead of a collectstatic manifest the test run does not build."""

from glossary_cms.settings import *  # noqa: F403 -- the production settings, otherwise unchanged

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
