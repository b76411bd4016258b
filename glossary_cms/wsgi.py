"""WSGI entry point (gunicorn glossary_cms.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "glossary_cms.settings")

application = get_wsgi_application()
