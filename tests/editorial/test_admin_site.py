"""The admin is branded as Glossary CMS, and "View site" opens the frontend that renders the glossary."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_admin_is_branded_and_view_site_points_at_the_frontend(admin_client, settings):
    response = admin_client.get(reverse("admin:index"))

    html = response.content.decode()
    assert "Django administration" not in html
    assert "<title>Content | Glossary CMS</title>" in html
    assert f'<a href="{settings.GLOSSARY_FRONTEND_BASE_URL}">View site</a>' in html


def test_the_login_page_is_branded_too(client):
    html = client.get(reverse("admin:login")).content.decode()

    assert "Glossary CMS" in html
    assert "Django administration" not in html
