"""WSGI entry point (gunicorn glossary_cms.wsgi): Django, with cached API answers in front."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "glossary_cms.settings")

django_application = get_wsgi_application()

from api.fastpath import CachedApiResponses  # noqa: E402 -- needs Django set up first

application = CachedApiResponses(django_application)
