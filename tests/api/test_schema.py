"""The OpenAPI schema covers the whole contract, validates, and the docs page needs no internet."""

import json
import re
import string

import pytest
from django.core.management import call_command
from django.urls import resolve

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


def query_parameters(schema: dict, path: str) -> dict[str, dict]:
    operation = schema["paths"][path]["get"]
    return {parameter["name"]: parameter for parameter in operation.get("parameters", []) if parameter["in"] == "query"}


@pytest.mark.parametrize("path", CONTRACT_PATHS)
def test_schema_declares_exactly_the_query_parameters_the_endpoint_accepts(schema, path):
    view = resolve(path.replace("{slug}", "some-slug")).func.view_class

    assert set(query_parameters(schema, path)) == view.allowed_parameters


@pytest.mark.parametrize("path", ["/api/v1/terms/", "/api/v1/comparisons/", "/api/v1/categories/", "/api/v1/faqs/"])
def test_schema_declares_the_page_ranges(schema, path):
    parameters = query_parameters(schema, path)

    assert parameters["page"]["schema"] == {"type": "integer", "minimum": 1}
    assert parameters["page_size"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 100}


def test_schema_declares_the_term_list_filters_exactly(schema):
    parameters = query_parameters(schema, "/api/v1/terms/")

    letters = parameters["letter"]["schema"]
    assert letters["type"] == "string"
    assert {*string.ascii_lowercase, "0-9"} <= set(letters["enum"])
    assert "" not in letters["enum"]
    assert set(letters["enum"]) <= {*string.ascii_lowercase, *string.ascii_uppercase, "0-9"}
    assert parameters["ordering"]["schema"] == {
        "type": "string",
        "enum": ["-name", "-updated_at", "name", "updated_at"],
    }
    assert parameters["updated_since"]["schema"] == {"type": "string", "format": "date-time"}
    assert parameters["category"]["schema"] == {"type": "string"}
    assert parameters["q"]["schema"]["type"] == "string"


@pytest.mark.parametrize("path", ["/api/v1/comparisons/", "/api/v1/faqs/"])
def test_schema_declares_the_term_filter_a_string(schema, path):
    assert query_parameters(schema, path)["term"]["schema"]["type"] == "string"


def test_schema_declares_search_q_required_and_not_empty(schema):
    q = query_parameters(schema, "/api/v1/search/")["q"]

    assert q["required"] is True
    assert q["schema"] == {"type": "string", "minLength": 1, "maxLength": 200}


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
