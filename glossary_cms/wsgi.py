"""WSGI entry point (gunicorn glossary_cms.wsgi): cached API answers first, then Django.

API paths run through Django with the API's own short middleware list (api/handler.py);
the admin and everything else through the full site middleware.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "glossary_cms.settings")

django_application = get_wsgi_application()

from api.fastpath import CachedApiResponses  # noqa: E402 -- needs Django set up first
from api.handler import ApiHandler, route_api_requests  # noqa: E402 -- needs Django set up first

application = CachedApiResponses(route_api_requests(api=ApiHandler(), site=django_application))
