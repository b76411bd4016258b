"""The OpenAPI schema covers the whole contract, validates, and the docs page needs no internet."""

import json
import re

import pytest
from django.core.management import call_command

from tests.api.support import API

pytestmark = pytest.mark.django_db

# Every path of the API.md endpoint table (schema and docs describe the others).
CONTRACT_PATHS = [
    "/api/v1/terms/",
    "/api/v1/terms/{slug}/",
    "/api/v1/terms/{slug}/widget/",
    "/api/v1/comparisons/",
    "/api/v1/comparisons/{slug}/",
    "/api/v1/categories/",
    "/api/v1/categories/{slug}/",
    "/api/v1/faqs/",
    "/api/v1/index/",
    "/api/v1/search/",
    "/api/v1/sitemap/",
]
OPENAPI_JSON = "application/vnd.oai.openapi+json"


@pytest.fixture
def schema(api_client) -> dict:
    response = api_client.get(f"{API}/schema/", HTTP_ACCEPT=OPENAPI_JSON)
    assert response.status_code == 200
    return json.loads(response.content)


def test_schema_is_openapi_3_with_every_contract_path_as_a_read(schema):
    assert schema["openapi"].startswith("3.")
    for path in CONTRACT_PATHS:
        assert path in schema["paths"], path
        assert "get" in schema["paths"][path]
        assert not {"post", "put", "patch", "delete"} & set(schema["paths"][path])


def test_schema_documents_the_term_list_parameters(schema):
    parameters = {parameter["name"] for parameter in schema["paths"]["/api/v1/terms/"]["get"]["parameters"]}

    assert {"category", "letter", "q", "updated_since", "ordering", "page", "page_size"} <= parameters


def test_schema_documents_paginated_lists(schema):
    response = schema["paths"]["/api/v1/terms/"]["get"]["responses"]["200"]["content"]["application/json"]
    reference = response["schema"]["$ref"].rsplit("/", 1)[-1]

    assert {"count", "next", "previous", "results"} <= set(schema["components"]["schemas"][reference]["properties"])


def test_schema_command_validates_without_warnings(tmp_path):
    target = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))

    assert target.read_text().startswith("openapi: 3.")


@pytest.fixture
def plain_static_files(settings):
    """Serve static files by name, as DEBUG does: the manifest storage needs `collectstatic` first."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def asset_urls(html: str) -> list[str]:
    return re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", html)


def test_docs_page_loads_only_local_assets(api_client, plain_static_files):
    response = api_client.get(f"{API}/docs/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    urls = asset_urls(html)
    assert any(url.endswith(".js") for url in urls) and any(url.endswith(".css") for url in urls)
    for url in urls:
        assert not url.startswith(("http://", "https://", "//")), url
    assert "//cdn" not in html


def test_docs_page_assets_are_served_by_the_app(api_client, plain_static_files):
    html = api_client.get(f"{API}/docs/").content.decode()

    for url in asset_urls(html):
        response = api_client.get(url)
        assert response.status_code == 200, url
        response.close()
